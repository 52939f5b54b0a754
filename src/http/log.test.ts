// The request log never shows an invitation token or an OpenID Connect code.
import assert from "node:assert/strict";
import { test } from "node:test";
import { redactUrl } from "./log.ts";

test("secrets in addresses are redacted, the rest is kept", () => {
  assert.equal(redactUrl("/fr/invitation/Zk3-abc_DEF"), "/fr/invitation/[redacted]");
  assert.equal(redactUrl("/en/invitation/Zk3?x=1"), "/en/invitation/[redacted]?x=1");
  assert.equal(redactUrl("/auth/oidc/callback?code=abc&state=xyz&iss=https%3A%2F%2Fidp"), "/auth/oidc/callback?code=%5Bredacted%5D&state=%5Bredacted%5D&iss=https%3A%2F%2Fidp");
  assert.equal(redactUrl("/en/systems?q=invitation&page=2"), "/en/systems?q=invitation&page=2");
  assert.equal(redactUrl("/en/systems/lu-family-allowance"), "/en/systems/lu-family-allowance");
});
