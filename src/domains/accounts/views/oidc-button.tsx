// The way to the organisation's identity provider: a link that looks like a button, so it works without JavaScript.
import type { PageContext } from "../../../web/context.ts";

/** Shown on the sign-in page when OpenID Connect is configured (isOidcEnabled); `next` is the page to return to. */
export function OidcSignInButton({ ctx, next }: { ctx: PageContext; next?: string }) {
  const query = next ? `?${new URLSearchParams({ next })}` : "";
  return (
    <a class="button" href={`/${ctx.lang}/sign-in/oidc${query}`}>
      {ctx.t("oidc.sign_in_button")}
    </a>
  );
}
