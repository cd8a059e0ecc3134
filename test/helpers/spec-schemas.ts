/**
 * Validates response bodies against the spec's own schemas (JSON Schema
 * 2020-12, as OpenAPI 3.1 uses), read from the bundled generated/openapi.json.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import spec from "../../generated/openapi.json" with { type: "json" };
import { SHOW_TASK_PATH } from "../../generated/client.js";

const BASE = "https://roma-fdi.invalid/openapi.json";

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaType>;
}
const document = spec as unknown as {
  paths: Record<string, { get: { responses: Record<string, ResponseObject> } }>;
  components: Record<string, unknown>;
};

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
// OpenAPI's own annotation keyword, and the two top-level sections schemas are reached through.
ajv.addKeyword("example");
ajv.addKeyword("components");
ajv.addKeyword("paths");
// OpenAPI's integer formats; JSON numbers are checked as integers (int64 can exceed 2^53 only in theory here).
ajv.addFormat("int32", { type: "number", validate: (value: number) => Number.isInteger(value) && Math.abs(value) <= 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: (value: number) => Number.isInteger(value) });
ajv.addSchema({ $id: BASE, components: document.components, paths: document.paths });

const compiled = new Map<string, ValidateFunction>();
function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${BASE}${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** JSON pointer of the JSON schema of showTask's `status` response. */
export function responseSchemaPointer(status: number | string): string {
  const responses = document.paths[SHOW_TASK_PATH]?.get.responses ?? {};
  const response = responses[String(status)];
  if (!response) throw new Error(`showTask has no ${status} response in the spec`);
  const base = response.$ref ?? `#/paths/${escapePointer(SHOW_TASK_PATH)}/get/responses/${status}`;
  return `${base}/content/${escapePointer("application/json")}/schema`;
}

/** Errors of `value` against a named schema in components.schemas; empty when valid. */
export function schemaErrors(schemaName: string, value: unknown): string[] {
  return errorsOf(validatorAt(`#/components/schemas/${escapePointer(schemaName)}`), value);
}

/**
 * Errors of a showTask response body for `status`; empty when valid. For a
 * 200 body, `task_detail` is also parsed and checked against TaskDetail, as
 * the spec's `contentSchema` says (ajv does not apply `contentSchema`).
 */
export function showTaskBodyErrors(status: number | string, body: unknown): string[] {
  const errors = errorsOf(validatorAt(responseSchemaPointer(status)), body);
  const detail = (body as { task_detail?: unknown } | null)?.task_detail;
  if (String(status) === "200" && typeof detail === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(detail);
    } catch (error) {
      return [...errors, `/task_detail is not JSON: ${(error as Error).message}`];
    }
    errors.push(...schemaErrors("TaskDetail", parsed).map((error) => `/task_detail (parsed)${error}`));
  }
  return errors;
}

function errorsOf(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? error.keyword}`);
}
