// A real OpenID Connect provider for the tests: oidc-provider on 127.0.0.1, with its own login and consent pages.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration } from "oidc-provider";

/** The people the provider knows, by the login typed on its sign-in page (any password is accepted). */
export const identities = {
  /** Has an account on the platform (the tests create it), linked by e-mail on the first sign-in. */
  anPeeters: { sub: "an.peeters", email: "an.peeters@example.be", email_verified: true, name: "An Peeters" },
  /** Known to the provider, unknown to the platform. */
  janJanssens: { sub: "jan.janssens", email: "jan.janssens@example.be", email_verified: true, name: "Jan Janssens" },
  /** Claims Luc Weber's address (he has an account) without the provider having verified it: must not get in. */
  unverified: { sub: "impostor", email: "luc.weber@example.lu", email_verified: false, name: "Luc Weber" },
} as const;

export interface TestOidcProvider {
  issuer: string;
  /** The platform's environment that points at this provider. */
  env: Record<string, string>;
  /** Registers a redirect URI for the client (an app's port is known only once it listens). */
  allowRedirectUri(uri: string): void;
  close(): Promise<void>;
}

/**
 * Starts the provider on an ephemeral port. `idTokenClaims: false` keeps e-mail and name out of the ID token, as
 * the specification has it for the code flow, so that the client must ask the UserInfo endpoint.
 */
export async function startOidcProvider({ idTokenClaims = true } = {}): Promise<TestOidcProvider> {
  const clientId = "gaichel";
  const clientSecret = randomBytes(24).toString("base64url");
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: "test", alg: "RS256", use: "sig" };
  const cookieKey = randomBytes(32).toString("hex");
  const redirectUris: string[] = [];

  const server = http.createServer((req, res) => handler()(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Built on the first request after a redirect URI was added: clients are fixed when a provider is constructed.
  let current: ReturnType<Provider["callback"]> | undefined;
  function handler() {
    current ??= build();
    return current;
  }

  function build() {
    const configuration: Configuration = {
      clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [...redirectUris], response_types: ["code"], grant_types: ["authorization_code"] }],
      pkce: { required: () => true },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      conformIdTokenClaims: !idTokenClaims,
      features: { devInteractions: { enabled: true } },
      jwks: { keys: [signingKey] },
      cookies: { keys: [cookieKey] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      async findAccount(_ctx, sub) {
        const identity = Object.values(identities).find((candidate) => candidate.sub === sub);
        return identity && { accountId: sub, claims: async () => ({ ...identity }) };
      },
    };
    const provider = new Provider(issuer, configuration);
    return provider.callback();
  }

  return {
    issuer,
    env: { GAICHEL_OIDC_ISSUER: issuer, GAICHEL_OIDC_CLIENT_ID: clientId, GAICHEL_OIDC_CLIENT_SECRET: clientSecret },
    allowRedirectUri(uri) {
      redirectUris.push(uri);
      current = undefined;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
