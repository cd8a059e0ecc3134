/** Parsing of the `task_detail` string into its typed form. */
import type { TaskDetail } from "../generated/schema.js";
import { TASK_DETAIL_SHAPE } from "../generated/shapes.js";
import { RomaResponseError } from "./errors.js";
import { findShapeMismatch } from "./shape.js";

/**
 * Parses the JSON document held in a response's `task_detail` string and
 * checks that every key the spec knows has the type the spec gives it (so
 * the `TaskDetail` type holds); unknown keys are kept as they are, and null
 * is accepted for "no value". Throws {@link RomaResponseError} when the text
 * is not JSON, not a JSON object, or a known key has the wrong type.
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
  const mismatch = findShapeMismatch(value, TASK_DETAIL_SHAPE, "task_detail");
  if (mismatch) throw new RomaResponseError(`${mismatch}, which the spec does not allow`, { body: text });
  return value as TaskDetail;
}
