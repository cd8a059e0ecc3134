// Size budgets of the browser bundle (esbuild, minified, gzip -9): fails when
// a change makes what browsers download grow past the budget. The budgets
// and the bundling live in scripts/lib/bundle-size.mjs, shared with `npm run bench`.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BUDGETS, measureBundles, SIGNER_SOURCE, type MeasuredBundle } from "../scripts/lib/bundle-size.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundles = await measureBundles({ root });
/** The measured bundle `id`; throws when it is missing or could not be built. */
function measured(id: string): MeasuredBundle {
  const found = bundles.find((bundle) => bundle.id === id);
  if (!found) throw new Error(`no bundle ${id}`);
  if ("unavailable" in found) throw new Error(`${id}: ${found.unavailable}`);
  return found;
}

describe("browser bundle size", () => {
  it("bundles a token app for the browser (no Node built-ins) within its gzip budget, without the signer", () => {
    const bundle = measured("roma-fdi");
    expect(bundle.inputs).toContain("src/index.ts");
    expect(bundle.inputs).not.toContain(SIGNER_SOURCE);
    expect(bundle.gzipBytes).toBeGreaterThan(0);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGETS["roma-fdi"]!);
  });

  it(`keeps an AK/SK app, with the signer chunk it loads (${SIGNER_SOURCE}), within its gzip budget`, () => {
    const bundle = measured("roma-fdi+signer");
    expect(bundle.inputs).toContain(SIGNER_SOURCE);
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGETS["roma-fdi+signer"]!);
  });

  it("measures openapi-fetch alone, the floor every roma-fdi bundle sits on", () => {
    const own = measured("openapi-fetch");
    const ours = measured("roma-fdi");
    expect(ours.gzipBytes).toBeGreaterThan(own.gzipBytes);
  });
});
