// The privacy engine's work on uploaded files, as run in a child process by runInChild (analytics/child.ts): plain
// arguments in (where the key is, since a SecretKey does not cross IPC), plain results out, progress as the last argument.
import { parseKey, readKeyFile, type SecretKey } from "./keys.ts";
import { parseConfig, previewPseudonymisation, pseudonymiseFile } from "./pseudonymise.ts";
import { scanFile } from "./scan.ts";
import type { RunRecord, ScanResult } from "./schema.ts";

/** The instance's key as configured: a key file, or the key's text from the server's environment. */
export type KeySource = { file: string } | { text: string } | null;

/** Where the instance's key is, from its configuration (GAICHEL_PRIVACY_KEY_FILE, else GAICHEL_PRIVACY_KEY). */
export function keySourceOf(config: { privacyKeyFile?: string; privacyKey?: string }): KeySource {
  return config.privacyKeyFile ? { file: config.privacyKeyFile } : config.privacyKey ? { text: config.privacyKey } : null;
}

const keyOf = (source: KeySource): SecretKey | undefined => (!source ? undefined : "file" in source ? readKeyFile(source.file) : parseKey(source.text));

export function scanTask(file: string, rows: number | "all", progress: (fraction: number) => void): Promise<ScanResult> {
  return scanFile(file, { rows, onProgress: progress });
}

export function previewTask(file: string, config: unknown, key: KeySource, rows: number): Promise<{ header: string[]; rows: string[][] }> {
  return previewPseudonymisation(file, parseConfig(config), { key: keyOf(key), rows });
}

export function protectTask(input: string, output: string, config: unknown, key: KeySource, progress: (fraction: number) => void): Promise<RunRecord> {
  return pseudonymiseFile(input, output, parseConfig(config), { key: keyOf(key), onProgress: (read, total) => progress(total ? read / total : 0) });
}
