import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../clock.ts';

/**
 * Scheduled jobs: reminders, overdue flags, renewal warnings. A job gets the database and a clock, exactly
 * like a use case gets the request context, so tests run it at any moment they choose. Every job must be
 * safe when two instances run it at once: claim rows with FOR UPDATE SKIP LOCKED and create notices by key.
 */
export type JobContext = { db: Db; now: Date };
export type Job = { name: string; run: (tx: Db, ctx: JobContext) => Promise<number> };

const jobs: Job[] = [];

/**
 * Adds a job to every round; returns the function that takes it out again (for tests). Modules' jobs come from
 * their manifests through registerModules (platform/modules/manifest.ts), never from importing a file.
 */
export function registerJob(job: Job): () => void {
  if (jobs.some((j) => j.name === job.name)) throw new Error(`job ${job.name} registered twice`);
  jobs.push(job);
  return () => {
    const at = jobs.indexOf(job);
    if (at >= 0) jobs.splice(at, 1);
  };
}

/** The registered jobs' names, in the order they run. */
export const jobNames = () => jobs.map((j) => j.name);

/**
 * Runs every job once, each in its own transaction; returns what each one did (e.g. notices created). A job that
 * fails is rolled back on its own and the others still run: one broken job must not stop the reminders. Each
 * failure goes to onFailure; without one, the failures are thrown together once every job has run.
 */
export async function runJobs(
  ctx: JobContext,
  onFailure?: (job: string, err: unknown) => void,
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  const failed: { job: string; err: unknown }[] = [];
  for (const job of jobs) {
    try {
      done[job.name] = await inTransaction(ctx.db, (tx) => job.run(tx, ctx));
    } catch (err) {
      if (onFailure) onFailure(job.name, err);
      else failed.push({ job: job.name, err });
    }
  }
  if (failed.length > 0)
    throw new AggregateError(
      failed.map((f) => f.err),
      `scheduled jobs failed: ${failed.map((f) => f.job).join(', ')}`,
    );
  return done;
}

/**
 * Runs the jobs every interval on the clock (the real one in production); each failing job is logged with its
 * name, and the next round tries it again.
 */
export function startScheduler(db: Db, log: FastifyBaseLogger, intervalMs: number, clock: Clock): () => void {
  return every(intervalMs, log, 'scheduled jobs', async () => {
    const done = await runJobs({ db, now: clock() }, (job, err) =>
      log.error({ err, job }, `scheduled job ${job} failed`),
    );
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
