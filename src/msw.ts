/**
 * `roma-fdi/msw`: Mock Service Worker handlers for the "query a task"
 * operation, answering with the spec's named examples — the same bodies the
 * Prism mock serves. Needs `msw` 2.x, an optional peer dependency.
 *
 * ```ts
 * import { setupServer } from "msw/node";
 * import { showTask } from "roma-fdi/msw";
 * const server = setupServer(showTask({ example: "realtimeTaskRunning" }));
 * ```
 */
import { delay, http, HttpResponse, type HttpHandler } from "msw";
import { RESPONSE_EXAMPLES, SHOW_TASK_PATH } from "../generated/client.js";
import { EXAMPLE_VALUES, REQUEST_ID_EXAMPLE } from "../generated/examples.js";
import type { ErrorBody, ShowTaskResponse } from "../generated/schema.js";

type Examples = typeof RESPONSE_EXAMPLES;
type StatusKey = keyof Examples;
type ToNumber<S> = S extends `${infer N extends number}` ? N : never;

/** The names of the spec's examples for each response status of showTask. */
export const SHOW_TASK_EXAMPLES: Examples = RESPONSE_EXAMPLES;

/** A response status the spec declares for showTask (200, 400, 401, 403, 404, 500). */
export type ShowTaskStatus = ToNumber<StatusKey>;

/** The name of one of the spec's examples for showTask, such as `"realtimeTaskRunning"` or `"taskNotFound"`. */
export type ShowTaskExampleName = Examples[StatusKey][number];

/** The status under which the spec lists example `E`. */
export type StatusOfExample<E extends ShowTaskExampleName> = {
  [S in StatusKey]: E extends Examples[S][number] ? ToNumber<S> : never;
}[StatusKey];

/** The body type of example `E`: the task for 200 examples, the error body otherwise. */
export type ShowTaskExampleBody<E extends ShowTaskExampleName> = E extends Examples["200"][number] ? ShowTaskResponse : ErrorBody;

/** Options of {@link showTask}. */
export interface ShowTaskHandlerOptions<E extends ShowTaskExampleName = ShowTaskExampleName> {
  /** The example to answer with. Default: the first example of `status`, or `timingTaskStopped`. */
  example?: E;
  /** The HTTP status to answer with; it must be the one the spec lists `example` under. Default: the example's status. */
  status?: StatusOfExample<E>;
  /** Wait this many milliseconds before answering (for loading states and timeouts). Default 0. */
  delayMs?: number;
  /** Only match requests to this base URL, such as `https://roma.cn-north-4.myhuaweicloud.com`. Default: any origin. */
  baseUrl?: string;
  /** Answer 401 with the spec's 401 example when the request carries neither `X-Auth-Token` nor `Authorization`, as the mock does. Default true. */
  requireAuth?: boolean;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Answer only the first matching request. Default false. */
  once?: boolean;
}
const REQUEST_ID = REQUEST_ID_EXAMPLE;
const STATUS_OF = new Map<string, number>(
  Object.entries(RESPONSE_EXAMPLES).flatMap(([status, names]) => names.map((name): [string, number] => [name, Number(status)])),
);
/** The msw path pattern of showTask: `{name}` placeholders become `:name`. */
const MSW_PATH = SHOW_TASK_PATH.replace(/\{(\w+)\}/g, ":$1");

/** A deep copy of the body of one of the spec's examples. Throws `TypeError` for an unknown name. */
export function showTaskExample<E extends ShowTaskExampleName>(name: E): ShowTaskExampleBody<E> {
  if (!STATUS_OF.has(name)) throw new TypeError(`unknown showTask example ${JSON.stringify(name)}; known: ${[...STATUS_OF.keys()].join(", ")}`);
  const value = EXAMPLE_VALUES[name];
  if (value === undefined) throw new TypeError(`the spec's example ${name} has no value`);
  return structuredClone(value) as ShowTaskExampleBody<E>;
}

/**
 * A request handler for `GET /v2/{project_id}/fdi/instances/{instance_id}/tasks/{task_id}`
 * that answers with one of the spec's named examples. Throws `TypeError` for
 * an unknown example or status, or a status the example is not listed under.
 */
export function showTask<E extends ShowTaskExampleName = ShowTaskExampleName>(options: ShowTaskHandlerOptions<E> = {}): HttpHandler {
  const { example, status, delayMs = 0, baseUrl, requireAuth = true, headers = {}, once = false } = options;
  const chosen = pickExample(example, status);
  const answerStatus = STATUS_OF.get(chosen) ?? 200;
  const body = showTaskExample(chosen);
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new TypeError(`delayMs must be a finite number >= 0, got ${delayMs}`);
  const unauthorizedName = RESPONSE_EXAMPLES["401"][0];
  const unauthorized = showTaskExample(unauthorizedName);
  const path = baseUrl === undefined ? `*${MSW_PATH}` : `${baseUrl.replace(/\/+$/, "")}${MSW_PATH}`;

  return http.get(
    path,
    async ({ request }) => {
      if (delayMs > 0) await delay(delayMs);
      const responseHeaders = { ...(REQUEST_ID ? { "X-Request-Id": REQUEST_ID } : {}), ...headers };
      if (requireAuth && !request.headers.has("x-auth-token") && !request.headers.has("authorization")) {
        return HttpResponse.json(structuredClone(unauthorized), { status: 401, headers: responseHeaders });
      }
      return HttpResponse.json(structuredClone(body), { status: answerStatus, headers: responseHeaders });
    },
    { once },
  );
}

function pickExample(example: string | undefined, status: number | undefined): ShowTaskExampleName {
  const statuses = Object.keys(RESPONSE_EXAMPLES).join(", ");
  if (status !== undefined && !(String(status) in RESPONSE_EXAMPLES)) {
    throw new TypeError(`status ${status} is not a showTask response in the spec; use one of ${statuses}`);
  }
  if (example === undefined) {
    const names: readonly ShowTaskExampleName[] = RESPONSE_EXAMPLES[String(status ?? 200) as StatusKey];
    const first = names[0];
    if (first === undefined) throw new TypeError(`the spec has no example for status ${status}`);
    return first;
  }
  const own = STATUS_OF.get(example);
  if (own === undefined) throw new TypeError(`unknown showTask example ${JSON.stringify(example)}; known: ${[...STATUS_OF.keys()].join(", ")}`);
  if (status !== undefined && status !== own) {
    throw new TypeError(`example ${example} is a ${own} response in the spec, not ${status}`);
  }
  return example as ShowTaskExampleName;
}
