// Cold start: fresh Node processes that import roma-fdi (from dist/), the
// Huawei core or openapi-fetch, against bare Node running the same child
// script. Variants alternate run by run; medians of wall time (spawn to
// exit, as a serverless cold start sees it), in-process import time and RSS,
// and of the per-run differences to bare Node.
import { performance } from "node:perf_hooks";
import { runJsonChild } from "./processes.mjs";
import { median, rotate } from "./stats.mjs";

/** Variants in table order; "bare" is the baseline. */
export const COLD_VARIANTS = ["bare", "roma-fdi", "openapi-fetch", "huawei-core"];

/**
 * Runs `runs` cold starts of each variant and returns per-variant medians.
 * The differences to bare Node are medians of per-run differences (each run
 * starts every variant back to back), which cancels most machine drift.
 */
export async function measureColdStart(runs) {
  const raw = new Map(COLD_VARIANTS.map((v) => [v, { wallMs: [], importMs: [], rssBytes: [], addedMs: [], addedRssBytes: [] }]));
  // One unmeasured pass fills the OS file cache, as on any warm machine.
  for (const variant of COLD_VARIANTS) await runJsonChild("cold-child.mjs", { variant });
  for (let run = 0; run < runs; run++) {
    const thisRun = new Map();
    for (const variant of rotate(COLD_VARIANTS, run)) {
      const start = performance.now();
      const result = await runJsonChild("cold-child.mjs", { variant });
      thisRun.set(variant, { ...result, wallMs: performance.now() - start });
    }
    const bare = thisRun.get("bare");
    for (const [variant, result] of thisRun) {
      const bucket = raw.get(variant);
      bucket.wallMs.push(result.wallMs);
      bucket.importMs.push(result.importMs);
      bucket.rssBytes.push(result.rssBytes);
      bucket.addedMs.push(result.wallMs - bare.wallMs);
      bucket.addedRssBytes.push(result.rssBytes - bare.rssBytes);
    }
  }
  return COLD_VARIANTS.map((variant) => {
    const bucket = raw.get(variant);
    return {
      variant,
      wallMs: median(bucket.wallMs),
      importMs: median(bucket.importMs),
      rssBytes: median(bucket.rssBytes),
      addedMs: median(bucket.addedMs),
      addedRssBytes: median(bucket.addedRssBytes),
    };
  });
}
