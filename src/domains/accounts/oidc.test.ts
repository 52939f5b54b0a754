// Which OpenID Connect settings the platform accepts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "../../config.ts";
import { isOidcEnabled } from "./oidc.ts";

test("OpenID Connect is on with an issuer and a client id, which come together", () => {
  const on = { GAICHEL_OIDC_ISSUER: "https://login.example.lu/realms/state", GAICHEL_OIDC_CLIENT_ID: "gaichel" };
  assert.equal(isOidcEnabled(loadConfig({})), false);
  assert.equal(isOidcEnabled(loadConfig(on)), true);
  assert.throws(() => loadConfig({ GAICHEL_OIDC_ISSUER: on.GAICHEL_OIDC_ISSUER }), /set together/);
  assert.throws(() => loadConfig({ GAICHEL_OIDC_CLIENT_ID: "gaichel" }), /set together/);
});

test("the issuer uses https, or http on loopback only", () => {
  const withIssuer = (issuer: string) => () => loadConfig({ GAICHEL_OIDC_ISSUER: issuer, GAICHEL_OIDC_CLIENT_ID: "gaichel" });
  for (const issuer of ["http://127.0.0.1:8080", "http://localhost:8080/realms/dev", "http://[::1]:8080"]) {
    assert.doesNotThrow(withIssuer(issuer), issuer);
  }
  assert.throws(withIssuer("http://login.example.lu"), /https/);
  assert.throws(withIssuer("not a url"), /GAICHEL_OIDC_ISSUER|oidcIssuer/);
});
