// Failures a second fresh-user review found in the library, one test each.
import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { createRomaClient, RomaApiError, RomaInputError, RomaResponseError, type RomaClientOptions } from "roma-fdi";
import { pageExample } from "./helpers/examples.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

const ids = { instanceId: "i", taskId: "t" };
const client = (fetch: RomaClientOptions["fetch"], extra: Partial<RomaClientOptions> = {}) =>
  createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth: { token: "tok/SECRET+value=1234" }, fetch, retries: 0, ...extra });
const failureOf = (promise: Promise<unknown>) => promise.then(() => new Error("expected a failure"), (e: unknown) => e);
const seen = (error: unknown) => `${inspect(error, { depth: 10 })}\n${JSON.stringify(error)}\n${(error as Error).message}`;

describe("secrets a server writes JSON-escaped", () => {
  it.each([
    ["slash-escaped (PHP)", "tok\\/SECRET+value=1234"],
    ["\\u003d for = (Gson)", "tok/SECRET+value\\u003d1234"],
    ["every symbol as \\uXXXX", "tok\\u002fSECRET\\u002bvalue\\u003d1234"],
  ])("%s never reach the error, parsed or raw", async (_, written) => {
    const fetch = async () => new Response(`{"error_code":"APIGW.0307","error_msg":"token ${written} invalid"}`, { status: 401 });
    const error = await failureOf(client(fetch).getTask(ids));
    expect(error).toBeInstanceOf(RomaApiError);
    expect(seen(error)).not.toContain("SECRET");
  });
});

describe("2xx answers that echo secrets", () => {
  it("a Content-Type echoing the token is hidden in the message", async () => {
    const fetch = async (request: Request) => new Response("nope", { headers: { "content-type": `text/plain; echo=${request.headers.get("x-auth-token")}` } });
    const error = await failureOf(client(fetch).getTask(ids));
    expect(error).toBeInstanceOf(RomaResponseError);
    expect(seen(error)).not.toContain("SECRET");
  });

  it("a 2xx body echoing this request's signature is hidden, and so is the parser's quote of it", async () => {
    let signature = "";
    const fetch = async (request: Request) => {
      const authorization = request.headers.get("authorization") ?? "";
      signature = /Signature=(\w+)/.exec(authorization)?.[1] ?? "";
      return new Response(authorization, { status: 200 });
    };
    const error = await failureOf(client(fetch, { auth: { accessKey: "AK", secretKey: "SK-secret-123456" } }).getTask(ids));
    expect(signature).toHaveLength(64);
    expect(error).toBeInstanceOf(RomaResponseError);
    expect(seen(error)).not.toContain(signature);
  });
});

describe("error messages stay one bounded line", () => {
  it("an error code or request id with line breaks cannot add lines to the message", async () => {
    const fetch = async () => json({ error_code: "FDI.1\nFAKE: second line", error_msg: "m", request_id: "abc\r\nInjected: ok" }, 500);
    const error = (await failureOf(client(fetch).getTask(ids))) as RomaApiError;
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it("a huge error body is read only in part, and every field stays small", async () => {
    const fetch = async () => new Response(`{"error_code":"${"C".repeat(5_000_000)}","error_msg":"${"m".repeat(5_000_000)}"}`, { status: 500 });
    const error = (await failureOf(client(fetch).getTask(ids))) as RomaApiError;
    expect(error.bodyTruncated).toBe(true);
    expect(JSON.stringify(error).length).toBeLessThan(30_000);
    expect(error.message.length).toBeLessThan(600);
  });

  it("a body too large to become a string is a RomaResponseError, not a retried network error", async () => {
    class Enormous extends Response {
      override async text(): Promise<string> {
        throw new RangeError("Invalid string length");
      }
    }
    const { fetch, calls } = fakeFetch(() => new Enormous("x", { status: 200 }));
    const error = await failureOf(client(fetch, { retries: 2 }).getTask(ids));
    expect(error).toBeInstanceOf(RomaResponseError);
    expect(calls).toHaveLength(1);
  });
});

describe("a 2xx body whose known fields have the wrong types", () => {
  it.each([
    [{ task: "x" }, "body.task must be object, got string"],
    [{ task: { created_date: "yesterday" } }, "body.task.created_date must be integer, got string"],
    [{ task: { repulling_snapshot: "no" } }, "body.task.repulling_snapshot must be boolean, got string"],
    [{ task_detail: 5 }, "body.task_detail must be string, got integer"],
  ])("%j is a RomaResponseError naming the place", async (body, message) => {
    const error = await failureOf(client(async () => json(body)).getTask(ids));
    expect(error).toBeInstanceOf(RomaResponseError);
    expect((error as Error).message).toContain(message);
  });

  it("null and unknown fields pass, and so do unknown enum values", async () => {
    const body = { ...pageExample(), task: { ...pageExample().task, description: null, status: "paused", brand_new: { x: 1 } } };
    await expect(client(async () => json(body)).getTask(ids)).resolves.toEqual(body);
  });
});

describe("one AbortSignal shared by many calls", () => {
  it("adds one listener, however many calls wait on it, and none is left afterwards", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      let added = 0;
      let removed = 0;
      const signal = controller.signal;
      const add = signal.addEventListener.bind(signal);
      const remove = signal.removeEventListener.bind(signal);
      signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add;
      signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed++, remove(...args))) as typeof remove;
      const slow = client(() => new Promise((resolve) => setTimeout(() => resolve(json(pageExample())), 30)));
      await Promise.all(Array.from({ length: 25 }, () => slow.getTask(ids, { signal })));
      expect(added).toBe(1);
      expect(removed).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });
});

describe("option checks", () => {
  it.each([
    ["Headers", new Headers({ "X-Trace": "h" })],
    ["a Map", new Map([["X-Trace", "h"]])],
    ["pairs", [["X-Trace", "h"]] as [string, string][]],
  ])("headers as %s are sent", async (_, headers) => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    await client(fetch, { headers }).getTask(ids);
    expect(calls[0]?.headers.get("x-trace")).toBe("h");
  });

  it("getTask options of null are refused as input", async () => {
    await expect(client(async () => json(pageExample())).getTask(ids, null as never)).rejects.toBeInstanceOf(RomaInputError);
  });

  it("a signal-like object without removeEventListener is refused before sending", async () => {
    const { fetch, calls } = fakeFetch(() => json(pageExample()));
    const fake = { aborted: false, addEventListener() {} } as unknown as AbortSignal;
    await expect(client(fetch).getTask(ids, { signal: fake })).rejects.toMatchObject({ kind: "input", field: "options.signal" });
    expect(calls).toHaveLength(0);
  });

  it("a security token next to a token is refused rather than ignored", () => {
    expect(() => createRomaClient({ endpoint: "https://x.test", auth: { token: "t0k", securityToken: "sts" } as never })).toThrow(
      expect.objectContaining({ field: "auth.securityToken" }),
    );
  });

  it("a plain object thrown by a fetch wrapper is described by its message", async () => {
    const error = await failureOf(client(async () => Promise.reject({ message: "proxy said no" })).getTask(ids));
    expect((error as Error).message).toContain("proxy said no");
  });

  it("toJSON carries retryAfterMs", async () => {
    const error = (await failureOf(client(async () => new Response("", { status: 429, headers: { "retry-after": "7" } })).getTask(ids))) as RomaApiError;
    expect(error.toJSON()).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });
});
