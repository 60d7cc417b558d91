import { describe, expect, it } from 'vitest';
import { mean, median, percentile, summarize } from '../../bench/stats';

describe('percentile', () => {
  it('interpolates between the nearest ranks', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBeCloseTo(50.5);
    expect(percentile(values, 95)).toBeCloseTo(95.05);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20], 95)).toBeCloseTo(19.5);
  });

  it('does not depend on the input order and leaves the input alone', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it('handles one value, no values and non-finite values', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([Number.NaN, 1, 3], 50)).toBe(2);
  });

  it('refuses a percentile outside 0 to 100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });
});

describe('summaries', () => {
  it('reports count, min, p50, p95, max and mean', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({
      count: 4,
      min: 1,
      p50: 2.5,
      p95: expect.closeTo(3.85),
      max: 4,
      mean: 2.5,
    });
    expect(median([3, 1, 2])).toBe(2);
    expect(mean([])).toBeNaN();
  });
});
