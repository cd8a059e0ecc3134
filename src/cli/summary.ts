/** Renders a task as the readable summary `roma-fdi task show` prints. */
import type { ColumnMapping, ShowTaskResponse, TaskDetail } from "../../generated/schema.js";

/** Formats an epoch-millisecond value as an ISO time, or says why it cannot. */
export function isoTime(value: unknown): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? `${value} (not a valid time)` : date.toISOString();
}

/**
 * Builds the multi-line summary: name, type, status, times, source → target
 * and the column mapping as a table. `detail` is the parsed `task_detail`,
 * or undefined when it is missing or unreadable (`detailProblem` says why).
 */
export function renderTaskSummary(body: ShowTaskResponse, detail: TaskDetail | undefined, detailProblem?: string): string {
  const task = body.task ?? {};
  const lines: string[] = [];
  const field = (label: string, value: string) => lines.push(`${label.padEnd(10)}${value}`);
  field("Task", `${task.task_name ?? detail?.taskName ?? "—"}${task.task_id ? ` (${task.task_id})` : ""}`);
  field("Type", `${task.task_type ?? "—"}${task.task_mode ? `, mode ${task.task_mode}` : ""}`);
  field("Status", `${task.status ?? "—"}${task.execute_status ? ` (last run: ${task.execute_status})` : ""}`);
  field("Created", isoTime(task.created_date));
  field("Modified", isoTime(task.last_modified_date));
  if (task.description) field("About", task.description);
  if (task.task_tag) field("Tag", task.task_tag);
  field("Source", side(task.source_datasource_name ?? detail?.sourceDatasource, task.source_datasource_type ?? detail?.sourceDatasourceType, detail?.sourceSelectedDatasource?.sourceTable));
  field("Target", side(task.target_datasource_name ?? detail?.targetDatasource, task.target_datasource_type ?? detail?.targetDatasourceType, detail?.targetSelectedDatasource?.targetTable));
  lines.push("");
  if (detailProblem) {
    lines.push(`Column mapping: not shown (${detailProblem})`);
  } else {
    const mapping = detail?.mappingTable ?? [];
    lines.push(mapping.length ? `Column mapping (${mapping.length})` : "Column mapping: none");
    if (mapping.length) lines.push(...renderMappingTable(mapping));
  }
  return lines.join("\n");
}

function side(name: string | undefined, type: string | undefined, table: string | undefined): string {
  let text = name ?? "—";
  if (type) text += ` (${type})`;
  if (table) text += `, table ${table}`;
  return text;
}

/** Renders the column mapping as an aligned text table, one row per mapped column. */
export function renderMappingTable(mapping: readonly ColumnMapping[]): string[] {
  const typeOf = (type: string | undefined, length: string | undefined) => (type ? (length ? `${type}(${length})` : type) : "");
  const rows = mapping.map((entry) => [
    entry.sourceColumn ?? "",
    typeOf(entry.sourceColumnType, entry.sourceColumnLength),
    "→",
    entry.targetColumn ?? "",
    typeOf(entry.targetColumnType, entry.targetColumnLength),
  ]);
  const header = ["SOURCE COLUMN", "TYPE", " ", "TARGET COLUMN", "TYPE"];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const format = (cells: string[]) => `  ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd()}`;
  return [format(header), ...rows.map(format)];
}
