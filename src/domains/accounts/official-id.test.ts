// Official identifiers of organisations, against the vectors of ../shared/reference/identifiers.md.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatOfficialId, isValidBelgianEnterpriseNumber, isValidLuxembourgRegistryId } from "./official-id.ts";

test("BE enterprise numbers: 97 − (first eight mod 97), with or without dots", () => {
  assert.equal(isValidBelgianEnterpriseNumber("0765432146"), true);
  assert.equal(isValidBelgianEnterpriseNumber("0765.432.146"), true);
  assert.equal(isValidBelgianEnterpriseNumber("BE0765432146"), true);
  assert.equal(isValidBelgianEnterpriseNumber("0765432147"), false);
  assert.equal(isValidBelgianEnterpriseNumber("2123456791"), false, "an establishment unit is not an enterprise");
  assert.equal(isValidBelgianEnterpriseNumber("076543214"), false);
});

test("LU registry ids: an RCS number or a legal person's 11-digit number", () => {
  assert.equal(isValidLuxembourgRegistryId("B123456"), true);
  assert.equal(isValidLuxembourgRegistryId("RCS B123456"), true);
  assert.equal(isValidLuxembourgRegistryId("20012201234"), true);
  assert.equal(isValidLuxembourgRegistryId("Z1"), false);
  assert.equal(isValidLuxembourgRegistryId("1234"), false);
});

test("BE numbers are shown in their dotted form", () => {
  assert.equal(formatOfficialId("BE", "0765432146"), "0765.432.146");
  assert.equal(formatOfficialId("LU", " B123456 "), "B123456");
});
