// Identifiers inside free text: candidates by pattern, kept only when their full check passes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findInText, looksLikeText } from "./text.ts";

describe("findInText", () => {
  it("finds each identifier with its span and canonical form", () => {
    const text = "Dossier 90.05.15-123.91: IBAN BE21 0012 3456 7803 TVA BE 0765.432.146, joindre an.peeters@example.be ou +352 621 123 456.";
    const found = findInText(text).map((m) => [m.entity, text.slice(m.start, m.end), m.canonical]);
    assert.deepEqual(found, [
      ["be_national_number", "90.05.15-123.91", "90051512391"],
      ["iban", "BE21 0012 3456 7803", "BE21001234567803"],
      ["be_vat", "BE 0765.432.146", "BE0765432146"],
      ["email", "an.peeters@example.be", "an.peeters@example.be"],
      ["phone", "+352 621 123 456", "+352621123456"],
    ]);
  });

  it("ignores numbers whose check fails, and plain prose", () => {
    assert.deepEqual(findInText("Reference 90051512392, amount 1250 EUR, paid on 2024-05-31."), []);
  });

  it("tells prose from a whole value", () => {
    assert.equal(looksLikeText("90.05.15-123.91"), false);
    assert.equal(looksLikeText("contact an.peeters@example.be"), true);
  });
});
