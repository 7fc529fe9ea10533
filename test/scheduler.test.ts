import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { queryRows } from '../src/db/client.ts';
import { type Job, jobNames, registerJob, runJobs, startScheduler } from '../src/platform/jobs/scheduler.ts';
import { freshDemoDatabase, type TestDatabase, testTarget } from './helpers/database.ts';

// One failing scheduled job must not stop the others: each runs in its own transaction and its own catch.
// Two broken jobs run first (one throws, one fails in SQL after writing), then every real job, then a probe.

const NOW = new Date('2026-12-04T07:00:00Z');

type Logged = { level: 'error' | 'info'; obj: Record<string, unknown>; msg: string };

/** A logger that keeps what it is given, enough of Fastify's for the scheduler. */
function recordingLogger() {
  const logged: Logged[] = [];
  const log = {
    error: (obj: Record<string, unknown>, msg: string) => logged.push({ level: 'error', obj, msg }),
    info: (obj: Record<string, unknown>, msg: string) => logged.push({ level: 'info', obj, msg }),
  } as unknown as FastifyBaseLogger;
  return { log, logged };
}

describe(`scheduled jobs: one failing job leaves the others running (${testTarget})`, () => {
  let database: TestDatabase;
  const seen: Date[] = [];
  const unregister: (() => void)[] = [];
  const broken: Job[] = [
    {
      name: 'test.throws',
      run: async () => {
        throw new Error('the job is broken');
      },
    },
    {
      name: 'test.fails-in-sql',
      run: async (tx) => {
        await tx.execute(sql`create table scheduler_probe (n int)`);
        await tx.execute(sql`insert into scheduler_probe values (1)`);
        await tx.execute(sql`select 1 / 0`);
        return 1;
      },
    },
  ];

  before(async () => {
    database = await freshDemoDatabase();
    for (const job of broken) unregister.push(registerJob(job));
    // The real jobs register on import, after the broken ones: they run after a failure.
    await import('../src/jobs.ts');
    unregister.push(
      registerJob({
        name: 'test.probe',
        run: async (_tx, ctx) => {
          seen.push(ctx.now);
          return 1;
        },
      }),
    );
  });
  after(async () => {
    for (const u of unregister) u();
    await database.close();
  });

  test('the scheduler logs each failing job by name, runs every other job, and rolls back only the failed one', async () => {
    seen.length = 0;
    const real = jobNames().filter((n) => !n.startsWith('test.'));
    assert.ok(real.length >= 7, `the real jobs are registered: ${real.join(', ')}`);
    const { log, logged } = recordingLogger();
    const stop = startScheduler(database.db, log, 3_600_000, () => NOW);
    try {
      // The round ends with its summary, or with the round's own failure (which the fix never lets through).
      const ended = () => logged.some((l) => l.level === 'info' || l.msg === 'scheduled jobs failed');
      for (let i = 0; i < 600 && !ended(); i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      stop();
    }
    const errors = logged.filter((l) => l.level === 'error');
    assert.deepEqual(
      errors.map((e) => [e.obj.job, e.msg]),
      [
        ['test.throws', 'scheduled job test.throws failed'],
        ['test.fails-in-sql', 'scheduled job test.fails-in-sql failed'],
      ],
    );
    assert.match(String((errors[0]!.obj.err as Error).message), /the job is broken/);
    const round = logged.find((l) => l.level === 'info');
    assert.ok(round, 'the round finished');
    assert.deepEqual(Object.keys(round.obj.jobs as object).sort(), [...real, 'test.probe'].sort());
    assert.deepEqual(seen, [NOW], 'the job after the failures ran once, on the scheduler clock');
    const probe = await queryRows<{ t: string | null }>(
      database.db,
      sql`select to_regclass('scheduler_probe')::text as t`,
    );
    assert.deepEqual(probe, [{ t: null }], 'the failed job wrote nothing');
  });

  test('runJobs without a handler runs them all, then throws naming every failed job', async () => {
    seen.length = 0;
    await assert.rejects(runJobs({ db: database.db, now: NOW }), (err: unknown) => {
      assert.ok(err instanceof AggregateError);
      assert.equal(err.message, 'scheduled jobs failed: test.throws, test.fails-in-sql');
      assert.equal(err.errors.length, 2);
      return true;
    });
    assert.deepEqual(seen, [NOW], 'the probe after them ran');
  });
});
