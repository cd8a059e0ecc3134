/** Parsing of the `task_detail` string into its typed form. */
import type { TaskDetail } from "../generated/schema.js";
import { RomaResponseError } from "./errors.js";

/**
 * Parses the JSON document held in a response's `task_detail` string.
 * Unknown keys are kept as they are. Throws {@link RomaResponseError} when
 * the text is not JSON or not a JSON object.
 */
export function parseTaskDetail(text: string): TaskDetail {
  if (typeof text !== "string") {
    throw new RomaResponseError(`task_detail must be a string, got ${text === null ? "null" : typeof text}`, { body: "" });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new RomaResponseError(`task_detail is not valid JSON: ${(cause as Error).message}`, { body: text, cause });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RomaResponseError(`task_detail must hold a JSON object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`, { body: text });
  }
  return value as TaskDetail;
}
