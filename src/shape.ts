/** Checks parsed JSON against a shape generated from the spec (generated/shapes.ts). */
import type { Shape } from "../generated/shapes.js";

/**
 * Returns a description of the first place where `value` does not have the
 * JSON type the shape allows, or undefined when it fits. Unknown properties
 * pass; `null` passes wherever a property may be left out, since servers
 * often write null for "no value".
 */
export function findShapeMismatch(value: unknown, shape: Shape, path: string): string | undefined {
  const kind = jsonType(value);
  const allowed = shape.t;
  const fits =
    allowed.length === 0 ||
    allowed.includes(kind) ||
    (kind === "number" && allowed.includes("integer") && Number.isInteger(value)) ||
    (kind === "integer" && allowed.includes("number"));
  if (!fits) return `${path} must be ${allowed.join(" or ")}, got ${kind}`;
  if (kind === "object" && shape.p) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(shape.p)) {
      const child = object[key];
      if (child === undefined || child === null) continue;
      const found = findShapeMismatch(child, shape.p[key] as Shape, `${path}.${key}`);
      if (found) return found;
    }
  }
  if (kind === "array" && shape.i) {
    const items = value as unknown[];
    for (let index = 0; index < items.length; index++) {
      const found = findShapeMismatch(items[index], shape.i, `${path}[${index}]`);
      if (found) return found;
    }
  }
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
