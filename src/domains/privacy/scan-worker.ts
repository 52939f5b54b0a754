// The worker that runs a full scan with a bounded heap (see FULL_SCAN_LIMITS in scan.ts).
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../../http/errors.ts";
import { isPrivacyErrorId } from "./errors.ts";
import { scanInThread, type ScanWorkerMessage } from "./scan.ts";

const post = (message: ScanWorkerMessage) => parentPort!.postMessage(message);
try {
  post({ result: await scanInThread((workerData as { file: string }).file, { rows: "all", onProgress: (progress) => post({ progress }) }) });
} catch (error) {
  // Only a privacy error's id and parameters cross back: other messages may quote the file (see readingFile).
  post(error instanceof AppError && isPrivacyErrorId(error.id) ? { error: { id: error.id, params: error.params } } : { failure: "the scan failed" });
}
