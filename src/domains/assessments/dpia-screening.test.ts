// The DPIA screening walked through: the nine EDPB criteria (two or more: required; one: recommended; none: not
// required), the GDPR Art. 35(3) cases that always require one, and the national list of the controller's country.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Answers } from "./format.ts";
import { loadInstruments } from "./load.ts";
import { scoreResponse } from "./scoring.ts";
import { visibleItems } from "./visibility.ts";

const instrument = loadInstruments().find((i) => i.id === "dpia-screening")!;

const nothing: Answers = { country: "lu", art35_3_cases: ["none"], edpb_criteria: ["none"], lu_list: ["none"] };

function screen(answers: Answers) {
  const result = scoreResponse(instrument, answers);
  return { result, code: result.outcome.code, en: result.outcome.explanation.en!.text, obligations: result.obligations.map((o) => o.code) };
}

describe("DPIA screening", () => {
  it("two criteria: a DPIA is required", () => {
    const s = screen({ ...nothing, edpb_criteria: ["evaluation_scoring", "innovative_use"] });
    assert.equal(s.code, "dpia_required");
    assert.equal(
      s.en,
      "The processing meets 2 of the 9 criteria of the EDPB guidelines (WP248 rev.01). With two or more it is likely to result in a high risk to the rights and freedoms of persons: an impact assessment is required in most cases (GDPR Art. 35(1)).",
    );
    assert.deepEqual(s.obligations, ["dpia_before_processing", "dpo_advice", "prior_consultation", "document_screening", "review_on_change"]);
    assert.deepEqual(s.result.contributions.map((c) => c.options), [["evaluation_scoring", "innovative_use"]]);
  });

  it("one criterion: a DPIA is recommended, and the choice documented", () => {
    const s = screen({ ...nothing, edpb_criteria: ["large_scale"] });
    assert.equal(s.code, "dpia_recommended");
    assert.match(s.en, /^The processing meets one of the 9 criteria .* document why/);
    assert.deepEqual(s.obligations, ["document_decision", "document_screening", "review_on_change"]);
  });

  it("no criterion: not required", () => {
    const s = screen(nothing);
    assert.equal(s.code, "dpia_not_required");
    assert.match(s.en, /an impact assessment is not required\. Document this screening/);
    assert.equal(s.result.outcome.label.de!.text, "DSFA nicht erforderlich");
  });

  it("a case of Art. 35(3) always requires one, whatever the criteria", () => {
    const s = screen({ ...nothing, art35_3_cases: ["b"] });
    assert.equal(s.code, "dpia_required");
    assert.equal(s.en, "The processing falls under a case in which GDPR Art. 35(3) always requires a data protection impact assessment.");
  });

  it("the national list is that of the controller's country", () => {
    assert.ok(visibleItems(instrument, { country: "lu" }).some((i) => i.id === "lu_list"));
    assert.ok(!visibleItems(instrument, { country: "lu" }).some((i) => i.id === "be_list"));
    const belgian = screen({ country: "be", art35_3_cases: ["none"], edpb_criteria: ["none"], be_list: ["third_party_refusal"] });
    assert.equal(belgian.code, "dpia_required");
    assert.match(belgian.en, /the Data Protection Authority requires an impact assessment \(GDPR Art\. 35\(4\)\)/);
    assert.match(belgian.result.outcome.explanation.nl!.text, /Gegevensbeschermingsautoriteit/);
    const luxembourgish = screen({ ...nothing, lu_list: ["genetic"] });
    assert.match(luxembourgish.en, /the CNPD requires/);
  });

  it("ignores the other country's list", () => {
    const s = screen({ country: "be", art35_3_cases: ["none"], edpb_criteria: ["none"], be_list: ["none"], lu_list: ["genetic"] });
    assert.equal(s.code, "dpia_not_required");
  });
});
