// The column-mapping table of `roma-fdi task show`. Found in review: it was
// padded by string length, so Chinese (and other wide) column names pushed
// the following columns out of line. Cells are now padded by display width.
import { describe, expect, it } from "vitest";
import { displayWidth } from "../src/cli/display-width.js";
import { renderTaskSummary } from "../src/cli/summary.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { cli, SHOW } from "./helpers/cli.js";

describe("displayWidth", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["Ωé—", 3], // ambiguous-width letters and punctuation count as narrow
    ["数据集成", 8],
    ["한국어", 6],
    ["ひらがなカタカナ", 16],
    ["ＩＤ", 4], // fullwidth Latin
    ["ｱｲｳ", 3], // halfwidth katakana
    ["cafe\u0301", 4], // a combining acute accent takes no column
    ["e\u20dd", 1], // an enclosing mark neither
    ["a\u200bb", 2], // nor a zero-width space
    ["😀", 2],
    ["𠀀", 2], // a CJK ideograph outside the BMP (extension B)
    ["\\u001b", 6], // an escape as the renderer writes it
  ])("%j is %i columns wide", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("the column-mapping table with wide characters", () => {
  const detail = {
    mappingTable: [
      { sourceColumn: "客户名称全称", sourceColumnType: "VARCHAR", sourceColumnLength: "64", targetColumn: "customer_name", targetColumnType: "VARCHAR", targetColumnLength: "64" },
      { sourceColumn: "id", sourceColumnType: "INT", targetColumn: "编号", targetColumnType: "INT" },
      { sourceColumn: "cafe\u0301", sourceColumnType: "ＴＥＸＴ", targetColumn: "café", targetColumnType: "TEXT" },
    ],
  };
  // Written out by hand: every column starts at the same screen column on every line.
  const EXPECTED = [
    "Column mapping (3)",
    "  SOURCE COLUMN  TYPE            TARGET COLUMN  TYPE",
    "  客户名称全称   VARCHAR(64)  →  customer_name  VARCHAR(64)",
    "  id             INT          →  编号           INT",
    "  cafe\u0301           ＴＥＸＴ     →  café           TEXT",
  ].join("\n");

  it("the renderer pads by display width", () => {
    expect(renderTaskSummary({ task: {} }, detail)).toContain(EXPECTED);
  });

  it("the CLI prints the same table", async () => {
    const { fetch } = fakeFetch(() => json({ task: { task_name: "宽字符" }, task_detail: JSON.stringify(detail) }));
    const { code, stdout, stderr } = await cli(SHOW, { fetch });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(EXPECTED);
  });
});
