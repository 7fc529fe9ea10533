import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';

/**
 * Scheduled jobs: reminders, overdue flags, renewal warnings. A job gets the database and a clock, exactly
 * like a use case gets the request context, so tests run it at any moment they choose. Every job must be
 * safe when two instances run it at once: claim rows with FOR UPDATE SKIP LOCKED and create notices by key.
 */
export type JobContext = { db: Db; now: Date };
export type Job = { name: string; run: (tx: Db, ctx: JobContext) => Promise<number> };

const jobs: Job[] = [];

export function registerJob(job: Job): void {
  if (jobs.some((j) => j.name === job.name)) throw new Error(`job ${job.name} registered twice`);
  jobs.push(job);
}

/** Runs every job once, each in its own transaction; returns what each one did (e.g. notices created). */
export async function runJobs(ctx: JobContext): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const job of jobs) done[job.name] = await inTransaction(ctx.db, (tx) => job.run(tx, ctx));
  return done;
}

/** Runs the jobs every interval on the real clock; a failing round is logged and the next one tries again. */
export function startScheduler(db: Db, log: FastifyBaseLogger, intervalMs: number): () => void {
  return every(intervalMs, log, 'scheduled jobs', async () => {
    const done = await runJobs({ db, now: new Date() });
    if (Object.values(done).some((n) => n > 0)) log.info({ jobs: done }, 'scheduled jobs');
  });
}

/**
 * Calls `round` now and every interval, never two rounds at once; a failing round is logged and the next one
 * tries again. Returns the function that stops it.
 */
export function every(intervalMs: number, log: FastifyBaseLogger, what: string, round: () => Promise<void>) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await round();
    } catch (err) {
      log.error({ err }, `${what} failed`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
