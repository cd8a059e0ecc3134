/**
 * Renders a task as the readable summary `roma-fdi task show` prints.
 * The body comes from a server, so nothing about its shape is trusted: any
 * JSON value may sit where the spec promises a string or an object, and the
 * renderer shows what it can instead of failing. Every server string is made
 * terminal-safe (see terminal-text.ts).
 */
import { displayWidth, padToWidth } from "./display-width.js";
import { terminalSafe } from "./terminal-text.js";

/** Formats an epoch-millisecond value as an ISO time, or says why it cannot. */
export function isoTime(value: unknown): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? `${value} (not a valid time)` : date.toISOString();
}

/**
 * Builds the multi-line summary: name, type, status, times, source → target
 * and the column mapping as a table. `body` is the answer (a
 * `ShowTaskResponse` when the server keeps its promises), `detail` the parsed
 * `task_detail`, or undefined when it is missing or unreadable
 * (`detailProblem` says why). Never throws, whatever the values hold.
 */
export function renderTaskSummary(body: unknown, detail: unknown, detailProblem?: string): string {
  const task = get(body, "task");
  const lines: string[] = [];
  const field = (label: string, value: string) => lines.push(`${label.padEnd(10)}${value}`);
  const taskId = text(get(task, "task_id"));
  field("Task", `${text(get(task, "task_name")) ?? text(get(detail, "taskName")) ?? "—"}${taskId ? ` (${taskId})` : ""}`);
  const mode = text(get(task, "task_mode"));
  field("Type", `${text(get(task, "task_type")) ?? "—"}${mode ? `, mode ${mode}` : ""}`);
  const lastRun = text(get(task, "execute_status"));
  field("Status", `${text(get(task, "status")) ?? "—"}${lastRun ? ` (last run: ${lastRun})` : ""}`);
  field("Created", isoTime(get(task, "created_date")));
  field("Modified", isoTime(get(task, "last_modified_date")));
  const about = text(get(task, "description"));
  if (about) field("About", about);
  const tag = text(get(task, "task_tag"));
  if (tag) field("Tag", tag);
  field("Source", side(task, detail, "source"));
  field("Target", side(task, detail, "target"));
  lines.push("");
  const mapping = detailProblem === undefined ? readMapping(detail) : { problem: detailProblem };
  if ("problem" in mapping) {
    lines.push(`Column mapping: not shown (${mapping.problem})`);
  } else if (mapping.rows.length === 0) {
    lines.push("Column mapping: none");
  } else {
    lines.push(`Column mapping (${mapping.rows.length})`, ...renderRows(mapping.rows));
  }
  // Values were escaped as they were read; this pass keeps the promise for
  // anything else that reaches a line (such as detailProblem).
  return lines.map(terminalSafe).join("\n");
}

function side(task: unknown, detail: unknown, which: "source" | "target"): string {
  const name = text(get(task, `${which}_datasource_name`)) ?? text(get(detail, `${which}Datasource`));
  const type = text(get(task, `${which}_datasource_type`)) ?? text(get(detail, `${which}DatasourceType`));
  const table = text(get(get(detail, `${which}SelectedDatasource`), `${which}Table`));
  let result = name ?? "—";
  if (type) result += ` (${type})`;
  if (table) result += `, table ${table}`;
  return result;
}

type Row = [source: string, sourceType: string, arrow: string, target: string, targetType: string];

const TEXT_KEYS = ["sourceColumn", "sourceColumnType", "targetColumn", "targetColumnType"] as const;
const LENGTH_KEYS = ["sourceColumnLength", "targetColumnLength"] as const;

/** Reads `mappingTable` into table rows, or says why its shape does not allow it. */
function readMapping(detail: unknown): { rows: Row[] } | { problem: string } {
  if (detail === undefined) return { rows: [] };
  if (!isObject(detail)) return { problem: "task_detail is not a JSON object" };
  const table = get(detail, "mappingTable");
  if (table === undefined || table === null) return { rows: [] };
  if (!Array.isArray(table)) return { problem: "mappingTable is not a list" };
  const rows: Row[] = [];
  for (const [index, entry] of table.entries()) {
    const where = `entry ${index + 1} of mappingTable`;
    if (!isObject(entry)) return { problem: `${where} is not an object` };
    for (const key of TEXT_KEYS) {
      const value = get(entry, key);
      if (value !== undefined && value !== null && typeof value !== "string") return { problem: `${where} has a ${key} that is not text` };
    }
    for (const key of LENGTH_KEYS) {
      const value = get(entry, key);
      if (value !== undefined && value !== null && typeof value !== "string" && typeof value !== "number") {
        return { problem: `${where} has a ${key} that is not text` };
      }
    }
    const typeOf = (type: unknown, length: unknown) => {
      const name = text(type);
      const size = text(length);
      return name ? (size ? `${name}(${size})` : name) : "";
    };
    rows.push([
      text(get(entry, "sourceColumn")) ?? "",
      typeOf(get(entry, "sourceColumnType"), get(entry, "sourceColumnLength")),
      "→",
      text(get(entry, "targetColumn")) ?? "",
      typeOf(get(entry, "targetColumnType"), get(entry, "targetColumnLength")),
    ]);
  }
  return { rows };
}

/** Lays the rows out as an aligned text table under a header. */
function renderRows(rows: readonly Row[]): string[] {
  const header: Row = ["SOURCE COLUMN", "TYPE", " ", "TARGET COLUMN", "TYPE"];
  // By display width, so that CJK and other wide column names keep the columns in line.
  const widths = header.map((title, i) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i] ?? ""))));
  const format = (cells: readonly string[]) => `  ${cells.map((cell, i) => padToWidth(cell, widths[i] ?? 0)).join("  ").trimEnd()}`;
  return [format(header), ...rows.map(format)];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own property of an object, or undefined for anything else (inherited names such as `toString` included). */
function get(value: unknown, key: string): unknown {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

const MAX_SHOWN_CHARS = 200;

/**
 * A value as terminal-safe text, or undefined when there is nothing to show
 * (absent, null, empty). Strings are shown as they are, numbers and booleans
 * as written; anything else as compact JSON, cut at 200 characters.
 */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let shown: string;
  if (typeof value === "string") shown = value;
  else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") shown = String(value);
  else shown = jsonText(value);
  return terminalSafe(shown);
}

function jsonText(value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return `(${typeof value})`;
  return json.length > MAX_SHOWN_CHARS ? `${json.slice(0, MAX_SHOWN_CHARS - 1)}…` : json;
}
