import { describe, expect, it } from "vitest";
import { createRomaClient, RomaApiError } from "roma-fdi";
import { fakeFetch } from "./helpers/fake-fetch.js";
import { IDS } from "./helpers/examples.js";

/** Serves one error answer and returns the RomaApiError the client makes of it. */
async function apiErrorFor(status: number, body: string, headers: Record<string, string> = {}): Promise<RomaApiError> {
  const { fetch } = fakeFetch(() => new Response(body, { status, headers }));
  const client = createRomaClient({ endpoint: "https://roma.example.test", projectId: "p", auth: { token: "t0k" }, fetch, retries: 0 });
  const error = await client.getTask({ instanceId: "i", taskId: "t" }).catch((e: unknown) => e);
  if (!(error instanceof RomaApiError)) throw new Error(`expected RomaApiError, got ${String(error)}`);
  return error;
}
const JSON_TYPE = { "content-type": "application/json" };

describe("RomaApiError understands every error body shape", () => {
  it("FDI {error_code, error_msg}", async () => {
    const e = await apiErrorFor(400, '{"error_code":"FDI.3150","error_msg":"The task list is empty."}', JSON_TYPE);
    expect([e.status, e.errorCode, e.errorMsg, e.requestId]).toEqual([400, "FDI.3150", "The task list is empty.", undefined]);
  });

  it("the gateway's APIGW codes with request_id in the body", async () => {
    const e = await apiErrorFor(401, '{"error_msg":"Incorrect IAM authentication information","error_code":"APIGW.0301","request_id":"rid-body"}', JSON_TYPE);
    expect([e.errorCode, e.errorMsg, e.requestId]).toEqual(["APIGW.0301", "Incorrect IAM authentication information", "rid-body"]);
  });

  it("prefers the X-Request-Id header over the body's request_id", async () => {
    const e = await apiErrorFor(401, '{"error_code":"APIGW.0301","error_msg":"x","request_id":"rid-body"}', { ...JSON_TYPE, "x-request-id": "rid-header" });
    expect(e.requestId).toBe("rid-header");
  });

  it("{code, message}", async () => {
    const e = await apiErrorFor(403, '{"code":"ROMA.00110002","message":"Forbidden"}', JSON_TYPE);
    expect([e.errorCode, e.errorMsg]).toEqual(["ROMA.00110002", "Forbidden"]);
  });

  it("{error: {code, message}}", async () => {
    const e = await apiErrorFor(404, '{"error":{"code":"ROMA.00110006","message":"Resource not found","request_id":"nested-rid"}}', JSON_TYPE);
    expect([e.errorCode, e.errorMsg, e.requestId]).toEqual(["ROMA.00110006", "Resource not found", "nested-rid"]);
  });

  it("application/problem+json", async () => {
    const e = await apiErrorFor(422, '{"type":"about:blank","title":"Unprocessable","status":422,"detail":"task_id is malformed"}', {
      "content-type": "application/problem+json",
    });
    expect([e.errorCode, e.errorMsg]).toEqual([undefined, "Unprocessable: task_id is malformed"]);
  });

  it("an HTML gateway page: the title becomes the message, on one line", async () => {
    const html = "<!DOCTYPE html>\n<html><head><title>502 Bad\n  Gateway &amp; friends</title></head><body><h1>502</h1></body></html>";
    const e = await apiErrorFor(502, html, { "content-type": "text/html" });
    expect(e.errorMsg).toBe("502 Bad Gateway & friends");
    expect(e.body).toBe(html);
    expect(e.message).not.toContain("\n");
    expect(e.message).toContain("HTTP 502: 502 Bad Gateway & friends");
  });

  it("an empty body", async () => {
    const e = await apiErrorFor(500, "");
    expect([e.errorCode, e.errorMsg, e.body]).toEqual([undefined, undefined, ""]);
    expect(e.message).toMatch(/failed with HTTP 500$/);
  });

  it("plain text: the first line is the message", async () => {
    const e = await apiErrorFor(503, "Service Unavailable\nretry later", { "content-type": "text/plain" });
    expect(e.errorMsg).toBe("Service Unavailable");
  });

  it("JSON that is not an object is kept as raw text", async () => {
    const e = await apiErrorFor(500, '["a","b"]', JSON_TYPE);
    expect(e.errorCode).toBeUndefined();
    expect(e.body).toBe('["a","b"]');
  });

  it("keeps at most 8 KiB of the body and says it was cut", async () => {
    const big = `{"error_code":"FDI.0001","error_msg":"${"x".repeat(20_000)}"}`;
    const e = await apiErrorFor(500, big, JSON_TYPE);
    expect(e.body).toHaveLength(8192);
    expect(e.bodyTruncated).toBe(true);
    expect(e.errorCode).toBe("FDI.0001");
    expect(e.message.length).toBeLessThan(500);
  });
});
