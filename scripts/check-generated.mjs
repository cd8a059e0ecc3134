#!/usr/bin/env node
// Fails when generated/ is not exactly what `npm run generate` would write now.
// Usage: node scripts/check-generated.mjs [--dir DIR]   (default: generated/)
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generate } from "./generate.mjs";
import { PROJECT_ROOT } from "./lib/project.mjs";

const dirIndex = process.argv.indexOf("--dir");
const committedDir = dirIndex > 0 ? resolve(process.argv[dirIndex + 1]) : join(PROJECT_ROOT, "generated");
const freshDir = await mkdtemp(join(tmpdir(), "roma-fdi-fresh-"));
try {
  const fresh = await generate(freshDir);
  const committed = await readdir(committedDir).catch(() => []);
  const stale = [];
  for (const name of new Set([...fresh, ...committed])) {
    const [want, have] = await Promise.all([
      readFile(join(freshDir, name), "utf8").catch(() => null),
      readFile(join(committedDir, name), "utf8").catch(() => null),
    ]);
    if (want === have) continue;
    if (want === null) stale.push(`generated/${name} (not produced by the generator; delete it)`);
    else if (have === null) stale.push(`generated/${name} (missing)`);
    else stale.push(`generated/${name} (differs)`);
  }
  if (stale.length) {
    console.error(`generated/ is stale:\n  ${stale.join("\n  ")}\nRun \`npm run generate\` and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(`generated/ is fresh (${fresh.length} files match the spec).`);
  }
} finally {
  await rm(freshDir, { recursive: true, force: true });
}
