// The summary and the error lines print server text. Found in review: a
// task_detail of an unexpected shape crashed the CLI ("mapping.map is not a
// function", exit 1), and control characters from the server reached the
// terminal raw (screen clears, colours, fake lines, reordered text).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readTaskDetail } from "../src/cli/detail.js";
import { renderTaskSummary } from "../src/cli/summary.js";
import { jsonTerminalSafe, terminalSafe } from "../src/cli/terminal-text.js";
import { pageExample } from "./helpers/examples.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { cli, isOneErrorLine, SHOW, TERMINAL_CONTROL } from "./helpers/cli.js";

const example = pageExample();
const exampleDetail = JSON.parse(example.task_detail ?? "{}") as Record<string, unknown>;

/** Shows a task whose body is `body` (sent as JSON) and returns what the CLI printed. */
async function show(body: unknown, extra: readonly string[] = []) {
  const { fetch } = fakeFetch(() => json(body));
  return cli([...SHOW, ...extra], { fetch });
}

/** Every line of `text` is free of terminal control characters. */
function linesAreSafe(text: string): boolean {
  return text.split("\n").every((line) => !TERMINAL_CONTROL.test(line));
}

describe("task_detail of an unexpected shape", () => {
  const CASES = [
    ["mappingTable is a string", { mappingTable: "x" }, "mappingTable is not a list", "task_detail.mappingTable must be array, got string"],
    ["mappingTable is an object", { mappingTable: { length: 2 } }, "mappingTable is not a list", "task_detail.mappingTable must be array, got object"],
    ["an entry is null", { mappingTable: [null] }, "entry 1 of mappingTable is not an object", "task_detail.mappingTable[0] must be object, got null"],
    ["an entry is a list", { mappingTable: [{ sourceColumn: "a" }, ["b"]] }, "entry 2 of mappingTable is not an object", "task_detail.mappingTable[1] must be object, got array"],
    ["a column name is a number", { mappingTable: [{ sourceColumn: 5, targetColumn: "b" }] }, "entry 1 of mappingTable has a sourceColumn that is not text", "task_detail.mappingTable[0].sourceColumn must be string, got integer"],
    ["a column type is an object", { mappingTable: [{ sourceColumn: "a", targetColumnType: {} }] }, "entry 1 of mappingTable has a targetColumnType that is not text", "task_detail.mappingTable[0].targetColumnType must be string, got object"],
    ["a column length is a list", { mappingTable: [{ sourceColumn: "a", sourceColumnLength: [1] }] }, "entry 1 of mappingTable has a sourceColumnLength that is not text", "task_detail.mappingTable[0].sourceColumnLength must be string, got array"],
  ] as const;

  // parseTaskDetail refuses these (a known key of the wrong type). Found in
  // review: the CLI then hid the whole mapping; it now hands the parsed
  // object to the renderer, which shows what it can, and warns on stderr.
  it.each(CASES)("%s: the CLI shows what the renderer can, and warns once", async (_, detail, reason, refusal) => {
    const { code, stdout, stderr } = await show({ ...example, task_detail: JSON.stringify(detail) });
    expect(code).toBe(0);
    expect(stdout).toContain("fdi_task_pzy4m5");
    expect(stdout).toContain(`Column mapping: not shown (${reason})`);
    expect(stderr).toBe(`roma-fdi: warning: task_detail does not match the spec (${refusal}); shown as far as possible\n`);
  });

  it.each(CASES)("%s: --json prints the parsed object, with the same warning", async (_, detail, __, refusal) => {
    const { code, stdout, stderr } = await show({ ...example, task_detail: JSON.stringify(detail) }, ["--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ ...example, task_detail: detail });
    expect(stderr).toBe(`roma-fdi: warning: task_detail does not match the spec (${refusal}); shown as far as possible\n`);
  });

  it("lengths given as numbers: the CLI shows them, and warns that the spec says text", async () => {
    const detail = {
      sourceSelectedDatasource: { sourceTable: "db.src" },
      mappingTable: [
        { sourceColumn: "id", sourceColumnType: "INT", sourceColumnLength: 11, targetColumn: "id", targetColumnType: "INT", targetColumnLength: 11 },
        { sourceColumn: "name", sourceColumnType: "VARCHAR", sourceColumnLength: "255", targetColumn: "name", targetColumnType: "VARCHAR" },
      ],
    };
    const { code, stdout, stderr } = await show({ ...example, task_detail: JSON.stringify(detail) });
    expect(code).toBe(0);
    expect(stdout).toContain("Column mapping (2)");
    expect(stdout).toMatch(/id\s+INT\(11\)\s+→\s+id\s+INT\(11\)/);
    expect(stdout).toMatch(/name\s+VARCHAR\(255\)\s+→\s+name\s+VARCHAR\n/);
    expect(stdout).toContain(", table db.src");
    expect(stderr).toBe(
      "roma-fdi: warning: task_detail does not match the spec (task_detail.mappingTable[0].sourceColumnLength must be string, got integer); shown as far as possible\n",
    );
  });

  it("side data of the wrong type: shown as far as possible, with a warning", async () => {
    const detail = { sourceSelectedDatasource: { sourceTable: 5 }, targetSelectedDatasource: "x", mappingTable: [] };
    const { code, stdout, stderr } = await show({ task: { task_name: "t" }, task_detail: JSON.stringify(detail) });
    expect(code).toBe(0);
    expect(stdout).toContain("Source    —, table 5");
    expect(stdout).toContain("Column mapping: none");
    expect(stderr).toMatch(/^roma-fdi: warning: task_detail does not match the spec \(task_detail\.sourceSelectedDatasource\.sourceTable must be string, got integer\); shown as far as possible\n$/);
  });

  it.each([
    ["not JSON", "{oops", /^task_detail is not valid JSON/],
    ["a JSON list", "[1,2]", /^task_detail must hold a JSON object, got an array$/],
    ["a JSON string", '"x"', /^task_detail must hold a JSON object, got string$/],
  ])("task_detail that is %s: the mapping is not shown, and nothing is guessed", async (_, text, problem) => {
    const summary = await show({ ...example, task_detail: text });
    expect({ code: summary.code, stderr: summary.stderr }).toEqual({ code: 0, stderr: "" });
    const line = /Column mapping: not shown \((.*)\)$/m.exec(summary.stdout)?.[1] ?? "";
    expect(line).toMatch(problem);
    // --json keeps the text as it came, and says why on stderr.
    const asJson = await show({ ...example, task_detail: text }, ["--json"]);
    expect(asJson.code).toBe(0);
    expect(JSON.parse(asJson.stdout).task_detail).toBe(text);
    expect(asJson.stderr).toMatch(/^roma-fdi: warning: task_detail .*; task_detail left as a string\n$/);
  });

  // The renderer on its own never trusts the shape either (it is also handed whatever a caller has).
  it.each(CASES)("%s: the renderer alone leaves the mapping out and says why", (_, detail, reason) => {
    const text = renderTaskSummary(example, detail as never);
    expect(text).toContain("fdi_task_pzy4m5");
    expect(text).toContain(`Column mapping: not shown (${reason})`);
  });

  it("odd side data is shown as it can be, without failing", () => {
    const detail = { sourceSelectedDatasource: 5, targetSelectedDatasource: { targetTable: { name: "t" } }, sourceDatasource: ["a"], taskName: 7 };
    const stdout = renderTaskSummary({ task: { task_id: "t1" } }, detail as never);
    expect(stdout).toContain("Task      7 (t1)");
    expect(stdout).toContain('Source    ["a"]');
    expect(stdout).toContain('Target    —, table {"name":"t"}');
    expect(stdout).toContain("Column mapping: none");
  });

  it("lengths given as numbers are shown", () => {
    const detail = { mappingTable: [{ sourceColumn: "id", sourceColumnType: "INT", sourceColumnLength: 11, targetColumn: "id" }] };
    expect(renderTaskSummary({ task: {} }, detail as never)).toMatch(/id\s+INT\(11\)\s+→\s+id/);
  });

  it.each([
    ["task is empty", { task: {}, task_detail: "{}" }],
    ["task_detail is absent", { task: {} }],
  ])("%s: still a summary, exit 0", async (_, body) => {
    const { code, stdout, stderr } = await show(body);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^Task {6}/);
    expect(stdout).toMatch(/Column mapping/);
  });

  // The library refuses a 2xx whose known fields have the wrong JSON type.
  it("task_detail that is not a string: the library's refusal, exit 3", async () => {
    const { code, stdout, stderr } = await show({ task: {}, task_detail: 5 });
    expect({ code, stdout }).toEqual({ code: 3, stdout: "" });
    expect(isOneErrorLine(stderr), stderr).toBe(true);
    expect(stderr).toContain("task_detail must be string, got integer");
  });

  it("task fields of any type: the renderer shows what it can", () => {
    const text = renderTaskSummary({ task: { task_name: { toString: 1 }, status: ["a"], created_date: "yesterday", task_id: { valueOf: 2 } } }, undefined);
    expect(text).toContain('Task      {"toString":1} ({"valueOf":2})');
    expect(text).toContain('Status    ["a"]');
    expect(text).toContain("Created   —");
  });

  // The CLI's own reading stays defensive, whatever the library lets through.
  it.each([
    [undefined, "the answer has no task_detail"],
    [5, "task_detail is not a string"],
    [{ mappingTable: [] }, "task_detail is not a string"],
  ])("readTaskDetail(%j) names the problem", (value, problem) => {
    expect(readTaskDetail(value)).toEqual({ detail: undefined, problem, mismatch: undefined });
  });

  // Objects of any shape under the keys the renderer reads, and anywhere else.
  const KNOWN_KEYS = [
    "task", "task_detail", "task_name", "task_id", "task_type", "task_mode", "status", "execute_status", "created_date",
    "last_modified_date", "description", "task_tag", "source_datasource_name", "source_datasource_type",
    "target_datasource_name", "target_datasource_type", "taskName", "sourceDatasource", "sourceDatasourceType",
    "targetDatasource", "targetDatasourceType", "sourceSelectedDatasource", "targetSelectedDatasource", "sourceTable",
    "targetTable", "mappingTable", "sourceColumn", "sourceColumnType", "sourceColumnLength", "targetColumn",
    "targetColumnType", "targetColumnLength", "toString", "valueOf", "__proto__", "constructor", "length", "toJSON",
  ];
  const key = fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 6 }));
  const value = fc.letrec((tie) => ({
    any: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("leaf"), tie("list"), tie("object")),
    leaf: fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
    list: fc.array(tie("any"), { maxLength: 4 }),
    object: fc.dictionary(key, tie("any"), { maxKeys: 6 }),
  })).any;
  // What a server can send: JSON text, parsed again (so "__proto__" is an own key, as JSON.parse makes it).
  const asParsedJson = (input: unknown) => JSON.parse(JSON.stringify(input) ?? "null") as unknown;
  const detailValue = fc.oneof(
    value,
    fc.jsonValue(),
    fc.record({ mappingTable: value }),
    fc.record({ mappingTable: fc.array(fc.dictionary(key, value, { maxKeys: 6 }), { maxLength: 3 }) }),
    fc.record({ sourceSelectedDatasource: value, targetSelectedDatasource: value, taskName: value }),
  ).map(asParsedJson);
  const taskValue = fc.oneof(value, fc.dictionary(key, value, { maxKeys: 8 })).map(asParsedJson);

  it("renderTaskSummary never throws, and every line it writes is terminal-safe (property)", () => {
    fc.assert(
      fc.property(taskValue, detailValue, fc.option(fc.string({ unit: "binary" }), { nil: undefined }), (task, detail, problem) => {
        const text = renderTaskSummary({ task } as never, detail as never, problem);
        expect(text).toMatch(/^Task {6}/);
        expect(linesAreSafe(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the CLI shows any task object with any JSON task_detail, and answers exit 3 for anything else (property)", async () => {
    await fc.assert(
      fc.asyncProperty(taskValue, detailValue, fc.boolean(), async (task, detail, asJson) => {
        const { code, stdout, stderr } = await show({ task, task_detail: JSON.stringify(detail) }, asJson ? ["--json"] : []);
        expect(linesAreSafe(stdout)).toBe(true);
        const isTask = typeof task === "object" && task !== null && !Array.isArray(task);
        if (code === 3) {
          // The CLI's refusal of a body without a task object, or the
          // library's of a known field of the wrong type: one line, no output.
          expect(stdout).toBe("");
          expect(isOneErrorLine(stderr), stderr).toBe(true);
          if (isTask) expect(stderr).not.toBe("roma-fdi: the answer holds no task\n");
          return;
        }
        expect({ isTask, code }).toEqual({ isTask: true, code: 0 });
        // A task_detail that is not what the spec says is noted on stderr: one safe line.
        if (stderr) expect(isOneErrorLine(stderr) && stderr.startsWith("roma-fdi: warning: "), stderr).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("server text is shown with control characters escaped", () => {
  const hostile = {
    task: {
      task_name: "\u001b[2J\u001b[31mEVIL",
      task_id: "id\u0007",
      status: "stop\r\nFAKE",
      execute_status: "\u009b31m",
      description: "abc\u202edcba\u2066x\u2069",
      task_tag: "del\u007f",
      source_datasource_name: "\u0000src",
      created_date: 1_666_772_375_897,
    },
    task_detail: JSON.stringify({
      sourceSelectedDatasource: { sourceTable: "t\u001b]0;title\u0007" },
      mappingTable: [{ sourceColumn: "a\u001b[1m", sourceColumnType: "INT\n", targetColumn: "b\u2028c", targetColumnType: "\u200fX" }],
    }),
  };

  it("in the summary: escapes shown, the layout kept", async () => {
    const { code, stdout } = await show(hostile);
    expect(code).toBe(0);
    expect(linesAreSafe(stdout)).toBe(true);
    expect(stdout).toContain("Task      \\u001b[2J\\u001b[31mEVIL (id\\u0007)");
    expect(stdout).toContain("Status    stop\\u000d\\u000aFAKE (last run: \\u009b31m)");
    expect(stdout).toContain("About     abc\\u202edcba\\u2066x\\u2069");
    expect(stdout).toContain("Tag       del\\u007f");
    expect(stdout).toContain("Source    \\u0000src, table t\\u001b]0;title\\u0007");
    expect(stdout).toMatch(/a\\u001b\[1m\s+INT\\u000a\s+→\s+b\\u2028c\s+\\u200fX/);
    // One line per field: nothing the server sent started a new one.
    expect(stdout.split("\n").filter((line) => line.startsWith("FAKE"))).toEqual([]);
  });

  it("in --json: still JSON with the same values, and no raw control character", async () => {
    const { code, stdout } = await show(hostile, ["--json"]);
    expect(code).toBe(0);
    expect(linesAreSafe(stdout)).toBe(true);
    expect(JSON.parse(stdout)).toEqual({ ...hostile, task_detail: JSON.parse(hostile.task_detail) });
  });

  it("jsonTerminalSafe keeps any JSON document parseable to the same value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = jsonTerminalSafe(JSON.stringify(value, null, 2));
        expect(linesAreSafe(text)).toBe(true);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it("terminalSafe leaves ordinary text alone, other scripts included", () => {
    expect(terminalSafe("fdi_task 数据集成 — ok (1/2) \\u0041")).toBe("fdi_task 数据集成 — ok (1/2) \\u0041");
  });

  it.each([
    ["the error message", { error_code: "FDI.3083", error_msg: "no \u001b[2Jplan\u202e" }, {}],
    ["the error code", { error_code: "FDI\u001b[31m.1", error_msg: "x" }, {}],
    ["the request id header", { error_code: "FDI.1", error_msg: "x" }, { "x-request-id": "rid\u001b[0m" }],
    ["the request id in the body", { error_code: "FDI.1", error_msg: "x", request_id: "rid\u009b1m" }, {}],
  ])("in an API error line: %s", async (_, body, headers) => {
    const { fetch } = fakeFetch(() => json(body, 404, headers));
    const { code, stderr } = await cli(SHOW, { fetch });
    expect(code).toBe(3);
    expect(isOneErrorLine(stderr)).toBe(true);
    expect(TERMINAL_CONTROL.test(stderr.trimEnd())).toBe(false);
    expect(stderr).toMatch(/\\u(001b|009b|202e)/);
  });

  it("in an unexpected error from a custom fetch", async () => {
    const fetch = async (): Promise<Response> => {
      throw new TypeError("fetch failed", { cause: new Error("boom\r\n\u001b[2Jagain\u2066") });
    };
    const { code, stderr } = await cli(SHOW, { fetch });
    expect(code).toBe(4);
    expect(isOneErrorLine(stderr)).toBe(true);
    expect(TERMINAL_CONTROL.test(stderr.trimEnd())).toBe(false);
    expect(stderr).toContain("boom \\u001b[2Jagain\\u2066");
  });

  it("in the warning --json gives for an unreadable task_detail", async () => {
    const { code, stderr } = await show({ task: {}, task_detail: "\u001b[2J{" }, ["--json"]);
    expect(code).toBe(0);
    expect(isOneErrorLine(stderr)).toBe(true);
    expect(stderr).toMatch(/^roma-fdi: warning: task_detail is not valid JSON/);
    expect(TERMINAL_CONTROL.test(stderr.trimEnd())).toBe(false);
  });
});

// Found in review: a 2xx JSON object that is not a task (another API's
// answer, a gateway's page) was shown as an all-"—" summary with exit 0.
describe("an answer that holds no task", () => {
  it.each([
    ["another API's answer", { versions: [{ id: "v2", status: "CURRENT" }] }],
    ["an empty object", {}],
    ["only a task_detail", { task_detail: JSON.stringify({ taskName: "x" }) }],
  ])("%s: one line, exit 3, nothing on stdout", async (_, body) => {
    for (const extra of [[], ["--json"]]) {
      const result = await show(body, extra);
      expect(result).toEqual({ code: 3, stdout: "", stderr: "roma-fdi: the answer holds no task\n" });
    }
  });

  // The library may refuse a task of the wrong type itself (RomaResponseError,
  // also exit 3); either way the CLI must not print a summary of nothing.
  it.each([
    ["task is a string", { task: "x", task_detail: "{}" }],
    ["task is a list", { task: [1, 2], task_detail: "{}" }],
    ["task is null", { task: null }],
    ["task is a number", { task: 5 }],
  ])("%s: exit 3 with one error line", async (_, body) => {
    for (const extra of [[], ["--json"]]) {
      const { code, stdout, stderr } = await show(body, extra);
      expect({ code, stdout }).toEqual({ code: 3, stdout: "" });
      expect(isOneErrorLine(stderr), stderr).toBe(true);
    }
  });
});
