// The authorization matrix (issue 3): every route of `app.routeTable` and every `gaichel` command, against every
// role of the organisation that owns the record (LU), the same roles of another organisation (BE), a platform admin,
// anonymous visitors and (for the API) a token without the systems:write scope. Expected sets come from the rules:
// `maySystem` of src/domains/systems/policy.ts and `auditLog.mayRead` of src/events/service.ts, never from what the app
// answers. A route registered without an entry here fails the suite; so does a CLI command without one.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { runCli } from "../src/cli/index.ts";
import { roles, type Actor, type Role } from "../src/http/actor.ts";
import { securityKeys } from "../src/domains/accounts/tables.ts";
import { mayAssessment, type AssessmentAction } from "../src/domains/assessments/policy.ts";
import { mayAudit, type AuditAction } from "../src/domains/audits/policy.ts";
import type { AuditState } from "../src/domains/audits/tables.ts";
import { mayDataset, type DatasetAction } from "../src/domains/privacy/policy.ts";
import type { DatasetState } from "../src/domains/privacy/tables.ts";
import type { AssessmentState } from "../src/domains/assessments/tables.ts";
import { maySystem, type SystemAction } from "../src/domains/systems/policy.ts";
import type { LifecycleState } from "../src/domains/systems/schema.ts";
import { Agent } from "./agent.ts";
import { buildImport, buildOrganisation, buildRecord, operator, seed, signedInAs, type SignedInUser } from "./factories.ts";
import { describeEachBackend, type TestContext } from "./helpers.ts";

const LU = "lu-ministry-family";
const BE = "be-agency-social";
const organisations = [
  buildOrganisation({ id: LU, officialId: "LU-ADM-4242", name: { fr: { text: "Ministère de la Famille", status: "authored" } } }),
  buildOrganisation({ id: BE, country: "BE", officialId: "0765.432.146", kind: "agency", name: { nl: { text: "Agentschap Sociale Zaken", status: "authored" } } }),
];
/** OpenID Connect on, so that its routes are registered; the issuer refuses connections at once. */
const env = {
  GAICHEL_OIDC_ISSUER: "http://127.0.0.1:9",
  GAICHEL_OIDC_CLIENT_ID: "gaichel-test",
  // Uploaded decision files go under the data directory: a temporary one.
  GAICHEL_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-matrix-")),
};

/** Routes outside the matrix, each with the reason: static files and API documentation, public by nature. */
const exempt: Record<string, string> = {
  "GET /assets/*": "static files",
  "GET /assets/vendor/simplewebauthn/*": "static files (the WebAuthn browser library)",
  "GET /assets/vendor/json-logic/*": "static files (JSONLogic for the conditions of assessment pages)",
  "GET /api/docs": "API documentation (Swagger UI)",
  "GET /api/docs/static/index.html": "API documentation (Swagger UI)",
  "GET /api/docs/static/swagger-initializer.js": "API documentation (Swagger UI)",
  "GET /api/docs/json": "API documentation (Swagger UI)",
  "GET /api/docs/yaml": "API documentation (Swagger UI)",
  "GET /api/docs/static/*": "API documentation (Swagger UI)",
};

// ---- Actors ----------------------------------------------------------------------------------------------------

interface MatrixActor {
  name: string;
  /** The actor the rules see, for a page (session) or for the API (token). */
  rule: (via: "session" | "token") => Actor;
  /** Only in API rows: the LU org_admin with a token that may only read. */
  apiOnly?: boolean;
  signIn?: (services: TestContext["services"]) => Promise<SignedInUser>;
}

const userActor = (rolesByOrg: Record<string, Role[]>, platformAdmin: boolean, scopes: string[]) => (via: "session" | "token"): Actor => ({
  kind: "user",
  id: "rule",
  email: "rule@example.lu",
  displayName: "rule",
  platformAdmin,
  roles: rolesByOrg,
  via,
  scopes: via === "token" ? scopes : [],
});
const bothScopes = ["systems:read", "systems:write"];

const actors: MatrixActor[] = [
  { name: "anonymous", rule: () => ({ kind: "anonymous" }) },
  ...(["LU", "BE"] as const).flatMap((label) =>
    roles.map((role) => {
      const org = label === "LU" ? LU : BE;
      return {
        name: `${label}:${role}`,
        rule: userActor({ [org]: [role] }, false, bothScopes),
        signIn: (services: TestContext["services"]) => signedInAs(services, { [org]: [role] }),
      };
    }),
  ),
  { name: "platform admin", rule: userActor({}, true, bothScopes), signIn: (services) => signedInAs(services, {}, { platformAdmin: true }) },
  {
    name: "LU:org_admin (read-only token)",
    apiOnly: true,
    rule: userActor({ [LU]: ["org_admin"] }, false, ["systems:read"]),
    signIn: (services) => signedInAs(services, { [LU]: ["org_admin"] }, { scopes: ["systems:read"] }),
  },
];

// ---- Requests --------------------------------------------------------------------------------------------------

interface Who {
  actor: MatrixActor;
  user?: SignedInUser;
}

interface Case {
  label: string;
  /** Whether the actor is allowed, by the rules. */
  expected: (actor: MatrixActor, ctx: TestContext) => boolean;
  run: (who: Who, ctx: TestContext) => Promise<LightMyRequestResponse>;
  /** Actors signed in afresh for this case (the request ends their session or revokes their token). */
  fresh?: boolean;
  /** Another reading of the answer than the default one. */
  denied?: (response: LightMyRequestResponse) => boolean;
}

interface Entry {
  api?: boolean;
  cases: Case[];
}

let serial = 0;
/** A fresh LU record in `state`, imported by the operator. */
async function system(ctx: TestContext, state: LifecycleState): Promise<string> {
  const id = `lu-matrix-${++serial}`;
  await ctx.services.systems.importSystems(operator, [buildImport({ id, organisation: LU, state })]);
  return id;
}

const signInPage = /^\/[a-z]{2}\/sign-in(\?|$)/;
function deniedByDefault(response: LightMyRequestResponse): boolean {
  if ([401, 403, 404].includes(response.statusCode)) return true;
  return response.statusCode >= 300 && response.statusCode < 400 && signInPage.test(String(response.headers.location ?? ""));
}

/** A page request in a browser: the session cookie, and for a post the CSRF token of a page the actor may see. */
async function page(ctx: TestContext, who: Who, method: "GET" | "POST", url: string, form: Record<string, string> = {}) {
  const agent = new Agent(ctx.app, { "accept-language": "en" });
  if (who.user) agent.cookies.set("gaichel_session", who.user.sessionToken);
  if (method === "GET") return agent.get(url);
  const first = await agent.get(who.user ? "/en/account" : "/en/sign-in");
  assert.ok(agent.csrf, `a CSRF token for ${who.actor.name} (GET answered ${first.statusCode})`);
  return agent.post(url, form);
}

/** An API request with the actor's bearer token (anonymous: none). */
function api(ctx: TestContext, who: Who, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    headers: {
      "accept-language": "en",
      ...(who.user ? { authorization: `Bearer ${who.user.token}` } : {}),
      ...(payload === undefined ? {} : { "content-type": "application/json" }),
    },
    payload: payload === undefined ? undefined : JSON.stringify(payload),
  });
}

// Expected sets, from the rules.
const everyone = () => true;
const nobody = () => false;
/** The second-factor step without a sign-in in progress: back to the sign-in page (denied), or on to the workspace. */
const sentOnOrBack = (r: LightMyRequestResponse) => {
  assert.equal(r.statusCode, 303);
  const location = String(r.headers.location);
  assert.ok(location === "/en/workspace" || signInPage.test(location), `sent to ${location}`);
  return signInPage.test(location);
};
const signedInOnly = (a: MatrixActor) => a.rule("session").kind === "user";
const may = (action: SystemAction, state: LifecycleState | undefined, via: "session" | "token", organisationId = LU) => (a: MatrixActor) =>
  maySystem(a.rule(via), action, { organisationId, state });
const mayCreateSomewhere = (a: MatrixActor) => [LU, BE].some((org) => maySystem(a.rule("session"), "create", { organisationId: org }));
const mayReadLog = (a: MatrixActor, ctx: TestContext) => ctx.services.auditLog.mayRead(a.rule("session"), LU);
const mayAssess = (action: AssessmentAction, state: AssessmentState | undefined, via: "session" | "token" = "session") => (a: MatrixActor) =>
  mayAssessment(a.rule(via), action, { organisationId: LU, state, authors: [`operator:${operator.kind === "operator" ? operator.name : ""}`] });

/** A fresh assessment of a published LU record, filled in by the operator (so no matrix actor is its author), in `state`. */
async function assessment(ctx: TestContext, state: AssessmentState): Promise<string> {
  const systemId = await system(ctx, "published");
  const { assessments } = ctx.services;
  const id = await assessments.startAssessment(operator, systemId, "dpia-screening");
  const pages = { context: { country: "lu" }, always_required: { art35_3_cases: ["none"] }, criteria: { edpb_criteria: ["evaluation_scoring"] }, national_lu: { lu_list: ["none"] } };
  for (const [page, answers] of Object.entries(pages)) await assessments.saveAnswers(operator, id, page, { answers, comments: {} });
  if (state === "draft") return id;
  await assessments.submitAssessment(operator, id);
  if (state === "submitted") return id;
  await assessments.giveOpinion(operator, id, "No objection.");
  await assessments.approveAssessment(operator, id);
  return id;
}
const onAssessment = (state: AssessmentState, path: (id: string) => string) => async (ctx: TestContext) => path(await assessment(ctx, state));

// Bias audits: a small decision file, uploaded by the operator (so no matrix actor is its author).
const DECISIONS = ["sex,decision", ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? "F" : "M"},${i % 3 ? 1 : 0}`)].join("\n") + "\n";
const auditSettings = { decision: "decision", favourable: "1", protected: ["sex"] };
const mayAuditAs = (action: AuditAction, state: AuditState, via: "session" | "token" = "session") => (a: MatrixActor) =>
  mayAudit(a.rule(via), action, { organisationId: LU, state, published: false, authors: [`operator:${operator.kind === "operator" ? operator.name : ""}`] });

/** A fresh audit of a published LU record in `state` ("published": completed and published). */
async function audit(ctx: TestContext, state: "uploaded" | "completed" | "published"): Promise<{ systemId: string; auditId: string }> {
  const systemId = await system(ctx, "published");
  const { audits, jobs } = ctx.services;
  const { id } = await audits.receiveUpload(operator, systemId, { title: "Matrix audit", fileName: "d.csv", stream: Readable.from([DECISIONS]) });
  if (state !== "uploaded") {
    await audits.configure(operator, id, auditSettings);
    while (await jobs.runOnce());
  }
  if (state === "published") await audits.publish(operator, id);
  return { systemId, auditId: id };
}

// Datasets: a small file uploaded by the operator for the LU organisation, scanned (and protected) by the job.
const mayDatasetAs = (action: DatasetAction, state: DatasetState | undefined, via: "session" | "token" = "session") => (a: MatrixActor) =>
  mayDataset(a.rule(via), action, { organisationId: LU, state });

async function dataset(ctx: TestContext, state: "scanned" | "protected"): Promise<string> {
  const { datasets, jobs } = ctx.services;
  const { id } = await datasets.upload(operator, { organisationId: LU, title: "Matrix dataset", fileName: "d.csv", stream: Readable.from([DECISIONS]) });
  while (await jobs.runOnce());
  if (state === "protected") {
    await datasets.protect(operator, id, { domain: "matrix", columns: [{ name: "sex", operator: "suppress" }] });
    while (await jobs.runOnce());
  }
  return id;
}

/** A multipart upload as a browser sends it, with the CSRF token of a page the actor may see in the form's address. */
async function uploadAs(ctx: TestContext, who: Who, url: string, fields: Record<string, string>, bearer = false) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([DECISIONS]), "d.csv");
  const request = new Request("http://localhost/", { method: "POST", body: form });
  const agent = new Agent(ctx.app, { "accept-language": "en" });
  if (who.user && !bearer) agent.cookies.set("gaichel_session", who.user.sessionToken);
  if (!bearer) await agent.get(who.user ? "/en/account" : "/en/sign-in");
  const cookie = [...agent.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  return ctx.app.inject({
    method: "POST",
    url: bearer ? url : `${url}?_csrf=${encodeURIComponent(agent.csrf ?? "")}`,
    headers: {
      "accept-language": "en",
      "content-type": request.headers.get("content-type")!,
      ...(cookie ? { cookie } : {}),
      ...(bearer && who.user ? { authorization: `Bearer ${who.user.token}` } : {}),
    },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

const publicGet = (url: string | ((ctx: TestContext) => Promise<string>), isApi = false): Case => ({
  label: "GET",
  expected: everyone,
  run: async (who, ctx) => {
    const target = typeof url === "string" ? url : await url(ctx);
    return isApi ? api(ctx, who, "GET", target) : page(ctx, who, "GET", target);
  },
});
const published = (path: (id: string) => string, isApi = false) => publicGet(async (ctx) => path(await system(ctx, "published")), isApi);

/** Every workspace step through the form, with the state it applies to and the action the rules know it by. */
const pageSteps: Array<{ step: string; state: LifecycleState; action: SystemAction; form?: Record<string, string> }> = [
  { step: "submit", state: "draft", action: "submit" },
  { step: "approve", state: "in_review", action: "publish", form: { comment: "" } },
  { step: "return", state: "in_review", action: "return", form: { comment: "Please name the data sources." } },
  { step: "revise", state: "published", action: "revise" },
  { step: "retire", state: "published", action: "retire" },
  { step: "retire", state: "draft", action: "retire" },
];
const apiSteps = pageSteps.map((s) => ({ ...s, body: s.step === "return" ? { comment: "Please name the data sources." } : {} }));

const matrix: Record<string, Entry> = {
  // Public pages and reads of the register.
  "GET /api/openapi.json": { api: true, cases: [publicGet("/api/openapi.json", true)] },
  "GET /": { cases: [publicGet("/")] },
  "GET /:lang": { cases: [publicGet("/en")] },
  "GET /healthz": { cases: [publicGet("/healthz")] },
  "GET /api/v1/systems": { api: true, cases: [publicGet("/api/v1/systems", true)] },
  "GET /api/v1/systems.json": { api: true, cases: [publicGet("/api/v1/systems.json", true)] },
  "GET /api/v1/systems.csv": { api: true, cases: [publicGet("/api/v1/systems.csv", true)] },
  "GET /api/v1/systems/history.json": { api: true, cases: [publicGet("/api/v1/systems/history.json", true)] },
  "GET /api/v1/systems/history.csv": { api: true, cases: [publicGet("/api/v1/systems/history.csv", true)] },
  "POST /api/v1/systems/validate": {
    api: true,
    cases: [{ label: "valid body", expected: everyone, run: (who, ctx) => api(ctx, who, "POST", "/api/v1/systems/validate", [buildImport().item]) }],
  },
  "GET /api/v1/systems/:id": { api: true, cases: [published((id) => `/api/v1/systems/${id}`, true)] },
  "GET /api/v1/systems/:id/versions": { api: true, cases: [published((id) => `/api/v1/systems/${id}/versions`, true)] },
  "GET /api/v1/systems/:id/versions/:version": { api: true, cases: [published((id) => `/api/v1/systems/${id}/versions/1`, true)] },
  "GET /api/v1/systems/:id/diff": { api: true, cases: [published((id) => `/api/v1/systems/${id}/diff?from=1&to=1`, true)] },
  "GET /api/v1/systems/:id/export/:shape": { api: true, cases: [published((id) => `/api/v1/systems/${id}/export/atrs`, true)] },
  "GET /:lang/systems": { cases: [publicGet("/en/systems")] },
  "GET /:lang/systems/:id": { cases: [published((id) => `/en/systems/${id}`)] },
  "GET /:lang/systems/:id/versions/:version": { cases: [published((id) => `/en/systems/${id}/versions/1`)] },
  "GET /:lang/systems/:id/history": { cases: [published((id) => `/en/systems/${id}/history`)] },
  "GET /:lang/systems/:id/diff": { cases: [published((id) => `/en/systems/${id}/diff?from=1&to=1`)] },
  "GET /api/v1/organisations": { api: true, cases: [publicGet("/api/v1/organisations", true)] },
  "GET /api/v1/organisations/:id": { api: true, cases: [publicGet(`/api/v1/organisations/${LU}`, true)] },
  "GET /:lang/organisations": { cases: [publicGet("/en/organisations")] },
  "GET /:lang/organisations/:id": { cases: [publicGet(`/en/organisations/${LU}`)] },

  // API writes: a bearer token with systems:write, and the rules of the record.
  "POST /api/v1/systems": {
    api: true,
    cases: [
      {
        label: "create in LU",
        expected: may("create", undefined, "token"),
        run: (who, ctx) => api(ctx, who, "POST", "/api/v1/systems", { organisation: LU, record: buildRecord() }),
      },
    ],
  },
  "GET /api/v1/systems/:id/draft": {
    api: true,
    cases: [{ label: "draft", expected: may("read_draft", "draft", "token"), run: async (who, ctx) => api(ctx, who, "GET", `/api/v1/systems/${await system(ctx, "draft")}/draft`) }],
  },
  "PUT /api/v1/systems/:id/draft": {
    api: true,
    cases: [
      {
        label: "draft",
        expected: may("edit", "draft", "token"),
        run: async (who, ctx) => api(ctx, who, "PUT", `/api/v1/systems/${await system(ctx, "draft")}/draft`, buildRecord()),
      },
    ],
  },
  ...Object.fromEntries(
    ["submit", "approve", "return", "revise", "retire"].map((step) => [
      `POST /api/v1/systems/:id/${step}`,
      {
        api: true,
        cases: apiSteps
          .filter((s) => s.step === step)
          .map(
            (s): Case => ({
              label: `${s.state} record`,
              expected: may(s.action, s.state, "token"),
              run: async (who, ctx) => api(ctx, who, "POST", `/api/v1/systems/${await system(ctx, s.state)}/${s.step}`, s.body),
            }),
          ),
      },
    ]),
  ),

  // The workspace.
  "GET /:lang/workspace": { cases: [{ label: "dashboard", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace") }] },
  "GET /:lang/workspace/systems/new": {
    cases: [{ label: "form", expected: mayCreateSomewhere, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/systems/new") }],
  },
  "POST /:lang/workspace/systems/new": {
    // An empty form: those who may create somewhere get it back with its errors (400); the others are refused.
    // Creating in LU is the rule of POST /api/v1/systems above (the same service call).
    cases: [{ label: "empty form", expected: mayCreateSomewhere, run: (who, ctx) => page(ctx, who, "POST", "/en/workspace/systems/new", {}) }],
  },
  "GET /:lang/workspace/systems/:id": {
    cases: (["draft", "in_review"] as const).map((state) => ({
      label: `${state} record`,
      expected: may("read_draft", state, "session"),
      run: async (who: Who, ctx: TestContext) => page(ctx, who, "GET", `/en/workspace/systems/${await system(ctx, state)}`),
    })),
  },
  "POST /:lang/workspace/systems/:id/:step": {
    cases: pageSteps.map(
      (s): Case => ({
        label: `${s.step} a ${s.state} record`,
        expected: may(s.action, s.state, "session"),
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/systems/${await system(ctx, s.state)}/${s.step}`, s.form ?? {}),
      }),
    ),
  },
  "GET /:lang/workspace/systems/:id/edit/:section": {
    cases: [{ label: "draft", expected: may("edit", "draft", "session"), run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/systems/${await system(ctx, "draft")}/edit/basics`) }],
  },
  "POST /:lang/workspace/systems/:id/edit/:section": {
    cases: [
      {
        label: "draft, empty form",
        expected: may("edit", "draft", "session"),
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/systems/${await system(ctx, "draft")}/edit/basics`, {}),
      },
    ],
  },

  // Signing in: open to everyone. The second-factor step belongs to a sign-in in progress, which no actor of the
  // matrix has: it sends anonymous visitors back to the sign-in page (denied) and signed-in users on to their
  // workspace (past it already). The security-key step answers 401 to both.
  "GET /:lang/sign-in": { cases: [publicGet("/en/sign-in")] },
  "POST /:lang/sign-in": {
    cases: [{ label: "wrong password", expected: everyone, run: (who, ctx) => page(ctx, who, "POST", "/en/sign-in", { email: `nobody${++serial}@example.lu`, password: "wrong password 123" }) }],
  },
  "GET /:lang/sign-in/second-factor": {
    cases: [{ label: "no sign-in in progress", expected: signedInOnly, denied: sentOnOrBack, run: (who, ctx) => page(ctx, who, "GET", "/en/sign-in/second-factor") }],
  },
  "POST /:lang/sign-in/second-factor": {
    cases: [
      { label: "no sign-in in progress", expected: signedInOnly, denied: sentOnOrBack, run: (who, ctx) => page(ctx, who, "POST", "/en/sign-in/second-factor", { code: "000000" }) },
    ],
  },
  "POST /:lang/sign-in/security-key/options": {
    cases: [{ label: "no sign-in in progress", expected: nobody, run: (who, ctx) => page(ctx, who, "POST", "/en/sign-in/security-key/options") }],
  },
  "POST /:lang/sign-in/security-key": {
    cases: [{ label: "no sign-in in progress", expected: nobody, run: (who, ctx) => page(ctx, who, "POST", "/en/sign-in/security-key", { response: "{}" }) }],
  },
  "GET /:lang/invitation/:token": {
    cases: [
      publicGet(async (ctx) => {
        const { invitationToken } = await ctx.services.users.createUser(operator, { email: `invited${++serial}@example.lu`, displayName: "Invited" });
        return `/en/invitation/${invitationToken}`;
      }),
    ],
  },
  "POST /:lang/invitation/:token": {
    cases: [
      {
        label: "passwords that differ",
        expected: everyone,
        run: async (who, ctx) => {
          const { invitationToken } = await ctx.services.users.createUser(operator, { email: `invited${++serial}@example.lu`, displayName: "Invited" });
          return page(ctx, who, "POST", `/en/invitation/${invitationToken}`, { password: "correct horse battery staple", confirmation: "another horse" });
        },
      },
    ],
  },
  "POST /:lang/sign-out": {
    // Everyone may sign out, and lands on the sign-in page: only an error would be a refusal.
    cases: [{ label: "sign out", expected: everyone, fresh: true, denied: (r) => r.statusCode >= 400, run: (who, ctx) => page(ctx, who, "POST", "/en/sign-out") }],
  },
  "GET /:lang/sign-in/oidc": { cases: [publicGet("/en/sign-in/oidc")] },
  "GET /:lang/sign-in/oidc/error/:reason": { cases: [publicGet("/en/sign-in/oidc/error/oidc_failed")] },
  "GET /auth/oidc/callback": { cases: [publicGet("/auth/oidc/callback?code=x&state=y")] },

  // The account: the signed-in person's own.
  "GET /:lang/account": { cases: [{ label: "account", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "GET", "/en/account") }] },
  "POST /:lang/account/tokens": {
    cases: [{ label: "new token", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "POST", "/en/account/tokens", { name: "matrix", scopes: "systems:read" }) }],
  },
  "POST /:lang/account/tokens/:id/revoke": {
    cases: [
      {
        label: "own token",
        expected: signedInOnly,
        fresh: true,
        run: async (who, ctx) => {
          let id = "00000000-0000-4000-8000-000000000000";
          if (who.user) {
            const { actor } = await ctx.services.users.resolveSession(who.user.sessionToken);
            id = (await ctx.services.users.listApiTokens(actor!))[0]!.id;
          }
          return page(ctx, who, "POST", `/en/account/tokens/${id}/revoke`);
        },
      },
    ],
  },
  "POST /:lang/account/security-keys/options": {
    cases: [{ label: "new key", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "POST", "/en/account/security-keys/options", { name: "matrix key" }) }],
  },
  "POST /:lang/account/security-keys": {
    cases: [{ label: "new key, no answer", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "POST", "/en/account/security-keys", { name: "matrix key" }) }],
  },
  "POST /:lang/account/security-keys/:id/remove": {
    cases: [
      {
        label: "own key",
        expected: signedInOnly,
        run: async (who, ctx) => {
          const id = `matrix-key-${++serial}`;
          if (who.user) {
            await ctx.database.db.insert(securityKeys).values({ id, userId: who.user.userId, name: "matrix key", publicKey: "AA", counter: 0, transports: [] });
          }
          return page(ctx, who, "POST", `/en/account/security-keys/${id}/remove`);
        },
      },
    ],
  },
  "POST /:lang/account/sign-out-everywhere": {
    cases: [
      {
        label: "sign out everywhere",
        expected: signedInOnly,
        fresh: true,
        // Success also lands on the sign-in page; a refusal asks to sign in and come back (?next=).
        denied: (r) => [401, 403, 404].includes(r.statusCode) || String(r.headers.location ?? "").includes("/sign-in?next="),
        run: (who, ctx) => page(ctx, who, "POST", "/en/account/sign-out-everywhere"),
      },
    ],
  },

  // Assessments: members of the record's organisation read; evaluators fill in and submit; the DPO gives an opinion;
  // validators approve; validators and the DPO return; evaluators reassess. Each case on a fresh response.
  "GET /:lang/workspace/systems/:id/assessments": {
    cases: [{ label: "LU record", expected: mayAssess("read", undefined), run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/systems/${await system(ctx, "published")}/assessments`) }],
  },
  "POST /:lang/workspace/systems/:id/assessments": {
    cases: [
      {
        label: "start",
        expected: mayAssess("start", undefined),
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/systems/${await system(ctx, "published")}/assessments`, { instrument: "fria" }),
      },
    ],
  },
  "GET /:lang/workspace/assessments/:rid": {
    cases: [
      { label: "draft", expected: mayAssess("read", "draft"), run: async (who, ctx) => page(ctx, who, "GET", await onAssessment("draft", (id) => `/en/workspace/assessments/${id}`)(ctx)) },
    ],
  },
  "GET /:lang/workspace/assessments/:rid/pages/:page": {
    cases: [
      { label: "draft", expected: mayAssess("fill", "draft"), run: async (who, ctx) => page(ctx, who, "GET", await onAssessment("draft", (id) => `/en/workspace/assessments/${id}/pages/criteria`)(ctx)) },
    ],
  },
  "POST /:lang/workspace/assessments/:rid/pages/:page": {
    cases: [
      {
        label: "draft",
        expected: mayAssess("fill", "draft"),
        run: async (who, ctx) => page(ctx, who, "POST", await onAssessment("draft", (id) => `/en/workspace/assessments/${id}/pages/context`)(ctx), { "a.country": "be" }),
      },
    ],
  },
  "POST /:lang/workspace/assessments/:rid/submit": {
    cases: [{ label: "complete draft", expected: mayAssess("submit", "draft"), run: async (who, ctx) => page(ctx, who, "POST", await onAssessment("draft", (id) => `/en/workspace/assessments/${id}/submit`)(ctx)) }],
  },
  "POST /:lang/workspace/assessments/:rid/opinion": {
    cases: [
      {
        label: "submitted",
        expected: mayAssess("opinion", "submitted"),
        run: async (who, ctx) => page(ctx, who, "POST", await onAssessment("submitted", (id) => `/en/workspace/assessments/${id}/opinion`)(ctx), { opinion: "Fine." }),
      },
    ],
  },
  "POST /:lang/workspace/assessments/:rid/approve": {
    cases: [
      {
        label: "submitted, with the DPO's opinion",
        expected: mayAssess("approve", "submitted"),
        run: async (who, ctx) => {
          const id = await assessment(ctx, "submitted");
          await ctx.services.assessments.giveOpinion(operator, id, "No objection.");
          return page(ctx, who, "POST", `/en/workspace/assessments/${id}/approve`, { comment: "" });
        },
      },
    ],
  },
  "POST /:lang/workspace/assessments/:rid/return": {
    cases: [
      {
        label: "submitted",
        expected: mayAssess("return", "submitted"),
        run: async (who, ctx) => page(ctx, who, "POST", await onAssessment("submitted", (id) => `/en/workspace/assessments/${id}/return`)(ctx), { comment: "Add the data sources." }),
      },
    ],
  },
  "POST /:lang/workspace/assessments/:rid/reassess": {
    cases: [{ label: "approved", expected: mayAssess("reassess", "approved"), run: async (who, ctx) => page(ctx, who, "POST", await onAssessment("approved", (id) => `/en/workspace/assessments/${id}/reassess`)(ctx)) }],
  },
  "GET /:lang/workspace/assessments/:rid/export.json": {
    cases: [{ label: "draft", expected: mayAssess("read", "draft"), run: async (who, ctx) => page(ctx, who, "GET", await onAssessment("draft", (id) => `/en/workspace/assessments/${id}/export.json`)(ctx)) }],
  },
  "GET /:lang/workspace/assessments/:rid/export.pdf": {
    cases: [{ label: "draft", expected: mayAssess("read", "draft"), run: async (who, ctx) => page(ctx, who, "GET", await onAssessment("draft", (id) => `/en/workspace/assessments/${id}/export.pdf`)(ctx)) }],
  },
  "GET /api/v1/systems/:id/assessments": { api: true, cases: [published((id) => `/api/v1/systems/${id}/assessments`, true)] },
  "GET /api/v1/assessments/:rid": {
    api: true,
    cases: [
      {
        label: "draft",
        expected: mayAssess("read", "draft", "token"),
        run: async (who, ctx) => api(ctx, who, "GET", await onAssessment("draft", (id) => `/api/v1/assessments/${id}`)(ctx)),
      },
    ],
  },

  // Bias audits: the owning organisation runs and publishes them; everyone reads a published one.
  "GET /:lang/workspace/systems/:id/audits": {
    cases: [{ label: "LU record", expected: mayAuditAs("read", "uploaded"), run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/systems/${await system(ctx, "published")}/audits`) }],
  },
  "POST /:lang/workspace/systems/:id/audits": {
    cases: [
      {
        label: "upload",
        expected: (a) => mayAudit(a.rule("session"), "run", { organisationId: LU }),
        run: async (who, ctx) => uploadAs(ctx, who, `/en/workspace/systems/${await system(ctx, "published")}/audits`, { title: "Upload" }),
      },
    ],
  },
  "GET /:lang/workspace/audits/:auditId": {
    cases: [{ label: "uploaded", expected: mayAuditAs("read", "uploaded"), run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/audits/${(await audit(ctx, "uploaded")).auditId}`) }],
  },
  "POST /:lang/workspace/audits/:auditId/settings": {
    cases: [
      {
        label: "uploaded",
        expected: mayAuditAs("configure", "uploaded"),
        run: async (who, ctx) =>
          page(ctx, who, "POST", `/en/workspace/audits/${(await audit(ctx, "uploaded")).auditId}/settings`, { outcome: "decision", decision: "decision", favourable: "1", protected: "sex" }),
      },
    ],
  },
  "POST /:lang/workspace/audits/:auditId/protect-identifiers": {
    cases: [
      {
        label: "uploaded",
        expected: mayAuditAs("configure", "uploaded"),
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/audits/${(await audit(ctx, "uploaded")).auditId}/protect-identifiers`, { how: "drop" }),
      },
    ],
  },
  "POST /:lang/workspace/audits/:auditId/publish": {
    cases: [{ label: "completed", expected: mayAuditAs("publish", "completed"), run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/audits/${(await audit(ctx, "completed")).auditId}/publish`) }],
  },
  "POST /:lang/workspace/audits/:auditId/discard": {
    cases: [{ label: "uploaded", expected: mayAuditAs("discard", "uploaded"), run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/audits/${(await audit(ctx, "uploaded")).auditId}/discard`) }],
  },
  "GET /:lang/systems/:id/audits/:auditId": {
    cases: [publicGet(async (ctx) => ((a) => `/en/systems/${a.systemId}/audits/${a.auditId}`)(await audit(ctx, "published")))],
  },
  "GET /:lang/systems/:id/audits/:auditId/report.pdf": {
    cases: [publicGet(async (ctx) => ((a) => `/en/systems/${a.systemId}/audits/${a.auditId}/report.pdf`)(await audit(ctx, "published")))],
  },
  "GET /api/v1/systems/:id/audits": { api: true, cases: [published((id) => `/api/v1/systems/${id}/audits`, true)] },
  "GET /api/v1/systems/:id/audits/:auditId": {
    api: true,
    cases: [publicGet(async (ctx) => ((a) => `/api/v1/systems/${a.systemId}/audits/${a.auditId}`)(await audit(ctx, "published")), true)],
  },
  "GET /api/v1/audits/:auditId/status": {
    api: true,
    cases: [{ label: "uploaded", expected: mayAuditAs("read", "uploaded", "token"), run: async (who, ctx) => api(ctx, who, "GET", `/api/v1/audits/${(await audit(ctx, "uploaded")).auditId}/status`) }],
  },
  "POST /api/v1/systems/:id/audits": {
    api: true,
    cases: [
      {
        label: "upload with mapping",
        expected: (a) => mayAudit(a.rule("token"), "run", { organisationId: LU }),
        run: async (who, ctx) =>
          uploadAs(ctx, who, `/api/v1/systems/${await system(ctx, "published")}/audits`, { title: "Upload", settings: JSON.stringify(auditSettings) }, true),
      },
    ],
  },
  "POST /api/v1/audits/:auditId/publish": {
    api: true,
    cases: [{ label: "completed", expected: mayAuditAs("publish", "completed", "token"), run: async (who, ctx) => api(ctx, who, "POST", `/api/v1/audits/${(await audit(ctx, "completed")).auditId}/publish`) }],
  },

  // Datasets: the organisation's data stewards (editors, DPO, administrators) only.
  "GET /:lang/workspace/datasets": { cases: [{ label: "list", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/datasets") }] },
  "POST /:lang/workspace/datasets": {
    cases: [
      {
        label: "upload for LU",
        expected: mayDatasetAs("upload", undefined),
        run: (who, ctx) => uploadAs(ctx, who, "/en/workspace/datasets", { organisation: LU, title: "Upload" }),
        // Refused as a form error (the organisation is not one of theirs): the form again, with 400.
        denied: (r) => deniedByDefault(r) || r.statusCode === 400,
      },
    ],
  },
  "GET /:lang/workspace/datasets/:datasetId": {
    cases: [{ label: "scanned", expected: mayDatasetAs("read", "scanned"), run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/datasets/${await dataset(ctx, "scanned")}`) }],
  },
  "POST /:lang/workspace/datasets/:datasetId/preview": {
    cases: [
      {
        label: "scanned",
        expected: mayDatasetAs("protect", "scanned"),
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/datasets/${await dataset(ctx, "scanned")}/preview`, { domain: "matrix", op_0: "suppress" }),
      },
    ],
  },
  "POST /:lang/workspace/datasets/:datasetId/protect": {
    cases: [
      {
        label: "scanned",
        expected: mayDatasetAs("protect", "scanned"),
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/datasets/${await dataset(ctx, "scanned")}/protect`, { domain: "matrix", op_0: "suppress" }),
      },
    ],
  },
  "GET /:lang/workspace/datasets/:datasetId/protected": {
    cases: [{ label: "protected", expected: mayDatasetAs("download", "protected"), run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/datasets/${await dataset(ctx, "protected")}/protected`) }],
  },
  "POST /:lang/workspace/datasets/:datasetId/discard": {
    cases: [{ label: "scanned", expected: mayDatasetAs("discard", "scanned"), run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/datasets/${await dataset(ctx, "scanned")}/discard`) }],
  },
  "GET /api/v1/datasets/:datasetId/status": {
    api: true,
    cases: [{ label: "scanned", expected: mayDatasetAs("read", "scanned", "token"), run: async (who, ctx) => api(ctx, who, "GET", `/api/v1/datasets/${await dataset(ctx, "scanned")}/status`) }],
  },

  // The audit trail: platform admins, and the organisation's administrators for its own log.
  "GET /:lang/admin/audit-log": {
    cases: [
      { label: "LU log", expected: mayReadLog, run: (who, ctx) => page(ctx, who, "GET", `/en/admin/audit-log?organisation=${LU}`) },
      { label: "a LU record's log", expected: mayReadLog, run: async (who, ctx) => page(ctx, who, "GET", `/en/admin/audit-log?system=${await system(ctx, "published")}`) },
    ],
  },
};

// ---- The CLI ---------------------------------------------------------------------------------------------------

/** Every command runs as the instance's operator: whoever has shell access, with no role check (maySystem allows the operator everything). */
const cli: Record<string, "operator"> = {
  start: "operator",
  "db migrate": "operator",
  "demo load": "operator",
  "audit-log verify": "operator",
  "systems import": "operator",
  "systems export": "operator",
  "users create": "operator",
  "instruments import": "operator",
  "instruments validate": "operator",
  "assessments import": "operator",
  "assessments score": "operator",
  audit: "operator",
  "privacy scan": "operator",
  "privacy pseudonymise": "operator",
  "privacy risk": "operator",
  "privacy keygen": "operator",
};

async function helpOf(argv: string[]): Promise<string> {
  let out = "";
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await runCli([...argv, "--help"], { LOG_LEVEL: "silent" });
  } finally {
    process.stdout.write = write;
  }
  return out;
}

async function cliCommands(prefix: string[] = []): Promise<string[]> {
  const help = await helpOf(prefix);
  const section = help.split(/^Commands:$/m)[1] ?? "";
  const names = [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((n) => n !== "help");
  const found: string[] = [];
  for (const name of names) {
    const sub = await cliCommands([...prefix, name]);
    found.push(...(sub.length ? sub : [[...prefix, name].join(" ")]));
  }
  return found;
}

// ---- The suite -------------------------------------------------------------------------------------------------

test("every gaichel command has an entry in the CLI table, and runs as the operator", async () => {
  const commands = await cliCommands();
  assert.ok(commands.length >= 5, `commands found in the help: ${commands.join(", ")}`);
  const missing = commands.filter((c) => !(c in cli));
  assert.deepEqual(missing, [], `gaichel commands without an entry in the authorization matrix: ${missing.join(", ")}`);
  const stale = Object.keys(cli).filter((c) => !commands.includes(c));
  assert.deepEqual(stale, [], `matrix entries for commands that no longer exist: ${stale.join(", ")}`);
  const op: Actor = { kind: "operator", name: "shell" };
  for (const action of ["import", "create", "publish", "retire"] as const) assert.ok(maySystem(op, action, { organisationId: LU, state: "in_review" }));
});

describeEachBackend(
  "authorization matrix",
  (get) => {
    test("every route of the app has an entry in the matrix (or a listed exemption)", () => {
      const keys = get().app.routeTable.map((r) => `${r.method} ${r.url}`);
      const missing = keys.filter((k) => !(k in matrix) && !(k in exempt));
      assert.deepEqual(missing, [], `routes without an entry in the authorization matrix: ${missing.join(", ")}`);
      const stale = Object.keys(matrix).filter((k) => !keys.includes(k));
      assert.deepEqual(stale, [], `matrix entries for routes that are not registered: ${stale.join(", ")}`);
    });

    test("on every route, exactly the actors the rules allow are allowed", async () => {
      const ctx = get();
      const signIn = async (): Promise<Who[]> =>
        Promise.all(actors.map(async (actor) => ({ actor, user: actor.signIn ? await actor.signIn(ctx.services) : undefined })));
      const shared = await signIn();
      const problems: string[] = [];
      for (const [route, entry] of Object.entries(matrix)) {
        for (const c of entry.cases) {
          const whos = (c.fresh ? await signIn() : shared).filter((w) => entry.api || !w.actor.apiOnly);
          for (const who of whos) {
            const response = await c.run(who, ctx);
            const where = `${route} [${c.label}] as ${who.actor.name}`;
            if (response.statusCode >= 500) {
              problems.push(`${where}: server error ${response.statusCode}`);
              continue;
            }
            const allowed = !(c.denied ?? deniedByDefault)(response);
            const expected = c.expected(who.actor, ctx);
            if (allowed !== expected) {
              const location = response.headers.location ? ` → ${String(response.headers.location)}` : "";
              problems.push(`${where}: expected ${expected ? "allowed" : "denied"}, got ${response.statusCode}${location}`);
            }
          }
        }
      }
      assert.deepEqual(problems, [], `authorization matrix mismatches:\n${problems.join("\n")}`);
    });
  },
  async (ctx) => {
    await seed(ctx.services, organisations, []);
  },
  env,
);
