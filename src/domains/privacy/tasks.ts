// The privacy engine's work on uploaded files, as run in a child process by runInChild (analytics/child.ts): plain
// arguments in (where the key is, since a SecretKey does not cross IPC), plain results out, progress as the last argument.
import { keyFrom, type KeySource } from "./keys.ts";
import { parseConfig, previewPseudonymisation, pseudonymiseFile } from "./pseudonymise.ts";
import { scanFile } from "./scan.ts";
import type { RunRecord, ScanResult } from "./schema.ts";

export function scanTask(file: string, rows: number | "all", progress: (fraction: number) => void): Promise<ScanResult> {
  return scanFile(file, { rows, onProgress: progress });
}

export function previewTask(file: string, config: unknown, key: KeySource, rows: number): Promise<{ header: string[]; rows: string[][] }> {
  return previewPseudonymisation(file, parseConfig(config), { key: keyFrom(key), rows });
}

export function protectTask(input: string, output: string, config: unknown, key: KeySource, progress: (fraction: number) => void): Promise<RunRecord> {
  return pseudonymiseFile(input, output, parseConfig(config), { key: keyFrom(key), onProgress: (read, total) => progress(total ? read / total : 0) });
}
