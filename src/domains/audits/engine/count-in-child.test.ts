// The parent side of the DuckDB child: a child that dies or hangs gives a typed error, never a hung promise.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { AppError } from "../../../http/errors.ts";
import { AuditSettings } from "../schema.ts";
import { countInChild } from "./count-in-child.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gaichel-audit-child-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const worker = (name: string, source: string) => {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, source);
  return file;
};
const job = {
  file: path.join(scratch, "unused.csv"),
  layout: { format: "csv" as const, delimiter: ",", columns: ["sex", "decision"], integers: [] },
  settings: AuditSettings.parse({ decision: "decision", favourable: "1", protected: ["sex"] }),
  memoryLimit: "256MB",
  progress: true,
};

function isError(id: string, reason?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.id, id);
    if (reason) assert.match(String(error.params.reason), reason);
    return true;
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the DuckDB child process", { timeout: 20_000 }, () => {
  it("that exits without answering gives audit_engine_crashed with its exit code", async () => {
    const exits = worker("exits.mjs", "process.exit(3);\n");
    await assert.rejects(countInChild(job, { worker: exits }), isError("audit_engine_crashed", /exit code 3/));
  });

  it("that is killed half-way gives audit_engine_crashed with the signal, keeping its last words for the logs", async () => {
    const killed = worker(
      "killed.mjs",
      [
        "process.once('message', () => {",
        "  process.stderr.write('segmentation fault in the CSV reader\\n');",
        "  process.send({ kind: 'progress', phase: 'counting', fraction: 0.5 }, () => process.kill(process.pid, 'SIGKILL'));",
        "});",
        "process.send({ kind: 'ready' });",
      ].join("\n"),
    );
    const phases: Array<number | null> = [];
    await assert.rejects(countInChild(job, { worker: killed, onProgress: (_phase, fraction) => phases.push(fraction) }), (error: unknown) => {
      isError("audit_engine_crashed", /signal SIGKILL/)(error);
      assert.match(String((error as Error).cause), /segmentation fault/);
      return true;
    });
    assert.deepEqual(phases, [0.5]);
  });

  it("that hangs is killed when the caller aborts, with audit_cancelled", async () => {
    const pidFile = path.join(scratch, "hangs.pid");
    const hangs = worker(
      "hangs.mjs",
      [
        "import fs from 'node:fs';",
        `fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));`,
        "process.once('message', () => process.send({ kind: 'progress', phase: 'counting', fraction: 0 }));",
        "process.send({ kind: 'ready' });",
        "setInterval(() => {}, 1000);",
      ].join("\n"),
    );
    const controller = new AbortController();
    const counting = countInChild(job, { worker: hangs, signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(counting, isError("audit_cancelled"));
    const pid = Number(fs.readFileSync(pidFile, "utf8"));
    // SIGKILL is delivered at once, but the process table may need a moment to let go of the pid.
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(alive(pid), false);
  });

  it("answers an unknown error id as a crash, not as an error it cannot translate", async () => {
    const odd = worker(
      "odd.mjs",
      "process.once('message', () => process.send({ kind: 'failed', id: 'rm -rf', params: {} }));\nprocess.send({ kind: 'ready' });\n",
    );
    await assert.rejects(countInChild(job, { worker: odd }), isError("audit_engine_crashed", /unknown error/));
  });

  it("that never starts listening is stopped as crashed", async () => {
    const silent = worker("silent.mjs", "setInterval(() => {}, 1000);\n");
    await assert.rejects(countInChild(job, { worker: silent, startTimeoutMs: 500 }), isError("audit_engine_crashed", /did not start/));
  });

  it("is not started when the caller has already aborted", async () => {
    await assert.rejects(countInChild(job, { worker: "never-started.mjs", signal: AbortSignal.abort() }), isError("audit_cancelled"));
  });
});
