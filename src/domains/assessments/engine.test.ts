// The engine on a small instrument: conditions show and hide items (hidden answers do not count), answers are
// checked with translation keys, progress counts visible required items, and scoring explains itself.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateAnswers, progress } from "./answers.ts";
import { compileInstrument } from "./compile.ts";
import { ENGINE_VERSION, scoreResponse } from "./scoring.ts";
import { effectiveAnswers, visibleItems, visiblePages } from "./visibility.ts";

const instrument = compileInstrument(
  `
id: engine-demo
version: 1.0.0
title: { en: Engine demo, fr: Démo du moteur }
pages:
  - id: first
    title: { en: First }
    items:
      - id: uses_data
        type: single
        text: { en: Does it use personal data? }
        options: &yes_no
          - { code: "yes", text: { en: "Yes" } }
          - { code: "no", text: { en: "No" } }
      - id: data_kinds
        type: multi
        max: 2
        visible_if: { "==": [{ var: uses_data }, "yes"] }
        text: { en: Which kinds? }
        options:
          - { code: health, text: { en: Health } }
          - { code: income, text: { en: Income } }
          - { code: address, text: { en: Address } }
          - { code: none, exclusive: true, text: { en: None of these } }
      - id: health_detail
        type: text
        max_length: 20
        visible_if: { in: [health, { var: data_kinds }] }
        text: { en: Which health data? }
  - id: second
    visible_if: { "==": [{ var: uses_data }, "yes"] }
    title: { en: Second }
    items:
      - id: people
        type: number
        integer: true
        min: 0
        max: 1000000
        text: { en: How many people? }
      - id: start
        type: date
        required: false
        text: { en: Since when? }
      - id: groups
        type: group
        min: 1
        text: { en: Groups }
        items:
          - { id: name, type: text, text: { en: Name } }
          - { id: consulted, type: single, required: false, text: { en: Consulted? }, options: *yes_no }
scoring:
  variables:
    - id: risk
      weights:
        uses_data: { "yes": 1 }
        data_kinds: { health: 5, income: 3, address: 1 }
    - id: risk_max
      max_of: risk
    - id: share
      expression: { "/": [{ var: risk }, { var: risk_max }] }
    - id: group_count
      expression: { reduce: [{ var: groups }, { "+": [{ var: accumulator }, 1] }, 0] }
outcomes:
  - { code: high, label: { en: High, fr: Élevé } }
  - { code: low, label: { en: Low, fr: Faible } }
rules:
  - id: is_high
    when: { ">=": [{ var: risk }, 5] }
    outcome: high
    labels: [sensitive]
    explanation: { en: "Risk {{risk}} of {{risk_max}} ({{share}})", fr: "Risque {{risk}} sur {{risk_max}} ({{share}})" }
  - id: low
    outcome: low
    explanation: { en: "Risk {{risk}} of {{risk_max}}" }
  - id: when_high
    when: { "==": [{ var: outcome }, high] }
    obligations: [dpia]
    explanation: { en: High risk needs a DPIA. }
  - id: health
    when: { in: [health, { var: data_kinds }] }
    labels: [health]
    explanation: { en: Health data. }
labels:
  - { code: sensitive, text: { en: Sensitive } }
  - { code: health, text: { en: Health data } }
obligations:
  - { code: dpia, reference: GDPR Art. 35, text: { en: Carry out a DPIA. } }
`,
  "engine-demo.yaml",
);

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

describe("conditions", () => {
  it("show only what the answers so far call for", () => {
    assert.deepEqual(ids(visibleItems(instrument, {})), ["uses_data"]);
    assert.deepEqual(ids(visibleItems(instrument, { uses_data: "yes" })), ["uses_data", "data_kinds", "people", "start", "groups"]);
    assert.deepEqual(ids(visibleItems(instrument, { uses_data: "yes", data_kinds: ["health"] })), [
      "uses_data",
      "data_kinds",
      "health_detail",
      "people",
      "start",
      "groups",
    ]);
  });

  it("hide a page whose condition does not hold", () => {
    assert.deepEqual(ids(visiblePages(instrument, { uses_data: "no" })), ["first"]);
    assert.deepEqual(ids(visiblePages(instrument, { uses_data: "yes" })), ["first", "second"]);
  });

  it("ignore the answers of hidden items, and in turn what depended on them", () => {
    const answers = { uses_data: "no", data_kinds: ["health"], health_detail: "diabetes", people: 12 };
    assert.deepEqual(effectiveAnswers(instrument, answers), { uses_data: "no" });
    assert.deepEqual(ids(visibleItems(instrument, answers)), ["uses_data"]);
    assert.equal(scoreResponse(instrument, answers).variables.risk, 0);
  });

  it("count blank answers as none", () => {
    assert.deepEqual(effectiveAnswers(instrument, { uses_data: "yes", data_kinds: [], people: "  " as never }), { uses_data: "yes" });
  });
});

describe("validateAnswers", () => {
  const keys = (answers: Record<string, unknown>, mode?: "draft" | "submit") =>
    validateAnswers(instrument, answers, mode).map((p) => [p.path, p.message, p.params]);

  it("asks for the visible required items on submission, not in a draft", () => {
    assert.deepEqual(keys({ uses_data: "yes" }), [
      ["data_kinds", "assessments.errors.required", {}],
      ["people", "assessments.errors.required", {}],
      ["groups", "assessments.errors.required", {}],
    ]);
    assert.deepEqual(keys({ uses_data: "yes" }, "draft"), []);
    assert.deepEqual(keys({ uses_data: "no" }), []);
  });

  it("checks each answer against its item, with the parameters of its message", () => {
    assert.deepEqual(
      keys({ uses_data: "yes", data_kinds: ["health", "wealth"], health_detail: "x".repeat(21), people: 2.5, start: "2025-02-30", groups: [{ name: "Pupils" }] }),
      [
        ["data_kinds", "assessments.errors.choice", { value: "wealth" }],
        ["health_detail", "assessments.errors.too_long", { max: 20 }],
        ["people", "assessments.errors.integer", {}],
        ["start", "assessments.errors.date", {}],
      ],
    );
    assert.deepEqual(keys({ uses_data: "maybe" }, "draft"), [["uses_data", "assessments.errors.choice", { value: "maybe" }]]);
    assert.deepEqual(keys({ uses_data: "yes", data_kinds: ["none", "health"] }, "draft"), [
      ["data_kinds", "assessments.errors.exclusive_choice", { option: "none" }],
    ]);
    assert.deepEqual(keys({ uses_data: "yes", data_kinds: ["health", "income", "address"] }, "draft"), [
      ["data_kinds", "assessments.errors.too_many_choices", { max: 2 }],
    ]);
    assert.deepEqual(keys({ uses_data: "yes", people: -1 }, "draft"), [["people", "assessments.errors.number_min", { min: 0 }]]);
    assert.deepEqual(keys({ uses_data: "yes", data_kinds: "health" }, "draft"), [["data_kinds", "assessments.errors.choices", {}]]);
  });

  it("checks every row of a repeatable group", () => {
    assert.deepEqual(keys({ uses_data: "yes", groups: [{ name: "Pupils", consulted: "often" }, { consulted: "yes", colour: "red" }] }, "draft"), [
      ["groups.0.consulted", "assessments.errors.choice", { value: "often" }],
      ["groups.1.colour", "assessments.errors.unknown_item", {}],
    ]);
    assert.deepEqual(keys({ uses_data: "yes", groups: [{ consulted: "yes" }] }).filter(([path]) => String(path).startsWith("groups")), [
      ["groups.0.name", "assessments.errors.required", {}],
    ]);
    assert.deepEqual(keys({ uses_data: "yes", groups: "Pupils" }, "draft"), [["groups", "assessments.errors.rows", {}]]);
  });

  it("names answers to items the instrument does not have", () => {
    assert.deepEqual(keys({ colour: "red" }, "draft"), [["colour", "assessments.errors.unknown_item", {}]]);
  });
});

describe("progress", () => {
  it("counts the visible required items answered", () => {
    assert.deepEqual(progress(instrument, {}), { answered: 0, required: 1, missing: ["uses_data"] });
    assert.deepEqual(progress(instrument, { uses_data: "no" }), { answered: 1, required: 1, missing: [] });
    assert.deepEqual(progress(instrument, { uses_data: "yes", data_kinds: ["income"], people: 4 }), {
      answered: 3,
      required: 4,
      missing: ["groups"],
    });
  });
});

describe("scoreResponse", () => {
  const answers = { uses_data: "yes", data_kinds: ["income", "health"], people: 300, groups: [{ name: "Pupils" }, { name: "Parents" }] };
  const result = scoreResponse(instrument, answers);

  it("computes the variables in order: weights, their maximum, expressions", () => {
    assert.deepEqual(result.variables, { risk: 9, risk_max: 10, share: 0.9, group_count: 2 });
  });

  it("takes the outcome from the first deciding rule that holds, with its label and explanation", () => {
    assert.equal(result.outcome.code, "high");
    assert.deepEqual(result.outcome.label, { en: { text: "High", status: "authored" }, fr: { text: "Élevé", status: "authored" } });
    assert.equal(result.outcome.explanation.en!.text, "Risk 9 of 10 (0.9)");
  });

  it("writes numbers in the explanation the way each language writes them", () => {
    assert.equal(result.outcome.explanation.fr!.text, "Risque 9 sur 10 (0,9)");
  });

  it("adds the labels and obligations of every rule that holds; those rules may read the outcome", () => {
    assert.deepEqual(result.firedRules.map((r) => r.id), ["is_high", "when_high", "health"]);
    assert.deepEqual(result.labels.map((l) => l.code), ["sensitive", "health"]);
    assert.deepEqual(result.obligations, [{ code: "dpia", reference: "GDPR Art. 35", text: { en: { text: "Carry out a DPIA.", status: "authored" } } }]);
  });

  it("lists the answers that weighed most first", () => {
    assert.deepEqual(result.contributions, [
      { variable: "risk", item: "data_kinds", options: ["income", "health"], points: 8 },
      { variable: "risk", item: "uses_data", options: ["yes"], points: 1 },
    ]);
  });

  it("falls through to the rule without condition", () => {
    const low = scoreResponse(instrument, { uses_data: "no" });
    assert.equal(low.outcome.code, "low");
    assert.equal(low.outcome.explanation.en!.text, "Risk 0 of 10");
    assert.deepEqual(low.firedRules.map((r) => r.id), ["low"]);
    assert.deepEqual([low.labels, low.obligations, low.contributions], [[], [], []]);
  });

  it("pins the instrument and the engine", () => {
    assert.deepEqual(result.instrument, { id: "engine-demo", version: "1.0.0", hash: instrument.hash });
    assert.equal(result.engineVersion, ENGINE_VERSION);
  });

  it("gives the same result for the same answers", () => {
    assert.deepEqual(scoreResponse(instrument, structuredClone(answers)), result);
  });
});
