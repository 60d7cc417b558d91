/**
 * The few statistics the benchmark reports. Percentiles interpolate linearly between the two
 * nearest ranks (the "R-7" definition numpy and spreadsheets use by default), so p50 of an even
 * count is the mean of the middle two and p100 is the maximum.
 */

/** The `p`-th percentile (0 to 100) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, not ${p}`);
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length === 0 ? Number.NaN : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((value) => Number.isFinite(value));
  return {
    count: finite.length,
    min: finite.length ? Math.min(...finite) : Number.NaN,
    p50: percentile(finite, 50),
    p95: percentile(finite, 95),
    max: finite.length ? Math.max(...finite) : Number.NaN,
    mean: mean(finite),
  };
}
