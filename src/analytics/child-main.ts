// The child process of runInChild: runs one task, reports its progress, its result or its AppError, and exits.
// Anything else that goes wrong (a thrown non-AppError, a native crash) ends the process: the parent reports it.
import { AppError } from "../http/errors.ts";
import type { ChildMessage, ChildTask } from "./child.ts";

const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once("message", async (task: ChildTask) => {
  try {
    const module = (await import(task.module)) as Record<string, unknown>;
    const run = module[task.name];
    if (typeof run !== "function") throw new Error(`${task.module} has no function ${task.name}`);
    const value = await run(...task.args, (fraction: number) => void send({ kind: "progress", fraction }));
    await send({ kind: "done", value });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await send({ kind: "error", id: error.id, status: error.status, params: error.params });
  }
  process.exit(0);
});
