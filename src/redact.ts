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
 * Secrets shorter than this are not searched for in text: they would match
 * ordinary words ("e", "dev") and mangle messages, and they protect nothing.
 */
export const MIN_REDACTED_SECRET_LENGTH = 8;

/**
 * Returns a copy of a value from code we do not control (an error thrown by
 * a custom `fetch` and its `cause` chain, or a plain object some wrapper put
 * there) in which every secret is replaced by `***`: in messages, stacks and
 * any string nested in objects or arrays. Depth and cycles are bounded.
 */
export function scrubError(value: unknown, secrets: readonly string[]): unknown {
  const searched = secrets.filter((secret) => secret.length >= MIN_REDACTED_SECRET_LENGTH).flatMap(writtenForms);
  return searched.length === 0 ? value : scrubValue(value, searched, 0, new WeakSet());
}

function scrubValue(value: unknown, secrets: readonly string[], depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return replaceAll(value, secrets);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 6 || seen.has(value)) return "[omitted]";
  seen.add(value);
  if (value instanceof Error) {
    const copy = new Error(replaceAll(value.message, secrets));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : replaceAll(value.stack, secrets);
    const code = (value as { code?: unknown }).code;
    if (typeof code === "string") (copy as Error & { code?: string }).code = code;
    if (value.cause !== undefined) copy.cause = scrubValue(value.cause, secrets, depth + 1, seen);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = scrubValue(item, secrets, depth + 1, seen);
  return copy;
}

/**
 * Replaces every occurrence of each secret (of at least
 * {@link MIN_REDACTED_SECRET_LENGTH} characters) in `text` by `***`, also
 * where a server wrote it JSON-escaped (`\/`, `\u003d`…), which parsing
 * would turn back into the secret.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  return replaceAll(text, secrets.filter((secret) => secret.length >= MIN_REDACTED_SECRET_LENGTH).flatMap(writtenForms));
}

function replaceAll(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join("***");
  return result;
}

/**
 * The ways common JSON writers put a secret into text: as is, JSON-escaped,
 * with `/` escaped (PHP), with `<>&='` as `\u00XX` (Gson, HTML-safe writers),
 * and with every non-alphanumeric character as `\uXXXX`.
 */
function writtenForms(secret: string): string[] {
  const unicodeEscape = (pattern: RegExp, upper = false) => (text: string) =>
    text.replace(pattern, (ch) => {
      const hex = ch.charCodeAt(0).toString(16).padStart(4, "0");
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  const htmlSafe = unicodeEscape(/[<>&='"]/g);
  const slashEscaped = (text: string) => text.replaceAll("/", "\\/");
  return [
    ...new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      slashEscaped(secret),
      htmlSafe(secret),
      slashEscaped(htmlSafe(secret)),
      unicodeEscape(/[^A-Za-z0-9]/g)(secret),
      unicodeEscape(/[^A-Za-z0-9]/g, true)(secret),
    ]),
  ];
}

/**
 * The per-request secrets of a signed request: the whole `Authorization`
 * value and the signature in it, so that a server or proxy echoing them back
 * does not put them into an error.
 */
export function signatureSecrets(authorization: string | null): string[] {
  if (!authorization) return [];
  const signature = /Signature=([0-9a-fA-F]+)/.exec(authorization)?.[1];
  return signature ? [authorization, signature] : [authorization];
}
