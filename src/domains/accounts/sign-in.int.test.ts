// Signing in through HTTP as a browser without JavaScript would, on PGlite and on PostgreSQL: invitation, password,
// TOTP enrolment, the account page, signing out (here and everywhere), API tokens, CSRF and rate limits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { Agent, secretOnPage, signIn, signUp, totpCode, unusedTotpCode } from "../../../test/agent.ts";
import { buildOrganisation, operator } from "../../../test/factories.ts";
import { describeEachBackend } from "../../../test/helpers.ts";
import { languages, translator } from "../../i18n/index.ts";
import { events } from "../../events/tables.ts";
import { SESSION_COOKIE } from "../../http/auth.ts";
import { SIGN_IN_ATTEMPTS } from "./sign-in-pages.tsx";
import { apiTokens, invitations, users } from "./tables.ts";
import { FAILED_SIGN_IN_LIMIT, SIGN_IN_BLOCK_MINUTES } from "./users-repo.ts";

const en = translator("en");
const password = "a long enough passphrase";

/** The text of an HTML fragment, without its tags. */
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&#39;|&#x27;/g, "'");
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
/** A code the app does not show now (nor one period before or after). */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((steps) => totpCode(secret, steps)));
  return ["000000", "111111", "222222", "333333"].find((code) => !valid.has(code))!;
}
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describeEachBackend(
  "sign-in",
  (get) => {
    test("invitation → password → sign-in → TOTP enrolment → account → sign out", async () => {
      const { app, services } = get();
      const { invitationToken } = await services.users.createUser(operator, {
        email: "Ana.Muller@Example.lu",
        displayName: "Ana Muller",
        memberships: [{ organisationId: "lu-test-ministry", role: "editor" }, { organisationId: "lu-test-ministry", role: "reviewer" }],
      });
      const agent = new Agent(app);

      // The invitation page names the person; a mismatch and a short password are both reported, linked to their fields.
      const invitation = await agent.get(`/en/invitation/${invitationToken}`);
      assert.equal(invitation.statusCode, 200);
      assert.match(text(invitation.body), /This invitation is for Ana Muller \(ana\.muller@example\.lu\)/);
      const mismatch = await agent.post(`/en/invitation/${invitationToken}`, { password: "short", confirmation: "other" });
      assert.equal(mismatch.statusCode, 400);
      assert.equal(title(mismatch.body), `Error: ${en("invitation.title")} – Gäichel`);
      assert.match(mismatch.body, new RegExp(`<a href="#password">${en("validation.password_length")}</a>`));
      assert.match(mismatch.body, new RegExp(`<a href="#confirmation">${en("validation.password_mismatch")}</a>`));
      assert.doesNotMatch(mismatch.body, /value="short"|value="other"/, "passwords are never shown back");
      const set = await agent.post(`/en/invitation/${invitationToken}`, { password, confirmation: password });
      assert.equal(set.statusCode, 303);
      assert.equal(set.headers.location, "/en/sign-in");

      // The sign-in page says the password is saved and offers the address; a reload does not repeat it.
      const signInPage = await agent.follow(set);
      assert.match(signInPage.body, new RegExp(en("invitation.done")));
      assert.match(signInPage.body, /value="ana\.muller@example\.lu"/);
      assert.doesNotMatch((await agent.get("/en/sign-in")).body, new RegExp(en("invitation.done")));

      // Password, then the enrolment page: the secret in groups of four and the otpauth:// URI.
      const first = await agent.post("/en/sign-in", { email: "ana.muller@example.lu", password, next: "/en/account" });
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, `/en/sign-in/second-factor?next=${encodeURIComponent("/en/account")}`);
      const pendingToken = agent.cookies.get(SESSION_COOKIE);
      assert.ok(pendingToken);
      const pendingAccount = await agent.get("/en/account");
      assert.equal(pendingAccount.statusCode, 303, "a password alone does not sign in");
      const enrol = await agent.get(String(first.headers.location));
      assert.equal(enrol.statusCode, 200);
      assert.equal(title(enrol.body), `${en("second_factor.enrol_title")} – Gäichel`);
      assert.match(enrol.body, /<code class="secret" id="totp-secret">(?:[A-Z2-7]{4} )+[A-Z2-7]{1,4}<\/code>/);
      const secret = secretOnPage(enrol.body);
      assert.match(enrol.body, new RegExp(`href="otpauth://totp/[^"]*secret=${secret}`));
      // Reloading the page offers the same secret (the user may have scanned it already).
      assert.equal(secretOnPage((await agent.get(String(first.headers.location))).body), secret);

      // A wrong code: the same page with the error, the same secret; then the right code.
      const wrong = await agent.post("/en/sign-in/second-factor", { code: wrongCode(secret), next: "/en/account" });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, new RegExp(`<a href="#code">${en("second_factor.error_incorrect")}</a>`));
      assert.equal(secretOnPage(wrong.body), secret);
      const malformed = await agent.post("/en/sign-in/second-factor", { code: "12a456" });
      assert.match(malformed.body, new RegExp(en("validation.totp_format")));
      const code = totpCode(secret);
      const done = await agent.post("/en/sign-in/second-factor", { code: `${code.slice(0, 3)} ${code.slice(3)}`, next: "/en/account" });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, "/en/account");
      assert.notEqual(agent.cookies.get(SESSION_COOKIE), pendingToken, "the session token changes with the second factor");
      assert.equal(agent.cookies.get("gaichel_totp_enrolment"), undefined, "the offered secret is forgotten");
      const stored = await get().database.db.select().from(users).where(eq(users.email, "ana.muller@example.lu"));
      assert.equal(stored[0]!.totpSecret, secret);

      // The account page: who, which organisation, which roles; the header shows the user.
      const account = await agent.follow(done);
      assert.equal(account.statusCode, 200);
      const body = text(account.body);
      assert.match(body, /Ana Muller/);
      assert.match(body, /ana\.muller@example\.lu/);
      assert.match(body, /Test ministry/);
      assert.match(body, /Editor, Reviewer|Reviewer, Editor/);
      assert.match(account.body, /<nav aria-label="Your account">.*<a href="\/en\/account">.*Ana Muller<\/a>.*<a href="\/en\/workspace">Workspace<\/a>.*<button type="submit" class="link-button">Sign out<\/button>/s);
      assert.doesNotMatch(account.body, /href="\/en\/sign-in"/, "no sign-in link for a signed-in user");

      // The token seen before the second factor is worth nothing now.
      const stale = new Agent(app);
      stale.cookies.set(SESSION_COOKIE, pendingToken);
      assert.equal((await stale.get("/en/account")).statusCode, 303);

      // Signing out, then the account page asks to sign in again.
      const out = await agent.post("/en/sign-out");
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, "/en/sign-in");
      assert.match((await agent.follow(out)).body, new RegExp(en("sign_in.signed_out")));
      const after = await agent.get("/en/account");
      assert.equal(after.statusCode, 303);
      assert.equal(after.headers.location, `/en/sign-in?next=${encodeURIComponent("/en/account")}`);
    });

    test("an invitation link works once, and not once expired", async () => {
      const { app, services, database } = get();
      const used = await services.users.createUser(operator, { email: "used@example.lu", displayName: "Used" });
      const agent = new Agent(app);
      await agent.get(`/fr/invitation/${used.invitationToken}`);
      assert.equal((await agent.post(`/fr/invitation/${used.invitationToken}`, { password, confirmation: password })).statusCode, 303);
      const again = await agent.get(`/fr/invitation/${used.invitationToken}`);
      assert.equal(again.statusCode, 410);
      assert.match(again.body, new RegExp(translator("fr")("errors.invitation_invalid.title")));
      const reuse = await agent.post(`/fr/invitation/${used.invitationToken}`, { password: "another passphrase", confirmation: "another passphrase" });
      assert.equal(reuse.statusCode, 410);

      const expired = await services.users.createUser(operator, { email: "late@example.lu", displayName: "Late" });
      await database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.userId, expired.user.id));
      assert.equal((await agent.get(`/en/invitation/${expired.invitationToken}`)).statusCode, 410);
      assert.equal((await agent.post(`/en/invitation/${expired.invitationToken}`, { password, confirmation: password })).statusCode, 410);
      const [row] = await database.db.select().from(users).where(eq(users.id, expired.user.id));
      assert.equal(row!.passwordHash, null, "an expired invitation sets no password");
      assert.equal((await agent.get("/en/invitation/not-a-token")).statusCode, 410);
    });

    test("a wrong password or an unknown address: one generic error, the address kept, the password not", async () => {
      const { app, services } = get();
      await signUp(app, services, { email: "wrong@example.lu" });
      const agent = new Agent(app);
      await agent.get("/en/sign-in");
      for (const email of ["wrong@example.lu", "nobody@example.lu"]) {
        const response = await agent.post("/en/sign-in", { email, password: "not the password" });
        assert.equal(response.statusCode, 400);
        assert.equal(title(response.body), `Error: ${en("sign_in.title")} – Gäichel`);
        assert.match(response.body, /<div class="error-summary" role="alert" tabindex="-1">/);
        assert.match(response.body, new RegExp(`<a href="#email">${en("sign_in.error_incorrect")}</a>`));
        assert.match(response.body, new RegExp(`id="email" name="email" type="email" value="${email.replace(".", "\\.")}"`));
        assert.match(response.body, /<input id="password" name="password" type="password" autocomplete="current-password"\/>/);
        assert.doesNotMatch(response.body, /not the password/);
        assert.equal(agent.cookies.get(SESSION_COOKIE), undefined);
      }
      const empty = await agent.post("/en/sign-in", { email: "", password: "" });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, new RegExp(`<a href="#email">${en("validation.email_required")}</a></li><li><a href="#password">${en("validation.password_required")}</a>`));
      const french = await agent.post("/fr/sign-in", { email: "wrong@example.lu", password: "nope" });
      assert.match(french.body, new RegExp(translator("fr")("sign_in.error_incorrect")));
      assert.ok(title(french.body)!.startsWith(`${translator("fr")("common.error_prefix")} `));
    });

    test("a second sign-in asks for the enrolled app's code", async () => {
      const { app, services } = get();
      const user = await signUp(app, services, { email: "again@example.lu" });
      const agent = new Agent(app);
      await agent.get("/de/sign-in");
      const first = await agent.follow(await agent.post("/de/sign-in", { email: user.email, password: user.password }));
      assert.equal(title(first.body), `${translator("de")("second_factor.title")} – Gäichel`);
      assert.doesNotMatch(first.body, /totp-secret/, "an enrolled user is not offered a new secret");
      const wrong = await agent.post("/de/sign-in/second-factor", { code: wrongCode(user.secret) });
      assert.equal(wrong.statusCode, 400);
      // The secret enrolled before is the one that counts, whatever secret cookie the browser holds.
      const done = await agent.post("/de/sign-in/second-factor", { code: await unusedTotpCode(user.secret) });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, "/de/workspace");
      assert.equal((await agent.get("/de/account")).statusCode, 200);
      // Signed in, the sign-in pages send on.
      assert.equal((await agent.get("/de/sign-in")).headers.location, "/de/workspace");
      assert.equal((await agent.get("/de/sign-in/second-factor?next=/de/account")).headers.location, "/de/account");
    });

    test("after signing in, only a path of this site under a language prefix is followed", async () => {
      const { app, services } = get();
      const cases: Array<[string, string]> = [
        ["/fr/systems?q=école", "/fr/workspace"],
        ["/nl/systems/be-tax-risk", "/nl/systems/be-tax-risk"],
        ["//evil.example/fr/", "/fr/workspace"],
        ["https://evil.example/fr/", "/fr/workspace"],
        ["/fr/\\evil.example", "/fr/workspace"],
        ["/es/systems", "/fr/workspace"],
        ["/fr", "/fr/workspace"],
        ["/fr/%0d%0aLocation:x", "/fr/%0d%0aLocation:x"],
      ];
      for (const [index, [next, expected]] of cases.entries()) {
        // One person per case: a TOTP code is accepted once, and these sign-ins come faster than new codes.
        const user = await signUp(app, services, { email: `next-${index}@example.lu` });
        const agent = new Agent(app);
        await agent.get(`/fr/sign-in?next=${encodeURIComponent(next)}`);
        const first = await agent.post("/fr/sign-in", { email: user.email, password: user.password, next });
        await agent.follow(first);
        const done = await agent.post("/fr/sign-in/second-factor", { code: await unusedTotpCode(user.secret), next });
        assert.equal(done.headers.location, expected, `next=${next}`);
      }
    });

    test("pages that need a user send anonymous visitors to sign in; the API answers 401", async () => {
      const { app } = get();
      const agent = new Agent(app);
      const page = await agent.get("/nl/account");
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, `/nl/sign-in?next=${encodeURIComponent("/nl/account")}`);
      const signInPage = await agent.follow(page);
      assert.match(signInPage.body, new RegExp(`<input type="hidden" name="next" value="/nl/account"/>`));
      assert.match(signInPage.body, /<nav aria-label="Uw account"><ul class="nav-list"><li><a href="\/nl\/sign-in">Aanmelden<\/a>/);
      const post = await agent.post("/nl/account/tokens", { name: "x", scopes: "systems:read" });
      assert.equal(post.statusCode, 303);
      assert.equal(post.headers.location, `/nl/sign-in?next=${encodeURIComponent("/nl/account")}`);
      const api = await app.inject({ url: "/api/v1/systems", headers: { authorization: "Bearer gai_nope" } });
      assert.equal(api.statusCode, 401);
      assert.equal(api.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.equal(api.json().id, "unauthorized");
    });

    test("a form without its CSRF token, or with another browser's, is refused with 403 and changes nothing", async () => {
      const { app, services, database } = get();
      const user = await signUp(app, services, { email: "csrf@example.lu" });
      const other = new Agent(app);
      await other.get("/en/sign-in");
      for (const token of [undefined, other.csrf, "forged"]) {
        const out = await user.agent.post("/en/sign-out", { _csrf: token });
        assert.equal(out.statusCode, 403);
        assert.match(out.body, new RegExp(en("errors.csrf_invalid.title")));
        assert.equal((await user.agent.get("/en/account")).statusCode, 200, "still signed in");
        const create = await user.agent.post("/en/account/tokens", { _csrf: token, name: "sneaky", scopes: "systems:write" });
        assert.equal(create.statusCode, 403);
        const everywhere = await user.agent.post("/en/account/sign-out-everywhere", { _csrf: token });
        assert.equal(everywhere.statusCode, 403);
        // The other browser, signing in with no token, a forged one, or the first browser's.
        const foreign = token === other.csrf ? user.agent.csrf : token;
        const signInAs = await other.post("/en/sign-in", { _csrf: foreign, email: user.email, password: user.password });
        assert.equal(signInAs.statusCode, 403, "no login CSRF either");
      }
      const tokens = await database.db.select().from(apiTokens).where(eq(apiTokens.userId, user.userId));
      assert.equal(tokens.length, 0);
      assert.equal((await user.agent.get("/en/account")).statusCode, 200);
    });

    test(`${SIGN_IN_ATTEMPTS} password attempts per address and IP in ten minutes, then 429`, async () => {
      const { app, services } = get();
      const user = await signUp(app, services, { email: "limited@example.lu" });
      const agent = new Agent(app);
      await agent.get("/fr/sign-in");
      // Signing up used one attempt of this address, from this IP.
      for (let i = 1; i < SIGN_IN_ATTEMPTS; i++) {
        assert.equal((await agent.post("/fr/sign-in", { email: "Limited@example.lu", password: `guess ${i}` })).statusCode, 400);
      }
      const blocked = await agent.post("/fr/sign-in", { email: user.email, password: user.password });
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers["retry-after"]) > 0);
      assert.match(blocked.body, /<html lang="fr"/);
      assert.match(blocked.body, new RegExp(translator("fr")("errors.too_many_requests.title")));
      assert.equal(agent.cookies.get(SESSION_COOKIE), undefined, "even the right password is refused for now");
      // Another address from the same place is not blocked.
      assert.equal((await agent.post("/fr/sign-in", { email: "someone-else@example.lu", password: "guess" })).statusCode, 400);
    });

    test(`${SIGN_IN_ATTEMPTS} codes per account in ten minutes, then 429`, async () => {
      const { app, services } = get();
      const user = await signUp(app, services, { email: "codes@example.lu" });
      const agent = new Agent(app);
      await agent.get("/en/sign-in");
      await agent.follow(await agent.post("/en/sign-in", { email: user.email, password: user.password }));
      // Signing up used one attempt of this account.
      for (let i = 1; i < SIGN_IN_ATTEMPTS; i++) {
        assert.equal((await agent.post("/en/sign-in/second-factor", { code: wrongCode(user.secret) })).statusCode, 400);
      }
      const blocked = await agent.post("/en/sign-in/second-factor", { code: totpCode(user.secret) });
      assert.equal(blocked.statusCode, 429);
      assert.match(blocked.body, new RegExp(en("errors.too_many_requests.detail")));
      assert.equal((await agent.get("/en/account")).statusCode, 303, "not signed in");
    });

    test("a TOTP code is accepted once: replayed in another browser, it is refused", async () => {
      const { app, services } = get();
      const user = await signUp(app, services, { email: "replay@example.lu" });
      const code = await unusedTotpCode(user.secret);
      const first = new Agent(app);
      await first.get("/en/sign-in");
      await first.follow(await first.post("/en/sign-in", { email: user.email, password: user.password }));
      assert.equal((await first.post("/en/sign-in/second-factor", { code })).statusCode, 303);
      const second = new Agent(app);
      await second.get("/en/sign-in");
      await second.follow(await second.post("/en/sign-in", { email: user.email, password: user.password }));
      const replayed = await second.post("/en/sign-in/second-factor", { code });
      assert.equal(replayed.statusCode, 400);
      assert.match(replayed.body, new RegExp(en("second_factor.error_incorrect")));
      assert.equal((await second.get("/en/account")).statusCode, 303, "the replaying browser is not signed in");
      // The code of the step after it still works.
      assert.equal((await second.post("/en/sign-in/second-factor", { code: await unusedTotpCode(user.secret) })).statusCode, 303);
    });

    test(`after ${FAILED_SIGN_IN_LIMIT} failures an account refuses every sign-in for ${SIGN_IN_BLOCK_MINUTES} minutes, whichever process is asked`, async () => {
      const { app, services, database } = get();
      const user = await signUp(app, services, { email: "blocked@example.lu" });
      // Failures counted by the service, as any process sharing the database would count them.
      for (let i = 0; i < FAILED_SIGN_IN_LIMIT; i++) {
        assert.deepEqual(await services.users.signInWithPassword(user.email, `wrong ${i}`), { ok: false, reason: "incorrect" });
      }
      assert.deepEqual(await services.users.signInWithPassword(user.email, user.password), { ok: false, reason: "blocked" });
      const agent = new Agent(app);
      await agent.get("/en/sign-in");
      const refused = await agent.post("/en/sign-in", { email: user.email, password: user.password });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, new RegExp(en("sign_in.error_blocked")));
      const failures = await database.db
        .select()
        .from(events)
        .where(and(eq(events.action, "user.sign_in_failed"), eq(events.subjectId, user.userId)));
      assert.equal(failures.length, FAILED_SIGN_IN_LIMIT, "each failure is in the audit trail");
      // When the time has passed, the right password and code sign in, and the count starts again from zero.
      await database.db.update(users).set({ signInBlockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, user.userId));
      await signIn(agent, user.email, user.password, user.secret);
      const [row] = await database.db.select().from(users).where(eq(users.id, user.userId));
      assert.equal(row!.failedSignIns, 0);
      assert.equal(row!.signInBlockedUntil, null);
    });

    test("signing out everywhere ends the sessions of every browser", async () => {
      const { app, services } = get();
      const user = await signUp(app, services, { email: "everywhere@example.lu" });
      const laptop = new Agent(app);
      await signIn(laptop, user.email, user.password, user.secret);
      const other = await signUp(app, services, { email: "bystander@example.lu" });
      assert.equal((await laptop.get("/en/account")).statusCode, 200);
      const out = await user.agent.post("/en/account/sign-out-everywhere");
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, "/en/sign-in");
      assert.match((await user.agent.follow(out)).body, new RegExp(en("account.signed_out_everywhere")));
      assert.equal((await user.agent.get("/en/account")).statusCode, 303);
      assert.equal((await laptop.get("/en/account")).statusCode, 303, "the other browser is signed out too");
      assert.equal((await other.agent.get("/en/account")).statusCode, 200, "another user is not");
    });

    test("an API token: created with scopes and an end date, shown once, used with Bearer, revoked", async () => {
      const { app, services, database } = get();
      const user = await signUp(app, services, { email: "tokens@example.lu" });
      await user.agent.get("/en/account");
      const created = await user.agent.post("/en/account/tokens", { name: "Nightly export", scopes: ["systems:read", "systems:write"], expiresOn: tomorrow() });
      assert.equal(created.statusCode, 303);
      const shown = await user.agent.follow(created);
      const token = /<code id="new-token">(gai_[A-Za-z0-9_-]+)<\/code>/.exec(shown.body)?.[1];
      assert.ok(token, "the new token is shown");
      assert.match(text(shown.body), /Your new token “Nightly export”/);
      const reloaded = await user.agent.get("/en/account");
      assert.doesNotMatch(reloaded.body, new RegExp(token), "and never again");
      assert.match(text(reloaded.body), /Nightly export.*Read the register, drafts included, Create and change records.*Never.*Active/s);
      const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.userId, user.userId));
      assert.notEqual(row!.tokenHash, token, "only a hash is stored");
      assert.ok(row!.expiresAt! > new Date(Date.now() + 86_400_000 - 3_600_000 * 26), "it ends with the day chosen");

      // Another user's browser does not see the token, even with the flash cookie.
      const api = await app.inject({ url: "/api/v1/systems", headers: { authorization: `Bearer ${token}` } });
      assert.equal(api.statusCode, 200);
      assert.doesNotMatch(text((await user.agent.get("/en/account")).body), /Nightly export.*Never/s, "its last use is shown");

      const stranger = await signUp(app, services, { email: "stranger@example.lu" });
      await stranger.agent.get("/en/account");
      const theirs = await stranger.agent.post(`/en/account/tokens/${row!.id}/revoke`);
      assert.equal(theirs.statusCode, 404, "another user cannot revoke it");

      const revoked = await user.agent.post(`/en/account/tokens/${row!.id}/revoke`);
      assert.equal(revoked.statusCode, 303);
      const afterRevoke = await user.agent.follow(revoked);
      assert.match(afterRevoke.body, new RegExp(en("account.token_revoked_notice")));
      assert.match(text(afterRevoke.body), /Nightly export.*Revoked/s);
      assert.doesNotMatch(afterRevoke.body, /action="\/en\/account\/tokens\/[^"]+\/revoke"/, "a revoked token has no revoke button");
      const refused = await app.inject({ url: "/api/v1/systems", headers: { authorization: `Bearer ${token}` } });
      assert.equal(refused.statusCode, 401);
      assert.equal(refused.json().id, "unauthorized");
      assert.equal((await user.agent.post(`/en/account/tokens/${row!.id}/revoke`)).statusCode, 404, "revoked once");

      // A token past its end date no longer works either.
      await user.agent.post("/en/account/tokens", { name: "Short-lived", scopes: "systems:read" });
      const short = /<code id="new-token">([^<]+)<\/code>/.exec((await user.agent.get("/en/account")).body)![1]!;
      await database.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.name, "Short-lived"));
      assert.equal((await app.inject({ url: "/api/v1/systems", headers: { authorization: `Bearer ${short}` } })).statusCode, 401);
      assert.match(text((await user.agent.get("/en/account")).body), /Short-lived.*Expired/s);
    });

    test("the token form reports every problem and keeps what was typed", async () => {
      const { app, services, database } = get();
      const user = await signUp(app, services, { email: "token-form@example.lu" });
      await user.agent.get("/en/account");
      const response = await user.agent.post("/en/account/tokens", { name: "  ", expiresOn: "2001-01-01" });
      assert.equal(response.statusCode, 400);
      assert.equal(title(response.body), `Error: ${en("account.title")} – Gäichel`);
      assert.match(
        response.body,
        new RegExp(
          `<a href="#token-name">${en("validation.required")}</a></li><li><a href="#token-scopes">${en("validation.scopes_required")}</a></li><li><a href="#token-expires">${en("validation.date_not_past")}</a>`,
        ),
      );
      assert.match(response.body, /id="token-expires" name="expiresOn" type="date" value="2001-01-01"/);
      assert.doesNotMatch(response.body, /value="systems:read" checked/, "the boxes stay as they were sent");
      const bad = await user.agent.post("/en/account/tokens", { name: "x".repeat(101), scopes: ["systems:admin"], expiresOn: "tomorrow" });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, new RegExp(en("validation.too_long")));
      assert.match(bad.body, new RegExp(en("validation.choice")));
      assert.match(bad.body, new RegExp(en("validation.date")));
      const count = await database.db.select({ n: sql<number>`count(*)::int` }).from(apiTokens).where(eq(apiTokens.userId, user.userId));
      assert.equal(count[0]!.n, 0);
    });

    test("malformed bodies at every sign-in and account form: never a 5xx, no token from a refused form", async () => {
      const { app, services, database } = get();
      const user = await signUp(app, services, { email: "fuzz@example.lu" });
      await user.agent.get("/en/account");
      const pending = new Agent(app);
      await pending.get("/en/sign-in");
      await pending.follow(await pending.post("/en/sign-in", { email: user.email, password: user.password }));
      const { invitationToken } = await services.users.createUser(operator, { email: "fuzz-invited@example.lu", displayName: "Invited" });

      const anyText = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("\u0000", "a\u0000b", " ", "", "x".repeat(5000)));
      const value = fc.oneof(anyText, fc.array(anyText, { maxLength: 3 }));
      const body = (fields: string[]) =>
        fc.dictionary(fc.oneof(fc.constantFrom("_", ...fields), fc.string({ maxLength: 8 })), value, { maxKeys: fields.length + 2 });
      const forms: Array<[Agent, string, string[]]> = [
        [new Agent(app), "/en/sign-in", ["email", "password", "next"]],
        [pending, "/en/sign-in/second-factor", ["code", "next"]],
        [new Agent(app), `/en/invitation/${invitationToken}`, ["password", "confirmation"]],
        [user.agent, "/en/account/tokens", ["name", "scopes", "expiresOn"]],
        [user.agent, `/en/account/tokens/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}/revoke`, []],
      ];
      for (const [agent, url, fields] of forms) {
        await agent.get(url.startsWith("/en/invitation") ? url : "/en/sign-in");
        const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(apiTokens);
        await fc.assert(
          fc.asyncProperty(body(fields), fc.boolean(), async (form, json) => {
            const cookie = [...agent.cookies].map(([name, v]) => `${name}=${v}`).join("; ");
            const response = json
              ? await app.inject({ method: "POST", url, headers: { cookie }, payload: { ...form, _csrf: agent.csrf } })
              : await agent.post(url, { ...form, _csrf: agent.csrf });
            assert.ok(response.statusCode < 500, `${url} ${JSON.stringify(form)} answered ${response.statusCode}`);
            if (url === "/en/account/tokens" && response.statusCode !== 303) {
              const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(apiTokens);
              assert.equal(after[0]!.n, before[0]!.n);
            }
          }),
          { numRuns: 60 },
        );
      }
    });

    test("the sign-in page in four languages", async () => {
      for (const lang of languages) {
        const t = translator(lang);
        const response = await new Agent(get().app).get(`/${lang}/sign-in`);
        assert.equal(response.statusCode, 200);
        assert.match(response.body, new RegExp(`<html lang="${lang}"`));
        assert.equal(title(response.body), `${t("sign_in.title")} – Gäichel`);
        assert.match(response.body, new RegExp(`<label for="email">${t("sign_in.email")}</label>`));
        assert.match(response.body, new RegExp(`<label for="password">${t("sign_in.password")}</label>`));
        assert.match(response.body, /autocomplete="current-password"/);
      }
    });
  },
  async ({ services }) => {
    await services.organisations.saveOrganisations("operator:test", [buildOrganisation()]);
  },
);
