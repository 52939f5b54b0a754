// The lifecycle of a register record: draft → in_review → published → retired.
import assert from "node:assert/strict";
import { test } from "node:test";
import { canTransition } from "./lifecycle.ts";

test("a draft is submitted, then published or returned; published records are revised or retired", () => {
  assert.equal(canTransition("draft", "submit"), true);
  assert.equal(canTransition("draft", "publish"), false, "nothing is published without review");
  assert.equal(canTransition("in_review", "publish"), true);
  assert.equal(canTransition("in_review", "return"), true);
  assert.equal(canTransition("published", "revise"), true);
  assert.equal(canTransition("published", "retire"), true);
  for (const step of ["submit", "return", "publish", "revise", "retire"] as const) {
    assert.equal(canTransition("retired", step), false, `retired records are final (${step})`);
  }
});
