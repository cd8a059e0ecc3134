#!/usr/bin/env node
// `npm run build`: compiles src/ and generated/ into dist/ (JS, declarations,
// source maps). tsc does not copy .d.ts inputs, so the generated schema types
// are copied beside the compiled files. The bundled spec is not copied: the
// package ships it from generated/ (exports "./openapi.json", "./openapi.yaml").
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
await copyFile(join(PROJECT_ROOT, "generated/schema.d.ts"), join(dist, "generated/schema.d.ts"));
console.log("built dist/");
