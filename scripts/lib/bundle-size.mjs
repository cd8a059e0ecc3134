// Browser bundle sizes: esbuild (bundled, minified, ES2022, browser platform)
// then gzip -9. Shared by `npm run bench` (the report) and the size-budget
// test in `npm test` (which fails when a budget is exceeded).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { PROJECT_ROOT } from "./project.mjs";

/** Where the AK/SK signer lives once it exists. */
export const SIGNER_SOURCE = "src/auth/sign.ts";

/**
 * Gzip budgets in bytes. "roma-fdi" sits just above the size reached (6,840 B
 * with openapi-fetch 0.17.0): it stops growth, though the target is
 * 5 kB (see BENCHMARKS.md for what stands in the way). "roma-fdi+signer" is
 * the 7 kB ceiling until the signer exists and can be measured; then
 * set it just above the size reached. Raise a budget only with a reason in
 * the commit message.
 */
export const BUDGETS = {
  "roma-fdi": 7_000,
  "roma-fdi+signer": 7_000,
};

/** What is bundled for each row, as an ES module entry relative to the project root. */
const ENTRIES = {
  "openapi-fetch": {
    label: "openapi-fetch alone",
    contents: 'export { default } from "openapi-fetch";',
  },
  "roma-fdi": {
    label: "roma-fdi browser entry (src/index.ts), token auth",
    contents: 'export * from "./src/index.ts";',
  },
  "roma-fdi+signer": {
    label: "roma-fdi browser entry + AK/SK signer",
    requires: SIGNER_SOURCE,
    // A namespace re-export keeps every export of the signer in the bundle.
    contents: `export * from "./src/index.ts";\nimport * as signer from "./${SIGNER_SOURCE}";\nexport { signer };`,
  },
};

/**
 * Bundles each entry and returns `{ id, label, minifiedBytes, gzipBytes,
 * budget, inputs }` per entry, or `{ id, label, unavailable }` when the entry
 * needs a file that does not exist yet. Throws when esbuild cannot bundle
 * for the browser (a Node built-in creeping into src/ does that).
 * @param {{ root?: string }} [options]
 */
export async function measureBundles({ root = PROJECT_ROOT } = {}) {
  const results = [];
  for (const [id, entry] of Object.entries(ENTRIES)) {
    if (entry.requires && !existsSync(join(root, entry.requires))) {
      results.push({ id, label: entry.label, unavailable: `${entry.requires} does not exist yet` });
      continue;
    }
    const output = await build({
      stdin: { contents: entry.contents, resolveDir: root, loader: "ts", sourcefile: `${id}.entry.ts` },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
      legalComments: "none",
    });
    const code = output.outputFiles[0].contents;
    results.push({
      id,
      label: entry.label,
      minifiedBytes: code.byteLength,
      gzipBytes: gzipSync(code, { level: 9 }).byteLength,
      budget: BUDGETS[id],
      inputs: Object.keys(output.metafile.inputs).filter((path) => !path.endsWith(".entry.ts")).sort(),
    });
  }
  return results;
}
