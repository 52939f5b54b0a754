// Every language has every key, the plural forms its rules need, and the same placeholders.
import assert from "node:assert/strict";
import { test } from "node:test";
import de from "./locales/de.json" with { type: "json" };
import en from "./locales/en.json" with { type: "json" };
import fr from "./locales/fr.json" with { type: "json" };
import nl from "./locales/nl.json" with { type: "json" };
import { negotiateLanguage } from "./index.ts";

const locales = { fr, nl, de, en } as Record<string, Record<string, unknown>>;
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: Record<string, unknown>, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child && typeof child === "object") flatten(child as Record<string, unknown>, path, out);
    else out.set(path, String(child));
  }
  return out;
}

const flat = Object.fromEntries(Object.entries(locales).map(([lang, json]) => [lang, flatten(json)]));
const baseKeys = (lang: string) => new Set([...flat[lang]!.keys()].map((k) => k.replace(PLURAL, "")));

test("every locale has exactly the keys of the others", () => {
  const all = new Set(Object.keys(flat).flatMap((lang) => [...baseKeys(lang)]));
  for (const lang of Object.keys(flat)) {
    const missing = [...all].filter((key) => !baseKeys(lang).has(key));
    assert.deepEqual(missing, [], `${lang}.json lacks keys that another locale has`);
  }
});

test("plural keys have every form the language's plural rules use", () => {
  for (const [lang, keys] of Object.entries(flat)) {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const plurals = new Set([...keys.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
    for (const base of plurals) {
      for (const category of categories) {
        assert.ok(keys.has(`${base}_${category}`), `${lang}.json: ${base}_${category} is missing`);
      }
    }
  }
});

test("translations keep the placeholders of the English text and are never empty", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
  for (const [lang, keys] of Object.entries(flat)) {
    for (const [key, text] of keys) {
      assert.notEqual(text.trim(), "", `${lang}.json: ${key} is empty`);
      const english = flat.en!.get(key) ?? flat.en!.get(key.replace(PLURAL, "_other"));
      if (english === undefined) continue;
      assert.deepEqual(
        placeholders(text).filter((p) => p !== "count"),
        placeholders(english).filter((p) => p !== "count"),
        `${lang}.json: ${key}`,
      );
    }
  }
});

test("Accept-Language picks the best of our languages by quality, French by default", () => {
  assert.equal(negotiateLanguage("nl-BE,nl;q=0.9,en;q=0.8"), "nl");
  assert.equal(negotiateLanguage("es-ES,de;q=0.5,en;q=0.7"), "en");
  assert.equal(negotiateLanguage("lb-LU,de-LU;q=0.9"), "de");
  assert.equal(negotiateLanguage("en;q=0,fr;q=0.1"), "fr");
  assert.equal(negotiateLanguage(undefined), "fr");
  assert.equal(negotiateLanguage("*"), "fr");
});
