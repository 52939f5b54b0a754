// The SQL form of every recogniser against its `parse`, value for value: TRUE only where `parse` finds the identifier,
// FALSE only where it does not, NULL (left to `parse`) never for an identifier that SQL settles.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe, it } from "node:test";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import * as synthetic from "../synthetic.ts";
import { recognisers } from "./index.ts";
import type { SqlValue } from "./recogniser.ts";
import { TO_ASCII, fieldsRead, sqlString, sqlValueSteps } from "./sql.ts";

const FIXTURE = new URL("../../../../../shared/fixtures/identifiers/generated.json", import.meta.url);
const vectors = (JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as { vectors: Array<{ value: string }> }).vectors.map((v) => v.value);

const next = synthetic.seededRandom(29);
const people = Array.from({ length: 300 }, () => synthetic.person(next));
const valid = [
  ...people.map(synthetic.beNationalNumber),
  ...people.map(synthetic.luNationalId),
  ...Array.from({ length: 200 }, () => synthetic.beEnterpriseNumber(next)),
  ...Array.from({ length: 200 }, () => synthetic.beIban(next)),
  ...Array.from({ length: 200 }, () => synthetic.phone(next)),
  ...Array.from({ length: 100 }, (_, i) => synthetic.email(next, i)),
  ...Array.from({ length: 200 }, () => synthetic.postcode(next)),
  // BIS numbers (month + 20 or + 40), eID card numbers, establishment units, VAT numbers, plates.
  "90451512380", "90251512436", "592-0123456-56", "2123456791", "BE0765432146", "LU24681316", "2-XYZ-789", "ABC-123", "123-ABC", "XY 3456",
];

/** Changes that keep or break a value: a digit off, separators, white space around, prefixes, case, Unicode traps. */
function variants(value: string): string[] {
  const digit = value.search(/\d/);
  const changed = digit < 0 ? [] : [value.slice(0, digit) + String((Number(value[digit]) + 1) % 10) + value.slice(digit + 1)];
  const spaced = value.replace(/(\d{3})(?=\d)/g, "$1 ");
  return [
    value,
    ...changed,
    spaced,
    value.replace(/(\d{2})(?=\d)/g, "$1."),
    value.replace(/(\d{4})(?=\d)/g, "$1-"),
    value.replace(/(\d{2})(?=\d)/g, "$1/"),
    value.replace(/(\d{3})(?=\d)/g, "$1\u00a0"),
    ` ${value} `,
    `\u00a0${value}\u3000`,
    `\t${value}\n`,
    `BE${value}`,
    `be ${value}`,
    `LU${value}`,
    `IBAN: ${value}`,
    `iban\u00a0${spaced}`,
    value.toLowerCase(),
    `${value}.`,
    `-${value}`,
    `${value}0`,
    value.slice(1),
    `Called back on ${value}, thanks.`,
  ];
}

const edges = [
  "", " ", "\u00a0", "\t \n", "0", "00", "0000", "0999", "1000", "9992", "9993", "L-4402", "l 4402", "L4402", "B-1000", "b1000", "B 0999",
  "1-abc-123", "1-AB-123", "ab 1234", "ſx 1234", "ﬂ 1234", "ﬀﬁ123", "ıBC-123", "ßE21 0012 3456 7803", "ſE4550000000058398257466", "\u212a-ABC-123",
  "１２３４", "90051512391", "90.05.15-123.91", "00010100161", "99123100170", "90001512391", "90150012391", "90133212391", "20022912345",
  "1850010100000", "1849010100000", "2024022912345", "2023022912345", "0765432146", "765.432.146", "765432146", "1765432146",
  "BE 0765.432.146", "bE0765432146", "BE765432146", "BEBE0765432146", "LU 2468 1316", "lu24681316", "LU2468131", "24681316",
  "+32 2 512 34 56", "0470 12 34 56", "0032 470 12 34 56", "+32 430 12 34 56", "+352 621 123 456", "621 123 456", "(0)470 12 34 56",
  "1990-05-12", "12/05/1990", "12.05.1990", "358.99", "1234.56", "an.peeters@example.be", "mailto:an@example.lu", "a@b", "@",
  "BE21 0012 3456 7803", "BE21-0012-3456-7803", "be21 0012 3456 7803", "LU620012345678901234", "IBAN:BE21001234567803", "NL91ABNA0417164300",
  "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606", "DE89 3704 0044 0532 0130 00", "XX00 1234", "Documents complete.",
];

const values = [...new Set([...edges, ...vectors, ...vectors.map((v) => ` ${v} `), ...valid.flatMap(variants)])];

let instance: DuckDBInstance;
let connection: DuckDBConnection;
before(async () => {
  instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
  await connection.run("CREATE TABLE input (i INTEGER, raw VARCHAR)");
  const appender = await connection.createAppender("input");
  values.forEach((value, i) => {
    appender.appendInteger(i);
    appender.appendVarchar(value);
    appender.endRow();
  });
  appender.closeSync();
});
after(() => {
  connection.closeSync();
  instance.closeSync();
});

const VALUE: SqlValue = { raw: "raw", length: "length", ascii: "ascii", digits: "digits", compact: "compact", number: "number", upperKept: "upperKept" };

/** Each recogniser's SQL verdict on every value, by the index of the value. */
async function verdicts(): Promise<Array<Array<boolean | null>>> {
  const steps = sqlValueSteps([VALUE], [recognisers.flatMap((r) => [...fieldsRead(r.sql)])]);
  const reader = await connection.runAndReadAll(
    `WITH step0 AS (SELECT * FROM input)${steps.ctes} SELECT ${recognisers.map((r, k) => `${r.sql(VALUE)} AS v${k}`).join(", ")} FROM ${steps.last} ORDER BY i`,
  );
  return reader.getRows() as Array<Array<boolean | null>>;
}

describe("the recognisers' SQL", () => {
  it(`agrees with parse on ${values.length} values`, async () => {
    const rows = await verdicts();
    const wrong: string[] = [];
    const found = new Map(recognisers.map((r) => [r.entity, 0]));
    values.forEach((value, i) => {
      recognisers.forEach((recogniser, k) => {
        const sql = rows[i]![k]!;
        const js = recogniser.parse(value.trim()) !== null;
        if (js) found.set(recogniser.entity, found.get(recogniser.entity)! + 1);
        if ((sql === true && !js) || (sql === false && js)) wrong.push(`${recogniser.entity} ${JSON.stringify(value)}: SQL ${sql}, parse ${js}`);
        if (sql === null && recogniser.settledInSql) wrong.push(`${recogniser.entity} ${JSON.stringify(value)}: left to JavaScript`);
      });
    });
    assert.deepEqual(wrong, []);
    for (const [entity, count] of found) assert.ok(count >= 5, `${entity}: only ${count} valid values to compare`);
  });

  it("leaves to JavaScript few values that parse rejects", async () => {
    const rows = await verdicts();
    for (const [k, recogniser] of recognisers.entries()) {
      const open = values.filter((_, i) => rows[i]![k] === null);
      const rejected = open.filter((value) => recogniser.parse(value.trim()) === null);
      // Values are chosen near each identifier, so that many are open; unrelated text must mostly be settled.
      assert.ok(rejected.length < values.length / 4, `${recogniser.entity}: ${rejected.length} of ${values.length} left open in vain`);
    }
  });

  it("knows every character that toUpperCase() turns into ASCII", () => {
    for (let code = 0x10000; code < 0x110000; code++) assert.doesNotMatch(String.fromCodePoint(code).toUpperCase(), /^[\x00-\x7f]+$/);
    assert.ok(TO_ASCII.includes("ß") && TO_ASCII.includes("ﬂ") && TO_ASCII.includes("\u00a0"));
  });

  it("quotes strings", () => assert.equal(sqlString("it's"), "'it''s'"));
});
