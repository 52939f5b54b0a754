// Synthetic identifiers built with the check rules, for tests and the benchmark only. A value that passes its
// check may belong to a real person by chance: never use these to stand in for real identifiers in a dataset.
import { luhnCheckDigit, mod97, verhoeffCheckDigit } from "./recognisers/checks.ts";

/** A small seeded generator (mulberry32), so that a test or a benchmark writes the same values every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const below = (next: () => number, n: number) => Math.floor(next() * n);

export interface SyntheticPerson {
  birth: { year: number; month: number; day: number };
  serial: number;
}

export function person(next: () => number): SyntheticPerson {
  return { birth: { year: 1930 + below(next, 86), month: 1 + below(next, 12), day: 1 + below(next, 28) }, serial: 1 + below(next, 996) };
}

export function beNationalNumber({ birth, serial }: SyntheticPerson): string {
  const nine = `${pad(birth.year % 100, 2)}${pad(birth.month, 2)}${pad(birth.day, 2)}${pad(serial, 3)}`;
  return nine + pad(97 - mod97(birth.year >= 2000 ? `2${nine}` : nine), 2);
}

export function luNationalId({ birth, serial }: SyntheticPerson): string {
  const eleven = `${birth.year}${pad(birth.month, 2)}${pad(birth.day, 2)}${pad(serial, 3)}`;
  return `${eleven}${luhnCheckDigit(eleven)}${verhoeffCheckDigit(eleven)}`;
}

export function beEnterpriseNumber(next: () => number): string {
  const eight = `0${pad(2_000_000 + below(next, 7_999_999), 7)}`;
  return eight + pad(97 - mod97(eight), 2);
}

/** Belgian IBAN: bank and account, the national check (first ten mod 97, 0 → 97), then the ISO check digits. */
export function beIban(next: () => number): string {
  const account = `${pad(below(next, 1000), 3)}${pad(below(next, 1e7), 7)}`;
  const bban = account + pad(mod97(account) || 97, 2);
  // ISO 7064: 98 − (BBAN followed by "BE00", with B = 11 and E = 14) mod 97.
  return `BE${pad(98 - mod97(`${bban}111400`), 2)}${bban}`;
}

export function phone(next: () => number): string {
  return next() < 0.5 ? `+32 47${below(next, 10)} ${pad(below(next, 1e6), 6)}` : `+352 621 ${pad(below(next, 1e6), 6)}`;
}

export function email(next: () => number, id: number): string {
  const first = ["an", "jan", "marie", "luc", "sofie", "tom", "lea", "paul", "nina", "marc"][below(next, 10)];
  const last = ["peeters", "janssens", "maes", "dupont", "schmit", "muller", "weber", "lambert"][below(next, 8)];
  return `${first}.${last}${id}@example.${next() < 0.5 ? "be" : "lu"}`;
}

export function postcode(next: () => number): string {
  return next() < 0.8 ? String(1000 + below(next, 8993)) : `L-${pad(1000 + below(next, 8999), 4)}`;
}
