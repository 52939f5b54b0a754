// Shows a translated text in the page's language, or visibly in another language when it is missing.
import type { LocalizedText } from "../../domains/systems/schema.ts";
import { pickText } from "../../domains/systems/present.ts";
import type { PageContext } from "../context.ts";

interface Props {
  ctx: PageContext;
  text: LocalizedText | undefined;
  /** Render as paragraphs (split on blank lines) rather than inline. */
  block?: boolean;
}

export function Localized({ ctx, text, block }: Props) {
  const picked = pickText(text, ctx.lang);
  if (!picked) return block ? <p class="missing">{ctx.t("common.not_provided")}</p> : <span class="missing">{ctx.t("common.not_provided")}</span>;
  const note = picked.fallback ? (
    <span class="translation-note">
      {ctx.t("translation.fallback", { language: ctx.t(`languages.${picked.lang}`) })}
    </span>
  ) : picked.status === "machine" ? (
    <span class="translation-note">{ctx.t("translation.machine")}</span>
  ) : null;
  if (!block) {
    return (
      <>
        <span lang={picked.fallback ? picked.lang : undefined}>{picked.text}</span>
        {note && <> {note}</>}
      </>
    );
  }
  // The note is in the page's language, so it stays outside the element that carries the text's language.
  return (
    <div class="localized">
      {note && <p>{note}</p>}
      <div lang={picked.fallback ? picked.lang : undefined}>
        {picked.text.split(/\n{2,}/).map((paragraph) => (
          <p>{paragraph}</p>
        ))}
      </div>
    </div>
  );
}

/** The plain text in the page's language or a fallback, for titles and attributes. */
export function localizedString(ctx: PageContext, text: LocalizedText | undefined): string {
  return pickText(text, ctx.lang)?.text ?? ctx.t("common.not_provided");
}
