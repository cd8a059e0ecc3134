// Facts the spec must hold, read from the bundled spec the mock and docs use.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };

type Schema = { properties?: Record<string, Schema & { $ref?: string }>; enum?: string[]; minimum?: number; maximum?: number; pattern?: string; minLength?: number; maxLength?: number; $ref?: string };
const schemas = spec.components.schemas as unknown as Record<string, Schema>;
const deref = (node: Schema): Schema => (node.$ref ? (schemas[node.$ref.split("/").pop() ?? ""] ?? {}) : node);
const taskProperties = schemas.Task?.properties ?? {};

/** Fields of TaskBasicRsp in the reference page's table (shared/reference/query-task-api.txt, Table 4). */
const PAGE_TABLE_FIELDS = [
  "task_id", "task_name", "task_type", "status", "project_id", "source_datasource_id", "target_datasource_id",
  "source_datasource_name", "target_datasource_name", "source_app_id", "target_app_id", "source_app_name",
  "target_app_name", "created_date", "last_modified_date", "description", "task_tag",
];
/** SHA-256 of JSON.stringify of the page's example response, parsed: pins the example to what the page shows. */
const PAGE_EXAMPLE_SHA256 = "0c69a485b09040e771e4abc6aec20c2b09dd4a9b596738054bcc162795a75ab5";
const examples = spec.components.examples as unknown as Record<string, { value: { task?: Record<string, unknown> } }>;

describe("the task schema", () => {
  it("has every field of the page's table", () => {
    for (const field of PAGE_TABLE_FIELDS) expect(Object.keys(taskProperties)).toContain(field);
  });

  it("has every field of the page's example response", () => {
    const example = examples.timingTaskStopped?.value.task ?? {};
    expect(Object.keys(example)).toHaveLength(23);
    for (const field of Object.keys(example)) expect(Object.keys(taskProperties)).toContain(field);
  });

  it("constrains names, times and enums as the facts say", () => {
    const name = taskProperties.task_name ?? {};
    expect([name.minLength, name.maxLength]).toEqual([3, 100]);
    expect(new RegExp(name.pattern ?? "").test("fdi_task_pzy4m5")).toBe(true);
    expect(new RegExp(name.pattern ?? "").test("_starts_badly")).toBe(false);
    for (const field of ["created_date", "last_modified_date"]) {
      const time = deref(taskProperties[field] ?? {});
      expect([time.minimum, time.maximum]).toEqual([0, 2 ** 53 - 1]);
    }
    expect(deref(taskProperties.task_type ?? {}).enum).toEqual(["realtime", "timing"]);
    expect(deref(taskProperties.status ?? {}).enum).toEqual(expect.arrayContaining(["stop", "stopped", "running"]));
    expect(deref(taskProperties.execute_status ?? {}).enum).toEqual(["UNSTARTED", "WAITING", "RUNNING", "SUCCESS", "CANCELLED", "ERROR"]);
  });

  it("describes task_detail as JSON text with the TaskDetail schema", () => {
    const detail = (schemas.ShowTaskResponse?.properties?.task_detail ?? {}) as Record<string, unknown>;
    expect(detail.contentMediaType).toBe("application/json");
    expect(detail.contentSchema).toEqual({ $ref: "#/components/schemas/TaskDetail" });
  });
});

describe("the operation", () => {
  const operation = spec.paths["/v2/{project_id}/fdi/instances/{instance_id}/tasks/{task_id}"].get;

  it("answers 200, 400, 401, 403, 404 and 500, each with X-Request-Id", () => {
    expect(Object.keys(operation.responses).sort()).toEqual(["200", "400", "401", "403", "404", "500"]);
    const responses = spec.components.responses as Record<string, { headers?: Record<string, unknown> }>;
    expect(operation.responses["200"].headers).toHaveProperty("X-Request-Id");
    for (const name of Object.keys(responses)) expect(responses[name]?.headers).toHaveProperty("X-Request-Id");
  });

  it("accepts either the token or the AK/SK signature", () => {
    expect(spec.security).toEqual([{ iamToken: [] }, { akskSignature: [] }]);
    expect(spec.components.securitySchemes.iamToken).toMatchObject({ type: "apiKey", in: "header", name: "X-Auth-Token" });
    expect(spec.components.securitySchemes.akskSignature).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect(spec.components.securitySchemes.akskSignature.description).toMatch(/X-Sdk-Date[\s\S]*SignedHeaders/);
  });

  it("serves every region of the facts", () => {
    expect(spec.servers[0]?.variables.region.enum).toEqual(["cn-north-1", "cn-north-4", "cn-east-2", "cn-east-3", "cn-south-1", "ap-southeast-1", "ap-southeast-3", "ru-northwest-2"]);
  });

  it("keeps the page's example response exactly", () => {
    const digest = createHash("sha256").update(JSON.stringify(examples.timingTaskStopped?.value)).digest("hex");
    expect(digest).toBe(PAGE_EXAMPLE_SHA256);
  });
});
