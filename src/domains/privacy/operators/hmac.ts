// Keyed hashing (HMAC-SHA-256): one pseudonym per value, key and domain; joinable across files, not reversible.
import crypto from "node:crypto";
import type { SecretKey } from "../keys.ts";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32 in lower case, without padding: letters and digits only, safe in any file and URL. */
export function base32(bytes: Buffer): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

export interface HmacOptions {
  /** Base32 characters kept, 16–52; the default 26 keeps 130 bits, past any chance of two values colliding. */
  length: number;
  prefix: string;
}
export const HMAC_DEFAULTS: HmacOptions = { length: 26, prefix: "h_" };

/**
 * The pseudonymiser of one domain: HMAC-SHA-256 under the domain's subkey, base32, truncated, prefixed. The
 * prefix keeps a pseudonym from ever passing for an identifier (no recogniser accepts "h_…").
 */
export function hmacPseudonymiser(key: SecretKey, domain: string, options: HmacOptions = HMAC_DEFAULTS): (value: string) => string {
  // A KeyObject made once: handing createHmac raw bytes makes it import the key for every value, six times slower.
  const subkey = crypto.createSecretKey(key.derive("hmac", domain, 32));
  return (value) => options.prefix + base32(crypto.createHmac("sha256", subkey).update(value, "utf8").digest()).slice(0, options.length);
}
