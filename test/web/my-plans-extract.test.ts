import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { accessKindText, momentText } from '../../src/modules/my-plans/present.ts';
import { persons } from '../../src/platform/people/schema.ts';
import '../../src/jobs.ts';
import { Browser } from '../helpers/browser.ts';
import type { ChangeWatch } from '../helpers/change-watch.ts';
import { testTarget } from '../helpers/database.ts';
import {
  anna,
  arvika,
  cecilia,
  type MyPlansWorld,
  main,
  ok,
  openMyPlansWorld,
  text,
  withdraw,
} from '../helpers/my-plans-world.ts';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { personBrowser, personIdOf } from '../helpers/person.ts';
import type { TestServer } from '../helpers/server.ts';
import { type Json, NOW, type World } from '../helpers/sip-world.ts';

// Issue 26 items 4–6, over HTTP: who has read about the person (their extract, row by row as the access log has
// it, never a staff member's name), their data as JSON and PDF, and protected identity.

describe(`Mina planer: who has read about me, and my data (${testTarget})`, () => {
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
  const ownRows = (personId: string) => m.ownRows(personId);

  /** The extract's rows as the page shows them: when, who, what. */
  const extractOnPage = (html: string) =>
    [...main(html).matchAll(/<li><strong>([^<]*)<\/strong><br>([^<]*): ([^<]*)\.<\/li>/g)].map((m) => [
      m[1]!.trim(),
      m[2]!.trim(),
      m[3]!.trim(),
    ]);

  test('the extract, row by row as the access log has it: when, which unit and principal, what kind; never a staff member’s name', async () => {
    const person = { personalIdentityNumber: '19900101-1239', name: 'David Dahl' };
    const sip = await annasPlan(person);
    await w.by('soc.arvika')('GET', `/api/sips/${sip.id}`);
    const reviewer = await s.login('logg.regionvarmland', { now: NOW });
    ok(
      await s.api('POST', '/api/access-log/search', {
        token: reviewer,
        body: { personalIdentityNumber: person.personalIdentityNumber },
        now: NOW,
      }),
    );
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    ok(await withdraw(browser, sip, arvika), 303);
    const html = ok(await browser.request('GET', '/mina-planer/vem-har-last')).text;
    const personId = await personIdOf(s, person.personalIdentityNumber);
    const expected = await queryRows<{
      at: Date;
      actor: string;
      action: string;
      object_type: string;
      unit_name: string | null;
      principal_name: string | null;
    }>(
      s.database.db,
      sql`select l.at, l.actor, l.action, l.object_type, unit_name_at(l.unit_id, l.at) as unit_name,
                 p.name as principal_name
            from access_log l left join principals p on p.id = l.principal_id
           where l.person_id = ${personId} and not (l.actor = 'person' and l.action = 'read')
           order by l.at desc, l.seq desc`,
    );
    const shown = extractOnPage(html);
    assert.equal(shown.length, expected.length);
    assert.ok(shown.length >= 10, `${shown.length} rows`);
    assert.deepEqual(
      shown,
      expected.map((r) => [
        momentText(new Date(r.at)),
        r.actor === 'person' ? 'Du själv' : `${r.unit_name}, ${r.principal_name}`,
        accessKindText(r.object_type, r.action),
      ]),
    );
    // The staff's reads, the log reviewer's search and the person's own withdrawal are all there.
    assert.ok(
      shown.some((r) => r[1] === 'Socialtjänst vuxen, Arvika, Arvika kommun' && r[2] === 'Läste din plan'),
    );
    assert.ok(
      shown.some((r) => r[1] === 'Patientsäkerhet, Region Värmland' && /Granskade loggen/.test(r[2]!)),
    );
    assert.deepEqual(shown[0], [momentText(new Date(NOW)), 'Du själv', 'Ändrade i din plan']);
    assert.match(text(html), new RegExp(`${expected.length} gånger`));
    for (const [username, name] of staffNames) {
      assert.ok(!html.includes(name), `${username}'s name`);
      assert.ok(!html.includes(username), username);
    }
  });

  test('reading the extract writes nothing; the person’s own reads are in the access log but not in the extract', async () => {
    const person = { personalIdentityNumber: '19750412-8880', name: 'Eva Ek' };
    const sip = await annasPlan(person);
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    ok(await browser.request('GET', `/mina-planer/${sip.id}`));
    await watch.take();
    const html = ok(await browser.request('GET', '/mina-planer/vem-har-last')).text;
    assert.deepEqual(await watch.take(), []);
    const personId = await personIdOf(s, person.personalIdentityNumber);
    const own = (await ownRows(personId)).filter((r) => r.actor === 'person');
    assert.ok(
      own.some((r) => r.action === 'read'),
      'the read is logged',
    );
    assert.ok(!extractOnPage(html).some((r) => r[1] === 'Du själv'), 'and not shown');
    // The principal's log reviewer sees the staff's accesses only, never the person's own.
    const reviewer = await s.login('logg.regionvarmland', { now: NOW });
    const found = await s.api('POST', '/api/access-log/search', {
      token: reviewer,
      body: { personalIdentityNumber: person.personalIdentityNumber },
      now: NOW,
    });
    assert.ok(found.body.length > 0);
    assert.ok(found.body.every((r: Json) => typeof r.userId === 'string'));
  });

  test('my data as JSON and PDF: every SIP, version, consent change and the extract; logged as an export of each SIP', async () => {
    const person = { personalIdentityNumber: '19850709-8765', name: 'Fredrik Falk' };
    const sip = await annasPlan(person);
    const closed = await socialServicesPlan(person);
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    ok(await withdraw(browser, sip, arvika), 303);
    ok(await browser.request('GET', '/mina-planer/mina-uppgifter'));
    await watch.take();
    const json = await browser.download('/mina-planer/mina-uppgifter.json');
    assert.equal(json.status, 200);
    assert.equal(json.headers.get('content-disposition'), 'attachment; filename="mina-uppgifter.json"');
    assert.equal(json.headers.get('cache-control'), 'no-store');
    const data = JSON.parse(json.body.toString('utf8'));
    assert.equal(data.person.personnummer, '19850709-8765');
    assert.deepEqual(data.planer.map((p: Json) => p.id).sort(), [sip.id, closed.id].sort());
    const plan = data.planer.find((p: Json) => p.id === sip.id);
    assert.equal(plan.planversioner.length, 2);
    assert.equal(plan.planversioner[1].dinaEgnaOrd, 'Jag vill bo själv och ha ett arbete.');
    assert.deepEqual(plan.samtyckeshistorik, [
      {
        datum: '2026-11-26',
        andring: 'principalWithdrawn',
        huvudman: 'Arvika kommun',
        av: 'du själv, med e-legitimation',
      },
    ]);
    assert.ok(plan.handelser.some((h: Json) => h.typ === 'sip.consentNarrowed'));
    // The extract in the file is the page's, and it holds this download's own export rows.
    const exported = data.vemHarLastOmDig.filter((r: Json) => r.vem === 'Du själv' && r.atkomst === 'Export');
    assert.equal(exported.length, 2);
    const logged = (await watch.take())
      .filter((c) => c.tableName === 'access_log')
      .map((c) => JSON.parse(c.row));
    assert.deepEqual(
      logged.map((r) => [r.actor, r.action, r.object_id]).sort(),
      [
        ['person', 'export', sip.id],
        ['person', 'export', closed.id],
      ].sort(),
    );
    for (const [username, name] of staffNames) {
      assert.ok(!json.body.toString().includes(name), `${username}'s name`);
      assert.ok(!json.body.toString().includes(`"${username}"`), username);
    }
    const pdf = await browser.download('/mina-planer/mina-uppgifter.pdf');
    assert.equal(pdf.status, 200);
    const printed = oneLine(pdfText(pdf.body));
    assert.match(printed, /Allt som Sömlös sparar om dig/);
    assert.match(printed, /19850709-8765/);
    assert.match(printed, /Vem har läst om dig/);
  });

  test('protected identity: the person sees what they know; the printout and the convening unit’s notice name no one', async () => {
    const sip = await annasPlan(cecilia);
    await s.database.db
      .update(persons)
      .set({ protectedIdentity: true })
      .where(eq(persons.id, await personIdOf(s, cecilia.personalIdentityNumber)));
    const browser = await personBrowser(s, cecilia.personalIdentityNumber, NOW);
    assert.match(
      text(ok(await browser.request('GET', '/mina-planer')).text),
      /Du har skyddade personuppgifter/,
    );
    const printed = oneLine(pdfText((await browser.download(`/mina-planer/${sip.id}/plan.pdf`)).body));
    assert.match(printed, /Skyddade personuppgifter/);
    assert.ok(!printed.includes('Cecilia') && !printed.includes('19850312'), 'the printout names no one');
    ok(await withdraw(browser, sip, arvika), 303);
    const convening = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'psykiatri.karlstad');
    const work = ok(await convening.request('GET', '/')).text;
    assert.ok(!work.includes('Cecilia') && !work.includes('19850312'));
    // The headers every page of the person's has: nothing kept in a shared browser's cache.
    assert.equal(
      (await browser.request('GET', `/mina-planer/${sip.id}`)).headers.get('cache-control'),
      'no-store',
    );
  });
});
