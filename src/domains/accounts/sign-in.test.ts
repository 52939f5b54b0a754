// The pure parts of signing in: where `next` may lead, the forms' contracts, a token's last day, the secret's grouping.
import assert from "node:assert/strict";
import { test } from "node:test";
import { safeNext } from "../../http/auth.ts";
import { parseForm } from "../../web/form.ts";
import { endOfDay } from "./account-pages.tsx";
import { CreateApiTokenInput, SecondFactorInput, SetPasswordInput, SignInInput } from "./schema.ts";
import { groupSecret } from "./views/second-factor.tsx";

test("next: a path of this site under one of its languages, nothing else", () => {
  for (const ok of ["/fr/", "/fr/workspace", "/nl/systems?q=school&country=BE", "/en/account#tokens", "/de/systems/%C3%A9cole"]) {
    assert.equal(safeNext(ok), ok);
  }
  for (const bad of [
    undefined,
    42,
    ["/fr/"],
    "",
    "/",
    "/fr",
    "//evil.example/fr/",
    "https://evil.example/fr/",
    "/es/systems",
    "/FR/systems",
    "/fr/\\evil.example",
    "/fr/ space",
    "/fr/\tsystems",
    "/fr/école",
    `/fr/${"a".repeat(1100)}`,
  ]) {
    assert.equal(safeNext(bad), undefined, JSON.stringify(bad));
  }
});

test("a token's last day ends at midnight in Luxembourg, summer or winter", () => {
  assert.equal(endOfDay("2026-07-01").toISOString(), "2026-07-01T22:00:00.000Z");
  assert.equal(endOfDay("2026-01-15").toISOString(), "2026-01-15T23:00:00.000Z");
  // The nights the clocks change.
  assert.equal(endOfDay("2026-03-28").toISOString(), "2026-03-28T23:00:00.000Z");
  assert.equal(endOfDay("2026-10-24").toISOString(), "2026-10-24T22:00:00.000Z");
  assert.equal(endOfDay("2026-12-31").toISOString(), "2026-12-31T23:00:00.000Z");
});

test("the API token form: checkboxes as one value or many, an optional date not in the past", () => {
  const today = new Date().toISOString().slice(0, 10);
  assert.deepEqual(CreateApiTokenInput.parse({ name: " Export ", scopes: "systems:read", expiresOn: "" }), { name: "Export", scopes: ["systems:read"], expiresOn: undefined });
  assert.deepEqual(CreateApiTokenInput.parse({ name: "x", scopes: ["systems:write", "systems:read", "systems:write"], expiresOn: today }).scopes, [
    "systems:write",
    "systems:read",
  ]);
  const errors = parseForm(CreateApiTokenInput, { name: "", scopes: ["systems:delete"], expiresOn: "31/12/2030", _csrf: "t" }, ["name", "scopes", "expiresOn"]);
  assert.equal(errors.ok, false);
  if (!errors.ok) {
    assert.deepEqual(errors.errors.fields, { name: "validation.required", scopes: "validation.choice", expiresOn: "validation.date" });
    assert.deepEqual(errors.errors.summary.map((s) => s.href), ["#name", "#scopes", "#expiresOn"]);
  }
  const none = parseForm(CreateApiTokenInput, { name: "x" });
  assert.ok(!none.ok && none.errors.fields.scopes === "validation.scopes_required");
});

test("the sign-in, code and password forms", () => {
  assert.equal(SecondFactorInput.parse({ code: " 123 456 " }).code, "123456");
  assert.equal(SecondFactorInput.parse({ code: "123-456" }).code, "123456");
  for (const [code, message] of [["", "validation.totp_required"], ["12345", "validation.totp_format"], ["12345a", "validation.totp_format"], [undefined, "validation.totp_required"]] as const) {
    const parsed = parseForm(SecondFactorInput, { code });
    assert.ok(!parsed.ok && parsed.errors.fields.code === message, `${code}`);
  }
  const signIn = parseForm(SignInInput, { email: ["a@b.lu", "c@d.lu"], password: "" }, ["email", "password"]);
  assert.ok(!signIn.ok);
  assert.deepEqual(!signIn.ok && signIn.errors.fields, { email: "validation.email_required", password: "validation.password_required" });
  assert.equal(SignInInput.parse({ email: " a@b.lu ", password: " spaced " }).password, " spaced ", "a password is taken as typed");
  const short = parseForm(SetPasswordInput, { password: "short", confirmation: "short" });
  assert.ok(!short.ok && short.errors.fields.password === "validation.password_length");
  const mismatch = parseForm(SetPasswordInput, { password: "twelve chars!", confirmation: "twelve chars?" });
  assert.ok(!mismatch.ok && mismatch.errors.fields.confirmation === "validation.password_mismatch");
});

test("the secret is shown in groups of four", () => {
  assert.equal(groupSecret("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
  assert.equal(groupSecret("ABCDEFGHIJ"), "ABCD EFGH IJ");
});
