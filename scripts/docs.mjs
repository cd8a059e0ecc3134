#!/usr/bin/env node
// `npm run docs`: renders generated/openapi.json to docs/index.html with Redoc.
// The page is self-contained: the Redoc bundle is inlined, web fonts and
// telemetry are off, and the page template's Content-Security-Policy makes
// the browser refuse any request that would still leave the file.
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "./lib/project.mjs";

const out = join(PROJECT_ROOT, "docs/index.html");
await mkdir(join(PROJECT_ROOT, "docs"), { recursive: true });
await promisify(execFile)(
  process.execPath,
  [
    join(PROJECT_ROOT, "node_modules/@redocly/cli/bin/cli.js"),
    "build-docs",
    join(PROJECT_ROOT, "generated/openapi.json"),
    "--output", out,
    "--inlineBundle",
    "--title", "roma-fdi — ROMA Connect FDI: query a task",
    "--template", join(PROJECT_ROOT, "scripts/docs-template.hbs"),
    "--openapi.disableGoogleFont=true",
    "--openapi.disableTelemetry=true",
  ],
  { cwd: PROJECT_ROOT, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
);
console.log(`docs written to ${out}`);
