// The e-mail digest as a durable job: every hour the server queues one (one per hour whatever the number of
// processes, by its key); it sends each digest that is due and records it as sent once its e-mail has gone.
import type { JobQueue } from "../../jobs/queue.ts";
import type { Mailer } from "../../mail/mailer.ts";
import { composeDigest } from "./digest.ts";
import type { PilotsService } from "./service.ts";

export const DIGEST_JOB = "pilots.digest";
const HOUR = 3600_000;

/** Whether this instance can send digests: it needs an SMTP server and its public address for the links. */
export const digestsEnabled = (mailer: Mailer, publicUrl: string | undefined): publicUrl is string => mailer.enabled && Boolean(publicUrl);

export function registerDigestJob(queue: JobQueue, pilots: PilotsService, mailer: Mailer, publicUrl: string | undefined): void {
  queue.register({
    kind: DIGEST_JOB,
    async run(job, ctx) {
      if (!digestsEnabled(mailer, publicUrl)) return ctx.complete(async () => {});
      const now = new Date(String(job.payload.at));
      const baseUrl = publicUrl.replace(/\/+$/, "");
      const due = await pilots.dueDigests(now);
      for (const [i, digest] of due.entries()) {
        ctx.signal.throwIfAborted();
        if (digest.items.length) {
          const mail = composeDigest({
            lang: digest.lang,
            items: digest.items,
            recipientName: digest.displayName,
            baseUrl,
            period: digest.period,
            unsubscribeUrl: `${baseUrl}/${digest.lang}/workspace/pilots/feed`,
          });
          await mailer.send({ to: digest.email, ...mail });
        }
        // Marked one by one: a retry after a failure does not send again what has gone.
        await pilots.markDigestSent(digest.userId, now);
        ctx.progress({ phase: "sending", fraction: (i + 1) / due.length });
      }
      await ctx.complete(async () => {});
    },
  });
}

/** Queues the digest job now and at every hour; returns the function that stops it. */
export function scheduleDigests(queue: JobQueue, log: { error(object: unknown, message: string): void }): () => void {
  const enqueue = () => {
    const at = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    queue.enqueue(null, DIGEST_JOB, at.toISOString(), { at: at.toISOString() }).catch((err: unknown) => log.error({ err }, "digest not queued"));
  };
  enqueue();
  const timer = setInterval(enqueue, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
