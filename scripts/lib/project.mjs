// Small helpers shared by the scripts in this folder.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Version of an installed package, read from its package.json under node_modules. */
export async function readPackageVersion(name) {
  const text = await readFile(join(PROJECT_ROOT, "node_modules", name, "package.json"), "utf8");
  return JSON.parse(text).version;
}
