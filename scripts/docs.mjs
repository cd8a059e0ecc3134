#!/usr/bin/env node
// `npm run docs`: renders generated/openapi.json to docs/index.html with Redoc.
// The page is self-contained: the Redoc bundle is inlined, web fonts and
// telemetry are off, and Redoc's CDN-hosted logo is replaced by an inline
// image. As a second line of defence the page template's
// Content-Security-Policy makes the browser refuse any request that would
// still leave the file (test/docs-browser.test.ts checks both).
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
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

// Redoc's sidebar footer ("API docs by" + logo) loads the logo from Redocly's
// CDN, which would make the page reach out to the internet when opened.
const REDOCLY_LOGO_URL = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="54" height="14" viewBox="0 0 54 14">' +
    '<text x="0" y="11" font-family="sans-serif" font-size="11" font-weight="600" fill="#0044d4">Redocly</text></svg>',
)}`;
const html = await readFile(out, "utf8");
await writeFile(out, html.replace(REDOCLY_LOGO_URL, () => INLINE_LOGO));
console.log(`docs written to ${out}`);
