import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTaskDetail, RomaResponseError, type ShowTaskResponse } from "roma-fdi";
import { RESPONSE_EXAMPLES } from "../generated/client.js";
import { exampleValue, pageExample } from "./helpers/examples.js";

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

describe("parseTaskDetail checks the types the spec gives known keys", () => {
  const detailWith = (patch: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(pageExample().task_detail ?? ""), ...patch });
  const failure = (text: string) => {
    try {
      parseTaskDetail(text);
    } catch (error) {
      return error as RomaResponseError;
    }
    throw new Error("expected a RomaResponseError");
  };

  it.each([
    [{ mappingTable: "x" }, "task_detail.mappingTable must be array, got string"],
    [{ mappingTable: [null] }, "task_detail.mappingTable[0] must be object, got null"],
    [{ mappingTable: [{ sourceColumn: 5 }] }, "task_detail.mappingTable[0].sourceColumn must be string, got integer"],
    [{ sourceSelectedDatasource: 5 }, "task_detail.sourceSelectedDatasource must be object, got integer"],
    [{ taskType: 1.5 }, "task_detail.taskType must be integer or string, got number"],
    [{ needAPI: "false" }, "task_detail.needAPI must be boolean, got string"],
  ])("%j is refused, naming the place", (patch, message) => {
    const error = failure(detailWith(patch));
    expect(error).toBeInstanceOf(RomaResponseError);
    expect(error.message).toContain(message);
  });

  it("null stands for 'no value' on any known key, and unknown keys of any type pass", () => {
    const detail = parseTaskDetail(detailWith({ description: null, mappingTable: null, somethingNew: [1, { a: null }] }));
    expect(detail.description).toBeNull();
    expect(detail.somethingNew).toEqual([1, { a: null }]);
  });

  it.each(RESPONSE_EXAMPLES["200"])("the spec's example %s passes", (name) => {
    expect(() => parseTaskDetail(exampleValue<ShowTaskResponse>(name).task_detail ?? "")).not.toThrow();
  });

  it("property: any JSON either parses to the same value or is refused with RomaResponseError", () => {
    const underKnownKeys = fc.record({ mappingTable: fc.jsonValue(), sourceSelectedDatasource: fc.jsonValue(), taskType: fc.jsonValue() }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), underKnownKeys), (value) => {
        const text = JSON.stringify(value);
        try {
          expect(parseTaskDetail(text)).toEqual(JSON.parse(text));
        } catch (error) {
          expect(error).toBeInstanceOf(RomaResponseError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
