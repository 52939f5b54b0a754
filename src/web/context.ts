// What every view needs to know about the request it renders.
import { translator, type Lang, type T } from "../i18n/index.ts";

export interface PageContext {
  lang: Lang;
  t: T;
  /** Path of the page without its language prefix, e.g. "/systems?q=tax", for the language switcher. */
  path: string;
}

export function pageContext(lang: Lang, url: string): PageContext {
  const rest = url.replace(/^\/(fr|nl|de|en)(?=\/|\?|$)/, "");
  return { lang, t: translator(lang), path: rest === "" ? "/" : rest.startsWith("?") ? `/${rest}` : rest };
}
