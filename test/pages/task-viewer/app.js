// A small frontend page of the kind the README describes: it reads one task
// through the browser bundle of roma-fdi and shows it. The browser tests
// serve it from one port and point it at the Prism mock on another.
// Query parameters: mock (the mock's base URL), task (a task ID), prefer (a
// Prefer header value).
import { createRomaClient, parseTaskDetail, RomaApiError } from "./roma-fdi.js";

const params = new URLSearchParams(location.search);
const result = document.querySelector("#result");

function cell(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

function field(id, label, value) {
  const row = document.createElement("p");
  row.append(cell("span", `${label}: `));
  const valueElement = cell("span", String(value));
  valueElement.id = id;
  row.append(valueElement);
  return row;
}

const prefer = params.get("prefer");
const roma = createRomaClient({
  endpoint: params.get("mock") ?? "",
  projectId: "c53626012ba84727b938ca8bf03108ef",
  auth: { token: "frontend-page-token" },
  retries: 0,
  timeoutMs: 10_000,
  headers: prefer ? { Prefer: prefer } : {},
});

try {
  const { task, task_detail } = await roma.getTask({
    instanceId: "fae7ff6c-8e07-4cf8-9e67-589cab2f017c",
    taskId: params.get("task") ?? "15366328208d4d77b76532fe9f4006a6",
  });
  const detail = parseTaskDetail(task_detail ?? "{}");
  const table = document.createElement("table");
  table.id = "mapping";
  const head = document.createElement("tr");
  head.append(cell("th", "source column"), cell("th", "target column"));
  table.append(head);
  for (const column of detail.mappingTable ?? []) {
    const row = document.createElement("tr");
    row.append(cell("td", column.sourceColumn ?? ""), cell("td", column.targetColumn ?? ""));
    table.append(row);
  }
  result.replaceChildren(
    cell("h1", "Task"),
    field("task-name", "name", task?.task_name ?? ""),
    field("task-status", "status", task?.status ?? ""),
    table,
  );
  document.body.dataset.state = "task";
} catch (error) {
  result.replaceChildren(
    cell("h1", "Error"),
    field("error-name", "class", error?.name ?? typeof error),
    field("error-is-api", "instanceof RomaApiError", error instanceof RomaApiError),
    field("error-status", "status", error?.status ?? ""),
    field("error-code", "errorCode", error?.errorCode ?? ""),
    field("error-message", "message", error?.message ?? String(error)),
  );
  document.body.dataset.state = "error";
}
