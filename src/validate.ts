/**
 * Checks made on every argument before a byte is sent. A failed check
 * throws {@link RomaInputError} naming the field and the rule; the value
 * itself is only quoted when it cannot be a secret.
 */
import { PATH_PARAMETER_LIMITS } from "../generated/client.js";
import { RomaInputError } from "./errors.js";

// C0 and C1 control characters, DEL included.
const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f]/;
// RFC 9110 token characters: what a header name may contain.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, space, tab and obs-text: what a header value may carry.
const HEADER_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;
// Tokens and keys are printable ASCII; anything else is a paste error or an injection attempt.
const SECRET = /^[\u0021-\u007e]+$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type PathParameterName = keyof typeof PATH_PARAMETER_LIMITS;

/**
 * Checks one path identifier (`projectId`, `instanceId`, `taskId`) and
 * returns it. Limits come from the spec; dot segments are refused because
 * they would change which resource the URL names.
 */
export function checkPathId(field: string, parameter: PathParameterName, value: unknown): string {
  if (typeof value !== "string") throw new RomaInputError(field, `must be a string, got ${describeType(value)}`);
  const { minLength, maxLength } = PATH_PARAMETER_LIMITS[parameter];
  const length = countCodePoints(value);
  if (length < minLength || length > maxLength) {
    throw new RomaInputError(field, `must be ${minLength} to ${maxLength} characters long, got ${length}`);
  }
  if (value === "." || value === "..") throw new RomaInputError(field, `must not be a dot segment ("." or "..")`);
  if (CONTROL_CHAR.test(value)) throw new RomaInputError(field, "must not contain control characters");
  if (value.trim() === "") throw new RomaInputError(field, "must not be only white space");
  if (LONE_SURROGATE.test(value)) throw new RomaInputError(field, "must be well-formed Unicode (it has a lone surrogate)");
  return value;
}

/** Checks a secret that travels in a header (token, key, security token) without ever quoting it. */
export function checkSecret(field: string, value: unknown): string {
  if (typeof value !== "string") throw new RomaInputError(field, `must be a string, got ${describeType(value)}`);
  if (value === "") throw new RomaInputError(field, "must not be empty");
  if (!SECRET.test(value)) {
    throw new RomaInputError(field, "must be printable ASCII without spaces (no CR, LF or other control characters)");
  }
  return value;
}

/**
 * Checks caller-supplied extra headers — a plain object, a `Headers`, a `Map`
 * or a list of `[name, value]` pairs — and returns them as a plain record.
 */
export function checkHeaders(field: string, headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  let entries: Iterable<unknown>;
  if (typeof Headers !== "undefined" && headers instanceof Headers) entries = headers.entries();
  else if (headers instanceof Map || Array.isArray(headers)) entries = headers instanceof Map ? headers.entries() : headers;
  else if (typeof headers === "object" && headers !== null && isPlainObject(headers)) entries = Object.entries(headers);
  else throw new RomaInputError(field, "must be an object of header names to string values (or Headers, a Map, or [name, value] pairs)");
  const checked: Record<string, string> = {};
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2) throw new RomaInputError(field, "must hold [name, value] pairs");
    const [name, value] = entry as [unknown, unknown];
    if (typeof name !== "string" || !HEADER_NAME.test(name)) throw new RomaInputError(field, "has an invalid header name");
    if (typeof value !== "string") throw new RomaInputError(`${field}["${name}"]`, `must be a string, got ${describeType(value)}`);
    checked[name] = checkHeaderValue(`${field}["${name}"]`, value);
  }
  return checked;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Checks that a value can travel in an HTTP header (no CR, LF, NUL, nothing beyond Latin-1) and returns it. */
export function checkHeaderValue(field: string, value: string): string {
  if (!HEADER_VALUE.test(value) || /[\r\n\0]/.test(value)) {
    throw new RomaInputError(field, "contains a character an HTTP header cannot carry (CR, LF, NUL or non-Latin-1)");
  }
  return value;
}

/** Checks a duration or count option: a finite, non-negative integer within `max`. */
export function checkNonNegativeInteger(field: string, value: unknown, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new RomaInputError(field, `must be an integer from 0 to ${max}`);
  }
  return value;
}

function countCodePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
