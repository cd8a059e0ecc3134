/**
 * How the CLI reads a response's `task_detail` string. The library's
 * parseTaskDetail checks it against the spec; when the only fault is a known
 * key of an unexpected type, the CLI still shows what it can from the parsed
 * object (the summary renderer trusts no shape) and says so in a warning.
 */
import { RomaResponseError } from "../errors.js";
import { parseTaskDetail } from "../task-detail.js";

/** What the CLI got out of `task_detail`. */
export interface DetailReading {
  /** The parsed object (checked, or as sent when it does not match the spec); undefined when there is none. */
  detail: unknown;
  /** Why there is no object to show: absent, not a string, not JSON, not a JSON object. */
  problem: string | undefined;
  /** How the object departs from the spec, when it was kept anyway. */
  mismatch: string | undefined;
}

// parseTaskDetail ends the message of a shape refusal with this; the other
// refusals (not JSON, not an object) leave nothing to show.
const SHAPE_REFUSAL = /,? which the spec does not allow$/;

/** Reads `task_detail` as the CLI shows it. Never throws. */
export function readTaskDetail(value: unknown): DetailReading {
  if (value === undefined) return { detail: undefined, problem: "the answer has no task_detail", mismatch: undefined };
  if (typeof value !== "string") return { detail: undefined, problem: "task_detail is not a string", mismatch: undefined };
  try {
    return { detail: parseTaskDetail(value), problem: undefined, mismatch: undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RomaResponseError && SHAPE_REFUSAL.test(message)) {
      const raw = parseObject(value);
      if (raw !== undefined) return { detail: raw, problem: undefined, mismatch: message.replace(SHAPE_REFUSAL, "") };
    }
    return { detail: undefined, problem: message, mismatch: undefined };
  }
}

function parseObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
