// The fundamental rights impact assessment walked through: complete when Art. 27(1)(a)–(f) are all described
// (the stakeholder map included), the notification duty to the market surveillance authority, and what is missing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateAnswers } from "./answers.ts";
import type { Answers } from "./format.ts";
import { loadInstruments } from "./load.ts";
import { scoreResponse } from "./scoring.ts";

const instrument = loadInstruments().find((i) => i.id === "fria")!;

const complete: Answers = {
  fria_basis: "public_body",
  provider_information: "yes",
  processes: "Eligibility checks for the heating allowance, before a case officer decides.",
  first_use: "2026-09-01",
  period_of_use: "Each heating season, October to April, for three years.",
  frequency: "daily",
  use_scale: "About 40 000 applications a year, handled by the allowances department.",
  stakeholders: [
    { group: "Applicants", how_affected: "Their application may be flagged for review.", vulnerable: "yes", consultation: "consulted" },
    { group: "Case officers", how_affected: "They review the flagged cases.", vulnerable: "no", consultation: "not_consulted" },
  ],
  rights_at_risk: ["non_discrimination", "social_security", "good_administration"],
  risk_description: "Applicants with irregular incomes may be flagged more often.",
  risk_severity: "significant",
  oversight_measures: "A case officer decides every case; flags are advisory.",
  oversight_competence: "yes",
  mitigation_measures: "Monthly bias report; the flag is switched off if rates diverge.",
  governance: "The head of department decides to suspend; the DPO is informed.",
  complaints: "Administrative appeal, then the ombudsman.",
  dpia_status: "done",
  art46_exemption: "no",
  notified: "not_yet",
};

describe("fundamental rights impact assessment", () => {
  it("is complete when every element of Art. 27(1) is described, and must then be notified", () => {
    const result = scoreResponse(instrument, complete);
    assert.deepEqual(validateAnswers(instrument, complete), []);
    assert.equal(result.outcome.code, "complete");
    assert.equal(
      result.outcome.explanation.en!.text,
      "Every element of Art. 27(1)(a) to (f) is described; the stakeholder map has 2 group(s). Keep the assessment up to date when any element changes (Art. 27(2)).",
    );
    assert.deepEqual(result.labels.map((l) => l.code), ["notification_pending", "dpia_linked", "groups_not_consulted"]);
    assert.deepEqual(result.obligations.map((o) => [o.code, o.reference]), [
      ["fria_notification", "AI Act Art. 27(3)"],
      ["fria_update", "AI Act Art. 27(2)"],
    ]);
    assert.equal(result.variables.groups_not_consulted, 1);
  });

  it("once notified, no longer asks for the notification", () => {
    const result = scoreResponse(instrument, { ...complete, notified: "yes", notification_date: "2026-08-20" });
    assert.equal(result.outcome.code, "complete");
    assert.ok(result.labels.some((l) => l.code === "notified"));
    assert.ok(!result.obligations.some((o) => o.code === "fria_notification"));
  });

  it("under a derogation of Art. 46(1) the notification question is not asked and not owed", () => {
    const result = scoreResponse(instrument, { ...complete, art46_exemption: "yes", notified: "not_yet" });
    assert.ok(result.labels.some((l) => l.code === "notification_exempt"));
    assert.ok(!result.obligations.some((o) => o.code === "fria_notification"));
  });

  it("is incomplete while an element is missing, and says which", () => {
    const answers = { ...complete, stakeholders: [{ group: "Applicants", consultation: "informed" }], oversight_measures: "" };
    const result = scoreResponse(instrument, answers);
    assert.equal(result.outcome.code, "incomplete");
    assert.match(result.outcome.explanation.en!.text, /does not yet describe every element that Art\. 27\(1\) requires/);
    assert.deepEqual(result.firedRules.map((r) => r.id), ["fria_incomplete", "missing_c", "missing_e", "dpia_link"]);
    assert.equal(
      result.firedRules.find((r) => r.id === "missing_c")!.explanation.fr!.text,
      "Manque le point c) : chaque groupe de la carte des parties prenantes doit indiquer qui, comment il est concerné et comment il a été consulté.",
    );
    assert.ok(!result.obligations.some((o) => o.code === "fria_notification"));
  });

  it("needs at least one group in the stakeholder map, each saying how it is affected", () => {
    assert.deepEqual(
      validateAnswers(instrument, { ...complete, stakeholders: [] }).map((p) => [p.path, p.message]),
      [["stakeholders", "assessments.errors.required"]],
    );
    assert.deepEqual(
      validateAnswers(instrument, { ...complete, stakeholders: [{ group: "Applicants", vulnerable: "yes", consultation: "informed" }] }).map((p) => [p.path, p.message]),
      [["stakeholders.0.how_affected", "assessments.errors.required"]],
    );
  });

  it("links (b), (e) and (f) to the register record's fields", () => {
    assert.deepEqual(instrument.crosswalk.map((c) => [c.item, c.register_field]), [
      ["use_scale", "scale"],
      ["oversight_measures", "humanReview"],
      ["complaints", "redress"],
    ]);
  });
});
