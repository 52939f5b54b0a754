// The worker that runs a full scan with a bounded heap (see FULL_SCAN_LIMITS in scan.ts).
import { parentPort, workerData } from "node:worker_threads";
import { PrivacyError } from "./errors.ts";
import { scanInThread, type ScanWorkerMessage } from "./scan.ts";

const post = (message: ScanWorkerMessage) => parentPort!.postMessage(message);
try {
  post({ result: await scanInThread((workerData as { file: string }).file, { rows: "all", onProgress: (progress) => post({ progress }) }) });
} catch (error) {
  // Only a PrivacyError's key and parameters cross back: other messages may quote the file (see readingFile).
  post(error instanceof PrivacyError ? { error: { key: error.key, params: error.params } } : { failure: "the scan failed" });
}
