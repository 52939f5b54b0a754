// Wilson and Newcombe intervals against the worked examples published with the methods.
import assert from "node:assert/strict";
import { test } from "node:test";
import { excludesZero, newcombe, wilson } from "./intervals.ts";

/** The papers print four decimals. */
function assertInterval(actual: { low: number; high: number } | null, low: number, high: number) {
  assert.ok(actual, "an interval");
  assert.ok(Math.abs(actual.low - low) < 5e-5, `low ${actual.low} ≠ ${low}`);
  assert.ok(Math.abs(actual.high - high) < 5e-5, `high ${actual.high} ≠ ${high}`);
}

// Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven methods.
// Statistics in Medicine 1998; 17:857–872, Table I, method 3 (score interval without continuity correction).
test("Wilson's interval matches Newcombe (1998a), Table I", () => {
  assertInterval(wilson(81 / 263, 263), 0.2553, 0.3662);
  assertInterval(wilson(15 / 148, 148), 0.0624, 0.1605);
  assertInterval(wilson(0 / 20, 20), 0, 0.1611);
  assertInterval(wilson(1 / 29, 29), 0.0061, 0.1718);
});

test("Wilson's interval by hand: 0 of 20 gives 0 to z² / (n + z²)", () => {
  // 1.959964² = 3.841459; 3.841459 / 23.841459 = 0.161123.
  assertInterval(wilson(0, 20), 0, 0.1611);
  assert.equal(wilson(0.5, 0), null);
});

// Newcombe RG. Interval estimation for the difference between independent proportions: comparison of eleven
// methods. Statistics in Medicine 1998; 17:873–890, Table II, method 10 (hybrid score interval).
test("Newcombe's hybrid score interval matches Newcombe (1998b), Table II", () => {
  assertInterval(newcombe(56 / 70, 70, 48 / 80, 80), 0.0524, 0.3339); // (a)
  assertInterval(newcombe(9 / 10, 10, 3 / 10, 10), 0.1705, 0.809); // (b)
  assertInterval(newcombe(5 / 56, 56, 0 / 29, 29), -0.0381, 0.1926); // (d)
  assertInterval(newcombe(0 / 10, 10, 0 / 20, 20), -0.1611, 0.2775); // (e)
  assertInterval(newcombe(0 / 10, 10, 0 / 10, 10), -0.2775, 0.2775); // (f)
  assertInterval(newcombe(10 / 10, 10, 0 / 20, 20), 0.6791, 1); // (g)
  assertInterval(newcombe(10 / 10, 10, 0 / 10, 10), 0.6075, 1); // (h)
});

test("a difference is distinguishable from zero only when its interval excludes zero", () => {
  assert.equal(excludesZero(newcombe(56 / 70, 70, 48 / 80, 80)!), true);
  assert.equal(excludesZero(newcombe(5 / 56, 56, 0 / 29, 29)!), false);
  assert.equal(newcombe(0.5, 0, 0.5, 10), null);
});
