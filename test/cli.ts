// Runs the `gaichel` command in this process, as a shell would, and captures what it prints.
import { format } from "node:util";
import { runCli } from "../src/cli/index.ts";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runGaichel(env: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { log: console.log, error: console.error, stdout: process.stdout.write, stderr: process.stderr.write };
  // Only text is captured: the test runner reports through the same streams in binary.
  const capture = (into: string[], original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === "string") return into.push(chunk) > 0;
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof process.stdout.write;
  console.log = (...args: unknown[]) => void out.push(`${format(...args)}\n`);
  console.error = (...args: unknown[]) => void err.push(`${format(...args)}\n`);
  process.stdout.write = capture(out, saved.stdout, process.stdout);
  process.stderr.write = capture(err, saved.stderr, process.stderr);
  try {
    return { code: await runCli(argv, env), out: out.join(""), err: err.join("") };
  } finally {
    console.log = saved.log;
    console.error = saved.error;
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
  }
}
