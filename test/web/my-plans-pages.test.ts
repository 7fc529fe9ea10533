import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import '../../src/jobs.ts';
import { Browser } from '../helpers/browser.ts';
import type { ChangeWatch } from '../helpers/change-watch.ts';
import { testTarget } from '../helpers/database.ts';
import {
  anna,
  arvika,
  bertil,
  karlstad,
  type MyPlansWorld,
  ok,
  openMyPlansWorld,
  region,
  text,
} from '../helpers/my-plans-world.ts';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { personBrowser, personIdOf } from '../helpers/person.ts';
import type { TestServer } from '../helpers/server.ts';
import { NOW, type World } from '../helpers/sip-world.ts';

// Issue 26 item 2, over HTTP: the person's plans, each reached only by the person whose SIP it is (another
// person's SIP is 404, like one that does not exist); each read in the access log with the person as the one who
// acted. The consent: my-plans-consent.test.ts; who has read about them and their data: my-plans-extract.test.ts.

describe(`Mina planer: the person's plans (${testTarget})`, () => {
  let m: MyPlansWorld;
  let s: TestServer;
  let w: World;
  let watch: ChangeWatch;
  let staffNames: Map<string, string>;
  before(async () => {
    m = await openMyPlansWorld();
    ({ s, w, watch, staffNames } = m);
  });
  after(() => s.close());
  const annasPlan = (person = anna) => m.annasPlan(person);
  const socialServicesPlan = (person: typeof anna) => m.socialServicesPlan(person);
  const planOf = (goal: string, words?: string) => m.planOf(goal, words);

  test('my plans: each SIP, open and closed, by its convening unit; each listed logged as read by the person', async () => {
    const open = await annasPlan();
    const closed = await socialServicesPlan(anna);
    ok(await w.by('soc.karlstad')('POST', `/api/sips/${closed.id}/closure`, { reason: 'goalsMet' }));
    const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
    await watch.take();
    const page = text(ok(await browser.request('GET', '/mina-planer')).text);
    assert.match(page, /Planer som pågår Plan hos Vuxenpsykiatri Karlstad, Region Värmland Pågår\./);
    assert.match(
      page,
      /Planer som är avslutade Plan hos Socialtjänst vuxen, Karlstad, Karlstads kommun Avslutad\./,
    );
    const logged = (await watch.take())
      .filter((c) => c.tableName === 'access_log')
      .map((c) => JSON.parse(c.row));
    const personId = await personIdOf(s, anna.personalIdentityNumber);
    for (const id of [open.id, closed.id])
      assert.ok(
        logged.some(
          (r) => r.object_id === id && r.actor === 'person' && r.action === 'read' && r.user_id === null,
        ),
        `the list's read of ${id}`,
      );
    assert.ok(logged.every((r) => r.person_id === personId));
  });

  test('a plan in plain Swedish: their own words first, goals, who does what, the next meeting with place, video link and who is invited', async () => {
    const sip = await annasPlan();
    ok(
      await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
        unitId: w.unit('soc.karlstad'),
        meetingAt: '2027-01-12T13:00:00+01:00',
        place: 'Psykiatrins mottagning, Karlstad',
        videoLink: 'https://mote.example.invalid/sip',
        externalParticipants: [{ kind: 'forsakringskassan', note: '' }],
      }),
      201,
    );
    const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
    const html = ok(await browser.request('GET', `/mina-planer/${sip.id}`)).text;
    const page = text(html);
    const at = (what: string) => {
      const i = page.indexOf(what);
      assert.ok(i >= 0, `the page says ${what}: ${page}`);
      return i;
    };
    assert.ok(
      at('Med dina egna ord Jag vill bo själv och ha ett arbete.') <
        at('Dina mål Egen bostad och ett arbete'),
    );
    assert.ok(
      at('Dina mål') <
        at('Vem gör vad och när Boendestöd två gånger i veckan Vem Socialtjänst vuxen, Karlstad'),
    );
    at('Huvudansvar: Vuxenpsykiatri Karlstad, Region Värmland.');
    // The next meeting is the one of 1 December (NOW is 26 November), with both units invited and their answers.
    at('Nästa möte När tisdag 1 december 2026 klockan 13.00');
    at('Socialtjänst vuxen, Karlstad, Karlstads kommun: kommer');
    at('Socialtjänst vuxen, Arvika, Arvika kommun: kommer');
    const later = await personBrowser(s, anna.personalIdentityNumber, '2026-12-02T10:00:00Z');
    const next = text(ok(await later.request('GET', `/mina-planer/${sip.id}`)).text);
    assert.match(
      next,
      /Nästa möte När tisdag 12 januari 2027 klockan 13\.00 Var Psykiatrins mottagning, Karlstad/,
    );
    assert.match(
      next,
      /Socialtjänst vuxen, Karlstad, Karlstads kommun: har inte svarat än Försäkringskassan/,
    );
    assert.match(
      ok(await later.request('GET', `/mina-planer/${sip.id}`)).text,
      /href="https:\/\/mote\.example\.invalid\/sip"[^>]*>Länk till mötet på video/,
    );
    // Never the staff who wrote it.
    for (const name of staffNames.values()) assert.ok(!html.includes(name), name);
  });

  test('earlier versions, newest first, and the plan as a PDF, logged as a print by the person', async () => {
    const sip = await annasPlan();
    ok(
      await w.by('psykiatri.karlstad')(
        'PUT',
        `/api/sips/${sip.id}/plan`,
        planOf('Eget arbete', 'Nu vill jag arbeta.'),
      ),
    );
    const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
    const versions = text(ok(await browser.request('GET', `/mina-planer/${sip.id}/versioner`)).text);
    assert.ok(versions.indexOf('Version 2, från 26 november 2026') < versions.indexOf('Version 1, från'));
    assert.match(
      versions,
      /Version 2, från 26 november 2026 Med dina egna ord Jag vill bo själv och ha ett arbete\./,
    );
    assert.doesNotMatch(versions, /Nu vill jag arbeta/, 'the current version is on the plan’s page');
    await watch.take();
    const pdf = await browser.download(`/mina-planer/${sip.id}/plan.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.get('content-disposition'), 'attachment; filename="min-plan.pdf"');
    const printed = oneLine(pdfText(pdf.body));
    assert.match(printed, /Nu vill jag arbeta\./);
    assert.match(printed, /Anna Andersson, 19811218-9876/);
    assert.match(printed, /dig själv, med e-legitimation/);
    const logged = (await watch.take())
      .filter((c) => c.tableName === 'access_log')
      .map((c) => JSON.parse(c.row));
    assert.deepEqual(
      logged.map((r) => [r.actor, r.action, r.object_id]),
      [['person', 'print', sip.id]],
    );
  });

  test("another person's SIP, and one that does not exist, is 404 on every route of a plan, and nothing is written", async () => {
    const sip = await annasPlan();
    const other = await w.consent(await w.start('psykiatri.karlstad', bertil), [region, karlstad]);
    const browser = await personBrowser(s, bertil.personalIdentityNumber, NOW);
    const form = Browser.csrf(ok(await browser.request('GET', `/mina-planer/${other.id}/samtycke`)).text);
    await watch.take();
    for (const id of [sip.id, '00000000-0000-4000-8000-000000000000']) {
      for (const path of [
        '',
        '/versioner',
        '/plan.pdf',
        '/samtycke',
        '/samtycke/ta-tillbaka',
        '/samtycke/narstaende',
      ]) {
        const res = await browser.request('GET', `/mina-planer/${id}${path}`);
        assert.equal(res.status, 404, `GET ${path}`);
        assert.ok(!res.text.includes(anna.name) && !res.text.includes('19811218'), `GET ${path} names Anna`);
      }
      for (const [path, body] of [
        ['/samtycke/ta-tillbaka', { vem: arvika }],
        ['/samtycke/ta-tillbaka', { vem: 'alla' }],
        ['/samtycke/narstaende', { narstaende: 'nej' }],
      ] as const) {
        const res = await browser.request('POST', `/mina-planer/${id}${path}`, { _csrf: form, ...body });
        assert.equal(res.status, 404, `POST ${path}`);
      }
    }
    assert.deepEqual(await watch.take(), [], 'nothing written, not even a log row');
    assert.equal((await w.snapshot(sip)).consent.principalIds.length, 3);
  });
});
