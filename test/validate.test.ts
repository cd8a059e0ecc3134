import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRomaClient, RomaInputError } from "roma-fdi";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { pageExample } from "./helpers/examples.js";

const ENDPOINT = "https://roma.example.test/base";

function clientWithRecorder() {
  const recorder = fakeFetch(() => json(pageExample()));
  const client = createRomaClient({ endpoint: ENDPOINT, projectId: "proj", auth: { token: "t0k" }, fetch: recorder.fetch, retries: 0 });
  return { client, calls: recorder.calls };
}

describe("input checks before any byte is sent", () => {
  it.each([
    ["taskId", "", /1 to 64 characters/],
    ["taskId", "x".repeat(65), /1 to 64 characters/],
    ["taskId", ".", /dot segment/],
    ["taskId", "..", /dot segment/],
    ["instanceId", "a\u0000b", /control characters/],
    ["instanceId", "line\nbreak", /control characters/],
    ["instanceId", "   ", /white space/],
    ["taskId", "\ud800", /lone surrogate/],
    ["projectId", "..", /dot segment/],
  ] as const)("%s %j is refused", async (field, value, rule) => {
    const { client, calls } = clientWithRecorder();
    const params = { instanceId: "i", taskId: "t", [field]: value };
    const error = await client.getTask(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RomaInputError);
    expect(error).toMatchObject({ field, attempts: 0 });
    expect((error as Error).message).toMatch(rule);
    expect(calls).toHaveLength(0);
  });

  it("refuses a non-string id with the type it got", async () => {
    const { client, calls } = clientWithRecorder();
    const error = await client.getTask({ instanceId: 42 as unknown as string, taskId: "t" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "input", field: "instanceId", rule: "must be a string, got number" });
    expect(calls).toHaveLength(0);
  });

  it("counts characters, not UTF-16 units: 64 emoji are allowed", async () => {
    const { client, calls } = clientWithRecorder();
    await client.getTask({ instanceId: "i", taskId: "😀".repeat(64) });
    expect(calls).toHaveLength(1);
  });

  it("percent-encodes reserved characters so the id stays one path segment", async () => {
    const { client, calls } = clientWithRecorder();
    await client.getTask({ instanceId: "a/b?c#d", taskId: "../x" });
    const path = new URL(calls[0]?.url ?? "").pathname;
    expect(path).toBe("/base/v2/proj/fdi/instances/a%2Fb%3Fc%23d/tasks/..%2Fx");
  });

  it("property: any string either is refused with zero requests, or becomes exactly one segment that decodes back", async () => {
    const { client, calls } = clientWithRecorder();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), fc.string({ maxLength: 80 }), fc.constantFrom(".", "..", " ", "%2e%2e", "%2F")), async (id) => {
        const before = calls.length;
        const outcome = await client.getTask({ instanceId: id, taskId: "t" }).then(
          () => "sent",
          (error: unknown) => error,
        );
        if (outcome !== "sent") {
          expect(outcome).toBeInstanceOf(RomaInputError);
          expect(calls.length).toBe(before);
          return;
        }
        expect(calls.length).toBe(before + 1);
        const segments = new URL(calls.at(-1)?.url ?? "").pathname.split("/");
        expect(segments).toHaveLength(9);
        expect([...segments.slice(0, 6), ...segments.slice(7)]).toEqual(["", "base", "v2", "proj", "fdi", "instances", "tasks", "t"]);
        expect(decodeURIComponent(segments[6] ?? "")).toBe(id);
      }),
      { numRuns: 400 },
    );
  });
});

describe("options that must be of the right kind", () => {
  it("a project ID that cannot travel in X-Project-Id is refused when signing, before anything is sent", async () => {
    const recorder = fakeFetch(() => json(pageExample()));
    const signing = createRomaClient({ endpoint: ENDPOINT, auth: { accessKey: "AK", secretKey: "SK-secret" }, fetch: recorder.fetch, retries: 2 });
    const error = await signing.getTask({ projectId: "😀", instanceId: "i", taskId: "t" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "input", field: "projectId", attempts: 0 });
    expect(recorder.calls).toHaveLength(0);
    // With a token the project ID only travels in the path, where it is percent-encoded.
    const token = createRomaClient({ endpoint: ENDPOINT, auth: { token: "t0k" }, fetch: recorder.fetch, retries: 0 });
    await token.getTask({ projectId: "😀", instanceId: "i", taskId: "t" });
    expect(recorder.calls).toHaveLength(1);
  });

  it("a fetch that is not a function is refused at creation", () => {
    expect(() => createRomaClient({ endpoint: ENDPOINT, auth: { token: "t0k" }, fetch: 5 as never })).toThrow(
      expect.objectContaining({ kind: "input", field: "fetch" }),
    );
  });

  it("a signal that is not an AbortSignal is refused, nothing sent", async () => {
    const { client, calls } = clientWithRecorder();
    await expect(client.getTask({ instanceId: "i", taskId: "t" }, { signal: {} as AbortSignal })).rejects.toMatchObject({
      kind: "input",
      field: "options.signal",
    });
    expect(calls).toHaveLength(0);
  });
});
