import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import { sipConsentChanges } from '../../src/modules/sip/schema.ts';
import '../../src/jobs.ts';
import { events } from '../../src/platform/events/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { notices } from '../../src/platform/notices/schema.ts';
import { Browser } from '../helpers/browser.ts';
import type { ChangeWatch } from '../helpers/change-watch.ts';
import { testTarget } from '../helpers/database.ts';
import {
  anna,
  arvika,
  karlstad,
  type MyPlansWorld,
  main,
  ok,
  openMyPlansWorld,
  region,
  text,
  withdraw,
} from '../helpers/my-plans-world.ts';
import { personBrowser } from '../helpers/person.ts';
import type { TestServer } from '../helpers/server.ts';
import { type Json, NOW, type World } from '../helpers/sip-world.ts';

// Issue 26 item 3, over HTTP: the person's consent, changed by the person, takes effect at once, exactly as when
// the convening unit records it; it is in the access log with the person as the one who acted, and the convening
// unit is told without a name.

describe(`Mina planer: the person's consent (${testTarget})`, () => {
  let m: MyPlansWorld;
  let s: TestServer;
  let w: World;
  let watch: ChangeWatch;
  before(async () => {
    m = await openMyPlansWorld();
    ({ s, w, watch } = m);
  });
  after(() => s.close());
  const annasPlan = (person = anna) => m.annasPlan(person);

  test('withdrawn for one municipality: its staff get 404 at once, the others keep the SIP; recorded as the person’s with e-ID', async () => {
    const sip = await annasPlan();
    assert.equal(await w.sees('soc.arvika', sip), true);
    const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
    const page = ok(await browser.request('GET', `/mina-planer/${sip.id}/samtycke/ta-tillbaka`)).text;
    // The convening principal is not offered alone: withdrawing for it is withdrawing all.
    assert.match(page, /value="municipality-1784"/);
    assert.doesNotMatch(page, /value="region-17"/);
    const done = await withdraw(browser, sip, arvika);
    ok(done, 303);
    assert.equal(done.headers.get('location'), `/mina-planer/${sip.id}/samtycke?klart=tagit-tillbaka`);
    assert.equal(await w.sees('soc.arvika', sip), false, 'Arvika at once');
    const arvikaWeb = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'soc.arvika');
    assert.equal((await arvikaWeb.request('GET', `/sip/${sip.id}`)).status, 404);
    assert.equal(await w.sees('soc.karlstad', sip), true, 'Karlstad still');
    const now = await w.snapshot(sip);
    assert.deepEqual(now.consent.principalIds, [karlstad, region]);
    assert.equal(now.status, 'active');
    const [change] = await s.database.db
      .select()
      .from(sipConsentChanges)
      .where(eq(sipConsentChanges.sipId, sip.id));
    assert.deepEqual(
      [
        change!.kind,
        change!.principalId,
        change!.actor,
        change!.recordedBy,
        change!.method,
        change!.changedOn,
      ],
      ['principalWithdrawn', arvika, 'person', null, 'eid:bankid', '2026-11-26'],
    );
    const [event] = await s.database.db
      .select()
      .from(events)
      .where(and(eq(events.subjectId, sip.id), eq(events.type, 'sip.consentNarrowed')));
    assert.deepEqual(event!.data, {
      sipId: sip.id,
      principalId: arvika,
      changedOn: '2026-11-26',
      byPerson: true,
    });
    assert.equal(event!.actorUserId, null);
    const banner = text(ok(await browser.request('GET', done.headers.get('location')!)).text);
    assert.match(banner, /Samtycket är ändrat\. Enheten som sammankallar har fått veta det\./);
    assert.match(
      banner,
      /De här får dela uppgifter om dig Region Värmland \(de kallar till möten\) Karlstads kommun Dina/,
    );
    assert.match(
      banner,
      /26 november 2026: Samtycket togs tillbaka för Arvika kommun\. Du själv, med e-legitimation\./,
    );
  });

  test('the convening unit is told in Mitt arbete, with no name; no other unit is', async () => {
    const sip = await annasPlan();
    ok(await withdraw(await personBrowser(s, anna.personalIdentityNumber, NOW), sip, arvika), 303);
    const convening = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'psykiatri.karlstad');
    const work = main(ok(await convening.request('GET', '/')).text);
    assert.match(work, /Samtycken som personen själv har ändrat/);
    assert.match(work, /En person har tagit tillbaka sitt samtycke för en huvudman/);
    assert.match(work, new RegExp(`href="/sip/${sip.id}"`));
    const notice = work.slice(work.indexOf('Samtycken som personen'), work.indexOf('Kallelser att besvara'));
    assert.ok(!notice.includes(anna.name) && !notice.includes('19811218'), 'the notice names no one');
    // The SIP's page shows what changed and who recorded it.
    const page = text(ok(await convening.request('GET', `/sip/${sip.id}`)).text);
    assert.match(page, /2026-11-26 : Återkallat för Arvika kommun, av personen själv med e-legitimation/);
    const other = await s.webLogin(new Browser(s.url, {}, { now: NOW }), 'soc.karlstad');
    assert.doesNotMatch(ok(await other.request('GET', '/')).text, /Samtycken som personen själv har ändrat/);
  });

  test('a unit whose principal the person took out is not reminded of an invitation it can no longer see', async () => {
    const sip = await w.consent(await w.start('psykiatri.karlstad', anna), [region, karlstad, arvika]);
    const invitations = [
      await w.invite(sip, w.unit('soc.arvika')),
      await w.invite(sip, w.unit('soc.karlstad')),
    ];
    ok(await withdraw(await personBrowser(s, anna.personalIdentityNumber, NOW), sip, arvika), 303);
    // Past the last day to answer, the reminder job runs: only Karlstad's unanswered invitation is reminded.
    await runJobs({ db: s.database.db, now: new Date('2026-12-10T08:00:00Z') });
    const reminded = await s.database.db
      .select({ subjectId: notices.subjectId })
      .from(notices)
      .where(eq(notices.kind, 'sip.invitationReminder'));
    const ids = new Set(reminded.map((r) => r.subjectId));
    assert.equal(ids.has(invitations[0].id), false, 'Arvika');
    assert.equal(ids.has(invitations[1].id), true, 'Karlstad');
  });

  test('withdrawn for all by the person: exactly as when the convening unit records it', async () => {
    const byPerson = await annasPlan();
    const byStaff = await annasPlan();
    ok(await withdraw(await personBrowser(s, anna.personalIdentityNumber, NOW), byPerson, 'alla'), 303);
    ok(
      await w.by('psykiatri.karlstad')('POST', `/api/sips/${byStaff.id}/consent/withdrawal`, {
        withdrawnAt: '2026-11-26',
      }),
    );
    const [a, b] = [await w.snapshot(byPerson), await w.snapshot(byStaff)];
    // The same consent but for who recorded the change, which its history says (below).
    const state = (x: Json) => ({
      status: x.status,
      consent: { ...x.consent, changes: x.consent.changes.map(({ recordedBy, ...c }: Json) => c) },
      closure: x.closure,
      due: x.followUpDueOn,
    });
    assert.deepEqual(state(a), state(b));
    assert.equal(a.status, 'closed');
    for (const u of ['soc.karlstad', 'soc.arvika']) assert.equal(await w.sees(u, byPerson), false, u);
    // Each in the history, by who recorded it.
    const changes = await s.database.db
      .select({
        sipId: sipConsentChanges.sipId,
        actor: sipConsentChanges.actor,
        kind: sipConsentChanges.kind,
      })
      .from(sipConsentChanges)
      .where(sql`${sipConsentChanges.sipId} in (${byPerson.id}, ${byStaff.id})`)
      .orderBy(asc(sipConsentChanges.seq));
    assert.deepEqual(changes, [
      { sipId: byPerson.id, actor: 'person', kind: 'withdrawn' },
      { sipId: byStaff.id, actor: 'staff', kind: 'withdrawn' },
    ]);
  });

  test('nothing chosen, or the convening principal alone: the form again with its message, and nothing changes', async () => {
    const sip = await annasPlan();
    const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
    const before = await w.snapshot(sip);
    await watch.take();
    const none = await withdraw(browser, sip, '');
    assert.equal(none.status, 400);
    assert.match(main(none.text), /Välj vem samtycket ska tas tillbaka för/);
    const convening = await withdraw(browser, sip, region);
    assert.equal(convening.status, 422);
    assert.match(main(convening.text), /Ta tillbaka hela samtycket i stället/);
    const stranger = await withdraw(browser, sip, 'municipality-1880');
    assert.equal(stranger.status, 422);
    assert.match(main(stranger.text), /Samtycket gäller inte den huvudmannen/);
    assert.deepEqual(await w.snapshot(sip), before);
    const written = (await watch.take()).filter((c) => c.tableName !== 'access_log');
    assert.deepEqual(written, [], 'only the reads of the pages shown');
  });

  test('relatives allowed and refused as the person chooses; the same choice again changes nothing and tells no one', async () => {
    const sip = await annasPlan();
    assert.equal((await w.snapshot(sip)).consent.relativesMayTakePart, true);
    const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
    const choose = async (narstaende: string) => {
      const page = ok(await browser.request('GET', `/mina-planer/${sip.id}/samtycke/narstaende`));
      return browser.request('POST', `/mina-planer/${sip.id}/samtycke/narstaende`, {
        _csrf: Browser.csrf(page.text),
        narstaende,
      });
    };
    assert.equal(
      (await choose('nej')).headers.get('location'),
      `/mina-planer/${sip.id}/samtycke?klart=narstaende`,
    );
    assert.equal((await w.snapshot(sip)).consent.relativesMayTakePart, false);
    await watch.take();
    assert.equal(
      (await choose('nej')).headers.get('location'),
      `/mina-planer/${sip.id}/samtycke?klart=oforandrat`,
    );
    const written = (await watch.take()).filter((c) => c.tableName !== 'access_log');
    assert.deepEqual(written, [], 'no change, no history, no notice');
    assert.equal((await choose('ja')).status, 303);
    assert.equal((await w.snapshot(sip)).consent.relativesMayTakePart, true);
    assert.equal((await choose('kanske')).status, 400);
  });

  test('a closed plan’s consent cannot be changed: its own page says nothing changed (409)', async () => {
    const sip = await annasPlan();
    const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
    const form = Browser.csrf(ok(await browser.request('GET', `/mina-planer/${sip.id}/samtycke`)).text);
    ok(await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/closure`, { reason: 'moved' }));
    assert.equal((await browser.request('GET', `/mina-planer/${sip.id}/samtycke/ta-tillbaka`)).status, 409);
    const res = await browser.request('POST', `/mina-planer/${sip.id}/samtycke/ta-tillbaka`, {
      _csrf: form,
      vem: arvika,
    });
    assert.equal(res.status, 409);
    assert.match(main(res.text), /Ingenting har ändrats/);
    assert.equal((await w.snapshot(sip)).consent.principalIds.length, 3);
  });

  test('a form without its token is refused (403) and changes nothing', async () => {
    const sip = await annasPlan();
    const browser = await personBrowser(s, anna.personalIdentityNumber, NOW);
    const res = await browser.request('POST', `/mina-planer/${sip.id}/samtycke/ta-tillbaka`, { vem: arvika });
    assert.equal(res.status, 403);
    assert.equal((await w.snapshot(sip)).consent.principalIds.length, 3);
  });
});
