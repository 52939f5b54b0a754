// Adds translations to the four locale files: `node scripts/i18n-merge.mjs keys.json`, where keys.json holds
// { "en": {...}, "fr": {...}, "nl": {...}, "de": {...} } with nested keys; existing keys are overwritten.
import fs from "node:fs";

const merge = (target, source) => {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === "object") merge((target[key] ??= {}), value);
    else target[key] = value;
  }
  return target;
};

const additions = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
for (const lang of ["fr", "nl", "de", "en"]) {
  if (!additions[lang]) throw new Error(`${process.argv[2]} has no "${lang}" section`);
  const file = new URL(`../src/i18n/locales/${lang}.json`, import.meta.url);
  const locale = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, `${JSON.stringify(merge(locale, additions[lang]), null, 2)}\n`);
}
