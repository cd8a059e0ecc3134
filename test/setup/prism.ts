// Starts one real Prism mock of the bundled spec for the whole run; contract
// tests reach it through inject("prismUrl").
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startPrism } from "../../scripts/lib/prism.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const prism = await startPrism();
  // If the run is killed before teardown, the mock must not be left behind.
  process.once("exit", () => prism.kill());
  project.provide("prismUrl", prism.url);
  return async () => {
    await prism.stop();
  };
}
