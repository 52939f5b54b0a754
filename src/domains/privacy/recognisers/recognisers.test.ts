// Acceptance: every vector of ../shared/fixtures/identifiers/generated.json, and the examples of the reference table.
import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, it } from "node:test";
import validator from "validator";
import { entityIds, type EntityId } from "../schema.ts";
import { luhnCheckDigit, verhoeffCheckDigit } from "./checks.ts";
import { recognise, recogniserFor } from "./index.ts";

interface Vector {
  type: EntityId;
  value: string;
  valid: boolean;
  note?: string;
}
const FIXTURE = new URL("../../../../../shared/fixtures/identifiers/generated.json", import.meta.url);
const vectors = (JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as { vectors: Vector[] }).vectors;

/**
 * Vectors of the fixture whose label contradicts the rule of the reference (C2 = Verhoeff over the first eleven
 * digits): for each, the standard Verhoeff digit differs from the one labelled valid (or equals the one labelled
 * wrong). validator's isTaxID("fr-LU"), an independent implementation, agrees with us on every one; the fixture
 * should be regenerated. Standard digit → labelled digit:
 */
const FIXTURE_ERRATA = new Map([
  ["1971102835321", "Verhoeff of 19711028353 is 0, labelled valid with 1"],
  ["2007081855056", "Verhoeff of 20070818550 is 7, labelled valid with 6"],
  ["1956081855575", "Verhoeff of 19560818555 is 9, labelled valid with 5"],
  ["1956081855579", "Verhoeff of 19560818555 is 9, labelled invalid with 9"],
  ["1943011783328", "Verhoeff of 19430117833 is 6, labelled valid with 8"],
  ["1950112749562", "Verhoeff of 19501127495 is 4, labelled valid with 2"],
  ["2019050892680", "Verhoeff of 20190508926 is 4, labelled valid with 0"],
  ["1957030726505", "Verhoeff of 19570307265 is 7, labelled valid with 5"],
]);

describe("the shared identifier vectors", () => {
  it("cover known entity ids only", () => {
    assert.ok(vectors.length > 500);
    for (const v of vectors) assert.ok((entityIds as readonly string[]).includes(v.type), v.type);
  });

  it("every valid vector is found as its type, every invalid one rejected (less the errata below)", () => {
    const wrong = vectors.filter((v) => {
      const valid = FIXTURE_ERRATA.has(v.value) ? !v.valid : v.valid;
      const found = recognise(v.value).some((r) => r.entity === v.type);
      return found !== valid || (recogniserFor(v.type).parse(v.value) !== null) !== valid;
    });
    assert.deepEqual(
      wrong.map((v) => `${v.type} ${v.value} expected ${v.valid ? "valid" : "invalid"}${v.note ? ` (${v.note})` : ""}`),
      [],
    );
  });

  it("the errata are the Luxembourg vectors on which validator's isTaxID(fr-LU) contradicts the label, and no others", () => {
    const contradicted = vectors.filter((v) => v.type === "lu_national_id" && validator.isTaxID(v.value, "fr-LU") !== v.valid);
    assert.deepEqual(contradicted.map((v) => v.value).sort(), [...FIXTURE_ERRATA.keys()].sort());
    for (const v of vectors.filter((v) => v.type === "lu_national_id")) {
      assert.equal(recogniserFor("lu_national_id").parse(v.value) !== null, validator.isTaxID(v.value, "fr-LU"), v.value);
    }
  });

  it("no valid national number passes as a BIS number or the other way round", () => {
    for (const v of vectors.filter((v) => v.valid && (v.type === "be_national_number" || v.type === "be_bis_number"))) {
      const other = v.type === "be_national_number" ? "be_bis_number" : "be_national_number";
      assert.equal(recogniserFor(other).parse(v.value), null, v.value);
    }
  });
});

describe("the reference table", () => {
  const cases: Array<[EntityId, string, boolean]> = [
    ["be_national_number", "90051512391", true],
    ["be_national_number", "90.05.15-123.91", true],
    ["be_national_number", "05031204640", true],
    ["be_national_number", "90051512392", false],
    ["be_bis_number", "90451512380", true],
    ["be_bis_number", "90251512436", true],
    ["be_bis_number", "90451512381", false],
    ["be_enterprise_number", "0765432146", true],
    ["be_enterprise_number", "0765.432.146", true],
    ["be_enterprise_number", "765.432.146", true],
    ["be_enterprise_number", "0765432147", false],
    ["be_establishment_unit", "2123456791", true],
    ["be_establishment_unit", "2123456792", false],
    ["be_vat", "BE0765432146", true],
    ["be_vat", "BE 0765.432.146", true],
    ["be_vat", "be0765432146", true],
    ["be_vat", "BE0765432147", false],
    ["be_eid_card", "592-0123456-56", true],
    ["be_eid_card", "592-0123456-57", false],
    ["lu_national_id", "1985071412341", true],
    ["lu_national_id", "1985 0714 123 41", true],
    ["lu_national_id", "1893120105732", true],
    ["lu_national_id", "1985071412342", false],
    ["lu_national_id", "1985071412351", false],
    ["lu_national_id", "2003022900165", false],
    ["lu_vat", "LU24681316", true],
    ["lu_vat", "LU 2468 1316", true],
    ["lu_vat", "LU24681317", false],
    ["iban", "BE21001234567803", true],
    ["iban", "BE21 0012 3456 7803", true],
    ["iban", "BE91001234567804", false],
    ["iban", "LU620012345678901234", true],
    ["iban", "LU630012345678901234", false],
    ["phone", "+32 2 512 34 56", true],
    ["phone", "0470 12 34 56", true],
    ["phone", "0032 470 12 34 56", true],
    ["phone", "+32 430 12 34 56", false],
    ["phone", "+352 621 123 456", true],
    ["phone", "+352 26 12 34 56", true],
    ["phone", "621 123 456", true],
    ["phone", "+352 631 123 456", false],
    ["email", "an.peeters@example.be", true],
    ["email", "an.peeters@example", false],
    ["plate", "2-XYZ-789", true],
    ["plate", "1-AB-123", false],
    ["plate", "ABC-123", true],
    ["plate", "123-ABC", true],
    ["plate", "XY 3456", true],
    ["plate", "ABC 1234", false],
    ["postcode", "1000", true],
    ["postcode", "L-4402", true],
    ["postcode", "0999", false],
    ["postcode", "9993", false],
  ];
  for (const [entity, value, valid] of cases) {
    it(`${entity} ${JSON.stringify(value)} is ${valid ? "valid" : "invalid"}`, () => {
      assert.equal(recogniserFor(entity).parse(value) !== null, valid);
    });
  }
});

describe("canonical forms", () => {
  it("settle separators and prefixes so that one identifier has one form", () => {
    assert.equal(recogniserFor("be_national_number").parse("90.05.15-123.91"), "90051512391");
    assert.equal(recogniserFor("be_enterprise_number").parse("765.432.146"), "0765432146");
    assert.equal(recogniserFor("be_vat").parse("0765 432 146"), "BE0765432146");
    assert.equal(recogniserFor("lu_vat").parse("24681316"), "LU24681316");
    assert.equal(recogniserFor("iban").parse("be21 0012 3456 7803"), "BE21001234567803");
    assert.equal(recogniserFor("phone").parse("0470 12 34 56"), "+32470123456");
    assert.equal(recogniserFor("phone").parse("00352 621 123 456"), "+352621123456");
    assert.equal(recogniserFor("email").parse("An.Peeters@Example.BE"), "an.peeters@example.be");
    assert.equal(recogniserFor("plate").parse("2xyz789"), "2-XYZ-789");
    assert.equal(recogniserFor("postcode").parse("l 4402"), "L-4402");
  });

  it("a national number whose check digits point to a future year is rejected", () => {
    // 99 with the 2000s rule would be 2099: built here with CC = 97 − (2991231001 mod 97).
    const nine = "991231001";
    const cc = String(97 - Number(BigInt(`2${nine}`) % 97n)).padStart(2, "0");
    assert.equal(recogniserFor("be_national_number").parse(nine + cc), null);
  });
});

describe("check digits", () => {
  it("Luhn and Verhoeff give the textbook digits", () => {
    // Luhn: 7992739871 → 3 (the classic example); Verhoeff: 236 → 3 (Verhoeff's own example).
    assert.equal(luhnCheckDigit("7992739871"), 3);
    assert.equal(verhoeffCheckDigit("236"), 3);
  });
});
