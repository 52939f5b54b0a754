// Versions: a new version never changes the outcome of old responses (they pin the compiled instrument by hash),
// an edit without a new version is caught, and answers carry over only as a migration says.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileInstrument } from "./compile.ts";
import { migrateAnswers, NoMigrationError } from "./migrate.ts";
import { scoreResponse } from "./scoring.ts";
import type { CompiledInstrument } from "./format.ts";
import { refOf, versionConflicts } from "./versions.ts";

/** A compiled instrument changed and compiled again, as an author editing its file would. */
function edit(instrument: CompiledInstrument, change: Record<string, unknown>): CompiledInstrument {
  const { format: _format, hash: _hash, ...source } = structuredClone(instrument);
  return compileInstrument(JSON.stringify({ ...source, ...change }));
}

const v1 = compileInstrument(`
id: screening
version: 1.0.0
title: { en: Screening }
pages:
  - id: p
    title: { en: Questions }
    items:
      - id: scale
        type: single
        text: { en: How many people? }
        options:
          - { code: few, text: { en: Few } }
          - { code: many, text: { en: Many } }
      - id: data
        type: multi
        text: { en: Which data? }
        options:
          - { code: health, text: { en: Health } }
          - { code: income, text: { en: Income } }
          - { code: fax, text: { en: Fax number } }
      - id: note
        type: text
        required: false
        text: { en: Note }
scoring:
  variables:
    - id: points
      weights: { scale: { many: 2 }, data: { health: 2, income: 1 } }
outcomes:
  - { code: required, label: { en: Required } }
  - { code: not_required, label: { en: Not required } }
rules:
  - { id: two, when: { ">=": [{ var: points }, 3] }, outcome: required, explanation: { en: "{{points}} points" } }
  - { id: otherwise, outcome: not_required, explanation: { en: "{{points}} points" } }
`);

// Version 2 raises the threshold, renames `scale` to `people`, recodes the income option as `finances`, drops the
// fax option, and makes `note` a number.
const v2 = compileInstrument(`
id: screening
version: 2.0.0
title: { en: Screening }
pages:
  - id: p
    title: { en: Questions }
    items:
      - id: people
        type: single
        text: { en: How many people? }
        options:
          - { code: few, text: { en: Few } }
          - { code: many, text: { en: Many } }
      - id: data
        type: multi
        text: { en: Which data? }
        options:
          - { code: health, text: { en: Health } }
          - { code: finances, text: { en: Finances } }
      - id: note
        type: number
        required: false
        text: { en: A number now }
scoring:
  variables:
    - id: points
      weights: { people: { many: 2 }, data: { health: 2, finances: 1 } }
outcomes:
  - { code: required, label: { en: Required } }
  - { code: not_required, label: { en: Not required } }
rules:
  - { id: four, when: { ">=": [{ var: points }, 4] }, outcome: required, explanation: { en: "{{points}} points" } }
  - { id: otherwise, outcome: not_required, explanation: { en: "{{points}} points" } }
migrations:
  - from: 1.0.0
    items: { scale: people }
    options: { data: { income: finances, fax: null } }
`);

describe("old responses keep their outcome after a new version", () => {
  const answers = { scale: "many", data: ["income"] };
  const stored = scoreResponse(v1, answers);

  it("scores 3 points: required under version 1", () => {
    assert.equal(stored.outcome.code, "required");
    assert.deepEqual(stored.instrument, refOf(v1));
  });

  it("rescoring with the pinned instrument gives the stored result, while version 2 would say otherwise", () => {
    const pinned = [v2, v1].find((instrument) => JSON.stringify(refOf(instrument)) === JSON.stringify(stored.instrument))!;
    assert.deepEqual(scoreResponse(pinned, answers), stored);
    const migrated = migrateAnswers(v1, v2, answers).answers;
    assert.equal(scoreResponse(v2, migrated).outcome.code, "not_required");
    assert.notEqual(refOf(v2).hash, stored.instrument.hash);
  });

  it("catches a published version edited without a new version number", () => {
    const edited = edit(v1, { title: { en: "Edited" } });
    assert.equal(edited.version, v1.version);
    assert.deepEqual(versionConflicts([refOf(v1)], [edited, v2]), [
      { id: "screening", version: "1.0.0", storedHash: v1.hash, loadedHash: edited.hash },
    ]);
    assert.deepEqual(versionConflicts([refOf(v1)], [v1, v2]), []);
  });
});

describe("migrateAnswers", () => {
  it("renames items and recodes options as the migration says, and reports what it drops", () => {
    const result = migrateAnswers(v1, v2, { scale: "few", data: ["health", "income", "fax"], note: "call back" });
    assert.deepEqual(result.answers, { people: "few", data: ["health", "finances"] });
    assert.deepEqual(result.dropped, [
      { item: "data", option: "fax", reason: "option_removed" },
      { item: "note", reason: "type_changed" },
    ]);
  });

  it("drops an answer whose item is gone", () => {
    const result = migrateAnswers(v1, v2, { colour: "red" } as never);
    assert.deepEqual(result, { answers: {}, dropped: [{ item: "colour", reason: "item_removed" }] });
  });

  it("needs a migration declared by the new version", () => {
    assert.throws(() => migrateAnswers(v2, v1, { people: "few" }), NoMigrationError);
  });

  it("keeps the answers within one version, but not across instruments", () => {
    assert.deepEqual(migrateAnswers(v1, v1, { scale: "few" }), { answers: { scale: "few" }, dropped: [] });
    const other = edit(v1, { id: "other" });
    assert.throws(() => migrateAnswers(v1, other, {}), /cannot become answers of other/);
  });
});
