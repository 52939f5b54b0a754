// The readable diff between two versions of a record.
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildRecord } from "../../../test/factories.ts";
import { diffRecords } from "./diff.ts";

test("identical records have no changes", () => {
  assert.deepEqual(diffRecords(buildRecord(), buildRecord()), []);
});

test("a changed translation is one change in its language, with the words added and removed", () => {
  const before = buildRecord();
  const after = buildRecord({
    summary: { ...before.summary, en: { text: "Works out whether a household is entitled to the family allowance.", status: "authored" } },
  });
  const [change, ...rest] = diffRecords(before, after);
  assert.deepEqual(rest, []);
  assert.deepEqual(change!.path, ["summary"]);
  assert.equal(change!.lang, "en");
  assert.deepEqual(
    change!.parts.filter((p) => p.added || p.removed).map((p) => [p.added ? "+" : "-", p.value]),
    [
      ["-", "family"],
      ["+", "household"],
    ],
  );
});

test("an added risk and a new language show as added fields", () => {
  const before = buildRecord();
  const after = buildRecord({
    name: { ...before.name, de: { text: "Familienzulagen", status: "machine" } },
    risks: [{ name: { en: { text: "Bias" } }, description: { en: { text: "Unequal treatment" } } }],
  });
  const changes = diffRecords(before, after).map((c) => [c.path.join("."), c.lang, c.before]);
  assert.deepEqual(changes, [
    ["name", "de", null],
    ["risks.0.name", "en", null],
    ["risks.0.description", "en", null],
  ]);
});
