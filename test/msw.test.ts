// roma-fdi/msw: handlers built from the spec's named examples, checked against
// the spec's schemas and used with msw/node and the real client.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from "vitest";
import { createRomaClient, parseTaskDetail, RomaApiError, RomaNetworkError, RomaTimeoutError, type ErrorBody, type ShowTaskResponse } from "roma-fdi";
import spec from "../generated/openapi.json" with { type: "json" };
import { RESPONSE_EXAMPLES } from "../generated/client.js";
import {
  SHOW_TASK_EXAMPLES,
  showTask,
  showTaskExample,
  type ShowTaskExampleName,
  type ShowTaskStatus,
  type StatusOfExample,
} from "../src/msw.js";
import { exampleValue, IDS } from "./helpers/examples.js";
import { showTaskBodyErrors } from "./helpers/spec-schemas.js";

const REGION_URL = "https://roma.cn-north-4.myhuaweicloud.com";
const TASK_URL = `${REGION_URL}/v2/${IDS.projectId}/fdi/instances/${IDS.instanceId}/tasks/${IDS.taskId}`;
const TOKEN = "msw-test-token";
const SPEC_REQUEST_ID = (spec as unknown as { components: { headers: Record<string, { example: string }> } }).components.headers["X-Request-Id"]?.example;

const ALL_EXAMPLES = Object.entries(RESPONSE_EXAMPLES).flatMap(([status, names]) => names.map((name) => [name, Number(status)] as const));

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** A client created after server.listen(), so its fetch is the intercepted one. */
const client = (options: { endpoint?: string; timeoutMs?: number } = {}) =>
  createRomaClient({ region: "cn-north-4", projectId: IDS.projectId, auth: { token: TOKEN }, retries: 0, ...options });
const getTask = (options?: { endpoint?: string; timeoutMs?: number }) =>
  client(options).getTask({ instanceId: IDS.instanceId, taskId: IDS.taskId });

describe("showTask() responses match the spec", () => {
  it("covers every named example of the spec, at least the ones frontend teams need", () => {
    expect(SHOW_TASK_EXAMPLES).toBe(RESPONSE_EXAMPLES);
    expect(ALL_EXAMPLES.map(([name]) => name)).toEqual(
      expect.arrayContaining(["timingTaskStopped", "realtimeTaskRunning", "manyMappedColumns"]),
    );
    expect(ALL_EXAMPLES.map(([, status]) => status)).toEqual(expect.arrayContaining([200, 400, 401, 404, 500]));
    const many = parseTaskDetail(exampleValue<ShowTaskResponse>("manyMappedColumns").task_detail ?? "");
    expect(many.mappingTable).toHaveLength(20);
    expect(exampleValue<ShowTaskResponse>("realtimeTaskRunning").task).toMatchObject({ task_type: "realtime", status: "running" });
    expect(exampleValue<ShowTaskResponse>("timingTaskStopped").task).toMatchObject({ task_type: "timing", status: "stop" });
  });

  it.each(ALL_EXAMPLES)("%s: status %i, the example's body, valid against the spec's schema", async (name, status) => {
    server.use(showTask({ example: name }));
    const response = await fetch(TASK_URL, { headers: { "X-Auth-Token": TOKEN } });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-request-id")).toBe(SPEC_REQUEST_ID);
    const body: unknown = await response.json();
    expect(body).toEqual(exampleValue(name));
    expect(showTaskBodyErrors(status, body)).toEqual([]);
  });

  it("the schema check catches a bad body, task_detail's content included", () => {
    const good = exampleValue<ShowTaskResponse>("timingTaskStopped");
    expect(showTaskBodyErrors(200, good)).toEqual([]);
    const bad = { ...good, task: { ...good.task, status: 5 }, task_detail: JSON.stringify({ mappingTable: "not a list" }) };
    const errors = showTaskBodyErrors(200, bad);
    expect(errors.some((error) => error.startsWith("/task/status "))).toBe(true);
    expect(errors.some((error) => error.startsWith("/task_detail (parsed)/mappingTable "))).toBe(true);
    expect(showTaskBodyErrors(200, { ...good, task_detail: "{oops" })).toEqual([expect.stringMatching(/^\/task_detail is not JSON/)]);
    expect(showTaskBodyErrors(404, { error_code: "x" }).length).toBeGreaterThan(0);
  });
});

describe("showTask() with the real client", () => {
  it.each(RESPONSE_EXAMPLES["200"])("getTask resolves to %s, with task_detail parseable", async (name) => {
    server.use(showTask({ example: name }));
    const body = await getTask();
    expect(body).toEqual(exampleValue(name));
    const detail = parseTaskDetail(body.task_detail ?? "");
    expect(detail.taskName).toBe(body.task?.task_name);
  });

  it.each(["400", "401", "403", "404", "500"] as const)("status %s rejects with RomaApiError carrying the example's code", async (status) => {
    server.use(showTask({ status: Number(status) as ShowTaskStatus }));
    const expected = exampleValue<ErrorBody>(RESPONSE_EXAMPLES[status][0]);
    const error = await getTask().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RomaApiError);
    expect(error).toMatchObject({ status: Number(status), errorCode: expected.error_code, errorMsg: expected.error_msg, requestId: SPEC_REQUEST_ID });
  });

  it("matches any base URL unless baseUrl narrows it; other requests fail (onUnhandledRequest: error)", async () => {
    server.use(showTask({ example: "realtimeTaskRunning" }));
    await expect(getTask({ endpoint: "http://mock.test:8080" })).resolves.toMatchObject({ task: { task_name: "orders_cdc_sync" } });

    server.resetHandlers(showTask({ example: "realtimeTaskRunning", baseUrl: `${REGION_URL}/` }));
    await expect(getTask()).resolves.toMatchObject({ task: { task_name: "orders_cdc_sync" } });
    const mswError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(getTask({ endpoint: "http://mock.test:8080" })).rejects.toBeInstanceOf(RomaNetworkError);
    expect(mswError.mock.calls.flat().join(" ")).toMatch(/without a matching request handler/);
  });

  it("delayMs holds the answer back (the client's timeout fires first)", async () => {
    server.use(showTask({ delayMs: 400 }));
    await expect(getTask({ timeoutMs: 50 })).rejects.toBeInstanceOf(RomaTimeoutError);
    server.resetHandlers(showTask({ delayMs: 30 }));
    await expect(getTask({ timeoutMs: 5_000 })).resolves.toMatchObject({ task: { task_name: "fdi_task_pzy4m5" } });
  });

  it("once answers a single request, then later handlers take over", async () => {
    server.use(showTask({ example: "realtimeTaskRunning" }));
    server.use(showTask({ example: "manyMappedColumns", once: true }));
    await expect(getTask()).resolves.toMatchObject({ task: { task_name: "orders_full_copy" } });
    await expect(getTask()).resolves.toMatchObject({ task: { task_name: "orders_cdc_sync" } });
  });

  it("answers 401 without credentials, like the mock, unless requireAuth is false; adds extra headers", async () => {
    server.use(showTask({ headers: { "Retry-After": "3" } }));
    const anonymous = await fetch(TASK_URL);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual(exampleValue(RESPONSE_EXAMPLES["401"][0]));
    expect(anonymous.headers.get("retry-after")).toBe("3");
    const signed = await fetch(TASK_URL, { headers: { Authorization: "SDK-HMAC-SHA256 Access=x, SignedHeaders=host, Signature=y" } });
    expect(signed.status).toBe(200);

    server.resetHandlers(showTask({ requireAuth: false }));
    expect((await fetch(TASK_URL)).status).toBe(200);
  });
});

describe("showTask() options are checked", () => {
  it("rejects unknown examples and statuses, a status the example is not listed under, and bad delays", () => {
    // @ts-expect-error -- not an example of the spec
    expect(() => showTask({ example: "noSuchExample" })).toThrow(/unknown showTask example "noSuchExample"; known: timingTaskStopped/);
    // @ts-expect-error -- taskNotFound is a 404 example
    expect(() => showTask({ example: "taskNotFound", status: 200 })).toThrow(/taskNotFound is a 404 response in the spec, not 200/);
    // @ts-expect-error -- the spec declares no 429
    expect(() => showTask({ status: 429 })).toThrow(/status 429 is not a showTask response/);
    expect(() => showTask({ delayMs: -1 })).toThrow(/delayMs/);
    expect(() => showTask({ delayMs: Number.NaN })).toThrow(/delayMs/);
    // @ts-expect-error -- not an example of the spec
    expect(() => showTaskExample("noSuchExample")).toThrow(TypeError);
  });

  it("showTaskExample returns a fresh copy each time", () => {
    const first = showTaskExample("timingTaskStopped");
    if (first.task) first.task.task_name = "changed";
    expect(showTaskExample("timingTaskStopped").task?.task_name).toBe("fdi_task_pzy4m5");
  });

  it("types follow the spec", () => {
    expectTypeOf<ShowTaskExampleName>().toEqualTypeOf<
      "timingTaskStopped" | "realtimeTaskRunning" | "manyMappedColumns" | "taskListEmpty" | "badSignature" | "accessDenied" | "taskNotFound" | "internalError"
    >();
    expectTypeOf<ShowTaskStatus>().toEqualTypeOf<200 | 400 | 401 | 403 | 404 | 500>();
    expectTypeOf<StatusOfExample<"taskNotFound">>().toEqualTypeOf<404>();
    expectTypeOf(showTaskExample("realtimeTaskRunning")).toEqualTypeOf<ShowTaskResponse>();
    expectTypeOf(showTaskExample("internalError")).toEqualTypeOf<ErrorBody>();
    expectTypeOf(showTask).parameter(0).exclude<undefined>().toHaveProperty("delayMs").toEqualTypeOf<number | undefined>();
  });
});
