/**
 * Error classes of roma-fdi. Every failure a call can meet is a subclass of
 * {@link RomaError}, told apart by `kind` (or `instanceof`). None of them
 * ever holds a credential: requests are described by method and redacted URL.
 */

/** What every {@link RomaError} says about the request that failed. */
export interface RequestSummary {
  /** HTTP method, such as `GET`. */
  readonly method: string;
  /** Request URL with credentials (user info, sensitive query values) redacted. */
  readonly url: string;
}

/** The kinds of {@link RomaError}, one per subclass. */
export type RomaErrorKind = "api" | "response" | "network" | "timeout" | "input";

/** Base class of every error roma-fdi throws. */
export abstract class RomaError extends Error {
  /** Which subclass this is, for `switch` statements. */
  abstract readonly kind: RomaErrorKind;
  /** The request that failed, when one was built. */
  readonly request: RequestSummary | undefined;
  /** How many attempts were made before giving up (0 when nothing was sent). */
  attempts: number;

  protected constructor(message: string, options: { request?: RequestSummary; attempts?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.request = options.request;
    this.attempts = options.attempts ?? 0;
  }

  /** A plain object for logs; holds no credentials. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, kind: this.kind, message: this.message, request: this.request, attempts: this.attempts };
  }
}

/** Fields that describe an error answer of the API. */
export interface ApiErrorDetails {
  /** HTTP status code. */
  readonly status: number;
  /** Service or gateway error code (`FDI.3083`, `APIGW.0301`, …), when the body has one. */
  readonly errorCode: string | undefined;
  /** Human-readable explanation from the body, when it has one. */
  readonly errorMsg: string | undefined;
  /** Request ID from the `X-Request-Id` header, else from the body. */
  readonly requestId: string | undefined;
  /** Raw body text, cut at {@link MAX_KEPT_BODY_CHARS} characters (see `bodyTruncated`). */
  readonly body: string;
  /** Whether `body` was cut. */
  readonly bodyTruncated: boolean;
  /** `Retry-After` in milliseconds, when the answer carried a usable one. */
  readonly retryAfterMs: number | undefined;
}

/** How many characters of a response body an error keeps. */
export const MAX_KEPT_BODY_CHARS = 8192;

/** The API answered with a non-2xx status. */
export class RomaApiError extends RomaError implements ApiErrorDetails {
  readonly kind = "api" as const;
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly errorMsg: string | undefined;
  readonly requestId: string | undefined;
  readonly body: string;
  readonly bodyTruncated: boolean;
  readonly retryAfterMs: number | undefined;

  /** @internal Built by the client from a response; not meant to be constructed by users. */
  constructor(details: ApiErrorDetails, request: RequestSummary) {
    super(describeApiError(details, request), { request });
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMsg = details.errorMsg;
    this.requestId = details.requestId;
    this.body = details.body;
    this.bodyTruncated = details.bodyTruncated;
    this.retryAfterMs = details.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      errorCode: this.errorCode,
      errorMsg: this.errorMsg,
      requestId: this.requestId,
      body: this.body,
      bodyTruncated: this.bodyTruncated,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/** A 2xx answer whose body is not what the API promises (empty, not JSON, not an object), or a `task_detail` that is not JSON. */
export class RomaResponseError extends RomaError {
  readonly kind = "response" as const;
  /** HTTP status of the answer, when the error comes from one. */
  readonly status: number | undefined;
  /** The offending text, cut at {@link MAX_KEPT_BODY_CHARS} characters. */
  readonly body: string;

  /** @internal */
  constructor(message: string, options: { status?: number; body: string; request?: RequestSummary; cause?: unknown }) {
    super(message, options);
    this.status = options.status;
    this.body = options.body.length > MAX_KEPT_BODY_CHARS ? options.body.slice(0, MAX_KEPT_BODY_CHARS) : options.body;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, body: this.body };
  }
}

/** The request could not be sent or its answer not received (DNS, refused or reset connection, TLS…). `cause` holds the underlying error, with credentials removed. */
export class RomaNetworkError extends RomaError {
  readonly kind = "network" as const;

  /** @internal */
  constructor(message: string, options: { request: RequestSummary; cause: unknown }) {
    super(message, options);
  }
}

/** An attempt took longer than the configured `timeoutMs`. */
export class RomaTimeoutError extends RomaError {
  readonly kind = "timeout" as const;
  /** The per-attempt limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  /** @internal */
  constructor(timeoutMs: number, request: RequestSummary) {
    super(`${request.method} ${request.url} timed out after ${timeoutMs} ms`, { request });
    this.timeoutMs = timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** An argument or option was rejected before anything was sent. */
export class RomaInputError extends RomaError {
  readonly kind = "input" as const;
  /** The option or parameter at fault, such as `taskId` or `auth.token`. */
  readonly field: string;
  /** The rule it broke, in words. */
  readonly rule: string;

  /** @internal */
  constructor(field: string, rule: string) {
    super(`${field} ${rule}`);
    this.field = field;
    this.rule = rule;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field, rule: this.rule };
  }
}

function describeApiError(details: ApiErrorDetails, request: RequestSummary): string {
  // Everything from the server is folded to one line and capped: a message must never carry a log injection.
  let message = `${request.method} ${request.url} failed with HTTP ${details.status}`;
  if (details.errorCode) message += ` ${oneLine(details.errorCode, 100)}`;
  const text = details.errorMsg ? oneLine(details.errorMsg) : "";
  if (text) message += `: ${text}`;
  if (details.requestId) message += ` (request id ${oneLine(details.requestId, 100)})`;
  return message;
}

/** Folds white space (newlines included) so a message stays on one line, and caps its length. */
export function oneLine(text: string, maxChars = 300): string {
  const folded = text.replace(/\s+/g, " ").trim();
  return folded.length > maxChars ? `${folded.slice(0, maxChars - 1)}…` : folded;
}

/**
 * Any error roma-fdi throws, as a union, so that checking `kind` narrows to
 * the subclass: `if (isRomaError(e) && e.kind === "api") e.status`.
 */
export type AnyRomaError = RomaApiError | RomaResponseError | RomaNetworkError | RomaTimeoutError | RomaInputError;

/** Whether `value` is an error roma-fdi threw; narrows to {@link AnyRomaError}. */
export function isRomaError(value: unknown): value is AnyRomaError {
  return value instanceof RomaError;
}
