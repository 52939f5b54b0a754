// E-mail addresses (addr-spec with a domain and a top-level domain), checked by validator.
import validator from "validator";
import type { Recogniser } from "./recogniser.ts";

export const email: Recogniser = {
  entity: "email",
  evidence: "syntax",
  settledInSql: false,
  parse(value) {
    const address = value.trim().replace(/^mailto:/i, "");
    // Lower case, so that pseudonyms join across files whose senders typed the same address differently.
    return address.includes("@") && validator.isEmail(address, { require_tld: true }) ? address.toLowerCase() : null;
  },
  candidates: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  // The syntax is validator's: SQL only sets aside values without an "@".
  sql: ({ raw }) => `CASE WHEN contains(${raw}, '@') THEN NULL ELSE FALSE END`,
};
