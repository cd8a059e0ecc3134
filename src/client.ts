/**
 * `createRomaClient`: the typed, generated openapi-fetch client wrapped with
 * authentication, input checks, error mapping, timeouts and retries.
 */
import type { Middleware } from "openapi-fetch";
import { createGeneratedClient, SHOW_TASK_PATH } from "../generated/client.js";
import { SHOW_TASK_RESPONSE_SHAPE } from "../generated/shapes.js";
import type { ShowTaskResponse } from "../generated/schema.js";
import { onAbort } from "./abort.js";
import { credentialsFrom, type RomaAuth } from "./auth/credentials.js";
import { resolveBaseUrl, type EndpointOptions } from "./endpoint.js";
import { readErrorBody, type ErrorBodyFacts } from "./error-body.js";
import { findShapeMismatch } from "./shape.js";
import {
  MAX_KEPT_BODY_CHARS,
  oneLine,
  RomaApiError,
  RomaError,
  RomaInputError,
  RomaNetworkError,
  RomaResponseError,
  RomaTimeoutError,
  type RequestSummary,
} from "./errors.js";
import { redactUrl, scrubError, scrubText, signatureSecrets, summarizeRequest } from "./redact.js";
import { isRetryable, parseRetryAfter, retryDelayMs, sleep, type RetryPolicy } from "./retry.js";
import { checkHeaders, checkHeaderValue, checkNonNegativeInteger, checkPathId } from "./validate.js";

/** Limits that apply to each call; set them on the client or override them per call. */
export interface CallLimits {
  /** Time limit of one attempt, in milliseconds, from sending to the last body byte. Default 30 000. */
  timeoutMs?: number;
  /** Further attempts after a retryable failure; 0 disables retries. Default 2. */
  retries?: number;
  /** Longest wait between attempts, `Retry-After` included, in milliseconds. Default 20 000. */
  maxRetryDelayMs?: number;
  /** Backoff before the first retry, doubled for each further one (with jitter), in milliseconds. Default 500. */
  retryBaseDelayMs?: number;
}

/** Options of {@link createRomaClient}. */
export interface RomaClientOptions extends EndpointOptions, CallLimits {
  /** Project ID used when a call does not name one. */
  projectId?: string;
  /** Credentials: `{ token }` or `{ accessKey, secretKey, securityToken? }`. */
  auth: RomaAuth;
  /** A `fetch` to use instead of `globalThis.fetch` (for proxies, tests, instrumentation). */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers sent with every request: a plain object, `Headers`, a `Map` or `[name, value]` pairs. */
  headers?: Record<string, string> | Headers | Map<string, string> | [string, string][];
}

/** Identifies the task to read. */
export interface GetTaskParams {
  /** ID of the ROMA Connect instance. */
  instanceId: string;
  /** ID of the task. */
  taskId: string;
  /** Project ID; defaults to the client's `projectId`. */
  projectId?: string;
}

/** Per-call options of {@link RomaClient.getTask}. */
export interface GetTaskOptions extends CallLimits {
  /** Cancels the call; it then rejects with the signal's reason and is not retried. */
  signal?: AbortSignal;
}

/** The client {@link createRomaClient} returns. */
export interface RomaClient {
  /**
   * Reads one task (`GET /v2/{project_id}/fdi/instances/{instance_id}/tasks/{task_id}`).
   * Resolves to the body exactly as served: snake_case, unknown fields kept,
   * `task_detail` still a string (see `parseTaskDetail`). Rejects with a
   * {@link RomaError} subclass on any failure.
   */
  getTask(params: GetTaskParams, options?: GetTaskOptions): Promise<ShowTaskResponse>;
}

const DEFAULTS = { timeoutMs: 30_000, retries: 2, maxRetryDelayMs: 20_000, retryBaseDelayMs: 500 } as const;
const MAX_TIMEOUT_MS = 2_147_483_647; // what setTimeout can hold
const MAX_RETRIES = 10;

/** Creates a client for the ROMA Connect FDI "query a task" operation. Throws {@link RomaInputError} on bad options. */
export function createRomaClient(options: RomaClientOptions): RomaClient {
  if (typeof options !== "object" || options === null) throw new RomaInputError("options", "must be an object");
  const baseUrl = resolveBaseUrl(options);
  const defaultProjectId =
    options.projectId === undefined ? undefined : checkPathId("projectId", "project_id", options.projectId);
  const credentials = credentialsFrom(options.auth);
  const { secrets } = credentials;
  const extraHeaders = checkHeaders("headers", options.headers);
  const clientLimits = resolveLimits(DEFAULTS, options, "");

  const customFetch = options.fetch;
  if (customFetch !== undefined && typeof customFetch !== "function") throw new RomaInputError("fetch", "must be a function");
  const generated = createGeneratedClient({
    baseUrl,
    // Credentials last: the token wins over a same-named extra header.
    headers: { ...extraHeaders, ...credentials.headers },
    // A redirect would carry the credentials to wherever it points; the API
    // never redirects, so a 3xx is reported instead of followed.
    redirect: "manual",
  });
  if (credentials.middleware) generated.use(credentials.middleware);
  generated.use(apiErrors(secrets));

  /**
   * The fetch of one attempt. The attempt's signal is handed to fetch itself
   * rather than to openapi-fetch: openapi-fetch builds a Request and fetch
   * copies it, and each copy would link the signal again (measurable on Node).
   */
  const fetchWith = (signal: AbortSignal, sent: (request: Request) => void) => (request: Request) => {
    sent(request);
    return customFetch ? customFetch(new Request(request, { signal })) : globalThis.fetch(request, { signal });
  };

  async function getTask(params: GetTaskParams, callOptions: GetTaskOptions = {}): Promise<ShowTaskResponse> {
    if (typeof params !== "object" || params === null) throw new RomaInputError("params", "must be an object");
    if (typeof callOptions !== "object" || callOptions === null) throw new RomaInputError("options", "must be an object when given");
    const projectId = params.projectId ?? defaultProjectId;
    if (projectId === undefined) throw new RomaInputError("projectId", "is required (on the client or the call)");
    const path = {
      project_id: checkPathId("projectId", "project_id", projectId),
      instance_id: checkPathId("instanceId", "instance_id", params.instanceId),
      task_id: checkPathId("taskId", "task_id", params.taskId),
    };
    if (credentials.projectIdHeader) checkHeaderValue("projectId", path.project_id);
    const limits = hasLimits(callOptions) ? resolveLimits(clientLimits, callOptions, "options.") : clientLimits;
    const callerSignal = callOptions.signal;
    if (callerSignal !== undefined && !isAbortSignal(callerSignal)) throw new RomaInputError("options.signal", "must be an AbortSignal");
    // Only failures need the request described; build it then.
    let summary: RequestSummary | undefined;
    const request = () =>
      (summary ??= summarizeRequest("GET", baseUrl + SHOW_TASK_PATH.replace(/\{(\w+)\}/g, (_, name: keyof typeof path) => encodeURIComponent(path[name]))));

    for (let attempt = 1; ; attempt++) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      // One controller per attempt, linked to the caller's signal by hand:
      // unlike AbortSignal.any, this leaves no listener behind on a long-lived signal,
      // and onAbort shares one listener among all calls on the same signal.
      const attemptController = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attemptController.abort();
      }, limits.timeoutMs);
      const stopForwarding = callerSignal ? onAbort(callerSignal, () => attemptController.abort(callerSignal.reason)) : undefined;
      let failure: RomaError;
      let sentAuthorization: string | null = null;
      // The credentials, plus this attempt's signature once it is known.
      const hidden = () => [...secrets, ...signatureSecrets(sentAuthorization)];
      try {
        const { data, response } = await generated.GET(SHOW_TASK_PATH, {
          params: { path },
          parseAs: "text",
          fetch: fetchWith(attemptController.signal, (sent) => void (sentAuthorization = sent.headers.get("authorization"))),
        });
        return readTaskBody(data, response, request, hidden());
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (timedOut) failure = new RomaTimeoutError(limits.timeoutMs, request());
        else if (error instanceof RomaError) failure = error;
        else if (error instanceof RangeError) failure = bodyTooLarge(error, request());
        else failure = networkError(error, request(), hidden());
      } finally {
        clearTimeout(timer);
        stopForwarding?.();
      }
      failure.attempts = attempt;
      if (attempt > limits.retries || !isRetryable(failure)) throw failure;
      await sleep(retryDelayMs(limits, attempt, failure), callerSignal);
    }
  }

  return { getTask };
}

function hasLimits(options: CallLimits): boolean {
  return options.timeoutMs !== undefined || options.retries !== undefined || options.maxRetryDelayMs !== undefined || options.retryBaseDelayMs !== undefined;
}

function resolveLimits(base: Required<CallLimits>, override: CallLimits, prefix: string): Required<CallLimits> & RetryPolicy {
  const pick = (key: keyof CallLimits, max: number) =>
    override[key] === undefined ? base[key] : checkNonNegativeInteger(prefix + key, override[key], max);
  const resolved = {
    timeoutMs: pick("timeoutMs", MAX_TIMEOUT_MS),
    retries: pick("retries", MAX_RETRIES),
    maxRetryDelayMs: pick("maxRetryDelayMs", MAX_TIMEOUT_MS),
    retryBaseDelayMs: pick("retryBaseDelayMs", MAX_TIMEOUT_MS),
  };
  if (resolved.timeoutMs === 0) throw new RomaInputError(prefix + "timeoutMs", "must be at least 1");
  return { ...resolved, baseDelayMs: resolved.retryBaseDelayMs, maxDelayMs: resolved.maxRetryDelayMs };
}

/** How much of an error body is read at most; the rest is not downloaded. */
const MAX_READ_ERROR_BYTES = 64 * 1024;

/** Middleware: turns every non-2xx answer into a {@link RomaApiError}, reading the body whatever its shape. */
function apiErrors(secrets: readonly string[]): Middleware {
  return {
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      // What a server or proxy echoes back may hold the credentials or this request's signature.
      const hidden = [...secrets, ...signatureSecrets(request.headers.get("authorization"))];
      const { text, complete } = await readUpTo(response, MAX_READ_ERROR_BYTES);
      const raw = scrubText(text, hidden);
      const requestIdHeader = response.headers.get("x-request-id");
      const facts = isRedirect(response) ? redirectFacts(response, hidden) : readErrorBody(raw, response.headers.get("content-type"));
      // Parsing may undo an escape that hid a secret in the raw text: scrub what was read out too.
      const clean = (value: string | undefined, max: number) => (value === undefined ? undefined : scrubText(value, hidden).slice(0, max));
      throw new RomaApiError(
        {
          status: response.status,
          errorCode: clean(facts.errorCode, 256),
          errorMsg: clean(facts.errorMsg, MAX_KEPT_BODY_CHARS),
          requestId: clean(requestIdHeader ?? facts.requestId, 256),
          body: raw.length > MAX_KEPT_BODY_CHARS ? raw.slice(0, MAX_KEPT_BODY_CHARS) : raw,
          bodyTruncated: !complete || raw.length > MAX_KEPT_BODY_CHARS,
          retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
        },
        summarizeRequest(request.method, request.url),
      );
    },
  };
}

/** Reads at most `maxBytes` of a body as UTF-8 and cancels the rest; `complete` says whether it was all there. */
async function readUpTo(response: Response, maxBytes: number): Promise<{ text: string; complete: boolean }> {
  if (!response.body) return { text: "", complete: true };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), complete: true };
    const room = maxBytes - bytes;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room));
      await reader.cancel().catch(() => undefined);
      return { text, complete: false };
    }
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}

/** A 3xx (Node) or an opaque redirect (browsers): the answer to `redirect: "manual"`. */
function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400);
}

function redirectFacts(response: Response, hidden: readonly string[]): ErrorBodyFacts {
  const location = response.headers.get("location");
  const target = location === null ? "elsewhere" : redactUrl(scrubText(location, hidden));
  return {
    errorCode: undefined,
    errorMsg: `redirect to ${target} not followed: credentials are only sent to the configured endpoint`,
    requestId: undefined,
  };
}

function isAbortSignal(value: unknown): value is AbortSignal {
  const candidate = value as Partial<AbortSignal> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.aborted === "boolean" &&
    typeof candidate.addEventListener === "function" &&
    typeof candidate.removeEventListener === "function"
  );
}

/**
 * Checks that a 2xx body is a JSON object whose known fields have the types
 * the spec gives them (null counts as "no value"), and returns it untouched.
 */
function readTaskBody(data: unknown, response: Response, describe: () => RequestSummary, hidden: readonly string[]): ShowTaskResponse {
  const text = typeof data === "string" ? data : "";
  const fail = (what: string, cause?: unknown) => {
    const request = describe();
    return new RomaResponseError(oneLine(`${request.method} ${request.url} answered HTTP ${response.status} with ${scrubText(what, hidden)}`, 1000), {
      status: response.status,
      body: scrubText(text, hidden),
      request,
      cause: cause === undefined ? undefined : scrubError(cause, hidden),
    });
  };
  if (text.trim() === "") throw fail("an empty body");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const type = response.headers.get("content-type") ?? "no content type";
    throw fail(`a body that is not JSON (${type})`, cause);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail(`JSON that is not an object (${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value})`);
  }
  const mismatch = findShapeMismatch(value, SHOW_TASK_RESPONSE_SHAPE, "body");
  if (mismatch) throw fail(`${mismatch}, which the spec does not allow`);
  return value as ShowTaskResponse;
}

/** V8 cannot hold a string over about 512 MB: the body arrived, but cannot be read as text. Not worth a retry. */
function bodyTooLarge(error: RangeError, request: RequestSummary): RomaResponseError {
  return new RomaResponseError(`${request.method} ${request.url} answered with a body too large to read (${error.message})`, { body: "", request });
}

function networkError(error: unknown, request: RequestSummary, secrets: readonly string[]): RomaNetworkError {
  const cause = scrubError(error, secrets);
  const reason = cause instanceof Error ? describeNetworkCause(cause) : describeThrown(cause);
  return new RomaNetworkError(oneLine(`${request.method} ${request.url} could not be completed: ${reason}`, 1000), { request, cause });
}

/** A readable line for something thrown that is not an Error (a plain object from some fetch wrapper, a string…). */
function describeThrown(value: unknown): string {
  if (typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string") {
    return (value as { message: string }).message;
  }
  return typeof value === "string" ? value : Object.prototype.toString.call(value);
}

/** Node's fetch says only "fetch failed"; the useful part (ECONNRESET, ENOTFOUND…) sits in `cause`. */
function describeNetworkCause(error: Error): string {
  const inner = error.cause instanceof Error ? error.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code;
  if (inner) return `${error.message} (${typeof code === "string" ? `${code}: ` : ""}${inner.message})`;
  return error.message;
}
