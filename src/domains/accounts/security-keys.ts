// WebAuthn (security keys, platform authenticators) as a second factor, through @simplewebauthn/server: the
// options a browser needs and the checks of what it answers. Challenges are kept by the caller, one per session.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { SecurityKeyRow } from "./users-repo.ts";

/** The relying party: the host name the keys are bound to and the origin the browser reports. */
export interface RelyingParty {
  id: string;
  origin: string;
}

/** Keys are bound to the public address when one is configured, else to the host the browser asked for. */
export function relyingParty(config: Config, request: FastifyRequest): RelyingParty {
  const url = new URL(config.publicUrl ?? `${request.protocol}://${request.host}`);
  return { id: url.hostname, origin: url.origin };
}

const transportsOf = (key: SecurityKeyRow) => key.transports as AuthenticatorTransport[];

export function registrationOptions(rp: RelyingParty, user: { id: string; email: string; displayName: string }, existing: SecurityKeyRow[]) {
  return generateRegistrationOptions({
    rpName: "Gäichel",
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((key) => ({ id: key.id, transports: transportsOf(key) })),
    authenticatorSelection: { residentKey: "discouraged", userVerification: "preferred" },
  });
}

/** The credential to store, or undefined when the answer does not verify (a malformed answer included). */
export async function verifiedRegistration(rp: RelyingParty, challenge: string, response: unknown) {
  const result = await verifyRegistrationResponse({
    response: response as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified) return undefined;
  const { credential } = result.registrationInfo;
  return {
    id: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: credential.transports ?? [],
  };
}

export function authenticationOptions(rp: RelyingParty, keys: SecurityKeyRow[]) {
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: keys.map((key) => ({ id: key.id, transports: transportsOf(key) })),
    userVerification: "preferred",
  });
}

/** The key's new signature counter, or undefined when the assertion does not verify (a counter that went back included). */
export async function verifiedAssertion(rp: RelyingParty, challenge: string, key: SecurityKeyRow, response: unknown): Promise<number | undefined> {
  const result = await verifyAuthenticationResponse({
    response: response as AuthenticationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: { id: key.id, publicKey: Buffer.from(key.publicKey, "base64url"), counter: key.counter, transports: transportsOf(key) },
    requireUserVerification: false,
  }).catch(() => undefined);
  return result?.verified ? result.authenticationInfo.newCounter : undefined;
}
