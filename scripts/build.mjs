#!/usr/bin/env node
// `npm run build`: compiles src/ and generated/ into dist/ (JS, declarations,
// source maps). tsc does not copy .d.ts or JSON inputs, so the generated
// schema types and the bundled spec are copied beside the compiled files.
import { execFile } from "node:child_process";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "./lib/project.mjs";

const dist = join(PROJECT_ROOT, "dist");
await rm(dist, { recursive: true, force: true });
await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: PROJECT_ROOT,
});
await mkdir(join(dist, "generated"), { recursive: true });
for (const file of ["schema.d.ts", "openapi.json"]) {
  await copyFile(join(PROJECT_ROOT, "generated", file), join(dist, "generated", file));
}
console.log("built dist/");
