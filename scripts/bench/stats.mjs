// Order statistics over samples, shared by every benchmark section.

/** Returns the q-quantile (0..1) of `values` using the nearest-rank method; NaN when empty. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** Median of `values`. */
export const median = (values) => quantile(values, 0.5);

/** Rotates `items` left by `by` places: each round starts with a different contender. */
export function rotate(items, by) {
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
