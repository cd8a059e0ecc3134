import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRomaClient,
  RomaApiError,
  RomaNetworkError,
  RomaResponseError,
  RomaTimeoutError,
  type GetTaskOptions,
} from "roma-fdi";
import { pageExample } from "./helpers/examples.js";
import { startFaultServer, type FaultServer } from "./helpers/fault-server.js";

const BODY = JSON.stringify(pageExample());
let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer({
    ok: (_, res) => res.writeHead(200, { "content-type": "application/json" }).end(BODY),
    reset: (req) => req.socket.destroy(),
    "reset-then-ok": (req, res, hit) => (hit === 1 ? req.socket.destroy() : res.writeHead(200).end(BODY)),
    hang: () => {},
    "slow-headers": (_, res) => void setTimeout(() => res.writeHead(200).end(BODY), 400),
    "slow-body": (_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(BODY.slice(0, 10));
      setTimeout(() => res.end(BODY.slice(10)), 400);
    },
    "503-then-ok": (_, res, hit) => (hit === 1 ? res.writeHead(503).end("busy") : res.writeHead(200).end(BODY)),
    "always-503": (_, res) => res.writeHead(503, { "x-request-id": "r503" }).end(""),
    "429-retry-after": (_, res, hit) =>
      hit === 1 ? res.writeHead(429, { "retry-after": "1" }).end('{"error_code":"APIGW.0308","error_msg":"Too many requests"}') : res.writeHead(200).end(BODY),
    "429-far-future": (_, res, hit) =>
      hit === 1 ? res.writeHead(429, { "retry-after": new Date(Date.now() + 3_600_000).toUTCString() }).end() : res.writeHead(200).end(BODY),
    "html-502": (_, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
    "404": (_, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"error_code":"FDI.3083","error_msg":"gone"}'),
    "400": (_, res) => res.writeHead(400).end('{"error_code":"FDI.3150","error_msg":"empty"}'),
    "empty-200": (_, res) => res.writeHead(200, { "content-type": "application/json" }).end(),
    "text-200": (_, res) => res.writeHead(200, { "content-type": "text/plain" }).end("OK"),
    "truncated-json": (_, res) => res.writeHead(200, { "content-type": "application/json" }).end(BODY.slice(0, 50)),
  });
});
afterAll(() => server.close());

function call(taskId: string, options: GetTaskOptions & { retries?: number } = {}) {
  const client = createRomaClient({ endpoint: server.url, projectId: "p", auth: { token: "t0k" }, retryBaseDelayMs: 5, retries: 0 });
  return client.getTask({ instanceId: "i", taskId }, options);
}
const failureOf = (promise: Promise<unknown>) => promise.then(() => new Error("expected a failure"), (e: unknown) => e);

describe("against a misbehaving server", () => {
  it("a reset connection is a RomaNetworkError with the cause, retried", async () => {
    const error = await failureOf(call("reset", { retries: 2 }));
    expect(error).toBeInstanceOf(RomaNetworkError);
    expect(error).toMatchObject({ kind: "network", attempts: 3 });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/ECONNRESET|socket|other side closed/i);
    expect(server.hits.get("reset")).toBe(3);
  });

  it("a reset followed by success succeeds", async () => {
    await expect(call("reset-then-ok", { retries: 1 })).resolves.toMatchObject({ task: { task_name: "fdi_task_pzy4m5" } });
  });

  it("a hang times out per attempt, and every attempt is timed", async () => {
    const started = Date.now();
    const error = await failureOf(call("hang", { timeoutMs: 150, retries: 1 }));
    expect(error).toBeInstanceOf(RomaTimeoutError);
    expect(error).toMatchObject({ kind: "timeout", timeoutMs: 150, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(server.hits.get("hang")).toBe(2);
  });

  it("slow headers past the limit time out; within the limit they succeed", async () => {
    await expect(call("slow-headers", { timeoutMs: 100 })).rejects.toBeInstanceOf(RomaTimeoutError);
    await expect(call("slow-headers", { timeoutMs: 5_000 })).resolves.toHaveProperty("task");
  });

  it("the timeout covers the body too", async () => {
    await expect(call("slow-body", { timeoutMs: 150 })).rejects.toBeInstanceOf(RomaTimeoutError);
  });

  it("503 then success: retried once, resolves", async () => {
    await expect(call("503-then-ok", { retries: 2 })).resolves.toHaveProperty("task");
    expect(server.hits.get("503-then-ok")).toBe(2);
  });

  it("503 every time: gives up after retries+1 attempts with the last RomaApiError", async () => {
    const error = await failureOf(call("always-503", { retries: 2 }));
    expect(error).toMatchObject({ kind: "api", status: 503, attempts: 3, requestId: "r503" });
    expect(server.hits.get("always-503")).toBe(3);
  });

  it("429 with Retry-After: 1 waits about a second, then succeeds", async () => {
    const started = Date.now();
    await expect(call("429-retry-after", { retries: 1 })).resolves.toHaveProperty("task");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("a Retry-After beyond maxRetryDelayMs is capped", async () => {
    const started = Date.now();
    await expect(call("429-far-future", { retries: 1, maxRetryDelayMs: 50 })).resolves.toHaveProperty("task");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("an HTML 502 is a RomaApiError with the page title as message", async () => {
    const error = await failureOf(call("html-502"));
    expect(error).toBeInstanceOf(RomaApiError);
    expect(error).toMatchObject({ status: 502, errorMsg: "502 Bad Gateway" });
  });

  it.each(["404", "400"])("a %s is never retried", async (status) => {
    const error = await failureOf(call(status, { retries: 2 }));
    expect(error).toMatchObject({ kind: "api", status: Number(status), attempts: 1 });
    expect(server.hits.get(status)).toBe(1);
  });

  it.each(["empty-200", "text-200", "truncated-json"])("%s is a RomaResponseError, not retried", async (route) => {
    const error = await failureOf(call(route, { retries: 2 }));
    expect(error).toBeInstanceOf(RomaResponseError);
    expect(server.hits.get(route)).toBe(1);
  });

  it("retries: 0 disables retries", async () => {
    const before = server.hits.get("always-503") ?? 0;
    await expect(call("always-503", { retries: 0 })).rejects.toMatchObject({ attempts: 1 });
    expect(server.hits.get("always-503")).toBe(before + 1);
  });
});

describe("a caller's AbortSignal", () => {
  it("rejects with the signal's reason while waiting for a response, unretried", async () => {
    const controller = new AbortController();
    const reason = new Error("user went away");
    const pending = call("hang", { retries: 3, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });

  it("rejects with the reason during the backoff between attempts", async () => {
    const controller = new AbortController();
    const pending = call("always-503", { retries: 3, retryBaseDelayMs: 10_000, maxRetryDelayMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort("stop"), 100);
    const started = Date.now();
    await expect(pending).rejects.toBe("stop");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("an already aborted signal sends nothing", async () => {
    const before = server.hits.get("ok") ?? 0;
    await expect(call("ok", { signal: AbortSignal.abort("early") })).rejects.toBe("early");
    expect(server.hits.get("ok") ?? 0).toBe(before);
  });
});

describe("redirects", () => {
  it("are never followed: a 307 to another server is a RomaApiError and the credentials stay home", async () => {
    const elsewhere = await startFaultServer({ steal: (_, res) => res.writeHead(200).end(BODY) });
    const redirecting = await startFaultServer({
      t: (_, res) => res.writeHead(307, { location: `${elsewhere.url}/steal?token=abc` }).end(),
    });
    try {
      for (const auth of [{ token: "redirect-token-123456" }, { accessKey: "AK", secretKey: "redirect-secret-123456", securityToken: "sts-redirect-123456" }]) {
        const client = createRomaClient({ endpoint: redirecting.url, projectId: "p", auth, retries: 2 });
        const error = await failureOf(client.getTask({ instanceId: "i", taskId: "t" }));
        expect(error).toBeInstanceOf(RomaApiError);
        expect(error).toMatchObject({ status: 307, attempts: 1 });
        expect((error as Error).message).toMatch(/redirect to http:\/\/127\.0\.0\.1:\d+\/steal\?token=\*\*\* not followed/);
      }
      expect(elsewhere.hits.size).toBe(0);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });
});
