// Pseudonymisation keys: 32 random bytes kept outside the dataset, derived per domain, known by a fingerprint only.
import crypto from "node:crypto";
import fs from "node:fs";
import { inspect } from "node:util";
import { privacyError } from "./errors.ts";

export const KEY_BYTES = 32;
/** The environment variable read when no key file is given. */
export const KEY_ENV = "GAICHEL_PRIVACY_KEY";
/** Bumped if the derivation ever changes, so that old and new pseudonyms cannot be mistaken for each other. */
const DERIVATION_SALT = "gaichel/privacy/v1";

/**
 * The master key. Its bytes are reachable only through `derive`: printing, logging or serialising the object
 * shows "[secret key <id>]", so that a key cannot reach a log or an error by accident.
 */
export class SecretKey {
  readonly #bytes: Buffer;
  /** First 8 bytes of SHA-256 of the key, in hex: names the key in run records without revealing it. */
  readonly id: string;

  constructor(bytes: Buffer) {
    if (bytes.length !== KEY_BYTES) throw privacyError("privacy_key_invalid", { bytes: KEY_BYTES });
    this.#bytes = Buffer.from(bytes);
    this.id = crypto.createHash("sha256").update(this.#bytes).digest("hex").slice(0, 16);
  }

  /**
   * A subkey for one operator in one pseudonymisation domain (HKDF-SHA-256, RFC 5869): the same master key gives
   * unrelated pseudonyms in two domains, and HMAC and AES-SIV never share key material.
   */
  derive(purpose: "hmac" | "aes-siv", domain: string, length: number): Buffer {
    return Buffer.from(crypto.hkdfSync("sha256", this.#bytes, DERIVATION_SALT, `${purpose}\u0000${domain}`, length));
  }

  toString(): string {
    return `[secret key ${this.id}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Key text as written in a key file or the environment: 64 hex digits, or base64/base64url of 32 bytes. */
export function parseKey(text: string): SecretKey {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return new SecretKey(Buffer.from(trimmed, "hex"));
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === KEY_BYTES) return new SecretKey(bytes);
  }
  throw privacyError("privacy_key_invalid", { bytes: KEY_BYTES });
}

/**
 * Writes a new random key to `file` (base64, mode 0600, never over an existing file) and returns it.
 * The bytes go straight from the generator to the file: no other function hands them out.
 */
export function writeNewKeyFile(file: string): SecretKey {
  const bytes = crypto.randomBytes(KEY_BYTES);
  try {
    fs.writeFileSync(file, `${bytes.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw privacyError("privacy_key_file_exists", { file });
    throw error;
  }
  return new SecretKey(bytes);
}

/** Reads a key file, refusing one that others may read (as ssh does), since the key undoes the pseudonyms. */
export function readKeyFile(file: string): SecretKey {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw privacyError("privacy_key_missing", { file });
  }
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
    throw privacyError("privacy_key_file_permissions", { file, mode: (stat.mode & 0o777).toString(8) });
  }
  return parseKey(fs.readFileSync(file, "utf8"));
}

/** The key from a key file when one is named, else from the environment variable GAICHEL_PRIVACY_KEY. */
export function resolveKey(source: { keyFile?: string; env: Record<string, string | undefined> }): SecretKey {
  if (source.keyFile) return readKeyFile(source.keyFile);
  const text = source.env[KEY_ENV];
  if (!text) throw privacyError("privacy_key_missing", { file: KEY_ENV });
  return parseKey(text);
}

/** Where the instance's key is, as configured: a key file, or the key's text from the server's environment. A plain
 * value, unlike a SecretKey, so that it crosses to a child process (analytics/child.ts). */
export type KeySource = { file: string } | { text: string } | null;

/** Where the instance's key is, from its configuration (GAICHEL_PRIVACY_KEY_FILE, else GAICHEL_PRIVACY_KEY). */
export function keySourceOf(config: { privacyKeyFile?: string; privacyKey?: string }): KeySource {
  return config.privacyKeyFile ? { file: config.privacyKeyFile } : config.privacyKey ? { text: config.privacyKey } : null;
}

/** The key a KeySource names; undefined when the instance has none. */
export function keyFrom(source: KeySource): SecretKey | undefined {
  if (!source) return undefined;
  return resolveKey("file" in source ? { keyFile: source.file, env: {} } : { env: { [KEY_ENV]: source.text } });
}
