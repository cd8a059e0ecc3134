/** The spec's named examples, read from the bundled spec (the same the mock serves). */
import spec from "../../generated/openapi.json" with { type: "json" };
import type { ShowTaskResponse } from "roma-fdi";

type ExampleMap = Record<string, { value: unknown }>;
const examples = (spec as unknown as { components: { examples: ExampleMap } }).components.examples;

/** The value of one named example. */
export function exampleValue<T = unknown>(name: string): T {
  const example = examples[name];
  if (!example) throw new Error(`no example named ${name}`);
  return structuredClone(example.value) as T;
}

/** The reference page's example response. */
export const pageExample = (): ShowTaskResponse => exampleValue<ShowTaskResponse>("timingTaskStopped");

/** IDs of the reference page's example request. */
export const IDS = {
  projectId: "c53626012ba84727b938ca8bf03108ef",
  instanceId: "fae7ff6c-8e07-4cf8-9e67-589cab2f017c",
  taskId: "15366328208d4d77b76532fe9f4006a6",
} as const;
