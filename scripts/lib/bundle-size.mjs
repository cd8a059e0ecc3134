// Browser bundle sizes: what a browser app that uses roma-fdi downloads.
// Each row bundles a small app entry with esbuild (minified, ES2022, browser
// platform, code splitting on, as Vite, Rollup and webpack do for dynamic
// imports) and gzips it (-9). Shared by `npm run bench` (the report) and the
// size-budget test in `npm test` (which fails when a budget is exceeded).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { PROJECT_ROOT } from "./project.mjs";

/** Where the AK/SK signer lives; the client loads it on first signed request. */
export const SIGNER_SOURCE = "src/auth/sign.ts";

/**
 * Gzip budgets in bytes, just above the sizes reached (see BENCHMARKS.md for
 * the targets and what stands in the way). Raise a budget only with a
 * reason in the commit message.
 */
export const BUDGETS = {
  "roma-fdi": 9_400,
  "roma-fdi+signer": 12_000,
};

/** What is bundled for each row: an app entry relative to the project root. */
const ENTRIES = {
  "openapi-fetch": {
    label: "openapi-fetch alone",
    contents: 'import createClient from "openapi-fetch";\nglobalThis.app = createClient;',
  },
  "roma-fdi": {
    label: "app with a token: createRomaClient, errors, parseTaskDetail (signer chunk not loaded)",
    contents: 'import { createRomaClient, RomaApiError, parseTaskDetail } from "./src/index.ts";\nglobalThis.app = { createRomaClient, RomaApiError, parseTaskDetail };',
    eagerOnly: true,
  },
  "roma-fdi+signer": {
    label: "app with AK/SK: the same, plus the signer chunk it loads",
    contents: 'import { createRomaClient, RomaApiError, parseTaskDetail } from "./src/index.ts";\nglobalThis.app = { createRomaClient, RomaApiError, parseTaskDetail };',
    eagerOnly: false,
  },
};

/**
 * Bundles each entry and returns `{ id, label, minifiedBytes, gzipBytes,
 * budget, inputs }` per entry: the sum over the chunks the app loads (with
 * `eagerOnly`, only those it loads up front). Throws when esbuild cannot
 * bundle for the browser (a Node built-in creeping into src/ does that).
 * @param {{ root?: string }} [options]
 */
export async function measureBundles({ root = PROJECT_ROOT } = {}) {
  const results = [];
  const outdir = await mkdtemp(join(tmpdir(), "roma-fdi-bundle-"));
  try {
    for (const [id, entry] of Object.entries(ENTRIES)) {
      const output = await build({
        stdin: { contents: entry.contents, resolveDir: root, loader: "ts", sourcefile: `${id}.entry.ts` },
        bundle: true,
        splitting: true,
        minify: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        outdir,
        write: false,
        metafile: true,
        logLevel: "silent",
        legalComments: "none",
      });
      const loaded = loadedChunks(output.metafile, entry.eagerOnly);
      const files = output.outputFiles.filter((file) => loaded.has(relative(process.cwd(), file.path)) || loaded.has(file.path));
      const inputs = new Set();
      for (const name of loaded) for (const input of Object.keys(output.metafile.outputs[name]?.inputs ?? {})) inputs.add(input);
      results.push({
        id,
        label: entry.label,
        minifiedBytes: files.reduce((sum, file) => sum + file.contents.byteLength, 0),
        gzipBytes: files.reduce((sum, file) => sum + gzipSync(file.contents, { level: 9 }).byteLength, 0),
        budget: BUDGETS[id],
        inputs: [...inputs].filter((path) => !path.endsWith(".entry.ts")).sort(),
      });
    }
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
  return results;
}

/** Output chunks the entry loads: its static imports, and with `eagerOnly` false its dynamic ones too. */
function loadedChunks(metafile, eagerOnly) {
  const entryName = Object.keys(metafile.outputs).find((name) => metafile.outputs[name].entryPoint);
  const loaded = new Set();
  const visit = (name) => {
    if (loaded.has(name)) return;
    loaded.add(name);
    for (const imported of metafile.outputs[name]?.imports ?? []) {
      if (imported.external) continue;
      if (imported.kind === "dynamic-import" && eagerOnly) continue;
      visit(imported.path);
    }
  };
  if (entryName) visit(entryName);
  return loaded;
}
