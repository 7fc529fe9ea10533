import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import ts from 'typescript';
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
  const insidePeople = relative(root, file).startsWith('src/platform/people/');
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

test(`no source file under src/ is over ${maxLines} lines (tests excluded)`, () => {
  const offenders = sourceFiles(join(root, 'src'))
    .filter((f) => !f.endsWith('.test.ts'))
    .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > maxLines)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
  assert.deepEqual(offenders, []);
});

// Issue 21 item 6: a test file stays small enough to read as one theme; a longer one is split by theme (what its
// tests share goes to test/helpers/, or test/e2e/ for the browser suite).
const maxTestLines = 500;
const testFiles = () => [
  ...sourceFiles(join(root, 'test')).filter((f) => /\.(test|spec)\.ts$/.test(f)),
  ...sourceFiles(join(root, 'src')).filter((f) => f.endsWith('.test.ts')),
];

test(`no test file is over ${maxTestLines} lines`, () => {
  const files = testFiles();
  assert.ok(files.length > 80, `${files.length} test files found`);
  const offenders = files
    .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > maxTestLines)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
  assert.deepEqual(offenders, []);
});

// The suite runs every file in one process (--test-isolation=none), where a hook at a file's top level belongs to
// the run, not the file: a top-level before() runs for the whole run and a beforeEach() before every test of every
// file. A file's hooks go in a describe that holds its tests.
const topLevelHook = /^(before|after|beforeEach|afterEach)\(/m;

test('no test file has a hook at its top level (hooks go in a describe)', () => {
  const offenders = testFiles()
    .filter((f) => f.endsWith('.test.ts'))
    .flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          topLevelHook.test(line) ? [`${relative(root, f)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
  assert.deepEqual(offenders, []);
});

test('the hook check finds a top-level hook and leaves one in a describe', () => {
  for (const line of [
    'before(async () => {',
    'after(() => s.close());',
    'beforeEach(reset);',
    'afterEach(() => {',
  ])
    assert.ok(topLevelHook.test(line), line);
  for (const line of ['  before(async () => {', 't.after(() => s.close());', 'test.afterAll(closeAll);'])
    assert.ok(!topLevelHook.test(line), line);
});

// Issue 21 item 6: a function stays short enough to read as one step. A function's lines are counted from its
// first line to its last, the functions inside it included: a route plugin is as long as the routes it holds.
const maxFunctionLines = 80;

/** Each function in the file (declarations, expressions, arrows, methods, accessors) with its first line and length. */
function functionLengths(
  file: string,
  text = readFileSync(file, 'utf8'),
): { name: string; line: number; lines: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const found: { name: string; line: number; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = lineOf(node.getStart(source));
      found.push({ name: functionName(node), line: first, lines: lineOf(node.getEnd()) - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A function's own name, or the name it is assigned to (`const routes = async (app) => …`). */
function functionName(node: ts.SignatureDeclaration): string {
  const named =
    node.name ??
    (ts.isVariableDeclaration(node.parent) || ts.isPropertyAssignment(node.parent)
      ? node.parent.name
      : undefined);
  return named?.getText() ?? '(anonymous)';
}

test(`no function in src/ is over ${maxFunctionLines} lines (tests excluded)`, () => {
  const files = sourceFiles(join(root, 'src')).filter((f) => !f.endsWith('.test.ts'));
  const all = files.flatMap((file) =>
    functionLengths(file).map((fn) => ({ ...fn, file: relative(root, file) })),
  );
  assert.ok(all.length > 1000, `${all.length} functions found`);
  const offenders = all
    .filter(({ lines }) => lines > maxFunctionLines)
    .map(({ file, line, name, lines }) => `${file}:${line} ${name}: ${lines} lines`);
  assert.deepEqual(offenders, []);
});

test('the function length counts a function from its first line to its last, nested functions included', () => {
  const body = Array.from({ length: 79 }, (_, i) => `  const x${i} = ${i};`).join('\n');
  const text = `export const outer = async () => {\n  const inner = () => {\n${body}\n  };\n};\n`;
  assert.deepEqual(
    functionLengths('example.ts', text).map(({ name, line, lines }) => [name, line, lines]),
    [
      ['outer', 1, 83],
      ['inner', 2, 81],
    ],
  );
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

// A table wider than a phone must scroll inside its own region, not widen the page (WCAG 1.4.10): each table
// in a template opens right after a focusable `app-table-scroll` region, labelled or labelled by its heading.
const viewFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? viewFiles(join(dir, e.name)) : e.name.endsWith('.njk') ? [join(dir, e.name)] : [],
  );
const scrollRegion =
  /<div class="app-table-scroll" role="region" aria-label(ledby)?="[^"]+" tabindex="0">\s*$/;
function tablesOutsideScrollRegions(text: string): number {
  const lines = text.split('\n');
  return lines.filter((line, i) => {
    if (!/<table\b|govukTable\(/.test(line)) return false;
    const before = lines.slice(0, i).filter((l) => l.trim() !== '');
    return !scrollRegion.test(before.at(-1) ?? '');
  }).length;
}

test('every table in a template scrolls in its own focusable region', () => {
  const offenders = viewFiles(join(root, 'views'))
    .filter((f) => tablesOutsideScrollRegions(readFileSync(f, 'utf8')) > 0)
    .map((f) => relative(root, f));
  assert.deepEqual(offenders, []);
});

test('the table check recognises a table outside a region', () => {
  assert.equal(tablesOutsideScrollRegions('<h2>x</h2>\n<table class="govuk-table">'), 1);
  assert.equal(tablesOutsideScrollRegions('{{ govukTable({ rows: r }) }}'), 1);
  const wrapped = '<div class="app-table-scroll" role="region" aria-label="Län" tabindex="0">\n  <table>';
  assert.equal(tablesOutsideScrollRegions(wrapped), 0);
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

// Issue 21 item 3: module boundaries (docs/ARCHITECTURE.md "Modules and their boundaries").
// - A module (src/modules/<name>/) is used by other modules through its index.ts only, which exports its manifest
//   and the functions it offers. Two named exceptions:
//   1. the shared kernel, organisations/schema.ts (counties, principals, units, users and roles: who is who, which
//      the platform's sessions and every module refer to) and organisations/unit-names.ts (a unit's name at an
//      instant and the units it succeeded, SQL over those tables), importable from anywhere;
//   2. a module's schema.ts may import another module's schema.ts for a foreign key: it defines tables and runs
//      no query (src/db/schema.ts gathers every table for drizzle-kit). A query on another module's tables goes
//      through that module's index.ts, as the disputes and deviations read SIPs.
// - platform/ imports no module but the shared kernel.
// - Nothing registers itself on import: access rules, jobs and reactions come from the manifests, which only
//   the composition roots (src/app.ts, src/jobs.ts) hand to registerModules.
const sharedKernel = ['src/modules/organisations/schema.ts', 'src/modules/organisations/unit-names.ts'];
const moduleOf = (f: string) => /^src\/modules\/([^/]+)\//.exec(f)?.[1];

/** The repository files a source file imports (static, dynamic, type-only and re-exports), relative to root. */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    relative(root, resolve(dirname(file), m[1]!)),
  );

/** `from → to` for every import that leaves its module other than through index.ts or an exception above. */
const deepModuleImports = (files: string[]) =>
  files.flatMap((file) => {
    const from = relative(root, file);
    const own = moduleOf(from);
    return importsOf(file)
      .filter((to) => {
        const other = moduleOf(to);
        if (!other || other === own) return false;
        if (to === `src/modules/${other}/index.ts` || sharedKernel.includes(to)) return false;
        return !(from.endsWith('/schema.ts') && to.endsWith('/schema.ts'));
      })
      .map((to) => `${from} → ${to}`);
  });

/** `from → to` for every import from platform/ into a module, the shared kernel excepted. */
const platformModuleImports = (files: string[]) =>
  files.flatMap((file) =>
    importsOf(file)
      .filter((to) => moduleOf(to) && !sharedKernel.includes(to))
      .map((to) => `${relative(root, file)} → ${to}`),
  );

const sources = (dir: string) => sourceFiles(join(root, dir)).filter((f) => !f.endsWith('.test.ts'));
const moduleNames = readdirSync(join(root, 'src/modules'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

// Who may do what to which object is answered in one place per module, policy.ts (issue 21 item 4), which both
// the use cases and the pages ask. A module with no rule of its own beyond its routes' roles says why here.
const withoutPolicy: Record<string, string> = {
  notifications:
    "a user changes only their own choices; the county's defaults are the county administrator's route",
  responsibilities: 'read-only lists for every logged-in user',
};

test('every module answers who may do what in its policy.ts, or says here why it has none', () => {
  const missing = moduleNames.filter(
    (m) =>
      !existsSync(join(root, 'src/modules', m, 'policy.ts')) &&
      !existsSync(join(root, 'src/modules', m, 'admin/policy.ts')) &&
      !(m in withoutPolicy),
  );
  assert.deepEqual(missing, []);
});

test('every module has a public index.ts with its manifest, and the app registers each manifest once', async () => {
  assert.ok(moduleNames.length >= 10, moduleNames.join(', '));
  assert.deepEqual(
    moduleNames.filter((m) => !existsSync(join(root, 'src/modules', m, 'index.ts'))),
    [],
    'modules without index.ts',
  );
  const { manifests } = await import('../src/manifests.ts');
  assert.deepEqual(manifests.map((m) => m.name).sort(), [...moduleNames].sort());
});

test('a module imports another module only through its index.ts (the shared kernel and schema foreign keys excepted)', () => {
  assert.deepEqual(deepModuleImports(sources('src/modules')), []);
});

test('platform/ imports no module, except the shared kernel', () => {
  assert.deepEqual(platformModuleImports(sources('src/platform')), []);
});

// The register functions are called by registerModules (platform/modules/manifest.ts) alone, and it by the
// composition roots alone; a module file that called one would register on import, for whoever imported it.
const registerCalls: Record<string, string[]> = {
  registerAccessRule: ['src/platform/modules/manifest.ts'],
  registerObjectLabel: ['src/platform/modules/manifest.ts'],
  registerSelfAccessRule: ['src/platform/modules/manifest.ts'],
  registerJob: ['src/platform/modules/manifest.ts'],
  registerUnitClosedReactions: ['src/platform/modules/manifest.ts'],
  registerModules: ['src/app.ts', 'src/jobs.ts'],
};

test("only registerModules registers access rules (staff's and the person's), jobs and reactions, and only the app and jobs.ts call it", () => {
  const offenders = sources('src').flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const at = relative(root, file);
    return Object.entries(registerCalls)
      .filter(([fn, callers]) => new RegExp(`\\b${fn}\\(`).test(text) && !callers.includes(at))
      .filter(([fn]) => !new RegExp(`export function ${fn}\\s*\\(`).test(text))
      .map(([fn]) => `${at} calls ${fn}`);
  });
  assert.deepEqual(offenders, []);
});

// Run in a fresh process: this one has built the app above, which registers every manifest.
const run = promisify(execFile);
const registriesAfterImporting = async (files: string[]) => {
  const url = (f: string) => JSON.stringify(pathToFileURL(join(root, f)).href);
  const script = `
    const { accessRuleTypes } = await import(${url('src/platform/access/access-layer.ts')});
    const { selfAccessRuleTypes } = await import(${url('src/platform/access/person-self.ts')});
    const { jobNames } = await import(${url('src/platform/jobs/scheduler.ts')});
    const { unitClosedReactions } = await import(${url('src/platform/modules/reactions.ts')});
    for (const file of ${JSON.stringify(files.map((f) => pathToFileURL(f).href))}) await import(file);
    let reactions = 'registered';
    try { unitClosedReactions(); } catch (err) { reactions = err.message; }
    console.log(JSON.stringify({
      accessRules: accessRuleTypes(), selfAccessRules: selfAccessRuleTypes(), jobs: jobNames(), reactions,
    }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    accessRules: string[];
    selfAccessRules: string[];
    jobs: string[];
    reactions: string;
  };
};

test("importing every module file registers nothing: no access rule (staff's or the person's), no job, no reaction", async () => {
  const files = sources('src/modules');
  assert.ok(files.length > 150, `${files.length} module files`);
  const after = await registriesAfterImporting(files);
  assert.deepEqual(after.accessRules, [], 'access rules registered on import');
  assert.deepEqual(after.selfAccessRules, [], "the person's self rules registered on import");
  assert.deepEqual(after.jobs, [], 'jobs registered on import');
  assert.match(after.reactions, /no modules registered/, 'reactions registered on import');
});
