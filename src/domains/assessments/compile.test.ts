// Instruments are checked before anything uses them: every bundled one against the JSON Schema and the semantic
// checks (this is the CI check), and a broken one fails with its file, the path of the bad node and its line.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { stringify } from "yaml";
import { languages } from "../../i18n/languages.ts";
import { compileInstrument, InstrumentError, type InstrumentProblem } from "./compile.ts";
import type { CompiledInstrument, LocalizedText } from "./format.ts";
import { BUNDLED_INSTRUMENTS, loadInstruments } from "./load.ts";

/** A small valid instrument, as plain data, for each test to break in one place. */
function source(): Record<string, any> {
  return {
    id: "demo",
    version: "1.0.0",
    title: { en: "Demo" },
    pages: [
      {
        id: "p1",
        title: { en: "Page" },
        items: [
          { id: "q1", type: "single", text: { en: "Q1" }, options: [{ code: "a", text: { en: "A" } }, { code: "b", text: { en: "B" } }] },
          {
            id: "q2",
            type: "multi",
            text: { en: "Q2" },
            visible_if: { "==": [{ var: "q1" }, "a"] },
            options: [{ code: "x", text: { en: "X" } }, { code: "y", text: { en: "Y" } }],
          },
          { id: "rows", type: "group", text: { en: "Rows" }, items: [{ id: "who", type: "text", text: { en: "Who" } }] },
        ],
      },
    ],
    scoring: { variables: [{ id: "score", weights: { q1: { a: 1, b: 2 } } }] },
    outcomes: [{ code: "low", label: { en: "Low" } }, { code: "high", label: { en: "High" } }],
    rules: [
      { id: "is_high", when: { ">": [{ var: "score" }, 1] }, outcome: "high", explanation: { en: "Score {{score}}" } },
      { id: "otherwise", outcome: "low", explanation: { en: "Low" } },
    ],
  };
}

function problemsOf(text: string, file = "broken.yaml"): InstrumentProblem[] {
  try {
    compileInstrument(text, file);
  } catch (error) {
    assert.ok(error instanceof InstrumentError, String(error));
    return error.problems;
  }
  assert.fail("the instrument compiled");
}

/** The problems of the demo instrument after `change`, as "path: message". */
function problems(change: (s: Record<string, any>) => void): string[] {
  const s = source();
  change(s);
  return problemsOf(stringify(s)).map((p) => `${p.path}: ${p.message}`);
}

describe("bundled instruments (the CI check)", () => {
  const files = fs.readdirSync(BUNDLED_INSTRUMENTS).filter((f) => f.endsWith(".yaml"));

  it("has the four instruments of Gäichel", () => {
    assert.deepEqual(files.sort(), ["ai-act-classification.yaml", "dpia-screening.yaml", "fria.yaml", "impact-level.yaml"]);
  });

  for (const file of files) {
    it(`${file} passes the JSON Schema and the semantic checks`, () => {
      const instrument = compileInstrument(fs.readFileSync(path.join(BUNDLED_INSTRUMENTS, file), "utf8"), file);
      assert.equal(instrument.id, path.basename(file, ".yaml"));
      assert.match(instrument.hash, /^[0-9a-f]{64}$/);
    });
  }

  it("every text of every bundled instrument exists in French, Dutch, German and English", () => {
    const missing: string[] = [];
    const visit = (value: unknown, at: string) => {
      if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${at}/${i}`));
      if (!value || typeof value !== "object") return;
      const entries = Object.entries(value);
      if (entries.some(([k, v]) => languages.includes(k as never) && typeof v === "object" && v && "text" in v)) {
        for (const lang of languages) if (!(value as LocalizedText)[lang]?.text.trim()) missing.push(`${at} ${lang}`);
        return;
      }
      for (const [key, child] of entries) visit(child, `${at}/${key}`);
    };
    for (const instrument of loadInstruments()) visit(instrument, instrument.id);
    assert.deepEqual(missing, []);
  });

  it("loads them all with distinct ids", () => {
    const ids = loadInstruments().map((i) => i.id);
    assert.equal(new Set(ids).size, 4);
  });

  it("refuses a folder where a file is not named after its instrument", () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "instruments-"));
    fs.writeFileSync(path.join(dir, "other-name.yaml"), stringify(source()));
    assert.throws(() => loadInstruments(dir), (error: InstrumentError) => error.problems.some((p) => p.path === "id" && p.file.endsWith("other-name.yaml")));
  });
});

describe("a broken instrument names the file, the path of the bad node and its line", () => {
  it("too few options", () => {
    const text = stringify(source()).replace(/( *)- code: b\n\1  text:\n\1    en: B\n/, "");
    const [problem, ...rest] = problemsOf(text, "instruments/broken.yaml");
    assert.deepEqual(rest, []);
    assert.equal(problem!.file, "instruments/broken.yaml");
    assert.equal(problem!.path, "pages/0/items/0/options");
    assert.equal(problem!.message, "must NOT have fewer than 2 items");
    assert.equal(text.split("\n")[problem!.line! - 1]!.trim(), "options:");
  });

  it("writes each problem as file:line: path: message", () => {
    const text = stringify(source()).replace("type: single", "type: singel");
    assert.throws(
      () => compileInstrument(text, "x.yaml"),
      (error: Error) => /^x\.yaml:\d+: pages\/0\/items\/0\/type: must be one of: single, multi, text, number, date, group$/.test(error.message),
    );
  });

  it("a YAML syntax error has its line", () => {
    const [problem] = problemsOf("id: demo\npages: [\n  a: 1", "syntax.yaml");
    assert.equal(problem!.path, "");
    assert.ok(problem!.line! >= 2);
  });

  it("schema problems", () => {
    assert.deepEqual(problems((s) => (s.pages[0].colour = "red")), ["pages/0/colour: is not a property allowed here"]);
    assert.deepEqual(problems((s) => (s.pages[0].items[2].items[0].options = s.pages[0].items[0].options)), [
      "pages/0/items/2/items/0/options: is not allowed for this type of item",
    ]);
    assert.deepEqual(problems((s) => (s.pages[0].items[2].items[0].visible_if = true)), [
      "pages/0/items/2/items/0/visible_if: is not allowed for this type of item",
    ]);
    assert.deepEqual(problems((s) => delete s.pages[0].items[0].text), ["pages/0/items/0: must have required property 'text'"]);
    assert.deepEqual(problems((s) => (s.title = { lb: "Moien" })), ["title/lb: is not a property allowed here"]);
    assert.deepEqual(problems((s) => (s.title = {})), ["title: must NOT have fewer than 1 properties"]);
    assert.deepEqual(problems((s) => (s.scoring.variables[0].expression = 1)), ["scoring/variables/0: must be an object with exactly one of weights, expression and max_of"]);
    assert.deepEqual(problems((s) => (s.pages[0].items[0].id = "q.1")), [`pages/0/items/0/id: must match pattern "^[A-Za-z][A-Za-z0-9_-]{0,79}$"`]);
  });

  it("semantic problems", () => {
    assert.deepEqual(problems((s) => (s.pages[0].items[1].id = "q1")), ['pages/0/items/1/id: item id "q1" is used more than once']);
    assert.deepEqual(problems((s) => (s.pages[0].items[1].visible_if = { "==": [{ var: "q9" }, "a"] })), [
      'pages/0/items/1/visible_if: refers to "q9", which is not known here',
    ]);
    assert.deepEqual(problems((s) => (s.pages[0].items[0].visible_if = { in: ["x", { var: "q2" }] })), [
      'pages/0/items/0/visible_if: refers to "q2", which is not known here',
    ]);
    assert.deepEqual(problems((s) => (s.pages[0].items[1].visible_if = { "==": [{ var: "q1" }, "c"] })), [
      'pages/0/items/1/visible_if: "c" is not an option of item "q1"',
    ]);
    assert.deepEqual(problems((s) => (s.pages[0].items[1].visible_if = { log: [{ var: "q1" }] })), ['pages/0/items/1/visible_if: unknown operation "log"']);
    assert.deepEqual(problems((s) => (s.scoring.variables[0].weights = { q1: { z: 1 } })), ['scoring/variables/0/weights/q1/z: "z" is not an option of item "q1"']);
    assert.deepEqual(problems((s) => (s.scoring.variables[0].weights = { who: { a: 1 } })), [
      'scoring/variables/0/weights/who: "who" is not an item of this instrument (items of a group cannot be weighted)',
    ]);
    assert.deepEqual(problems((s) => (s.rules[0].outcome = "medium")), ['rules/0/outcome: "medium" is not one of the outcomes', 'outcomes/1/code: no rule decides outcome "high"']);
    assert.deepEqual(problems((s) => (s.rules[0].when = { "==": [{ var: "outcome" }, "low"] })), ['rules/0/when: refers to "outcome", which is not known here']);
    assert.deepEqual(problems((s) => (s.rules[1].when = true)), [
      "rules/1/when: the last rule that decides an outcome must have no condition, so that every response has one",
    ]);
    assert.deepEqual(problems((s) => (s.rules[0].explanation.en = "Score {{points}}")), ["rules/0/explanation/en: {{points}} is not a variable"]);
    assert.deepEqual(problems((s) => (s.crosswalk = [{ item: "q1", register_field: "affectedGroups" }])), [
      'crosswalk/0/register_field: "affectedGroups" is not a field of the register record',
    ]);
    assert.deepEqual(problems((s) => (s.migrations = [{ from: "0.9.0", items: { old: "gone" } }])), ['migrations/0/items/old: "gone" is not an item of this version']);
    assert.deepEqual(problems((s) => (s.pages[0].items[1].options[1].code = "x")), ['pages/0/items/1/options/1/code: option code "x" is used more than once']);
    assert.deepEqual(problems((s) => (s.labels = [{ code: "l", text: { en: "L" } }, { code: "l", text: { en: "L2" } }])), ['labels/1/code: "l" is defined more than once']);
  });

  it("a condition inside a repeatable group reads the group's sub-items", () => {
    const s = source();
    s.scoring.variables.push({ id: "named", expression: { all: [{ var: "rows" }, { var: "who" }] } });
    assert.doesNotThrow(() => compileInstrument(stringify(s)));
    s.scoring.variables.push({ id: "wrong", expression: { all: [{ var: "rows" }, { var: "whom" }] } });
    assert.throws(() => compileInstrument(stringify(s)), /scoring\/variables\/2\/expression: refers to "whom"/);
  });
});

describe("the compiled form", () => {
  const compiled = compileInstrument(stringify(source()));

  it("writes every default out and every text as { text, status }", () => {
    const item = compiled.pages[0]!.items[0]!;
    assert.equal(item.required, true);
    assert.deepEqual(item.text, { en: { text: "Q1", status: "authored" } });
    assert.deepEqual(compiled.rules[1], { id: "otherwise", outcome: "low", labels: [], obligations: [], explanation: { en: { text: "Low", status: "authored" } } });
  });

  it("takes each language's status from translation_status unless a text gives its own", () => {
    const s = source();
    s.translation_status = { de: "machine" };
    s.title = { en: "Demo", de: "Demo", fr: { text: "Démo", status: "machine" } };
    assert.deepEqual(compileInstrument(stringify(s)).title, {
      fr: { text: "Démo", status: "machine" },
      de: { text: "Demo", status: "machine" },
      en: { text: "Demo", status: "authored" },
    });
  });

  it("is frozen", () => {
    assert.ok(Object.isFrozen(compiled.pages[0]!.items[0]));
    assert.throws(() => ((compiled as { version: string }).version = "2.0.0"), TypeError);
  });

  it("has a hash of its content, not of its formatting", () => {
    const reformatted = `# a comment\n${JSON.stringify(source(), null, 4)}`;
    assert.equal(compileInstrument(reformatted).hash, compiled.hash);
    const changed = source();
    changed.scoring.variables[0].weights.q1.b = 3;
    assert.notEqual(compileInstrument(stringify(changed)).hash, compiled.hash);
  });

  it("hashes everything but the hash", () => {
    const { hash, ...body } = compiled as CompiledInstrument;
    assert.equal(hash.length, 64);
    assert.equal(body.format, 1);
  });
});
