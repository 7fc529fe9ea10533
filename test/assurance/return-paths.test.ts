import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sessions } from '../../src/platform/auth/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { testTarget } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 20, item 7: where a page sends the browser back to (`next` after login, `tillbaka` after refreshing the
// follow-up figures) is always a path of Sömlös, whatever was asked, and a strange value never gives a 5xx.
// The oracle reads a Location header the way a lenient browser does: tabs and newlines dropped, a backslash
// taken as a slash, then resolved against the origin.

const now = '2027-03-01T08:00:00.000Z';
const origin = 'https://somlos.example';

/** Fails unless every browser would stay on Sömlös following this Location. */
function assertStaysHome(location: string | null, what: string) {
  assert.ok(location, `${what}: no Location`);
  assert.doesNotMatch(
    location,
    /[^\x21-\x7e]/,
    `${what}: Location ${JSON.stringify(location)} is not plain ASCII`,
  );
  const lenient = location.replace(/[\t\n\r]/g, '').replace(/\\/g, '/');
  assert.match(lenient, /^\/(?!\/)/, `${what}: Location ${JSON.stringify(location)} is not one path`);
  assert.equal(new URL(lenient, origin).origin, origin, `${what}: Location ${location} leaves`);
}

// Ways to reach another host, or break the header, that have been seen in the wild.
const tricks = [
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/%252F%252Fevil.example',
  '/..//evil.example',
  '/.//evil.example',
  '/./\\evil.example',
  '/x/../..//evil.example',
  'https://evil.example',
  'http:evil.example',
  'https:/evil.example',
  '//evil.example@somlos.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/\u0000',
  '/x\r\nSet-Cookie: somlos_session=planted',
  '/\u2028/evil.example',
  '/\u0085/evil.example',
  '/%E2%80%A8/evil.example',
  '',
  ' ',
  '?next=//evil.example',
  '#//evil.example',
  'evil.example',
  '/%',
  '/%zz',
];

// Pieces a generated `next` is made of: slashes and their look-alikes, controls, encodings, schemes, hosts.
const piece = fc.oneof(
  fc.constantFrom(
    '/',
    '//',
    '\\',
    '/\\',
    '\t',
    '\n',
    '\r',
    '\u0000',
    '\u007f',
    '\u0085',
    '\u2028',
    ' ',
    '.',
    '..',
    '%2F',
    '%2f',
    '%5C',
    '%5c',
    '%09',
    '%0A',
    '%0D',
    '%00',
    '%25',
    '%',
    '@',
    ':',
    '?',
    '#',
    'https:',
    'javascript:',
    'evil.example',
    'organisationer',
    'sip',
    'ö',
    '／',
    '＼',
  ),
  fc.string({ maxLength: 4 }),
);
const generatedNext = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

let s: TestServer;
// One describe holds the file: its hooks then apply to its own tests only (the suite runs every file in one process).
describe(`return paths (${testTarget})`, () => {
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  describe(`next after logging in (${testTarget})`, () => {
    test('a logged-in visitor sent to the login page with a generated next stays on Sömlös', async () => {
      const b = new Browser(s.url, {}, { now });
      assert.equal((await b.logIn('soc.karlstad')).status, 303);
      const property = fc.asyncProperty(generatedNext, async (next) => {
        const res = await b.request('GET', `/logga-in?next=${encodeURIComponent(next)}`);
        assert.equal(res.status, 303, `next ${JSON.stringify(next)}: ${res.status}`);
        assertStaysHome(res.headers.get('location'), `next ${JSON.stringify(next)}`);
      });
      await fc.assert(property, { numRuns: 400, seed: 20_7 });
      for (const next of tricks) {
        const res = await b.request('GET', `/logga-in?next=${encodeURIComponent(next)}`);
        assert.equal(res.status, 303, `next ${JSON.stringify(next)}: ${res.status}`);
        assert.equal(res.headers.get('location'), '/', `next ${JSON.stringify(next)}`);
      }
    });

    test('logging in with each known trick as next goes to the start page, with one working session', async () => {
      for (const next of tricks) {
        const before = await s.database.db.$count(sessions);
        const b = new Browser(s.url, {}, { now });
        const res = await b.logIn('soc.arvika', undefined, { next });
        assert.equal(
          res.status,
          303,
          `next ${JSON.stringify(next)}: ${res.status} ${res.text.slice(0, 200)}`,
        );
        assert.equal(res.headers.get('location'), '/', `next ${JSON.stringify(next)}`);
        assert.equal(await s.database.db.$count(sessions), before + 1, 'one session made');
        assert.equal((await b.request('GET', '/')).status, 200, 'and it works');
      }
    });

    test('a generated next posted with the login form is followed only within Sömlös, never a 5xx', async () => {
      const property = fc.asyncProperty(generatedNext, async (next) => {
        const b = new Browser(s.url, {}, { now });
        const res = await b.logIn('soc.arvika', undefined, { next });
        assert.equal(res.status, 303, `next ${JSON.stringify(next)}: ${res.status}`);
        assertStaysHome(res.headers.get('location'), `next ${JSON.stringify(next)}`);
      });
      await fc.assert(property, { numRuns: 15, seed: 20_7 });
    });

    test('a wrong password keeps a safe next in the form and drops a foreign one', async () => {
      const b = new Browser(s.url, {}, { now });
      const kept = await b.logIn('soc.arvika', 'fel', { next: '/organisationer?lan=17' });
      assert.equal(kept.status, 401);
      assert.match(kept.text, /name="next" value="\/organisationer\?lan=17"/);
      const dropped = await b.logIn('soc.arvika', 'fel', { next: '/\t/evil.example' });
      assert.match(dropped.text, /name="next" value="\/"/);
    });

    test('paths of Sömlös are followed, with their query and Swedish letters', async () => {
      for (const [next, location] of [
        ['/organisationer', '/organisationer'],
        ['/sip?status=open&sida=2', '/sip?status=open&sida=2'],
        ['/ansvar?q=%C3%B6vrigt', '/ansvar?q=%C3%B6vrigt'],
        ['/ansvar?q=övrigt', '/ansvar?q=%C3%B6vrigt'],
      ] as const) {
        const res = await new Browser(s.url, {}, { now }).logIn('soc.falun', undefined, { next });
        assert.equal(res.headers.get('location'), location, next);
      }
    });
  });

  describe(`tillbaka after refreshing the follow-up figures (${testTarget})`, () => {
    test('only a dashboard path of Sömlös is followed', async () => {
      const b = new Browser(s.url, {}, { now });
      await b.logIn('avtal.varmland');
      const cases: [string, string][] = [
        ['/uppfoljning/indikatorer?ar=2026', '/uppfoljning/indikatorer?ar=2026'],
        ...[
          '/uppfoljning/indikatorer\r\nX: y',
          '/uppfoljning/indikatorer/..//evil.example',
          '//evil.example',
        ].map((t): [string, string] => [t, '/uppfoljning/indikatorer']),
        ...tricks.slice(0, 6).map((t): [string, string] => [t, '/uppfoljning/indikatorer']),
      ];
      for (const [tillbaka, location] of cases) {
        const res = await b.submit('/uppfoljning/indikatorer', '/uppfoljning/indikatorer/uppdatera', {
          tillbaka,
        });
        assert.equal(res.status, 303, `tillbaka ${JSON.stringify(tillbaka)}: ${res.status}`);
        assert.equal(res.headers.get('location'), location, `tillbaka ${JSON.stringify(tillbaka)}`);
      }
    });
  });
});
