// The demo data set must satisfy the same contracts as anything an official types in, so the first pages people see never lie.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { z } from "zod";
import organisations from "./organisations.json" with { type: "json" };
import systems from "./systems.json" with { type: "json" };
import { OrganisationInput } from "../domains/accounts/schema.ts";
import { SystemId, SystemRecord, isNonPublicSection, lifecycleStates } from "../domains/systems/schema.ts";
import { languages } from "../i18n/languages.ts";

interface DemoSystem {
  id: string;
  organisation: string;
  state: string;
  versions: { publishedAt: string; record: unknown }[];
  draft?: unknown;
}
const demoSystems: DemoSystem[] = systems;

function parseOrFail<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) assert.fail(`${where} is invalid:\n${JSON.stringify(result.error.issues, null, 2)}`);
  return result.data;
}

/** Every record of a system: its published versions, then its working copy. */
function recordsOf(system: DemoSystem): { where: string; record: SystemRecord }[] {
  const out = system.versions.map((v, i) => ({
    where: `${system.id} version ${i + 1}`,
    record: parseOrFail(SystemRecord, v.record, `${system.id} version ${i + 1}`),
  }));
  if (system.draft) out.push({ where: `${system.id} draft`, record: parseOrFail(SystemRecord, system.draft, `${system.id} draft`) });
  return out;
}

test("every organisation satisfies OrganisationInput and ids are unique", () => {
  for (const org of organisations) parseOrFail(OrganisationInput, org, `organisation ${org.id}`);
  const ids = organisations.map((o) => o.id);
  assert.equal(new Set(ids).size, ids.length, "duplicate organisation id");
});

test("every published version and draft satisfies SystemRecord", () => {
  for (const system of demoSystems) recordsOf(system);
});

test("system ids are unique, valid and belong to a known organisation", () => {
  const orgIds = new Set(organisations.map((o) => o.id));
  const ids = demoSystems.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, "duplicate system id");
  for (const system of demoSystems) {
    assert.ok(SystemId.safeParse(system.id).success, `${system.id}: invalid id`);
    assert.ok(orgIds.has(system.organisation), `${system.id}: unknown organisation ${system.organisation}`);
    assert.ok((lifecycleStates as readonly string[]).includes(system.state), `${system.id}: unknown state ${system.state}`);
  }
});

test("versions are published in order, with an offset, between 2023 and October 2026", () => {
  for (const system of demoSystems) {
    let previous = "";
    for (const { publishedAt } of system.versions) {
      assert.match(publishedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, `${system.id}: ${publishedAt}`);
      const iso = new Date(publishedAt).toISOString();
      assert.ok(iso >= "2023-01-01" && iso < "2026-11-01", `${system.id}: ${publishedAt} out of range`);
      assert.ok(iso > previous, `${system.id}: versions not in order`);
      previous = iso;
    }
  }
});

test("the data set is large enough for listings, history and diffs", () => {
  assert.ok(demoSystems.length >= 18, `only ${demoSystems.length} systems`);
  const withHistory = demoSystems.filter((s) => s.versions.length >= 2).length;
  assert.ok(withHistory >= 12, `only ${withHistory} systems with two versions or more`);
  for (const system of demoSystems) assert.ok(system.versions.length <= 4, `${system.id}: more than 4 versions`);
});

test("the lifecycle cases are all present", () => {
  const byState = (state: string) => demoSystems.filter((s) => s.state === state);
  const retired = byState("retired");
  assert.ok(retired.length >= 1, "no retired system");
  for (const system of retired) {
    const last = parseOrFail(SystemRecord, system.versions.at(-1)?.record, `${system.id} last version`);
    assert.equal(last.status.phase, "retired", `${system.id}: last version is not retired`);
    assert.ok(last.status.endDate && last.status.stopReason, `${system.id}: retired without end date or reason`);
  }
  assert.ok(byState("in_review").some((s) => s.versions.length > 0 && s.draft), "no system in review with a working copy");
  assert.ok(byState("draft").some((s) => s.versions.length > 0 && s.draft), "no published system being revised");
  const unpublished = demoSystems.filter((s) => s.versions.length === 0);
  assert.ok(unpublished.length >= 1, "no never-published system");
  for (const system of unpublished) {
    assert.equal(system.state, "draft", `${system.id}: never published, so it must be a draft`);
    assert.ok(system.draft, `${system.id}: no published version and no draft`);
  }
  for (const system of demoSystems.filter((s) => s.state !== "draft" && s.state !== "in_review")) {
    assert.ok(system.versions.length > 0, `${system.id}: ${system.state} without a published version`);
  }
});

test("both countries, all four languages, machine translations and the main risk classes occur", () => {
  assert.deepEqual(new Set(organisations.map((o) => o.country)), new Set(["LU", "BE"]));
  const published = demoSystems.flatMap((s) => s.versions.map((v) => SystemRecord.parse(v.record)));
  const nameLangs = new Set(published.flatMap((r) => Object.keys(r.name)));
  for (const lang of languages) assert.ok(nameLangs.has(lang), `no system name in ${lang}`);
  const statuses = new Set(published.flatMap((r) => Object.values(r.summary).map((t) => t?.status)));
  assert.ok(statuses.has("machine"), "no machine translation");
  const classes = new Set(published.map((r) => r.riskClass.class));
  for (const cls of ["not_ai", "minimal", "transparency", "high"]) assert.ok(classes.has(cls as never), `no ${cls} system`);
  assert.ok(published.some((r) => isNonPublicSection(r.riskClass)), "no Art. 49(4) non-public case");
});

test("every system is written at least in its organisation's main language", () => {
  const mainLanguage: Record<string, "fr" | "nl"> = Object.fromEntries(
    organisations.map((o) => [o.id, o.name.fr?.status === "authored" ? "fr" : "nl"]),
  );
  for (const system of demoSystems) {
    const lang = mainLanguage[system.organisation]!;
    for (const { where, record } of recordsOf(system)) {
      for (const field of ["name", "summary", "purpose", "redress"] as const) {
        assert.equal(record[field][lang]?.status, "authored", `${where}: ${field} not authored in ${lang}`);
      }
    }
  }
});

test("contact mailboxes use example domains", () => {
  for (const system of demoSystems) {
    for (const { where, record } of recordsOf(system)) {
      if (record.contact.email) assert.match(record.contact.email, /@([a-z-]+\.)*example\.(lu|be|org)$/, `${where}: ${record.contact.email}`);
    }
  }
});
