// HMAC pseudonyms, masking and generalisation.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe, it } from "node:test";
import { SecretKey } from "../keys.ts";
import { recognise } from "../recognisers/index.ts";
import { generaliseAge, generaliseDate, generalisePostcode } from "./generalise.ts";
import { base32, hmacPseudonymiser } from "./hmac.ts";
import { maskValue } from "./mask.ts";

const key = new SecretKey(Buffer.alloc(32, 1));
const otherKey = new SecretKey(Buffer.alloc(32, 2));

describe("hmacPseudonymiser", () => {
  it("gives the same pseudonym for the same value, key and domain", () => {
    const a = hmacPseudonymiser(key, "pilot-2026");
    const b = hmacPseudonymiser(new SecretKey(Buffer.alloc(32, 1)), "pilot-2026");
    assert.equal(a("90051512391"), b("90051512391"));
    assert.match(a("90051512391"), /^h_[a-z2-7]{26}$/);
  });

  it("gives other pseudonyms in another domain, with another key, for another value", () => {
    const pseudonym = hmacPseudonymiser(key, "pilot-2026")("90051512391");
    assert.notEqual(hmacPseudonymiser(key, "audit-7")("90051512391"), pseudonym);
    assert.notEqual(hmacPseudonymiser(otherKey, "pilot-2026")("90051512391"), pseudonym);
    assert.notEqual(hmacPseudonymiser(key, "pilot-2026")("90051512392"), pseudonym);
  });

  it("is HMAC-SHA-256 under the HKDF subkey of the domain, base32 and truncated", () => {
    const subkey = key.derive("hmac", "d", 32);
    const expected = base32(crypto.createHmac("sha256", subkey).update("x").digest()).slice(0, 20);
    assert.equal(hmacPseudonymiser(key, "d", { length: 20, prefix: "p-" })("x"), `p-${expected}`);
  });

  it("never yields something a recogniser takes for an identifier", () => {
    const pseudonym = hmacPseudonymiser(key, "d");
    for (const value of ["90051512391", "BE21001234567803", "an.peeters@example.be"]) assert.deepEqual(recognise(pseudonym(value)), []);
  });

  it("base32 follows RFC 4648 (test vector \"foobar\" → MZXW6YTBOI)", () => {
    assert.equal(base32(Buffer.from("foobar")), "mzxw6ytboi");
  });
});

describe("maskValue", () => {
  it("keeps the last four by default, and what it is told", () => {
    assert.equal(maskValue("BE21001234567803"), "************7803");
    assert.equal(maskValue("0470123456", { keepFirst: 2, keepLast: 2, char: "#" }), "04######56");
  });
  it("hides a value too short to show anything whole", () => {
    assert.equal(maskValue("1234"), "****");
    assert.equal(maskValue(""), "");
  });
});

describe("generalise", () => {
  it("dates to month or year, from ISO and day-first forms; anything else empties", () => {
    assert.equal(generaliseDate("1985-07-14", "month"), "1985-07");
    assert.equal(generaliseDate("14/07/1985", "year"), "1985");
    assert.equal(generaliseDate("14.07.1985", "month"), "1985-07");
    assert.equal(generaliseDate("1985-07-14T10:00:00Z", "year"), "1985");
    assert.equal(generaliseDate("July 1985", "year"), "");
    assert.equal(generaliseDate("1985-13-01", "year"), "");
  });

  it("ages to bands with an open top band", () => {
    assert.equal(generaliseAge("37"), "30-39");
    assert.equal(generaliseAge("0"), "0-9");
    assert.equal(generaliseAge("93"), "90+");
    assert.equal(generaliseAge("37,5", { width: 5, top: 80 }), "35-39");
    assert.equal(generaliseAge("1980"), "", "a year is not an age");
    assert.equal(generaliseAge("n/a"), "");
  });

  it("Belgian postcodes to provinces, Luxembourg postcodes to postal regions", () => {
    assert.deepEqual(
      ["1000", "1348", "1500", "2000", "3000", "3500", "4000", "5000", "6000", "6600", "7000", "8000", "9000", "B-4402"].map((c) => generalisePostcode(c)),
      ["BE-BRU", "BE-WBR", "BE-VBR", "BE-VAN", "BE-VBR", "BE-VLI", "BE-WLG", "BE-WNA", "BE-WHT", "BE-WLX", "BE-WHT", "BE-VWV", "BE-VOV", "BE-WLG"],
    );
    assert.equal(generalisePostcode("L-4402"), "L-4xxx");
    assert.equal(generalisePostcode("4402", "LU"), "L-4xxx");
    assert.equal(generalisePostcode("0999"), "");
    assert.equal(generalisePostcode("Brussels"), "");
  });
});
