// Contract tests: the real client against a real Prism mock of the spec.
// Prism checks each request against the spec and reports mismatches in the
// sl-violations header; every test asserts there were none.
import { afterEach, describe, expect, inject, it } from "vitest";
import { createRomaClient, parseTaskDetail, RomaApiError, type RomaClientOptions } from "roma-fdi";
import { RESPONSE_EXAMPLES } from "../generated/client.js";
import { exampleValue, IDS, pageExample } from "./helpers/examples.js";

const violations: string[] = [];
const recordingFetch = async (request: Request) => {
  const response = await fetch(request);
  const reported = response.headers.get("sl-violations");
  if (reported) violations.push(`${request.method} ${request.url}: ${reported}`);
  return response;
};
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

function client(extra: Partial<RomaClientOptions> = {}) {
  return createRomaClient({ endpoint: inject("prismUrl"), projectId: IDS.projectId, auth: { token: "mock-token" }, fetch: recordingFetch, retries: 0, ...extra });
}
const ids = { instanceId: IDS.instanceId, taskId: IDS.taskId };

describe("getTask against the Prism mock", () => {
  it("returns the reference page's example by default, exactly", async () => {
    expect(await client().getTask(ids)).toEqual(pageExample());
  });

  it.each(RESPONSE_EXAMPLES["200"])("Prefer: example=%s returns that example, with a parseable task_detail", async (name) => {
    const body = await client({ headers: { Prefer: `example=${name}` } }).getTask(ids);
    expect(body).toEqual(exampleValue(name));
    expect(parseTaskDetail(body.task_detail ?? "").mappingTable?.length).toBeGreaterThan(0);
  });

  it.each(["400", "401", "403", "404", "500"] as const)("Prefer: code=%s rejects with RomaApiError carrying the example's code", async (status) => {
    const error = await client({ headers: { Prefer: `code=${status}` } }).getTask(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RomaApiError);
    const example = exampleValue<{ error_code: string; error_msg: string }>(RESPONSE_EXAMPLES[status][0]);
    expect(error).toMatchObject({ status: Number(status), errorCode: example.error_code, errorMsg: example.error_msg });
    expect((error as RomaApiError).requestId).toBeTruthy();
  });

  it("AK/SK-signed requests satisfy the spec's security too", async () => {
    const body = await client({ auth: { accessKey: "AK", secretKey: "SK-secret" } }).getTask(ids);
    expect(body.task?.task_name).toBe("fdi_task_pzy4m5");
  });

  it("ids with reserved characters reach the mock as one segment each", async () => {
    const body = await client().getTask({ instanceId: "a/b c", taskId: "ä?#" });
    expect(body.task).toBeDefined();
  });

  it("the violation check is live: Prism flags a 65-character id sent around the client", async () => {
    const response = await fetch(`${inject("prismUrl")}/v2/${IDS.projectId}/fdi/instances/i/tasks/${"x".repeat(65)}`, {
      headers: { "X-Auth-Token": "mock-token" },
    });
    await response.body?.cancel();
    expect(response.headers.get("sl-violations")).toMatch(/maxLength|64/);
  });

  it("a request without credentials is refused by the mock with 401 (the spec requires one of the two schemes)", async () => {
    const response = await fetch(`${inject("prismUrl")}/v2/${IDS.projectId}/fdi/instances/i/tasks/t`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });
});
