import { describe, expect, it } from "vitest";
import { createRomaClient, RomaApiError, RomaInputError, RomaResponseError, type RomaClientOptions } from "roma-fdi";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { IDS, pageExample } from "./helpers/examples.js";

const TOKEN = "tok-ABCdef0123456789";
const base = (fetch: RomaClientOptions["fetch"], extra: Partial<RomaClientOptions> = {}): RomaClientOptions => ({
  endpoint: "https://roma.example.test",
  projectId: IDS.projectId,
  auth: { token: TOKEN },
  fetch,
  retries: 0,
  ...extra,
});
const ids = { instanceId: IDS.instanceId, taskId: IDS.taskId };

describe("getTask", () => {
  it("sends one GET to the task's path with the token and returns the body exactly as served", async () => {
    const served = { ...pageExample(), some_future_field: { nested: [1, 2] } };
    const { fetch, calls } = fakeFetch(() => json(served));
    const body = await createRomaClient(base(fetch)).getTask(ids);

    expect(body).toEqual(served);
    expect(typeof body.task_detail).toBe("string");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe("GET");
    expect(calls[0]?.url).toBe(
      `https://roma.example.test/v2/${IDS.projectId}/fdi/instances/${IDS.instanceId}/tasks/${IDS.taskId}`,
    );
    expect(calls[0]?.headers.get("x-auth-token")).toBe(TOKEN);
  });

  it("passes unknown enum values through untouched", async () => {
    const served = pageExample();
    served.task = { ...served.task, status: "paused", task_type: "hybrid", execute_status: "PARTIAL" };
    const { fetch } = fakeFetch(() => json(served));
    const { task } = await createRomaClient(base(fetch)).getTask(ids);
    expect([task?.status, task?.task_type, task?.execute_status]).toEqual(["paused", "hybrid", "PARTIAL"]);
  });

  it("lets a call override the client's project ID", async () => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    await createRomaClient(base(fetch)).getTask({ ...ids, projectId: "other-project" });
    expect(new URL(calls[0]?.url ?? "").pathname).toMatch(/^\/v2\/other-project\//);
  });

  it("sends the caller's extra headers", async () => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    await createRomaClient(base(fetch, { headers: { Prefer: "code=200", "X-Trace": "abc" } })).getTask(ids);
    expect(calls[0]?.headers.get("prefer")).toBe("code=200");
    expect(calls[0]?.headers.get("x-trace")).toBe("abc");
  });

  it("builds the endpoint from a region", async () => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    await createRomaClient({ ...base(fetch), endpoint: undefined, region: "ap-southeast-1" }).getTask(ids);
    expect(new URL(calls[0]?.url ?? "").host).toBe("roma.ap-southeast-1.myhuaweicloud.com");
  });

  it("rejects any non-2xx with RomaApiError carrying status, code, message and request id", async () => {
    const { fetch } = fakeFetch(() =>
      json({ error_code: "FDI.3083", error_msg: "Scheduled task without a plan." }, 404, { "X-Request-Id": "req-42" }),
    );
    const error = await createRomaClient(base(fetch)).getTask(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RomaApiError);
    expect(error).toMatchObject({
      kind: "api",
      status: 404,
      errorCode: "FDI.3083",
      errorMsg: "Scheduled task without a plan.",
      requestId: "req-42",
      attempts: 1,
    });
    expect((error as Error).message).toBe(
      `GET https://roma.example.test/v2/${IDS.projectId}/fdi/instances/${IDS.instanceId}/tasks/${IDS.taskId} failed with HTTP 404 FDI.3083: Scheduled task without a plan. (request id req-42)`,
    );
  });

  it.each([
    ["an empty body", () => new Response("", { status: 200 })],
    ["an empty body with Content-Length 0", () => new Response(null, { status: 200, headers: { "content-length": "0" } })],
    ["text/plain", () => new Response("all good", { status: 200, headers: { "content-type": "text/plain" } })],
    ["truncated JSON", () => new Response('{"task":{"task_id":"abc"', { status: 200 })],
    ["a JSON array", () => json([1, 2, 3])],
    ["JSON null", () => json(null)],
    ["a JSON string", () => json("task")],
  ])("rejects a 2xx with %s as RomaResponseError", async (_, answer) => {
    const { fetch, calls } = fakeFetch(answer);
    const error = await createRomaClient(base(fetch, { retries: 2 })).getTask(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RomaResponseError);
    expect(error).toMatchObject({ kind: "response", status: 200, attempts: 1 });
    expect(calls).toHaveLength(1);
  });
});

describe("createRomaClient options", () => {
  it.each([
    ["no endpoint nor region", { endpoint: undefined }, "endpoint"],
    ["an unknown region", { endpoint: undefined, region: "mars-1" }, "region"],
    ["an endpoint that is not a URL", { endpoint: "roma.example.test" }, "endpoint"],
    ["an endpoint with credentials", { endpoint: "https://user:pw@roma.example.test" }, "endpoint"],
    ["an ftp endpoint", { endpoint: "ftp://roma.example.test" }, "endpoint"],
    ["empty auth", { auth: {} as { token: string } }, "auth"],
    ["a token with CR/LF", { auth: { token: "abc\r\nX-Evil: 1" } }, "auth.token"],
    ["a header value with LF", { headers: { "X-A": "1\nX-B: 2" } }, 'headers["X-A"]'],
    ["a header name with a space", { headers: { "X A": "1" } }, "headers"],
    ["a negative timeout", { timeoutMs: -1 }, "timeoutMs"],
    ["a zero timeout", { timeoutMs: 0 }, "timeoutMs"],
    ["fractional retries", { retries: 1.5 }, "retries"],
  ] as const)("throws RomaInputError for %s", (_, patch, field) => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    const attempt = () => createRomaClient({ ...base(fetch), ...(patch as Partial<RomaClientOptions>) });
    expect(attempt).toThrow(RomaInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as RomaInputError).field).toBe(field);
      expect((error as Error).message).not.toContain("X-Evil");
    }
    expect(calls).toHaveLength(0);
  });

  it("names every known region when the region is unknown", () => {
    expect(() => createRomaClient({ region: "mars-1", auth: { token: TOKEN } })).toThrow(/cn-north-4.*ru-northwest-2/);
  });

  it("requires a project ID on the client or the call", async () => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    const client = createRomaClient({ ...base(fetch), projectId: undefined });
    await expect(client.getTask(ids)).rejects.toMatchObject({ kind: "input", field: "projectId" });
    expect(calls).toHaveLength(0);
  });
});

describe("regions and endpoints", () => {
  it("endpoint wins over region", async () => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    await createRomaClient({ ...base(fetch), endpoint: "https://override.test", region: "cn-north-4" }).getTask(ids);
    expect(new URL(calls[0]?.url ?? "").host).toBe("override.test");
  });

  it("every spec region maps to roma.<region>.myhuaweicloud.com", async () => {
    const { REGIONS } = await import("roma-fdi");
    for (const region of REGIONS) {
      const { fetch, calls } = fakeFetch(() => json(pageExample()));
      await createRomaClient({ ...base(fetch), endpoint: undefined, region }).getTask(ids);
      expect(new URL(calls[0]?.url ?? "").origin).toBe(`https://roma.${region}.myhuaweicloud.com`);
    }
  });

  it("the SDKs' HUAWEICLOUD_SDK_REGION_ROMA_<REGION> override is honoured, also for regions the spec does not list", async () => {
    const { resolveBaseUrl } = await import("../src/endpoint.js");
    const env = { HUAWEICLOUD_SDK_REGION_ROMA_CN_NORTH_4: " https://a.test/, https://b.test", HUAWEICLOUD_SDK_REGION_ROMA_EU_WEST_101: "https://eu.test" };
    expect(resolveBaseUrl({ region: "cn-north-4" }, env)).toBe("https://a.test");
    expect(resolveBaseUrl({ region: "eu-west-101" }, env)).toBe("https://eu.test");
    expect(resolveBaseUrl({ region: "cn-north-4", endpoint: "https://c.test" }, env)).toBe("https://c.test");
    expect(() => resolveBaseUrl({ region: "eu-west-101" }, {})).toThrow(/region must be one of/);
  });
});
