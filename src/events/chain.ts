// The hash of an audit event: SHA-256 over the previous event's hash and the event's canonical JSON (RFC 8785).
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/** The `prev_hash` of the first event. */
export const GENESIS_HASH = "0".repeat(64);

export interface EventContent {
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

/** The value as JSON gives it back (dates as strings, no undefined): what jsonb stores and returns. */
export function asStoredJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export function eventHash(prevHash: string, content: EventContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalize(content) ?? "").digest("hex");
}
