/**
 * Bundles the package root (src/index.ts) for browsers with esbuild, the way
 * a frontend build would: ESM, browser platform, nothing left external.
 * A `node:` import anywhere in the client makes the build fail.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ENTRY = fileURLToPath(new URL("../../src/index.ts", import.meta.url));

/** A browser bundle of roma-fdi, written to a temporary folder. */
export interface BrowserBundle {
  /** The bundle's JavaScript. */
  code: string;
  /** Every source file that went into the bundle (paths relative to the project root). */
  inputs: string[];
  /** Deletes the temporary folder. */
  remove(): Promise<void>;
}

/** Builds the browser bundle; rejects with esbuild's errors when it cannot be built for a browser. */
export async function bundleForBrowser(): Promise<BrowserBundle> {
  const dir = await mkdtemp(join(tmpdir(), "roma-fdi-bundle-"));
  try {
    const outfile = join(dir, "roma-fdi.js");
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile,
      metafile: true,
      logLevel: "silent",
      absWorkingDir: fileURLToPath(new URL("../..", import.meta.url)),
    });
    return {
      code: await readFile(outfile, "utf8"),
      inputs: Object.keys(result.metafile.inputs),
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
