// Benchmark plumbing: the server as a child process on loopback, and one autocannon measurement.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";

/** A port that was free a moment ago: bind port 0 on loopback, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      if (!address || typeof address === "string") return reject(new Error("no port assigned"));
      server.close(() => resolve(address.port));
    });
  });
}

export interface Server {
  baseUrl: string;
  pid: number;
  /** Stops the child (SIGTERM, then SIGKILL after a grace period). Safe to call twice. */
  stop(): Promise<void>;
  /** The last lines the child printed, for error reports. */
  output(): string;
}

const OUTPUT_LIMIT = 16 * 1024;

/**
 * Starts `gaichel start --demo-if-empty` as a child process (Node with the tsx loader: one process, so
 * signals reach the server itself) on 127.0.0.1 and waits until /healthz answers 200.
 */
export async function startServer(options: {
  dataDir: string;
  databaseUrl?: string;
  startTimeoutMs: number;
}): Promise<Server> {
  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    LOG_LEVEL: "warn",
    GAICHEL_DATA_DIR: options.dataDir,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;

  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "start", "--demo-if-empty"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  spawnError.catch(() => {});

  const server: Server = {
    baseUrl,
    pid: child.pid ?? -1,
    output: () => output,
    async stop() {
      if (exited || child.pid === undefined) return;
      child.kill("SIGTERM");
      const grace = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000).unref());
      if ((await Promise.race([exit.then(() => "exited" as const), grace])) === "timeout") {
        child.kill("SIGKILL");
        await exit;
      }
    },
  };

  const deadline = Date.now() + options.startTimeoutMs;
  try {
    for (;;) {
      if (exited) throw new Error(`the server exited during start-up (${exited.signal ?? `code ${exited.code}`})`);
      if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within ${options.startTimeoutMs / 1000} s`);
      try {
        const response = await Promise.race([fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) }), spawnError]);
        if (response.status === 200) return server;
      } catch (error) {
        if (exited || (error as NodeJS.ErrnoException).code === "ENOENT") throw error;
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output.trim()}`, { cause: error });
  }
}

export interface Measurement {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** One autocannon run against a loopback URL. */
export async function measure(url: string, options: { connections: number; duration: number }): Promise<Measurement> {
  if (new URL(url).hostname !== HOST) throw new Error(`refusing to load a host other than ${HOST}: ${url}`);
  const result = await autocannon({ url, connections: options.connections, duration: options.duration });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  return {
    requests: result.requests.total,
    rps: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}
