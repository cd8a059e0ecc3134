import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRomaClient, RomaApiError, RomaInputError } from "roma-fdi";
import { IDS, pageExample } from "./helpers/examples.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { startVerifyingServer, type VerifyingServer } from "./helpers/verifying-server.js";

const KEYS = { accessKey: "AKTESTACCESSKEY01", secretKey: "sk-Very/Secret+Key=0123456789abcdef" };
const ids = { instanceId: IDS.instanceId, taskId: IDS.taskId };

describe("AK/SK signing end to end", () => {
  let server: VerifyingServer;
  beforeAll(async () => {
    server = await startVerifyingServer(KEYS, pageExample());
  });
  afterAll(() => server.close());

  it("a signed getTask is accepted by a server that verifies with the official signer", async () => {
    const client = createRomaClient({ endpoint: server.url, projectId: IDS.projectId, auth: KEYS, retries: 0 });
    const body = await client.getTask(ids);
    expect(body.task?.task_name).toBe("fdi_task_pzy4m5");
    const last = server.seen.at(-1);
    expect(last?.verified).toBe(true);
    expect(last?.headers["x-project-id"]).toBe(IDS.projectId);
    expect(last?.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(last?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AKTESTACCESSKEY01, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(last?.headers["x-auth-token"]).toBeUndefined();
  });

  it("signs ids with reserved and non-ASCII characters the way the server sees them", async () => {
    const client = createRomaClient({ endpoint: server.url, projectId: IDS.projectId, auth: KEYS, retries: 0 });
    await client.getTask({ instanceId: "inst ä/ü", taskId: "任务 (1)" });
    expect(server.seen.at(-1)?.verified).toBe(true);
  });

  it("temporary credentials send and sign X-Security-Token", async () => {
    const client = createRomaClient({ endpoint: server.url, projectId: IDS.projectId, auth: { ...KEYS, securityToken: "sts-token-XYZ" }, retries: 0 });
    await client.getTask(ids);
    const last = server.seen.at(-1);
    expect(last?.verified).toBe(true);
    expect(last?.headers["x-security-token"]).toBe("sts-token-XYZ");
    expect(last?.headers.authorization).toContain("SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,");
  });

  it("a request altered after signing is rejected with 401 and surfaces as RomaApiError", async () => {
    // A fetch that changes the task id after the signature was made, as a tampering proxy would.
    const tamper = (request: Request) => fetch(new Request(request.url.replace(IDS.taskId, "another-task"), request));
    const client = createRomaClient({ endpoint: server.url, projectId: IDS.projectId, auth: KEYS, fetch: tamper, retries: 0 });
    const error = await client.getTask(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RomaApiError);
    expect(error).toMatchObject({ status: 401, errorCode: "APIGW.0301", requestId: "rejected-1" });
    expect(server.seen.at(-1)?.verified).toBe(false);
  });

  it("a wrong secret key is rejected", async () => {
    const client = createRomaClient({ endpoint: server.url, projectId: IDS.projectId, auth: { ...KEYS, secretKey: "not-the-secret" }, retries: 0 });
    await expect(client.getTask(ids)).rejects.toMatchObject({ kind: "api", status: 401 });
  });
});

describe("AK/SK signing, unit", () => {
  it("signs every attempt afresh: a retry carries a new X-Sdk-Date and signature", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-01-02T03:04:05Z"));
      const { fetch, calls } = fakeFetch((_, call) => {
        if (call === 1) {
          vi.setSystemTime(new Date("2026-01-02T03:04:09Z"));
          return new Response("busy", { status: 503 });
        }
        return json(pageExample());
      });
      const client = createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth: KEYS, fetch, retries: 1, retryBaseDelayMs: 0 });
      await client.getTask(ids);
      expect(calls.map((call) => call.headers.get("x-sdk-date"))).toEqual(["20260102T030405Z", "20260102T030409Z"]);
      const signatures = calls.map((call) => call.headers.get("authorization"));
      expect(signatures[0]).not.toBe(signatures[1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ["token and keys together", { token: "t", ...KEYS }, "auth"],
    ["a secret key without an access key", { secretKey: "s" }, "auth.accessKey"],
    ["an access key without a secret key", { accessKey: "a" }, "auth.secretKey"],
    ["a secret key with a newline", { accessKey: "a", secretKey: "s\nX: y" }, "auth.secretKey"],
    ["an empty security token", { ...KEYS, securityToken: "" }, "auth.securityToken"],
  ])("refuses %s", (_, auth, field) => {
    const attempt = () => createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth: auth as never });
    expect(attempt).toThrow(RomaInputError);
    expect(attempt).toThrow(expect.objectContaining({ field }));
  });
});
