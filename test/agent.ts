// A browser without JavaScript for integration tests: app.inject with a cookie jar, forms posted with the CSRF token
// of the last page seen, redirects followed by hand. Also signs a user in the whole way (invitation, password, TOTP).
import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import * as OTPAuth from "otpauth";
import type { App } from "../src/app.ts";
import type { Role } from "../src/http/actor.ts";
import type { Services } from "../src/services.ts";
import { operator } from "./factories.ts";

export type Form = Record<string, string | string[] | undefined>;

export class Agent {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that carried one, sent with every form unless the form gives its own. */
  csrf: string | undefined;

  constructor(
    private readonly app: App,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(method: "GET" | "POST", url: string, form?: Form): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form ?? {})) for (const v of [value ?? []].flat()) body.append(key, v);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...this.headers,
        ...(cookie ? { cookie } : {}),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      payload: form ? body.toString() : undefined,
    });
    for (const c of response.cookies) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired || c.value === "") this.cookies.delete(c.name);
      else this.cookies.set(c.name, encodeURIComponent(c.value));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  get(url: string) {
    return this.request("GET", url);
  }

  /** Posts a form with the last page's CSRF token (pass `_csrf` to send another, or undefined to send none). */
  post(url: string, form: Form = {}) {
    return this.request("POST", url, "_csrf" in form ? form : { _csrf: this.csrf, ...form });
  }

  /** Follows redirects with GETs, as a browser does after a 303, and returns the page it lands on. */
  async follow(response: LightMyRequestResponse, limit = 5): Promise<LightMyRequestResponse> {
    let current = response;
    for (let i = 0; i < limit && current.statusCode >= 300 && current.statusCode < 400; i++) {
      current = await this.get(String(current.headers.location));
    }
    return current;
  }
}

/** The code an authenticator app shows now for `secret`, or `steps` periods of 30 s away. */
export function totpCode(secret: string, steps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

const lastStepUsed = new Map<string, number>();

/**
 * A code of `secret` the server has not accepted yet (it accepts each 30-second step once, one step of drift either
 * side): the next step after the last one this process used, waiting for the clock when all three are spent.
 */
export async function unusedTotpCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 30_000);
  const last = lastStepUsed.get(secret) ?? -Infinity;
  if (last >= now + 1) {
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * 30_000 - Date.now() + 50));
    return unusedTotpCode(secret);
  }
  const step = Math.max(now, last + 1);
  lastStepUsed.set(secret, step);
  return totpCode(secret, step - now);
}

/** The TOTP secret an enrolment page shows, without its grouping spaces. */
export function secretOnPage(html: string): string {
  const grouped = /<code class="secret" id="totp-secret">([^<]+)<\/code>/.exec(html)?.[1];
  assert.ok(grouped, "the enrolment page shows the secret");
  return grouped.replace(/\s/g, "");
}

export interface SignedIn {
  agent: Agent;
  userId: string;
  email: string;
  password: string;
  /** The user's enrolled TOTP secret. */
  secret: string;
}

/**
 * Creates a user (as the operator would with `gaichel users create`), sets the password through the invitation
 * link, signs in and enrols the second factor: an agent with a complete session.
 */
export async function signUp(
  app: App,
  services: Services,
  user: { email: string; displayName?: string; platformAdmin?: boolean; memberships?: Array<{ organisationId: string; role: Role }> },
  lang = "en",
): Promise<SignedIn> {
  const password = "correct horse battery staple";
  const { user: row, invitationToken } = await services.users.createUser(operator, { displayName: user.email.split("@")[0]!, ...user });
  const agent = new Agent(app);
  await agent.get(`/${lang}/invitation/${invitationToken}`);
  const set = await agent.post(`/${lang}/invitation/${invitationToken}`, { password, confirmation: password });
  assert.equal(set.statusCode, 303, set.body);
  const secret = await signIn(agent, user.email, password, undefined, lang);
  return { agent, userId: row.id, email: user.email, password, secret };
}

/** Signs an agent in with the password and the code of `secret` (enrolling the one the page offers when not given). */
export async function signIn(agent: Agent, email: string, password: string, secret?: string, lang = "en"): Promise<string> {
  await agent.get(`/${lang}/sign-in`);
  const first = await agent.post(`/${lang}/sign-in`, { email, password });
  assert.equal(first.statusCode, 303, first.body);
  const step = await agent.follow(first);
  assert.equal(step.statusCode, 200, step.body);
  const used = secret ?? secretOnPage(step.body);
  const done = await agent.post(`/${lang}/sign-in/second-factor`, { code: await unusedTotpCode(used) });
  assert.equal(done.statusCode, 303, done.body);
  return used;
}
