import { describe, expect, it } from "vitest";
import { parseTaskDetail, RomaResponseError } from "roma-fdi";
import { pageExample } from "./helpers/examples.js";

describe("parseTaskDetail", () => {
  it("parses the reference example: camelCase keys, mapping, selected columns, unknown keys kept", () => {
    const detail = parseTaskDetail(pageExample().task_detail ?? "");
    expect(detail.taskName).toBe("fdi_task_pzy4m5");
    expect(detail.mappingTable?.map((m) => [m.sourceColumn, m.targetColumn])).toEqual([["id", "id"], ["name", "name"]]);
    expect(detail.sourceSelectedDatasource?.sourceSelectedColumnList?.[1]).toMatchObject({ field_name: "name", field_type: "VARCHAR", field_length: "255" });
    expect(detail.targetSelectedDatasource?.targetTable).toBe("zhenghaotest.zh_sss02");
    expect(detail.mappingSourceTextOrNot).toEqual([{ flag: false }, { flag: false }]); // not in the spec, kept
  });

  it.each([
    ["not JSON", "{oops", /not valid JSON/],
    ["a JSON array", "[1]", /must hold a JSON object, got an array/],
    ["JSON null", "null", /got null/],
    ["a number", "42", /got number/],
  ])("throws RomaResponseError on %s, keeping the text", (_, text, message) => {
    let error: unknown;
    try {
      parseTaskDetail(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RomaResponseError);
    expect((error as Error).message).toMatch(message);
    expect((error as RomaResponseError).body).toBe(text);
    expect((error as RomaResponseError).kind).toBe("response");
  });
});
