// Closed-form 95 % intervals: Wilson's score interval for a proportion, Newcombe's hybrid score interval for the
// difference of two independent proportions. Exact from the counts alone, so no bootstrap over the data is needed.
import type { Interval } from "../schema.ts";

/** The 97.5th percentile of the standard normal distribution. */
const Z95 = 1.959963984540054;

/**
 * Wilson (1927) score interval for a proportion p observed on n trials (Newcombe 1998a, method 3). n may be an
 * effective sample size (weighted data, Kish), so it need not be an integer. Null when n is 0.
 */
export function wilson(p: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Rounding may push a bound a hair outside [0, 1] at p = 0 or 1.
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe (1998b) hybrid score interval, method 10, for p1 − p2 from two independent samples: it combines each
 * proportion's Wilson interval (l, u) as d − √((p1 − l1)² + (u2 − p2)²) … d + √((u1 − p1)² + (p2 − l2)²).
 */
export function newcombe(p1: number, n1: number, p2: number, n2: number, z = Z95): Interval | null {
  const a = wilson(p1, n1, z);
  const b = wilson(p2, n2, z);
  if (!a || !b) return null;
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** Whether an interval excludes zero: a difference distinguishable from no difference at the 95 % level. */
export const excludesZero = (interval: Interval): boolean => interval.low > 0 || interval.high < 0;
