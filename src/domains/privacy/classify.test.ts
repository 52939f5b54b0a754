// Column classification: header words in five languages combined with the share of values that validate.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyColumn, combineConfidence } from "./classify.ts";
import { headerEntities } from "./keywords.ts";
import * as synthetic from "./synthetic.ts";

const next = synthetic.seededRandom(7);
const people = Array.from({ length: 40 }, () => synthetic.person(next));
const column = <T>(make: (i: number) => T) => Array.from({ length: 40 }, (_, i) => make(i));

describe("header words", () => {
  const cases: Array<[string, string]> = [
    ["Rijksregisternummer", "be_national_number"],
    ["numéro national", "be_national_number"],
    ["NISS", "be_bis_number"],
    ["numero_niss", "be_national_number"],
    ["Matricule", "lu_national_id"],
    ["Sozialversicherungsnummer", "lu_national_id"],
    ["Matrikelnummer", "lu_national_id"],
    ["Sozialversécherungsnummer", "lu_national_id"],
    ["numéro d'entreprise", "be_enterprise_number"],
    ["KBO-nummer", "be_enterprise_number"],
    ["BTW", "be_vat"],
    ["TVA intracom", "lu_vat"],
    ["e-mail", "email"],
    ["Courriel", "email"],
    ["E-Mail-Adress", "email"],
    ["GSM", "phone"],
    ["Telefon", "phone"],
    ["Telefonsnummer", "phone"],
    ["Handysnummer", "phone"],
    ["IBAN", "iban"],
    ["Kontonummer", "iban"],
    ["code postal", "postcode"],
    ["PLZ", "postcode"],
    ["Postleitzuel", "postcode"],
    ["postcode", "postcode"],
    ["nummerplaat", "plate"],
    ["Plaque d'immatriculation", "plate"],
    ["Kennzeichen", "plate"],
    ["Nummerschëld", "plate"],
    ["Identitéitskaart", "be_eid_card"],
  ];
  for (const [header, entity] of cases) {
    it(`"${header}" names ${entity}`, () => assert.ok(headerEntities(header).has(entity as never), [...headerEntities(header).keys()].join()));
  }

  it("short words must stand alone: no phone in hotel, no VAT in private, no matricule in immatriculation", () => {
    assert.equal(headerEntities("hotel").has("phone"), false);
    assert.equal(headerEntities("private_note").has("be_vat"), false);
    assert.equal(headerEntities("immatriculation").has("lu_national_id"), false);
    assert.equal(headerEntities("nationalité").size, 0);
    assert.equal(headerEntities("beslissing").size, 0, "holds ssin");
    assert.equal(headerEntities("Kenntnisse").size, 0, "holds niss");
  });
});

describe("classifyColumn", () => {
  it("finds each identifier from its values under headers in five languages", () => {
    const found = [
      classifyColumn("Rijksregisternummer", column((i) => synthetic.beNationalNumber(people[i]!))),
      classifyColumn("Matrikel", column((i) => synthetic.luNationalId(people[i]!))),
      classifyColumn("courriel", column((i) => synthetic.email(next, i))),
      classifyColumn("Telefon", column(() => synthetic.phone(next))),
      classifyColumn("Kontonummer", column(() => synthetic.beIban(next))),
      classifyColumn("Postleitzuel", column(() => synthetic.postcode(next))),
      classifyColumn("ondernemingsnummer", column(() => synthetic.beEnterpriseNumber(next))),
    ].map((f) => [f.name, f.entity, f.valid_share]);
    assert.deepEqual(found, [
      ["Rijksregisternummer", "be_national_number", 1],
      ["Matrikel", "lu_national_id", 1],
      ["courriel", "email", 1],
      ["Telefon", "phone", 1],
      ["Kontonummer", "iban", 1],
      ["Postleitzuel", "postcode", 1],
      ["ondernemingsnummer", "be_enterprise_number", 1],
    ]);
  });

  it("a checksummed column needs no header; a bare shape does", () => {
    const national = classifyColumn("col_3", column((i) => synthetic.beNationalNumber(people[i]!)));
    assert.equal(national.entity, "be_national_number");
    assert.ok(national.confidence > 0.9);
    const years = classifyColumn("col_4", column((i) => String(people[i]!.birth.year)));
    assert.equal(years.entity, null, "four digits are a postcode only under a postcode header");
  });

  it("the header settles digits that validate as two identifiers: VAT or enterprise number", () => {
    const numbers = column(() => synthetic.beEnterpriseNumber(next));
    assert.equal(classifyColumn("ref", numbers).entity, "be_enterprise_number");
    assert.equal(classifyColumn("numéro TVA", numbers).entity, "be_vat");
  });

  it("reports the share that validates, with masked examples", () => {
    const values = [...column((i) => synthetic.beNationalNumber(people[i]!)).slice(0, 30), ...Array(10).fill("unknown"), "", null];
    const finding = classifyColumn("NISS", values);
    assert.equal(finding.entity, "be_national_number");
    assert.equal(finding.values, 40);
    assert.equal(finding.valid_share, 0.75);
    assert.equal(finding.examples.length, 3);
    for (const example of finding.examples) assert.match(example, /^\d{2}•{7}\d{2}$/);
  });

  it("a specific header over values that do not validate is still reported, as a hint", () => {
    const finding = classifyColumn("rijksregisternummer", Array(20).fill("withheld"));
    assert.equal(finding.entity, "be_national_number");
    assert.equal(finding.valid_share, 0);
    assert.equal(finding.confidence, 0.5);
  });

  it("finds identifiers inside free-text cells, and reports none for ordinary columns", () => {
    const notes = column((i) => (i % 4 === 0 ? `Called back on 0470 12 34 56, wrote to an.peeters${i}@example.be.` : "Documents complete, no follow-up."));
    const finding = classifyColumn("remarks", notes);
    assert.equal(finding.entity, null);
    assert.deepEqual(
      finding.in_text.map((m) => [m.entity, m.share]),
      [
        ["email", 0.25],
        ["phone", 0.25],
      ],
    );
    assert.deepEqual(classifyColumn("decision", column((i) => (i % 2 ? "granted" : "refused"))).in_text, []);
  });
});

describe("combineConfidence", () => {
  it("grows with the valid share and with a header", () => {
    assert.equal(combineConfidence("checksum", 0, undefined), 0);
    assert.ok(combineConfidence("checksum", 1, undefined) > 0.95);
    assert.ok(combineConfidence("shape", 1, undefined) < 0.5);
    assert.ok(combineConfidence("shape", 1, "word") > 0.95);
    assert.ok(Math.abs(combineConfidence("syntax", 0, "word") - 0.3) < 1e-9);
  });
});
