/** Types of bundle-size.mjs for the TypeScript tests that import it. */
export const SIGNER_SOURCE: string;
export const BUDGETS: Readonly<Record<string, number>>;
/** A bundle that was built: sizes in bytes and the source files it holds. */
export interface MeasuredBundle {
  id: string;
  label: string;
  minifiedBytes: number;
  gzipBytes: number;
  budget: number | undefined;
  inputs: string[];
}
/** A bundle that could not be built because a file it needs does not exist yet. */
export interface UnavailableBundle {
  id: string;
  label: string;
  unavailable: string;
}
export function measureBundles(options?: { root?: string }): Promise<Array<MeasuredBundle | UnavailableBundle>>;
