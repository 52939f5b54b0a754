// Uploads streamed to disk: written to a temporary name while the bytes arrive (hashing them on the way), renamed
// only when complete and within the size limit, so that no half-written file is ever taken for a whole one.
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "./errors.ts";

export interface SavedUpload {
  bytes: number;
  sha256: string;
}

/** Streams `source` into `destination`; over `limit` bytes the upload is refused (413) and nothing stays on disk. */
export async function saveUpload(source: Readable & { truncated?: boolean }, destination: string, limit: number): Promise<SavedUpload> {
  await fsp.mkdir(path.dirname(destination), { recursive: true });
  const partial = `${destination}.part`;
  const hash = createHash("sha256");
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) return done(new AppError("upload_too_large", 413, { limit: formatBytes(limit) }));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, measure, fs.createWriteStream(partial, { mode: 0o600 }));
    // @fastify/multipart stops reading at its own fileSize limit and marks the stream truncated.
    if (source.truncated) throw new AppError("upload_too_large", 413, { limit: formatBytes(limit) });
    if (bytes === 0) throw new AppError("upload_empty", 400);
    await fsp.rename(partial, destination);
  } catch (error) {
    await fsp.rm(partial, { force: true });
    throw error;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** The SHA-256 of a file on disk, streamed (a derived file's fingerprint, as an upload's is computed on arrival). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** "5 GiB", "200 MiB": limits as people read them. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
