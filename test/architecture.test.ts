import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import Fastify from 'fastify';
import { z } from 'zod';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { namedFields } from '../src/platform/http/body-fields.ts';
import { isApiRequest } from '../src/platform/http/context.ts';
import { assertRouteDeclared } from '../src/platform/http/guard.ts';
import { testClock } from './helpers/clock.ts';
import { freshDatabase } from './helpers/database.ts';

const root = join(import.meta.dirname, '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

// Matches an import of people/schema.ts from anywhere, or of ./schema.ts from inside the people module.
const importsPersonTable = (file: string) => {
  const text = readFileSync(file, 'utf8');
  const insidePeople = relative(root, file).startsWith('src/modules/people/');
  return /from '[^']*people\/schema\.ts'/.test(text) || (insidePeople && /from '\.\/schema\.ts'/.test(text));
};

// The access layer reads persons; the schema index gathers tables for migrations; a module's schema.ts may
// reference the person table for a foreign key (it defines tables and runs no query).
const mayImportPersonTable = (f: string) =>
  f.startsWith('src/platform/access/') ||
  f === 'src/db/schema.ts' ||
  /^src\/modules\/[^/]+\/schema\.ts$/.test(f);

test('only the access layer (and table definitions) import the person table', () => {
  const offenders = sourceFiles(join(root, 'src'))
    .filter((f) => !f.endsWith('.test.ts') && importsPersonTable(f))
    .map((f) => relative(root, f))
    .filter((f) => !mayImportPersonTable(f));
  assert.deepEqual(offenders, []);
});

test('no module reads the access log table except the access layer', () => {
  const offenders = sourceFiles(join(root, 'src'))
    .filter((f) => !f.endsWith('.test.ts'))
    .filter((f) => readFileSync(f, 'utf8').includes('access/schema.ts'))
    .map((f) => relative(root, f))
    .filter((f) => !f.startsWith('src/platform/access/') && f !== 'src/db/schema.ts');
  assert.deepEqual(offenders, []);
});

test('a route that does not declare who may call it stops the start', async () => {
  const app = Fastify();
  app.addHook('onRoute', assertRouteDeclared);
  assert.throws(() => app.get('/oops', async () => 'open door'), /must declare config\.access/);
  await app.close();
});

test('a route that takes a body without a schema stops the start', async () => {
  const app = Fastify();
  app.addHook('onRoute', assertRouteDeclared);
  assert.throws(
    () => app.post('/oops', { config: { access: 'authenticated' } }, async () => 'ok'),
    /declares no schema/,
  );
  await app.close();
});

// Issue 21 item 1: a page's form is posted through platform/views/form-pages.ts, whose body schema is the form's
// own fields and the CSRF token's. A schema that takes any field checks nothing, so the start refuses it.
const catchAlls = {
  'z.record': z.record(z.string(), z.unknown()),
  'z.any': z.any(),
  'z.unknown': z.unknown(),
  'a passthrough object': z.object({ title: z.string() }).passthrough(),
  'a loose object': z.looseObject({ title: z.string() }),
  'an object with a catch-all': z.object({ title: z.string() }).catchall(z.string()),
  'a transform of a record': z.record(z.string(), z.string()).transform((v) => v),
};

test('a page form whose body schema is a catch-all stops the start', async () => {
  const app = Fastify();
  app.addHook('onRoute', assertRouteDeclared);
  for (const [name, body] of Object.entries(catchAlls)) {
    assert.throws(
      () =>
        app.post(`/oops-${name.length}`, { config: { access: 'authenticated' }, schema: { body } }, () => ''),
      /body schema is a catch-all/,
      name,
    );
  }
  const form = z.object({ title: z.string(), _csrf: z.string() }).transform((f) => f.title);
  app.post('/named', { config: { access: 'authenticated' }, schema: { body: form } }, () => '');
  await app.close();
});

test('every route that takes a body names its fields: the pages their forms and the CSRF token', async () => {
  const database = await freshDatabase();
  await database.migrate();
  // The guard refuses a page form's catch-all as the routes are registered, so building the app fails then.
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database,
    clock: testClock,
  }).catch(async (err) => {
    await database.close();
    throw err;
  });
  try {
    const bodies = app.routeTable.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method));
    assert.ok(bodies.length > 100, `${bodies.length} routes take a body`);
    const offenders = bodies.flatMap((r) => {
      const fields = namedFields(r.schema?.body);
      if (fields === null) return [`${r.method} ${r.url}: its body schema names no fields`];
      if (!isApiRequest(r.url) && !fields.includes('_csrf'))
        return [`${r.method} ${r.url}: a page form without the CSRF token's field`];
      return [];
    });
    assert.deepEqual(offenders, []);
  } finally {
    await app.close();
    await database.close();
  }
});

// Issue 21 item 6: a source file stays small enough to read as one concern.
const maxLines = 400;
const splitInProgress = new Set([
  // split in progress
  'src/modules/followup/demo.ts',
]);

test(`no source file under src/ is over ${maxLines} lines (tests excluded)`, () => {
  const offenders = sourceFiles(join(root, 'src'))
    .filter((f) => !f.endsWith('.test.ts'))
    .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter(({ file, lines }) => lines > maxLines && !splitInProgress.has(file))
    .map(({ file, lines }) => `${file}: ${lines} lines`);
  assert.deepEqual(offenders, []);
});

// Issue 20 item 8: every CSV export goes through platform/documents/csv.ts, which neutralises formula cells.
// A new export that wrote CSV itself (csv-stringify directly, or cells joined by hand) would bypass it.
const csvWriter = 'src/platform/documents/csv.ts';
const joinsCells = /\.join\(\s*(['"`])(;|\\t|\\r\\n|\t)\1\s*\)/;

test('only the CSV writer writes CSV: no other file imports csv-stringify, answers text/csv or joins cells by hand', () => {
  const offenders = sourceFiles(join(root, 'src'))
    .filter((f) => !f.endsWith('.test.ts') && relative(root, f) !== csvWriter)
    .filter((f) => {
      const text = readFileSync(f, 'utf8');
      return text.includes('csv-stringify') || /text\/csv/i.test(text) || joinsCells.test(text);
    })
    .map((f) => relative(root, f));
  assert.deepEqual(offenders, []);
});

test('the CSV check recognises a hand-made export', () => {
  for (const text of ["rows.map((r) => r.join(';')).join('\\r\\n')", 'cells.join(";")', 'cells.join(`\\t`)'])
    assert.ok(joinsCells.test(text), text);
});

// A test that reads the wall clock passes today and fails on some later day (a date that was "in a week" is in the
// past). Every test names its moment: requests carry X-Somlos-Now or run on the test server's fixed clock
// (test/helpers/clock.ts), use cases and jobs take a `now`, and buildApp cannot be called without a clock. A
// timeout measures elapsed time with performance.now(), which is no date.
const readsWallClock = [/\bDate\.now\s*\(/, /(^|[^\w.$])(new\s+)?(TZ)?Date\s*\(\s*\)/];

test('no test reads the wall clock: each sets its own', () => {
  const files = [
    ...sourceFiles(join(root, 'test')),
    ...sourceFiles(join(root, 'src')).filter((f) => f.endsWith('.test.ts')),
    join(root, 'playwright.config.ts'),
  ];
  assert.ok(files.length > 80, `${files.length} test files found`);
  const offenders = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        readsWallClock.some((re) => re.test(line))
          ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`]
          : [],
      ),
  );
  assert.deepEqual(offenders, []);
});
