// AES-SIV against the RFC 5297 Appendix A vectors, and its use as a reversible pseudonym.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../../http/errors.ts";
import { AesSiv } from "./aes-siv.ts";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");

describe("RFC 5297 Appendix A", () => {
  it("A.1 deterministic authenticated encryption", () => {
    const siv = new AesSiv(hex("fffefdfc fbfaf9f8 f7f6f5f4 f3f2f1f0 f0f1f2f3 f4f5f6f7 f8f9fafb fcfdfeff"));
    const ad = hex("10111213 14151617 18191a1b 1c1d1e1f 20212223 24252627");
    const plaintext = hex("11223344 55667788 99aabbcc ddee");
    const expected = hex("85632d07 c6e8f37f 950acd32 0a2ecc93 40c02b96 90c4dc04 daef7f6a fe5c");
    assert.equal(siv.encrypt(plaintext, [ad]).toString("hex"), expected.toString("hex"));
    assert.equal(siv.decrypt(expected, [ad]).toString("hex"), plaintext.toString("hex"));
  });

  it("A.2 nonce-based authenticated encryption (two associated data and a nonce, plaintext over several blocks)", () => {
    const siv = new AesSiv(hex("7f7e7d7c 7b7a7978 77767574 73727170 40414243 44454647 48494a4b 4c4d4e4f"));
    const ad1 = hex("00112233 44556677 8899aabb ccddeeff deaddada deaddada ffeeddcc bbaa9988 77665544 33221100");
    const ad2 = hex("10203040 50607080 90a0");
    const nonce = hex("09f91102 9d74e35b d84156c5 635688c0");
    const plaintext = hex("74686973 20697320 736f6d65 20706c61 696e7465 78742074 6f20656e 63727970 74207573 696e6720 5349562d 414553");
    const expected = hex(
      "7bdb6e3b 432667eb 06f4d14b ff2fbd0f cb900f2f ddbe4043 26601965 c889bf17 dba77ceb 094fa663 b7a3f748 ba8af829 ea64ad54 4a272e9c 485b62a3 fd5c0d",
    );
    assert.equal(siv.encrypt(plaintext, [ad1, ad2, nonce]).toString("hex"), expected.toString("hex"));
    assert.equal(siv.decrypt(expected, [ad1, ad2, nonce]).toString(), "this is some plaintext to encrypt using SIV-AES");
  });
});

describe("AES-SIV as a pseudonym", () => {
  const key = Buffer.alloc(64, 7);
  const other = Buffer.alloc(64, 8);

  it("is deterministic and round-trips values of every length, including empty and multi-block", () => {
    const siv = new AesSiv(key);
    for (const text of ["", "a", "90051512391", "exactly 16 bytes", "BE21 0012 3456 7803 and a longer tail of text"]) {
      const sealed = siv.encrypt(Buffer.from(text));
      assert.deepEqual(sealed, siv.encrypt(Buffer.from(text)));
      assert.equal(siv.decrypt(sealed).toString(), text);
    }
  });

  it("does not decrypt with another key, nor after a change to the ciphertext", () => {
    const sealed = new AesSiv(key).encrypt(Buffer.from("90051512391"));
    assert.throws(() => new AesSiv(other).decrypt(sealed), (e: unknown) => e instanceof AppError && e.id === "privacy_decrypt_failed");
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    assert.throws(() => new AesSiv(key).decrypt(tampered), AppError);
  });
});
