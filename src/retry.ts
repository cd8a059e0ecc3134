/** When to try a failed attempt again, and how long to wait first. */
import { onAbort } from "./abort.js";
import { RomaApiError, type RomaError } from "./errors.js";

/** Statuses worth another try: the server or something on the way may do better next time. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Retry settings, all resolved. */
export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** Backoff before the first retry; doubles each time. */
  baseDelayMs: number;
  /** Upper bound of any wait, `Retry-After` included. */
  maxDelayMs: number;
}

/** Whether a failed attempt should be repeated (GET is safe to repeat). */
export function isRetryable(error: RomaError): boolean {
  if (error.kind === "network" || error.kind === "timeout") return true;
  return error instanceof RomaApiError && RETRYABLE_STATUSES.has(error.status);
}

/**
 * Delay before retry number `retry` (1-based): the server's `Retry-After`
 * when it gave one, else exponential backoff with full jitter; never more
 * than `maxDelayMs`.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, error: RomaError, random: () => number = Math.random): number {
  const asked = error instanceof RomaApiError ? error.retryAfterMs : undefined;
  if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  // Half fixed, half random: spreads retries of many clients without ever retrying at once.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

const HTTP_DATE_MONTH = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;

/** Reads `Retry-After` as seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse is lenient ("-5" and "1.5" pass as dates); an HTTP date always names its month.
  if (!HTTP_DATE_MONTH.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. Leaves no timer or listener behind. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stopWatching = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : undefined;
    const timer = setTimeout(() => {
      stopWatching?.();
      resolve();
    }, ms);
  });
}
