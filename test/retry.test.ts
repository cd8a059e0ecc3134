import { describe, expect, it } from "vitest";
import { RomaApiError, RomaNetworkError } from "roma-fdi";
import { parseRetryAfter, retryDelayMs } from "../src/retry.js";

const policy = { retries: 5, baseDelayMs: 500, maxDelayMs: 20_000 };
const request = { method: "GET", url: "https://x.test/" };
const apiError = (retryAfterMs?: number) =>
  new RomaApiError({ status: 503, errorCode: undefined, errorMsg: undefined, requestId: undefined, body: "", bodyTruncated: false, retryAfterMs }, request);
const network = new RomaNetworkError("down", { request, cause: new Error("x") });

describe("retry delays", () => {
  it("back off exponentially with jitter between half and all of the ceiling", () => {
    for (const [retry, ceiling] of [[1, 500], [2, 1000], [3, 2000], [4, 4000]] as const) {
      expect(retryDelayMs(policy, retry, network, () => 0)).toBe(ceiling / 2);
      expect(retryDelayMs(policy, retry, network, () => 0.999999)).toBeCloseTo(ceiling, -1);
    }
  });

  it("never exceed maxDelayMs", () => {
    expect(retryDelayMs(policy, 20, network, () => 1)).toBeLessThanOrEqual(20_000);
  });

  it("follow Retry-After, capped", () => {
    expect(retryDelayMs(policy, 1, apiError(3_000))).toBe(3_000);
    expect(retryDelayMs(policy, 1, apiError(3_600_000))).toBe(20_000);
    expect(retryDelayMs(policy, 1, apiError(0))).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-12-03T10:00:00Z");
  it.each([
    ["120", 120_000],
    ["0", 0],
    [" 7 ", 7_000],
    ["Thu, 03 Dec 2026 10:00:30 GMT", 30_000],
    ["Thu, 03 Dec 2026 09:00:00 GMT", 0],
    ["soon", undefined],
    ["-5", undefined],
    ["1.5", undefined],
  ])("%j → %s ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it("absent → undefined", () => expect(parseRetryAfter(null, now)).toBeUndefined());
});
