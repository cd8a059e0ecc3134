import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRomaClient, RomaError, type RomaAuth } from "roma-fdi";
import { runCli } from "../src/cli/run.js";

/** Every way an error can be looked at: message, stack, cause chain, JSON, inspect. */
function everySerialisation(error: unknown): string {
  const parts: string[] = [inspect(error, { depth: 10, showHidden: true }), String(error)];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    parts.push(current.message, current.stack ?? "", JSON.stringify(current), inspect(current, { depth: 10 }));
    current = current.cause;
  }
  return parts.join("\n");
}

// Secrets long enough not to occur in other text by chance.
const secret = fc.string({ unit: fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+/=-_.~"), minLength: 16, maxLength: 64 });

/** Fetch doubles that fail in each way, some of them echoing the secret back. */
const failures: Record<string, (request: Request) => Promise<Response>> = {
  "network error quoting the headers": async (request) => {
    throw new TypeError("fetch failed", { cause: new Error(`socket hang up; sent ${JSON.stringify([...request.headers])}`) });
  },
  "401 echoing the credentials": async (request) =>
    new Response(JSON.stringify({ error_code: "APIGW.0301", error_msg: `bad ${request.headers.get("x-auth-token")} ${request.headers.get("authorization")}` }), { status: 401 }),
  "200 with garbage echoing the credentials": async (request) => new Response(`not json ${[...request.headers].join(",")}`, { status: 200 }),
};

describe("secrets never appear in errors", () => {
  it("property: arbitrary tokens, AK/SK secrets and security tokens", async () => {
    await fc.assert(
      fc.asyncProperty(secret, secret, secret, fc.constantFrom(...Object.keys(failures)), fc.boolean(), async (token, secretKey, securityToken, failure, useKeys) => {
        const auth: RomaAuth = useKeys ? { accessKey: "AKPUBLIC", secretKey, securityToken } : { token };
        const fetch = failures[failure];
        const client = createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth, fetch, retries: 0 });
        const error = await client.getTask({ instanceId: "i", taskId: "t" }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RomaError);
        const text = everySerialisation(error);
        for (const hidden of useKeys ? [secretKey, securityToken] : [token]) expect(text).not.toContain(hidden);
      }),
      { numRuns: 150 },
    );
  });

  it("a token rejected as input is not quoted", () => {
    const token = "tok-SECRET-1234567890\nInjected: yes";
    try {
      createRomaClient({ endpoint: "https://roma.example.test", auth: { token } });
      expect.unreachable();
    } catch (error) {
      expect(everySerialisation(error)).not.toContain("SECRET-1234567890");
    }
  });

  it("URLs in errors have credentials redacted", async () => {
    const { redactUrl } = await import("../src/redact.js");
    expect(redactUrl("https://u:p@h.test/a?token=abc&x=1&X-Amz-Signature=zz")).toBe("https://***:***@h.test/a?token=***&x=1&X-Amz-Signature=***");
  });

  it("the CLI never prints the token, whatever fails", async () => {
    const token = "cli-token-0123456789ABCDEF";
    for (const fetch of Object.values(failures)) {
      let out = "";
      const code = await runCli(["task", "show", "--instance-id", "i", "--task-id", "t", "--project-id", "p", "--endpoint", "https://roma.example.test", "--retries", "0"], {
        stdout: (text) => void (out += text),
        stderr: (text) => void (out += text),
        env: { ROMA_TOKEN: token },
        fetch,
      });
      expect(code).not.toBe(0);
      expect(out).not.toContain(token);
    }
  });

  it("the CLI does not echo a --token given with a bad flag", async () => {
    let out = "";
    await runCli(["task", "show", "--token=cli-secret-ABCDEFGH", "--bogus"], { stdout: (t) => void (out += t), stderr: (t) => void (out += t), env: {} });
    expect(out).not.toContain("cli-secret-ABCDEFGH");
  });
});

describe("secrets echoed back by servers, proxies and fetch wrappers", () => {
  const KEYS = { accessKey: "AKPUBLIC", secretKey: "echo-Secret-Key-0123456789" };

  it("a signature echoed in an error body or a fetch error is hidden", async () => {
    const echoes: Record<string, (request: Request) => Promise<Response>> = {
      body: async (request) => new Response(`rejected ${request.headers.get("authorization")}`, { status: 401 }),
      thrown: async (request) => {
        throw new Error(`refused: ${request.headers.get("authorization")}`);
      },
    };
    for (const fetch of Object.values(echoes)) {
      let sent = "";
      const recording = (request: Request) => {
        sent = request.headers.get("authorization") ?? "";
        return fetch(request);
      };
      const client = createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth: KEYS, fetch: recording, retries: 0 });
      const error = await client.getTask({ instanceId: "i", taskId: "t" }).catch((e: unknown) => e);
      const signature = /Signature=([0-9a-f]{64})/.exec(sent)?.[1] ?? "";
      expect(signature).toHaveLength(64);
      const text = everySerialisation(error);
      expect(text).not.toContain(signature);
      expect(text).toContain("***");
    }
  });

  it("a token reflected in X-Request-Id is hidden", async () => {
    const token = "reflected-token-0123456789";
    const fetch = async (request: Request) =>
      new Response("{}", { status: 500, headers: { "x-request-id": `rid-${request.headers.get("x-auth-token")}` } });
    const client = createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth: { token }, fetch, retries: 0 });
    const error = await client.getTask({ instanceId: "i", taskId: "t" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ requestId: "rid-***" });
    expect(everySerialisation(error)).not.toContain(token);
  });

  it("a plain-object cause carrying the headers (axios-style) is hidden", async () => {
    const token = "object-cause-token-0123456789";
    const fetch = async (request: Request) => {
      throw new TypeError("fetch failed", { cause: { config: { headers: Object.fromEntries(request.headers) }, list: [request.headers.get("x-auth-token")] } });
    };
    const client = createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth: { token }, fetch, retries: 0 });
    const error = await client.getTask({ instanceId: "i", taskId: "t" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RomaError);
    expect(everySerialisation(error)).not.toContain(token);
    expect(inspect(error, { depth: 10 })).toContain("config");
  });

  it("a short token (under 8 characters) does not mangle messages", async () => {
    const fetch = async () => new Response('{"error_code":"ROMA.00110006","error_msg":"The resource does not exist."}', { status: 404 });
    const client = createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth: { token: "e" }, fetch, retries: 0 });
    const error = await client.getTask({ instanceId: "i", taskId: "t" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: "ROMA.00110006", errorMsg: "The resource does not exist." });
  });
});
