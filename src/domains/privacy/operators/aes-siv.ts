// AES-SIV (RFC 5297): deterministic authenticated encryption, built from AES blocks of node:crypto (S2V over AES-CMAC, then AES-CTR).
import crypto from "node:crypto";
import { privacyError } from "../errors.ts";

const BLOCK = 16;
/** RFC 5297 §2.3: the constant of the doubling in GF(2^128). */
const RB = 0x87;

/** Multiplication by x in GF(2^128), big-endian (RFC 5297 "dbl"). */
function dbl(block: Buffer): Buffer {
  const out = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) out[i] = ((block[i]! << 1) | (i + 1 < BLOCK ? block[i + 1]! >>> 7 : 0)) & 0xff;
  if (block[0]! & 0x80) out[BLOCK - 1]! ^= RB;
  return out;
}

function xorInto(target: Buffer, source: Buffer, offset = 0) {
  for (let i = 0; i < source.length; i++) target[offset + i]! ^= source[i]!;
}

/**
 * Single AES block encryptions with one reusable ECB cipher: ECB keeps no state between blocks and, without
 * padding, returns each block as soon as it is given, so one cipher object serves every value of a run.
 */
class AesBlock {
  private readonly ecb: crypto.Cipheriv;
  constructor(key: Buffer) {
    this.ecb = crypto.createCipheriv(`aes-${key.length * 8}-ecb`, key, null).setAutoPadding(false);
  }
  encrypt(block: Buffer): Buffer {
    return this.ecb.update(block);
  }
}

/** AES-CMAC (RFC 4493) with precomputed subkeys. */
class Cmac {
  private readonly aes: AesBlock;
  private readonly k1: Buffer;
  private readonly k2: Buffer;
  constructor(key: Buffer) {
    this.aes = new AesBlock(key);
    this.k1 = dbl(this.aes.encrypt(Buffer.alloc(BLOCK)));
    this.k2 = dbl(this.k1);
  }
  mac(message: Buffer): Buffer {
    const blocks = Math.max(1, Math.ceil(message.length / BLOCK));
    const complete = message.length > 0 && message.length % BLOCK === 0;
    const last = Buffer.alloc(BLOCK);
    message.copy(last, 0, (blocks - 1) * BLOCK);
    if (!complete) last[message.length - (blocks - 1) * BLOCK] = 0x80;
    xorInto(last, complete ? this.k1 : this.k2);
    let state: Buffer = Buffer.alloc(BLOCK);
    for (let i = 0; i < blocks - 1; i++) {
      xorInto(state, message.subarray(i * BLOCK, (i + 1) * BLOCK));
      state = this.aes.encrypt(state);
    }
    xorInto(state, last);
    return this.aes.encrypt(state);
  }
}

/** An AES-SIV key: 32 bytes (AES-128, "AEAD_AES_SIV_CMAC_256") or 64 bytes (AES-256); first half CMAC, second half CTR. */
export class AesSiv {
  private readonly cmac: Cmac;
  private readonly ctr: AesBlock;
  /** S2V's first step, CMAC(K, 0^128), is the same for every message: computed once. */
  private readonly zero: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32 && key.length !== 48 && key.length !== 64) throw new RangeError("AES-SIV key must be 32, 48 or 64 bytes");
    this.cmac = new Cmac(key.subarray(0, key.length / 2));
    this.ctr = new AesBlock(key.subarray(key.length / 2));
    this.zero = this.cmac.mac(Buffer.alloc(BLOCK));
  }

  /** S2V (RFC 5297 §2.4) over the associated data strings and the plaintext, which comes last. */
  private s2v(associated: Buffer[], plaintext: Buffer): Buffer {
    let d = this.zero;
    for (const item of associated) {
      d = dbl(d);
      xorInto(d, this.cmac.mac(item));
    }
    if (plaintext.length >= BLOCK) {
      const t = Buffer.from(plaintext);
      xorInto(t, d, t.length - BLOCK);
      return this.cmac.mac(t);
    }
    const t = dbl(d);
    const padded = Buffer.alloc(BLOCK);
    plaintext.copy(padded);
    padded[plaintext.length] = 0x80;
    xorInto(t, padded);
    return this.cmac.mac(t);
  }

  /** CTR with the counter Q = V with bits 63 and 31 cleared (RFC 5297 §2.5), incremented as a 128-bit number. */
  private ctrXor(v: Buffer, input: Buffer): Buffer {
    const counter = Buffer.from(v);
    counter[8]! &= 0x7f;
    counter[12]! &= 0x7f;
    const out = Buffer.alloc(input.length);
    for (let offset = 0; offset < input.length; offset += BLOCK) {
      const stream = this.ctr.encrypt(counter);
      for (let i = 0; i < BLOCK && offset + i < input.length; i++) out[offset + i] = input[offset + i]! ^ stream[i]!;
      for (let i = BLOCK - 1; i >= 0; i--) {
        counter[i] = (counter[i]! + 1) & 0xff;
        if (counter[i] !== 0) break;
      }
    }
    return out;
  }

  /** V ‖ C: the synthetic IV (16 bytes) followed by the ciphertext, as long as the plaintext. */
  encrypt(plaintext: Buffer, associated: Buffer[] = []): Buffer {
    const v = this.s2v(associated, plaintext);
    return Buffer.concat([v, this.ctrXor(v, plaintext)]);
  }

  /** The plaintext, or a privacy_decrypt_failed error when the ciphertext was not made with this key and associated data. */
  decrypt(sealed: Buffer, associated: Buffer[] = []): Buffer {
    if (sealed.length < BLOCK) throw privacyError("privacy_decrypt_failed");
    const v = sealed.subarray(0, BLOCK);
    const plaintext = this.ctrXor(v, sealed.subarray(BLOCK));
    if (!crypto.timingSafeEqual(v, this.s2v(associated, plaintext))) throw privacyError("privacy_decrypt_failed");
    return plaintext;
  }
}
