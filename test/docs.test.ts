// Static checks of the Redoc page; the browser test of issue 5 renders it.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";

let html = "";
beforeAll(async () => {
  await promisify(execFile)(process.execPath, ["scripts/docs.mjs"]);
  html = await readFile("docs/index.html", "utf8");
}, 60_000);

it("docs/index.html loads no remote script, stylesheet or font", () => {
  const tags = [...html.matchAll(/<(script|link|img|iframe)\b[^>]*>/gi)].map((m) => m[0]);
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  expect(html).not.toMatch(/fonts\.googleapis/i);
});

it("docs/index.html forbids, by Content-Security-Policy, any request that would leave the file", () => {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
  const directives = Object.fromEntries(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives["default-src"]).toEqual(["'none'"]);
  expect(directives["connect-src"]).toEqual(["'none'"]);
  for (const name of ["script-src", "style-src", "img-src", "font-src"]) {
    for (const source of directives[name] ?? []) expect(source).toMatch(/^('unsafe-inline'|data:|blob:)$/);
  }
});

it("docs/index.html holds the operation and the spec", () => {
  expect(html).toContain("Query a task");
  expect(html).toContain("fdi_task_pzy4m5");
  expect(html).toContain("akskSignature");
});
