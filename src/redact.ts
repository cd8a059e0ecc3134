/** Keeps credentials out of anything an error carries. */
import type { RequestSummary } from "./errors.js";

// Query keys whose values are credentials in the wild.
const SENSITIVE_QUERY_KEY = /token|secret|signature|password|passwd|access.?key|^sk$|^ak$|auth/i;

/** Describes a request by method and URL, with user info and sensitive query values replaced by `***`. */
export function summarizeRequest(method: string, url: string): RequestSummary {
  return { method, url: redactUrl(url) };
}

/** Removes credentials from a URL string; returns the input unchanged when it is not a URL. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.username) url.username = "***";
  if (url.password) url.password = "***";
  for (const key of [...url.searchParams.keys()]) {
    if (SENSITIVE_QUERY_KEY.test(key)) url.searchParams.set(key, "***");
  }
  return url.href;
}

/**
 * Returns a copy of an error (and of its `cause` chain) in which each
 * secret is replaced by `***` in the message and stack. Used for errors that
 * come from code we do not control, such as a custom `fetch`.
 */
export function scrubError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0 || depth > 4) return error;
  if (!(error instanceof Error)) {
    return typeof error === "string" ? scrubText(error, secrets) : error;
  }
  const copy = new Error(scrubText(error.message, secrets));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : scrubText(error.stack, secrets);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") (copy as Error & { code?: string }).code = code;
  if (error.cause !== undefined) copy.cause = scrubError(error.cause, secrets, depth + 1);
  return copy;
}

/** Replaces every occurrence of each secret in `text` by `***`. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.split(secret).join("***");
  return result;
}
