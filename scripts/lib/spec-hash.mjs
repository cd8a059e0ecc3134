// Hash of the spec tree recorded in generated/STAMP.json.
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "./project.mjs";

/**
 * Hashes every file under `root`/openapi, in path order, mixing in each path
 * relative to `root` (with `/` separators, never absolute), so the result
 * changes with any edit, addition, removal or rename in the spec — and is the
 * same on every machine.
 */
export async function hashSpecTree(root = PROJECT_ROOT) {
  const hash = createHash("sha256");
  const files = [];
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(path);
    }
  }
  await walk(join(root, "openapi"));
  for (const file of files.sort()) {
    hash.update(relative(root, file).split("\\").join("/"));
    hash.update("\0");
    hash.update(await readFile(file));
    hash.update("\0");
  }
  return `sha256:${hash.digest("hex")}`;
}
