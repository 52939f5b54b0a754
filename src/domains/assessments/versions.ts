// Versions of instruments: a response is scored with the exact instrument it pins, and a published version never changes.
import type { CompiledInstrument, InstrumentRef } from "./format.ts";

export function refOf(instrument: CompiledInstrument): InstrumentRef {
  return { id: instrument.id, version: instrument.version, hash: instrument.hash };
}

export interface VersionConflict {
  id: string;
  version: string;
  storedHash: string;
  loadedHash: string;
}

/**
 * Loaded instruments whose id@version is already stored with other content: an edit that should have been a new
 * version. Loading them would change the meaning of responses that pin the stored one, so the caller refuses.
 */
export function versionConflicts(stored: Iterable<InstrumentRef>, loaded: Iterable<CompiledInstrument>): VersionConflict[] {
  const hashes = new Map<string, string>();
  for (const ref of stored) hashes.set(`${ref.id}@${ref.version}`, ref.hash);
  const conflicts: VersionConflict[] = [];
  for (const instrument of loaded) {
    const storedHash = hashes.get(`${instrument.id}@${instrument.version}`);
    if (storedHash !== undefined && storedHash !== instrument.hash) {
      conflicts.push({ id: instrument.id, version: instrument.version, storedHash, loadedHash: instrument.hash });
    }
  }
  return conflicts;
}
