// Keys: formats read, the fingerprint, files readable by their owner only, and never shown.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { after, describe, it } from "node:test";
import { AppError } from "../../http/errors.ts";
import { KEY_ENV, parseKey, readKeyFile, resolveKey, SecretKey, writeNewKeyFile } from "./keys.ts";

const bytes = Buffer.from("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hex");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-keys-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const isPrivacyError = (id: string) => (e: unknown) => e instanceof AppError && e.id === id;

describe("parseKey", () => {
  it("reads hex, base64 and base64url of 32 bytes as the same key", () => {
    const ids = [bytes.toString("hex"), bytes.toString("base64"), bytes.toString("base64url"), `  ${bytes.toString("base64")}\n`].map((t) => parseKey(t).id);
    assert.equal(new Set(ids).size, 1);
  });

  it("refuses anything else, without echoing it", () => {
    for (const text of ["", "short", bytes.subarray(0, 16).toString("hex"), Buffer.alloc(48, 0xff).toString("base64")]) {
      assert.throws(() => parseKey(text), (e: unknown) => isPrivacyError("privacy_key_invalid")(e) && !(e as Error).message.includes(text || "\u0000"));
    }
  });
});

describe("SecretKey", () => {
  it("is named by the first 8 bytes of its SHA-256", () => {
    assert.equal(new SecretKey(bytes).id, crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 16));
  });

  it("shows neither its bytes nor its subkeys when printed, inspected or serialised", () => {
    const key = new SecretKey(bytes);
    const shown = [String(key), JSON.stringify({ key }), inspect(key), inspect({ nested: { key } }, { depth: 5 })].join("\n");
    for (const secret of [bytes.toString("hex"), bytes.toString("base64"), key.derive("hmac", "d", 32).toString("hex")]) assert.ok(!shown.includes(secret));
    assert.match(shown, new RegExp(key.id));
  });

  it("derives unrelated subkeys per purpose and per domain", () => {
    const key = new SecretKey(bytes);
    const subkeys = [key.derive("hmac", "a", 32), key.derive("hmac", "b", 32), key.derive("aes-siv", "a", 32)].map((b) => b.toString("hex"));
    assert.equal(new Set(subkeys).size, 3);
  });
});

describe("key files", () => {
  it("are written with mode 0600, never over an existing file, and read back to the same key", () => {
    const file = path.join(scratch, "pilot.key");
    const written = writeNewKeyFile(file);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(readKeyFile(file).id, written.id);
    assert.throws(() => writeNewKeyFile(file), isPrivacyError("privacy_key_file_exists"));
  });

  it("are refused when others may read them", { skip: process.platform === "win32" }, () => {
    const file = path.join(scratch, "open.key");
    fs.writeFileSync(file, bytes.toString("base64"), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    assert.throws(() => readKeyFile(file), isPrivacyError("privacy_key_file_permissions"));
  });

  it("the environment variable serves when no file is named; with neither, key_missing", () => {
    assert.equal(resolveKey({ env: { [KEY_ENV]: bytes.toString("hex") } }).id, new SecretKey(bytes).id);
    assert.throws(() => resolveKey({ env: {} }), isPrivacyError("privacy_key_missing"));
    assert.throws(() => resolveKey({ keyFile: path.join(scratch, "absent.key"), env: {} }), isPrivacyError("privacy_key_missing"));
  });
});
