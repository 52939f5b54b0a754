// The job queue on both databases: idempotent enqueue, results written with the job's success or not at all,
// retries, permanent failures, a dead worker's job taken over, a stopped worker's job given back, SKIP LOCKED.
import assert from "node:assert/strict";
import { test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { describeEachBackend } from "../../test/helpers.ts";
import { errors } from "../http/errors.ts";
import { createJobQueue, JobLostError, type JobHandler } from "./queue.ts";
import { jobs } from "./tables.ts";

/** The results the test handlers write, in the job's transaction. */
const RESULTS = sql.raw("job_test_results");

describeEachBackend("job queue", (get) => {
  const db = () => get().database.db;
  const results = async () =>
    ((await db().execute(sql`select job_key from ${RESULTS} order by job_key`)) as unknown as { rows: Array<{ job_key: string }> }).rows.map((r) => r.job_key);
  const reset = async () => {
    await db().execute(sql`create table if not exists ${RESULTS} (job_key text not null)`);
    await db().execute(sql`delete from ${RESULTS}`);
    await db().delete(jobs);
  };
  const writer = (kind: string, run: JobHandler["run"] = async (job, ctx) => ctx.complete(({ tx }) => tx.execute(sql`insert into ${RESULTS} values (${job.key})`).then(() => {}))) => {
    const failures: string[] = [];
    const handler: JobHandler = { kind, run, failed: async (_ctx, job, error) => void failures.push(`${job.key}:${error.id}`) };
    return { handler, failures };
  };

  test("enqueueing the same kind and key twice gives one job, which runs once", async () => {
    await reset();
    const queue = createJobQueue(db());
    queue.register(writer("test").handler);
    const first = await queue.enqueue(null, "test", "a", {});
    const second = await queue.enqueue(null, "test", "a", { other: true });
    assert.equal(first, second);
    assert.equal(await queue.runOnce(), true);
    assert.equal(await queue.runOnce(), false);
    assert.deepEqual(await results(), ["a"]);
    assert.equal((await queue.get(first))?.state, "succeeded");
  });

  test("a job whose result cannot be written is not marked succeeded; the retry writes it once", async () => {
    await reset();
    const queue = createJobQueue(db(), { retryDelayMs: 0 });
    let calls = 0;
    queue.register(
      writer("test", async (job, ctx) =>
        ctx.complete(async ({ tx }) => {
          await tx.execute(sql`insert into ${RESULTS} values (${job.key})`);
          if (++calls === 1) throw new Error("disk full");
        }),
      ).handler,
    );
    const id = await queue.enqueue(null, "test", "b", {});
    await queue.runOnce();
    assert.deepEqual(await results(), [], "the failed transaction left nothing behind");
    const retried = await queue.get(id);
    assert.equal(retried?.state, "queued");
    assert.equal(retried?.error?.id, "job_crashed");
    await queue.runOnce();
    assert.deepEqual(await results(), ["b"]);
    assert.equal((await queue.get(id))?.state, "succeeded");
  });

  test("bad input fails at once with its error id; a crash is retried until the attempts are spent", async () => {
    await reset();
    const queue = createJobQueue(db(), { retryDelayMs: 0 });
    const { handler, failures } = writer("test", async (job) => {
      throw job.key === "input" ? errors.invalidInput([]) : new Error("segfault");
    });
    queue.register(handler);
    const input = await queue.enqueue(null, "test", "input", {});
    const crash = await queue.enqueue(null, "test", "crash", {}, { maxAttempts: 2 });
    while (await queue.runOnce());
    assert.deepEqual(
      { state: (await queue.get(input))?.state, attempts: (await queue.get(input))?.attempts, error: (await queue.get(input))?.error?.id },
      { state: "failed", attempts: 1, error: "invalid_input" },
    );
    const crashed = await queue.get(crash);
    assert.deepEqual({ state: crashed?.state, attempts: crashed?.attempts, error: crashed?.error?.id }, { state: "failed", attempts: 2, error: "job_crashed" });
    assert.deepEqual(failures.sort(), ["crash:job_crashed", "input:invalid_input"], "the failure hook ran once per job");
  });

  test("a job whose worker died is taken over after its lease; on its last attempt it is failed, not run", async () => {
    await reset();
    const queue = createJobQueue(db());
    const { handler, failures } = writer("test");
    queue.register(handler);
    const past = sql`now() - interval '1 minute'`;
    await db()
      .insert(jobs)
      .values([
        { kind: "test", key: "again", payload: {}, state: "running", attempts: 1, maxAttempts: 3, workerId: "dead", leaseUntil: past },
        { kind: "test", key: "spent", payload: {}, state: "running", attempts: 3, maxAttempts: 3, workerId: "dead", leaseUntil: past },
        { kind: "test", key: "alive", payload: {}, state: "running", attempts: 1, maxAttempts: 3, workerId: "busy", leaseUntil: sql`now() + interval '1 minute'` },
      ]);
    while (await queue.runOnce());
    const state = async (key: string) => (await db().select().from(jobs).where(eq(jobs.key, key)))[0];
    assert.deepEqual(await results(), ["again"]);
    assert.equal((await state("again"))?.attempts, 2);
    assert.equal((await state("spent"))?.state, "failed");
    assert.equal((await state("spent"))?.error?.id, "job_interrupted");
    assert.deepEqual(failures, ["spent:job_interrupted"]);
    assert.equal((await state("alive"))?.workerId, "busy", "a job under a live lease is left alone");
  });

  test("a worker that lost its job to another may not write its result", async () => {
    await reset();
    const queue = createJobQueue(db());
    let lost: unknown;
    queue.register(
      writer("test", async (job, ctx) => {
        await db().update(jobs).set({ workerId: "someone-else" }).where(eq(jobs.id, job.id));
        lost = await ctx.complete(({ tx }) => tx.execute(sql`insert into ${RESULTS} values (${job.key})`).then(() => {})).catch((error) => error);
      }).handler,
    );
    await queue.enqueue(null, "test", "c", {});
    await queue.runOnce();
    assert.ok(lost instanceof JobLostError);
    assert.deepEqual(await results(), []);
  });

  test("stopping a worker mid-job gives the job back without spending an attempt; another worker finishes it", async () => {
    await reset();
    const first = createJobQueue(db(), { pollMs: 10 });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    first.register(
      writer("test", async (_job, ctx) => {
        started();
        await new Promise((_resolve, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
      }).handler,
    );
    const id = await first.enqueue(null, "test", "d", {});
    first.start();
    await running;
    await first.stop();
    const released = await first.get(id);
    assert.deepEqual({ state: released?.state, attempts: released?.attempts, workerId: released?.workerId }, { state: "queued", attempts: 0, workerId: null });
    const second = createJobQueue(db());
    second.register(writer("test").handler);
    await second.runOnce();
    assert.deepEqual(await results(), ["d"]);
  });

  test("two workers draining one queue run every job exactly once", async () => {
    await reset();
    const queues = [createJobQueue(db()), createJobQueue(db())];
    for (const queue of queues) queue.register(writer("test").handler);
    const keys = Array.from({ length: 12 }, (_, i) => `k${String(i).padStart(2, "0")}`);
    for (const key of keys) await queues[0]!.enqueue(null, "test", key, {});
    await Promise.all(queues.map(async (queue) => {
      while (await queue.runOnce());
    }));
    assert.deepEqual(await results(), keys);
  });
});
