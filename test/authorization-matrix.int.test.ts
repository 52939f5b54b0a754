// The authorization matrix (issue 3): every route of `app.routeTable` and every `gaichel` command, against every
// role of the organisation that owns the record (LU), the same roles of another organisation (BE), a platform admin,
// anonymous visitors and (for the API) a token without the systems:write scope. Expected sets come from the rules:
// `maySystem` of src/domains/systems/policy.ts, `auditLog.mayRead` of src/events/service.ts and the other domains'
// policies (the knowledge exchange's `mayShared`, `mayListing` and `mayReadShared`, the joint pilots' `mayPilot` among
// them), never from what the app answers. A route registered without an entry here fails the suite; so does a CLI command without one.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { runCli } from "../src/cli/index.ts";
import { actorName, roles, type Actor, type Role } from "../src/http/actor.ts";
import { securityKeys } from "../src/domains/accounts/tables.ts";
import { mayAssessment, type AssessmentAction } from "../src/domains/assessments/policy.ts";
import { mayAudit, type AuditAction } from "../src/domains/audits/policy.ts";
import type { AuditState } from "../src/domains/audits/tables.ts";
import { mayListing, mayShared, type SharedAction } from "../src/domains/exchange/policy.ts";
import { mayReadShared, sharingLevels, type Sharing } from "../src/domains/exchange/sharing.ts";
import { networkMembers } from "../src/domains/exchange/tables.ts";
import { nextStates, stepBetween } from "../src/domains/pilots/lifecycle.ts";
import { mayPilot, type PilotAction, type PilotTarget } from "../src/domains/pilots/policy.ts";
import type { PilotState } from "../src/domains/pilots/tables.ts";
import { mayDataset, type DatasetAction } from "../src/domains/privacy/policy.ts";
import type { DatasetState } from "../src/domains/privacy/tables.ts";
import type { AssessmentState } from "../src/domains/assessments/tables.ts";
import { maySystem, type SystemAction } from "../src/domains/systems/policy.ts";
import type { LifecycleState } from "../src/domains/systems/schema.ts";
import { Agent } from "./agent.ts";
import { buildImport, buildOrganisation, buildPilotInput, buildRecord, operator, seed, signedInAs, type SignedInUser } from "./factories.ts";
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
  // E-mail configured, so that the pilots' digest form is offered (without, it answers 404 to everyone). Nothing is
  // sent: subscribing only saves the setting, and the digest job is never queued here. The server refuses at once.
  GAICHEL_SMTP_URL: "smtp://127.0.0.1:9",
  GAICHEL_PUBLIC_URL: "https://gaichel.example",
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

// Knowledge exchange: practices and events of the LU organisation shared at a level, created by the operator (so no
// matrix actor is their author); listings in the network directory. Expected sets from `mayShared` and `mayListing`
// of src/domains/exchange/policy.ts, and for reading at a sharing level from `mayReadShared` of exchange/sharing.ts.
const mayShareAs = (action: SharedAction, sharing: Sharing | undefined, via: "session" | "token" = "session") => (a: MatrixActor) =>
  mayShared(a.rule(via), action, { organisationId: LU, sharing });
/** The new practice and new event forms: offered to those who may share for some organisation. */
const mayShareSomewhere = (a: MatrixActor) => [LU, BE].some((organisationId) => mayShared(a.rule("session"), "create", { organisationId }));
/** Reading a practice or an event of LU shared at `sharing` (those who may not read it are answered 404). */
const mayReadAt = (sharing: Sharing, via: "session" | "token" = "session") => (a: MatrixActor) => mayReadShared(a.rule(via), sharing, [LU]);
/** The organisation a person's own listing names: one they belong to (LU for a platform admin, who belongs to none). */
const listingOrganisation = (actor: Actor) => (actor.kind === "user" ? Object.keys(actor.roles)[0] : undefined) ?? LU;
/** A listing of the actor's own ("list" under `organisationId`, "withdraw" the one they have). */
const mayOwnListing = (action: "list" | "withdraw", organisationId?: string) => (a: MatrixActor) => {
  const actor = a.rule("session");
  return mayListing(actor, action, { userId: actor.kind === "user" ? actor.id : "", organisationId: organisationId ?? listingOrganisation(actor) });
};
/** Someone else's listing: taken down on request. */
const mayRemoveListing = (a: MatrixActor) => mayListing(a.rule("session"), "remove", { userId: "someone else", organisationId: LU });

/**
 * The reading of the exchange's writes, whose bodies are valid: a form error or invalid body (400) means the write did
 * not happen, so it counts as a refusal — an allowed actor must get through.
 */
const deniedOrInvalid = (r: LightMyRequestResponse) => deniedByDefault(r) || r.statusCode === 400;

const en = (text: string) => ({ en: { text, status: "authored" as const } });
const EVENT_DAYS = { startsOn: "2026-10-15", endsOn: "2026-10-16" };
/** The practice form as an editor fills it in (English), and the event form. */
const practiceForm = (sharing: Sharing) => ({ kind: "guide", "title.en": "Matrix guide", "summary.en": "In short.", "body.en": "In detail.", tags: "matrix", link: "", sharing });
const eventForm = (sharing: Sharing) => ({ "title.en": "Matrix colloquium", "description.en": "Two days.", ...EVENT_DAYS, place: "Luxembourg", sharing });

async function practice(ctx: TestContext, sharing: Sharing): Promise<string> {
  const created = await ctx.services.exchange.createPractice(operator, {
    organisationId: LU,
    kind: "practice",
    title: en("Matrix practice"),
    summary: en("In short."),
    body: en("In detail."),
    sharing,
  });
  return created.id;
}
const onPractice = (sharing: Sharing, path: (id: string) => string) => async (ctx: TestContext) => path(await practice(ctx, sharing));

/** A fresh LU event at `sharing`, with one session and one material in its programme. */
async function event(ctx: TestContext, sharing: Sharing): Promise<{ id: string; sessionId: string; materialId: string }> {
  const { exchange } = ctx.services;
  const { id } = await exchange.createEvent(operator, { organisationId: LU, title: en("Matrix colloquium"), description: en("Two days."), ...EVENT_DAYS, place: "Luxembourg", sharing });
  await exchange.addSession(operator, id, { day: EVENT_DAYS.startsOn, startsAt: "09:30", title: en("Opening") });
  await exchange.addMaterial(operator, id, { title: en("Slides"), url: "https://slides.example.lu/matrix.pdf" });
  const { sessions, materials } = await exchange.getEvent(operator, id);
  return { id, sessionId: sessions[0]!.id, materialId: materials[0]!.id };
}
const onEvent = (sharing: Sharing, path: (e: { id: string; sessionId: string; materialId: string }) => string) => async (ctx: TestContext) => path(await event(ctx, sharing));

/**
 * Lists a signed-in person in the directory (consent given), under `organisationId` or one of theirs; the listing's id.
 * A platform admin belongs to no organisation, so may not list themself (`mayListing`): theirs is a listing made while
 * they belonged to LU, written straight to the table.
 */
async function listing(ctx: TestContext, user: SignedInUser, organisationId?: string): Promise<string> {
  const { exchange, users } = ctx.services;
  const { actor } = await users.resolveSession(user.sessionToken);
  const named = organisationId ?? listingOrganisation(actor!);
  if (mayListing(actor!, "list", { userId: user.userId, organisationId: named })) {
    await exchange.saveListing(actor!, { organisationId: named, position: "Matrix contact", consent: true });
  } else {
    await ctx.database.db.insert(networkMembers).values({ userId: user.userId, organisationId: named, position: "Matrix contact" }).onConflictDoNothing();
  }
  return (await exchange.ownListing(actor!))!.id;
}
/** The listing of someone outside the matrix (an LU viewer), for a platform admin to take down. */
async function othersListing(ctx: TestContext): Promise<string> {
  return listing(ctx, await signedInAs(ctx.services, { [LU]: ["viewer"] }), LU);
}

// Joint pilots: led by LU with BE as partner (so the matrix's BE organisation takes part: some of its people read the
// pilot, its editors record measurements and write lessons for Belgium), proposed by the operator (so no matrix actor is
// an author, and four-eyes does not come into it) and taken by the operator to the state a case needs. Expected sets
// from `mayPilot` of src/domains/pilots/policy.ts with the fixture's target; a pilot BE does not take part in, shared
// with its participants only, shows that a non-participant never learns that a private pilot exists.
const pilotTarget = (state: PilotState, sharing: Sharing = "participants", partner = true): PilotTarget => ({
  organisationId: LU,
  state,
  sharing,
  participants: partner ? { [LU]: "lead", [BE]: "partner" } : { [LU]: "lead" },
  authors: [actorName(operator)],
});
const mayPilotAs =
  (action: PilotAction, state: PilotState, via: "session" | "token" = "session", sharing: Sharing = "participants", partner = true) =>
  (a: MatrixActor) =>
    mayPilot(a.rule(via), action, pilotTarget(state, sharing, partner));
/** Reading a pilot at `sharing` (whatever its state): whoever may not is answered 404. */
const mayReadPilot = (sharing: Sharing, via: "session" | "token" = "session", partner = true) => mayPilotAs("read", "proposed", via, sharing, partner);
/** The new pilot form: offered to those who may lead a pilot for some organisation. */
const mayLeadSomewhere = (a: MatrixActor) => [LU, BE].some((organisationId) => mayPilot(a.rule("session"), "create", { organisationId }));
/** The state form: offered to those who may take one of the steps out of `state`. */
const mayChangeStateFrom = (state: PilotState) => (a: MatrixActor) =>
  nextStates(state).some((to) => mayPilot(a.rule("session"), stepBetween(state, to)!, pilotTarget(state)));
/**
 * Editing a lesson: a lesson stays with the organisation it was written for (LU here), so only those who may write
 * lessons for that organisation edit it — `write_lesson` with the participants narrowed to the lesson's organisation,
 * as the service's `contributingOrganisations` (saveLesson) and the workspace's `lessonOf` decide. BE's editors, who
 * write lessons of their own in the same pilot, may not.
 */
const mayEditLesson = (state: PilotState) => (a: MatrixActor) =>
  mayPilot(a.rule("session"), "write_lesson", { ...pilotTarget(state), participants: { [LU]: "lead" } });
/** The organisation a person records a measurement or writes a lesson for: theirs (LU for a platform admin, who belongs to none). */
const contributingOrganisation = (a: MatrixActor) => {
  const actor = a.rule("session");
  return (actor.kind === "user" ? Object.keys(actor.roles)[0] : undefined) ?? LU;
};

/**
 * The reading of "does the actor learn that the pilot exists": a 404 (or being sent to sign in first) hides it;
 * anything else shows it, a 403 included. Read cases use it, so a reader refused with 403 instead of 404 fails.
 */
const pilotHidden = (r: LightMyRequestResponse) => r.statusCode === 404 || (r.statusCode >= 300 && r.statusCode < 400 && signInPage.test(String(r.headers.location ?? "")));

/** What a change of state into `to` needs said: the outcomes to be evaluated, the reason to stop or scale up. */
const transition = (to: PilotState) => ({
  to,
  ...(to === "evaluated" ? { evaluation: en("Waiting times fell by a third.") } : {}),
  ...(to === "stopped" || to === "scaled_up" ? { reason: en("Decided by the steering group.") } : {}),
});
/** The same in the state form (English). */
const stateForm = (to: PilotState) => {
  const t = transition(to);
  return { to, reason: t.reason?.en.text ?? "", evaluation: t.evaluation?.en.text ?? "" };
};
/** Each change of state, from the state it applies to; the rules know it by its step (`stepBetween`). */
const pilotSteps: Array<{ from: PilotState; to: PilotState }> = [
  { from: "proposed", to: "approved" },
  { from: "approved", to: "running" },
  { from: "running", to: "evaluated" },
  { from: "evaluated", to: "scaled_up" },
  { from: "proposed", to: "stopped" },
];
const forward: PilotState[] = ["approved", "running", "evaluated", "scaled_up"];

/**
 * A fresh pilot led by LU (with BE as partner unless `partner` is false), shared at `sharing`, in `state`. `parts`
 * adds what a pilot gathers on its way, each in a state that allows it: a milestone and an indicator while it is a
 * proposal, a lesson once approved.
 */
async function pilot(ctx: TestContext, state: PilotState, sharing: Sharing = "participants", partner = true, parts?: (id: string, now: PilotState) => Promise<void>): Promise<string> {
  const { pilots } = ctx.services;
  const { id } = await pilots.createPilot(operator, LU, buildPilotInput(partner ? BE : null, { sharing }));
  await parts?.(id, "proposed");
  const road = state === "stopped" ? ["stopped" as const] : forward.slice(0, forward.indexOf(state) + 1);
  for (const to of road) {
    await pilots.changeState(operator, id, transition(to));
    await parts?.(id, to);
  }
  return id;
}

const INDICATOR = {
  name: en("Median waiting time"),
  unit: "min",
  direction: "decrease",
  targets: { LU: { baseline: 90, target: 60 }, BE: { baseline: 100, target: 70 } },
};
const indicatorForm = { "name.en": "Median waiting time", unit: "min", direction: "decrease", "targets.LU.baseline": "90", "targets.LU.target": "60", "targets.BE.baseline": "100", "targets.BE.target": "70" };
const LESSON = {
  title: en("Train the nurses first"),
  context: en("Night shifts"),
  whatWorked: en("Short sessions"),
  whatDidNot: en("Long manuals"),
  recommendation: en("Start with a week of shadowing"),
  tags: ["training"],
  sharing: "participants",
};
const lessonForm = {
  "title.en": "Train the nurses first",
  "context.en": "Night shifts",
  "whatWorked.en": "Short sessions",
  "whatDidNot.en": "Long manuals",
  "recommendation.en": "Start with a week of shadowing",
  tags: "training",
  sharing: "participants",
};
/** The pilot form as the lead fills it in (English), with BE as partner. */
const pilotForm = {
  "title.en": "Matrix pilot",
  "summary.en": "Two hospitals test a triage assistant.",
  sector: "health",
  tags: "matrix",
  "frame.scope.en": "Emergency rooms of two hospitals",
  "frame.population.en": "Adults arriving at the emergency room",
  "frame.dataSharingBasis.en": "GDPR Art. 6(1)(e), pseudonymised data only",
  "frame.safeguards.en": "A nurse confirms every suggestion",
  "frame.exitCriteria.en": "Stop if waiting times grow",
  "frame.supervisingAuthority": "CNPD",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  sharing: "participants",
  "participants.0.organisationId": BE,
  "participants.0.role": "partner",
};

interface PilotParts {
  id: string;
  milestoneId: string;
  indicatorId: string;
  lessonId: string;
}
/** A fresh pilot in `state` with a milestone, an indicator measured in both countries and (from approval on) a lesson written for LU. */
async function pilotParts(ctx: TestContext, state: PilotState): Promise<PilotParts> {
  const { pilots } = ctx.services;
  const made = { milestoneId: "", indicatorId: "", lessonId: "" };
  const id = await pilot(ctx, state, "participants", true, async (id, now) => {
    if (now === "proposed") {
      made.milestoneId = (await pilots.saveMilestone(operator, id, null, { title: en("Kick-off"), dueOn: "2026-02-01" })).id;
      made.indicatorId = (await pilots.saveIndicator(operator, id, null, INDICATOR)).id;
    }
    if (now === "approved") made.lessonId = (await pilots.saveLesson(operator, id, null, { ...LESSON, organisationId: LU })).id;
  });
  return { id, ...made };
}
const onPilot = (state: PilotState, path: (p: PilotParts) => string) => async (ctx: TestContext) => path(await pilotParts(ctx, state));

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

  // Knowledge exchange. Practices and events are read as their sharing level says — `participants`: the LU
  // organisation's members (and platform admins) only, 404 for everyone else; `partners`: any signed-in member of an
  // administration; `public`: everyone — and written by the LU editors and administrators. Writes are tried on a
  // `participants` item (readers who may not write are refused, the others do not learn it exists) and on a `public`
  // one (everyone reads it, only the writers change it). A directory listing is its person's own; a platform admin
  // takes someone else's down on request.
  "GET /:lang/practices": { cases: [publicGet("/en/practices")] },
  "GET /:lang/practices/:id": {
    cases: sharingLevels.map((sharing) => ({
      label: `${sharing} practice`,
      expected: mayReadAt(sharing),
      run: async (who: Who, ctx: TestContext) => page(ctx, who, "GET", await onPractice(sharing, (id) => `/en/practices/${id}`)(ctx)),
    })),
  },
  "GET /api/v1/practices": { api: true, cases: [publicGet("/api/v1/practices", true)] },
  "GET /api/v1/practices/:id": {
    api: true,
    cases: sharingLevels.map((sharing) => ({
      label: `${sharing} practice`,
      expected: mayReadAt(sharing, "token"),
      run: async (who: Who, ctx: TestContext) => api(ctx, who, "GET", await onPractice(sharing, (id) => `/api/v1/practices/${id}`)(ctx)),
    })),
  },
  "POST /api/v1/practices": {
    api: true,
    cases: [
      {
        label: "share for LU",
        expected: mayShareAs("create", undefined, "token"),
        denied: deniedOrInvalid,
        run: (who, ctx) =>
          api(ctx, who, "POST", "/api/v1/practices", { organisationId: LU, kind: "practice", title: en("Shared"), summary: en("In short."), body: en("In detail."), sharing: "public" }),
      },
    ],
  },
  "PUT /api/v1/practices/:id": {
    api: true,
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} practice`,
      expected: mayShareAs("edit", sharing, "token"),
      denied: deniedOrInvalid,
      run: async (who: Who, ctx: TestContext) =>
        api(ctx, who, "PUT", await onPractice(sharing, (id) => `/api/v1/practices/${id}`)(ctx), {
          kind: "guide",
          title: en("Changed"),
          summary: en("In short."),
          body: en("In detail."),
          sharing,
        }),
    })),
  },
  "GET /:lang/workspace/practices": { cases: [{ label: "list", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/practices") }] },
  "GET /:lang/workspace/practices/new": {
    cases: [{ label: "form", expected: mayShareSomewhere, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/practices/new") }],
  },
  "POST /:lang/workspace/practices/new": {
    cases: [
      {
        label: "share for LU",
        expected: mayShareAs("create", undefined),
        run: (who, ctx) => page(ctx, who, "POST", "/en/workspace/practices/new?language=en", { organisationId: LU, ...practiceForm("public") }),
        // Those who share for another organisation only are refused as a form error (not one of theirs): 400.
        denied: deniedOrInvalid,
      },
    ],
  },
  "GET /:lang/workspace/practices/:id/edit": {
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} practice`,
      expected: mayShareAs("edit", sharing),
      run: async (who: Who, ctx: TestContext) => page(ctx, who, "GET", await onPractice(sharing, (id) => `/en/workspace/practices/${id}/edit`)(ctx)),
    })),
  },
  "POST /:lang/workspace/practices/:id/edit": {
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} practice`,
      expected: mayShareAs("edit", sharing),
      denied: deniedOrInvalid,
      run: async (who: Who, ctx: TestContext) =>
        page(ctx, who, "POST", await onPractice(sharing, (id) => `/en/workspace/practices/${id}/edit?language=en`)(ctx), practiceForm(sharing)),
    })),
  },

  "GET /:lang/network": { cases: [publicGet("/en/network")] },
  "GET /:lang/network/events/:id": {
    cases: sharingLevels.map((sharing) => ({
      label: `${sharing} event`,
      expected: mayReadAt(sharing),
      run: async (who: Who, ctx: TestContext) => page(ctx, who, "GET", await onEvent(sharing, (e) => `/en/network/events/${e.id}`)(ctx)),
    })),
  },
  "GET /:lang/workspace/network": { cases: [{ label: "own listing", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/network") }] },
  "POST /:lang/workspace/network": {
    cases: [
      {
        label: "list oneself under LU",
        expected: mayOwnListing("list", LU),
        run: (who, ctx) => page(ctx, who, "POST", "/en/workspace/network", { organisationId: LU, position: "Matrix contact", expertise: "audits", languages: "fr", consent: "yes" }),
        // Members of another organisation only are refused as a form error (not one of theirs): 400.
        denied: deniedOrInvalid,
      },
    ],
  },
  "GET /:lang/workspace/network/withdraw": {
    cases: [
      {
        label: "own listing",
        expected: mayOwnListing("withdraw"),
        run: async (who, ctx) => {
          if (who.user) await listing(ctx, who.user);
          return page(ctx, who, "GET", "/en/workspace/network/withdraw");
        },
      },
    ],
  },
  "POST /:lang/workspace/network/withdraw": {
    cases: [
      {
        label: "own listing",
        expected: mayOwnListing("withdraw"),
        run: async (who, ctx) => {
          if (who.user) await listing(ctx, who.user);
          return page(ctx, who, "POST", "/en/workspace/network/withdraw");
        },
      },
    ],
  },
  "GET /:lang/workspace/network/members/:memberId/remove": {
    cases: [
      { label: "someone else's listing", expected: mayRemoveListing, run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/network/members/${await othersListing(ctx)}/remove`) },
    ],
  },
  "POST /:lang/workspace/network/members/:memberId/remove": {
    cases: [
      { label: "someone else's listing", expected: mayRemoveListing, run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/network/members/${await othersListing(ctx)}/remove`) },
    ],
  },

  "GET /:lang/workspace/events": { cases: [{ label: "list", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/events") }] },
  "GET /:lang/workspace/events/new": {
    cases: [{ label: "form", expected: mayShareSomewhere, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/events/new") }],
  },
  "POST /:lang/workspace/events/new": {
    cases: [
      {
        label: "organise for LU",
        expected: mayShareAs("create", undefined),
        run: (who, ctx) => page(ctx, who, "POST", "/en/workspace/events/new?language=en", { organisationId: LU, ...eventForm("public") }),
        // Those who organise for another organisation only are refused as a form error (not one of theirs): 400.
        denied: deniedOrInvalid,
      },
    ],
  },
  "GET /:lang/workspace/events/:id": {
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} event`,
      expected: mayShareAs("edit", sharing),
      run: async (who: Who, ctx: TestContext) => page(ctx, who, "GET", await onEvent(sharing, (e) => `/en/workspace/events/${e.id}`)(ctx)),
    })),
  },
  "GET /:lang/workspace/events/:id/edit": {
    cases: [
      {
        label: "participants event",
        expected: mayShareAs("edit", "participants"),
        run: async (who, ctx) => page(ctx, who, "GET", await onEvent("participants", (e) => `/en/workspace/events/${e.id}/edit`)(ctx)),
      },
    ],
  },
  "POST /:lang/workspace/events/:id/edit": {
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} event`,
      expected: mayShareAs("edit", sharing),
      denied: deniedOrInvalid,
      run: async (who: Who, ctx: TestContext) => page(ctx, who, "POST", await onEvent(sharing, (e) => `/en/workspace/events/${e.id}/edit?language=en`)(ctx), eventForm(sharing)),
    })),
  },
  "POST /:lang/workspace/events/:id/sessions": {
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} event`,
      expected: mayShareAs("edit", sharing),
      denied: deniedOrInvalid,
      run: async (who: Who, ctx: TestContext) =>
        page(ctx, who, "POST", await onEvent(sharing, (e) => `/en/workspace/events/${e.id}/sessions`)(ctx), { day: EVENT_DAYS.endsOn, startsAt: "14:00", "title.en": "Closing" }),
    })),
  },
  "POST /:lang/workspace/events/:id/sessions/:sessionId/remove": {
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} event`,
      expected: mayShareAs("edit", sharing),
      run: async (who: Who, ctx: TestContext) => page(ctx, who, "POST", await onEvent(sharing, (e) => `/en/workspace/events/${e.id}/sessions/${e.sessionId}/remove`)(ctx)),
    })),
  },
  "POST /:lang/workspace/events/:id/materials": {
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} event`,
      expected: mayShareAs("edit", sharing),
      denied: deniedOrInvalid,
      run: async (who: Who, ctx: TestContext) =>
        page(ctx, who, "POST", await onEvent(sharing, (e) => `/en/workspace/events/${e.id}/materials`)(ctx), { "title.en": "Report", url: "https://reports.example.lu/matrix.pdf" }),
    })),
  },
  "POST /:lang/workspace/events/:id/materials/:materialId/remove": {
    cases: (["participants", "public"] as const).map((sharing) => ({
      label: `${sharing} event`,
      expected: mayShareAs("edit", sharing),
      run: async (who: Who, ctx: TestContext) => page(ctx, who, "POST", await onEvent(sharing, (e) => `/en/workspace/events/${e.id}/materials/${e.materialId}/remove`)(ctx)),
    })),
  },

  // Joint pilots. A pilot is read as its sharing level says, over its participants (here LU and BE) — 404 for whoever
  // may not: a pilot BE does not take part in, shared with its participants only, is hidden from BE on its page, in
  // the API and in the workspace. The lead's editors write it while it is proposed, approved or running; its reviewers
  // approve it; the editors of the lead and of the partner record measurements for their own country and write
  // lessons; a lesson is edited only for the organisation it was written for. Writes have valid bodies, so a 400 is a
  // refusal (`deniedOrInvalid`); in the API they need a token with systems:write.
  "GET /:lang/pilots": { cases: [publicGet("/en/pilots")] },
  "GET /:lang/pilots/:pilotId": {
    cases: [
      ...sharingLevels.map(
        (sharing): Case => ({
          label: `${sharing} pilot`,
          expected: mayReadPilot(sharing),
          denied: pilotHidden,
          run: async (who, ctx) => page(ctx, who, "GET", `/en/pilots/${await pilot(ctx, "proposed", sharing)}`),
        }),
      ),
      {
        label: "participants pilot without BE",
        expected: mayReadPilot("participants", "session", false),
        denied: pilotHidden,
        run: async (who, ctx) => page(ctx, who, "GET", `/en/pilots/${await pilot(ctx, "proposed", "participants", false)}`),
      },
    ],
  },
  "GET /api/v1/pilots": { api: true, cases: [publicGet("/api/v1/pilots", true)] },
  "GET /api/v1/pilots/:pilotId": {
    api: true,
    cases: [
      ...sharingLevels.map(
        (sharing): Case => ({
          label: `${sharing} pilot`,
          expected: mayReadPilot(sharing, "token"),
          denied: pilotHidden,
          run: async (who, ctx) => api(ctx, who, "GET", `/api/v1/pilots/${await pilot(ctx, "proposed", sharing)}`),
        }),
      ),
      {
        label: "participants pilot without BE",
        expected: mayReadPilot("participants", "token", false),
        denied: pilotHidden,
        run: async (who, ctx) => api(ctx, who, "GET", `/api/v1/pilots/${await pilot(ctx, "proposed", "participants", false)}`),
      },
    ],
  },
  "POST /api/v1/pilots": {
    api: true,
    cases: [
      {
        label: "lead for LU",
        expected: (a) => mayPilot(a.rule("token"), "create", { organisationId: LU }),
        // Those who lead for another organisation only are refused as a field error (the lead is not one of theirs): 400.
        denied: deniedOrInvalid,
        run: (who, ctx) => api(ctx, who, "POST", "/api/v1/pilots", { leadOrganisationId: LU, ...buildPilotInput(BE, { sharing: "participants" }) }),
      },
    ],
  },
  "PUT /api/v1/pilots/:pilotId": {
    api: true,
    cases: (["proposed", "evaluated"] as const).map(
      (state): Case => ({
        label: `${state} pilot`,
        expected: mayPilotAs("edit", state, "token"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => api(ctx, who, "PUT", `/api/v1/pilots/${await pilot(ctx, state)}`, buildPilotInput(BE, { sharing: "participants", tags: ["changed"] })),
      }),
    ),
  },
  "POST /api/v1/pilots/:pilotId/state": {
    api: true,
    cases: pilotSteps.map(
      (s): Case => ({
        label: `${s.from} to ${s.to}`,
        expected: mayPilotAs(stepBetween(s.from, s.to)!, s.from, "token"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => api(ctx, who, "POST", `/api/v1/pilots/${await pilot(ctx, s.from)}/state`, transition(s.to)),
      }),
    ),
  },
  "POST /api/v1/pilots/:pilotId/milestones": {
    api: true,
    cases: [
      {
        label: "proposed pilot",
        expected: mayPilotAs("edit", "proposed", "token"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => api(ctx, who, "POST", `/api/v1/pilots/${await pilot(ctx, "proposed")}/milestones`, { title: en("Kick-off"), dueOn: "2026-02-01" }),
      },
    ],
  },
  "POST /api/v1/pilots/:pilotId/indicators": {
    api: true,
    cases: [
      {
        label: "proposed pilot",
        expected: mayPilotAs("edit", "proposed", "token"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => api(ctx, who, "POST", `/api/v1/pilots/${await pilot(ctx, "proposed")}/indicators`, INDICATOR),
      },
    ],
  },
  "POST /api/v1/pilots/:pilotId/measurements": {
    // For the country of the actor's organisation (a platform admin names LU): the indicator has targets in both.
    api: true,
    cases: (["running", "proposed"] as const).map(
      (state): Case => ({
        label: `${state} pilot`,
        expected: mayPilotAs("measure", state, "token"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => {
          const { id, indicatorId } = await pilotParts(ctx, state);
          return api(ctx, who, "POST", `/api/v1/pilots/${id}/measurements`, { indicatorId, measuredOn: "2026-03-01", value: 84.5, organisationId: contributingOrganisation(who.actor) });
        },
      }),
    ),
  },
  "POST /api/v1/pilots/:pilotId/lessons": {
    api: true,
    cases: (["running", "proposed"] as const).map(
      (state): Case => ({
        label: `${state} pilot`,
        expected: mayPilotAs("write_lesson", state, "token"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => api(ctx, who, "POST", `/api/v1/pilots/${await pilot(ctx, state)}/lessons`, { ...LESSON, organisationId: contributingOrganisation(who.actor) }),
      }),
    ),
  },

  "GET /:lang/workspace/pilots": { cases: [{ label: "list", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/pilots") }] },
  "GET /:lang/workspace/pilots/feed": { cases: [{ label: "feed", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/pilots/feed") }] },
  "POST /:lang/workspace/pilots/feed/digest": {
    // One's own e-mail digest: any signed-in person subscribes (the matrix instance is configured for e-mail).
    cases: [{ label: "subscribe", expected: signedInOnly, run: (who, ctx) => page(ctx, who, "POST", "/en/workspace/pilots/feed/digest", { digest: "daily" }) }],
  },
  "GET /:lang/workspace/pilots/new": {
    cases: [{ label: "form", expected: mayLeadSomewhere, run: (who, ctx) => page(ctx, who, "GET", "/en/workspace/pilots/new") }],
  },
  "POST /:lang/workspace/pilots/new": {
    cases: [
      {
        label: "lead for LU",
        expected: (a) => mayPilot(a.rule("session"), "create", { organisationId: LU }),
        // Those who lead for another organisation only are refused as a form error (not one of theirs): 400.
        denied: deniedOrInvalid,
        run: (who, ctx) => page(ctx, who, "POST", "/en/workspace/pilots/new?language=en", { organisationId: LU, ...pilotForm }),
      },
    ],
  },
  "GET /:lang/workspace/pilots/:pilotId/edit": {
    cases: [
      {
        label: "proposed pilot",
        expected: mayPilotAs("edit", "proposed"),
        run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/pilots/${await pilot(ctx, "proposed")}/edit`),
      },
      {
        // Those who read the pilot learn it exists (a 403 if they may not edit it); BE does not: 404.
        label: "participants pilot without BE: hidden from non-participants",
        expected: mayReadPilot("participants", "session", false),
        denied: pilotHidden,
        run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/pilots/${await pilot(ctx, "proposed", "participants", false)}/edit`),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/edit": {
    cases: [
      {
        label: "proposed pilot",
        expected: mayPilotAs("edit", "proposed"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/pilots/${await pilot(ctx, "proposed")}/edit?language=en`, pilotForm),
      },
    ],
  },
  "GET /:lang/workspace/pilots/:pilotId/state": {
    cases: [
      {
        label: "proposed pilot",
        expected: mayChangeStateFrom("proposed"),
        run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/pilots/${await pilot(ctx, "proposed")}/state`),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/state": {
    cases: pilotSteps.map(
      (s): Case => ({
        label: `${s.from} to ${s.to}`,
        expected: mayPilotAs(stepBetween(s.from, s.to)!, s.from),
        denied: deniedOrInvalid,
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/pilots/${await pilot(ctx, s.from)}/state?language=en`, stateForm(s.to)),
      }),
    ),
  },
  "GET /:lang/workspace/pilots/:pilotId/milestones/new": {
    cases: [
      {
        label: "proposed pilot",
        expected: mayPilotAs("edit", "proposed"),
        run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/pilots/${await pilot(ctx, "proposed")}/milestones/new`),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/milestones/new": {
    cases: [
      {
        label: "proposed pilot",
        expected: mayPilotAs("edit", "proposed"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/pilots/${await pilot(ctx, "proposed")}/milestones/new`, { "title.en": "Kick-off", dueOn: "2026-02-01" }),
      },
    ],
  },
  "GET /:lang/workspace/pilots/:pilotId/milestones/:milestoneId/edit": {
    cases: [
      {
        label: "running pilot",
        expected: mayPilotAs("edit", "running"),
        run: async (who, ctx) => page(ctx, who, "GET", await onPilot("running", (p) => `/en/workspace/pilots/${p.id}/milestones/${p.milestoneId}/edit`)(ctx)),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/milestones/:milestoneId/edit": {
    cases: [
      {
        label: "running pilot",
        expected: mayPilotAs("edit", "running"),
        denied: deniedOrInvalid,
        run: async (who, ctx) =>
          page(ctx, who, "POST", await onPilot("running", (p) => `/en/workspace/pilots/${p.id}/milestones/${p.milestoneId}/edit`)(ctx), {
            "title.en": "Kick-off",
            dueOn: "2026-02-01",
            doneOn: "2026-02-03",
          }),
      },
    ],
  },
  "GET /:lang/workspace/pilots/:pilotId/indicators/new": {
    cases: [
      {
        label: "proposed pilot",
        expected: mayPilotAs("edit", "proposed"),
        run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/pilots/${await pilot(ctx, "proposed")}/indicators/new`),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/indicators/new": {
    cases: [
      {
        label: "proposed pilot",
        expected: mayPilotAs("edit", "proposed"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => page(ctx, who, "POST", `/en/workspace/pilots/${await pilot(ctx, "proposed")}/indicators/new`, indicatorForm),
      },
    ],
  },
  "GET /:lang/workspace/pilots/:pilotId/indicators/:indicatorId/edit": {
    cases: [
      {
        label: "running pilot",
        expected: mayPilotAs("edit", "running"),
        run: async (who, ctx) => page(ctx, who, "GET", await onPilot("running", (p) => `/en/workspace/pilots/${p.id}/indicators/${p.indicatorId}/edit`)(ctx)),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/indicators/:indicatorId/edit": {
    cases: [
      {
        label: "running pilot",
        expected: mayPilotAs("edit", "running"),
        denied: deniedOrInvalid,
        run: async (who, ctx) =>
          page(ctx, who, "POST", await onPilot("running", (p) => `/en/workspace/pilots/${p.id}/indicators/${p.indicatorId}/edit`)(ctx), { ...indicatorForm, "targets.BE.target": "65" }),
      },
    ],
  },
  "GET /:lang/workspace/pilots/:pilotId/measurements/new": {
    cases: [
      {
        label: "running pilot",
        expected: mayPilotAs("measure", "running"),
        run: async (who, ctx) => page(ctx, who, "GET", await onPilot("running", (p) => `/en/workspace/pilots/${p.id}/measurements/new?indicator=${p.indicatorId}`)(ctx)),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/measurements/new": {
    // For the country of the actor's organisation (a platform admin names LU): the indicator has targets in both.
    cases: [
      {
        label: "running pilot",
        expected: mayPilotAs("measure", "running"),
        denied: deniedOrInvalid,
        run: async (who, ctx) => {
          const { id, indicatorId } = await pilotParts(ctx, "running");
          return page(ctx, who, "POST", `/en/workspace/pilots/${id}/measurements/new`, { indicatorId, measuredOn: "2026-03-01", value: "84,5", organisationId: contributingOrganisation(who.actor) });
        },
      },
    ],
  },
  "GET /:lang/workspace/pilots/:pilotId/lessons/new": {
    cases: [
      {
        label: "running pilot",
        expected: mayPilotAs("write_lesson", "running"),
        run: async (who, ctx) => page(ctx, who, "GET", `/en/workspace/pilots/${await pilot(ctx, "running")}/lessons/new`),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/lessons/new": {
    cases: [
      {
        label: "running pilot",
        expected: mayPilotAs("write_lesson", "running"),
        denied: deniedOrInvalid,
        run: async (who, ctx) =>
          page(ctx, who, "POST", `/en/workspace/pilots/${await pilot(ctx, "running")}/lessons/new?language=en`, { ...lessonForm, organisationId: contributingOrganisation(who.actor) }),
      },
    ],
  },
  "GET /:lang/workspace/pilots/:pilotId/lessons/:lessonId/edit": {
    cases: [
      {
        label: "running pilot, LU's lesson",
        expected: mayEditLesson("running"),
        run: async (who, ctx) => page(ctx, who, "GET", await onPilot("running", (p) => `/en/workspace/pilots/${p.id}/lessons/${p.lessonId}/edit`)(ctx)),
      },
    ],
  },
  "POST /:lang/workspace/pilots/:pilotId/lessons/:lessonId/edit": {
    cases: [
      {
        label: "running pilot, LU's lesson",
        expected: mayEditLesson("running"),
        denied: deniedOrInvalid,
        run: async (who, ctx) =>
          page(ctx, who, "POST", await onPilot("running", (p) => `/en/workspace/pilots/${p.id}/lessons/${p.lessonId}/edit?language=en`)(ctx), {
            ...lessonForm,
            "whatDidNot.en": "Long manuals, and night-shift sessions",
          }),
      },
    ],
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
