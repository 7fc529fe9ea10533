import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accessKindText } from '../../src/modules/my-plans/present.ts';
import '../../src/jobs.ts';
import type { ChangeWatch } from '../helpers/change-watch.ts';
import { testTarget } from '../helpers/database.ts';
import { type DischargeWorld, dischargeWorld } from '../helpers/discharge-world.ts';
import { type MyPlansWorld, main, ok, openMyPlansWorld, text } from '../helpers/my-plans-world.ts';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { personBrowser, personIdOf } from '../helpers/person.ts';
import type { TestServer } from '../helpers/server.ts';
import { type Json, NOW } from '../helpers/sip-world.ts';

// Issue 26 with issue 25: a stay in inpatient care is data about the person. Over HTTP: their plans' page has a
// short section for their stays, current or past (dates, how it stands, the units the hospital told; no member of
// staff, not even the fasta vårdkontakt), read through the discharge module and logged as the person's read; their
// download holds each stay, logged as an export, and none of another person's; staff's reads of a stay are in
// their extract as such.

const contact = 'Sjuksköterska Siv Svensson, 054-00 00 00';
const admitted = '2026-11-20T20:00:00Z';
const sent = '2026-11-21T07:00:00Z';

describe(`Mina planer: my stays in inpatient care (${testTarget})`, () => {
  let m: MyPlansWorld;
  let s: TestServer;
  let d: DischargeWorld;
  let watch: ChangeWatch;
  let staffNames: Map<string, string>;
  before(async () => {
    m = await openMyPlansWorld();
    ({ s, watch, staffNames } = m);
    d = await dischargeWorld(s);
  });
  after(() => s.close());

  /** A person with a SIP and a stay: the inpatient unit in Karlstad told the social services and the psychiatry. */
  async function withStay(person: { personalIdentityNumber: string; name: string }) {
    const sip = await m.socialServicesPlan(person);
    const stay = await d.admit({ admittedAt: admitted, sentAt: sent, person, expectedReadyOn: '2026-12-10' });
    const path = `/api/discharge/stays/${stay.id}`;
    await d.step('soc.karlstad', '2026-11-21T09:00:00Z', 'POST', `${path}/acknowledgement`, {});
    await d.step('psykiatri.karlstad', '2026-11-21T09:30:00Z', 'POST', `${path}/acknowledgement`, {
      fastVardkontakt: contact,
    });
    return { sip, stay, path };
  }

  const staysOnPage = (html: string) => text(html).match(/Din tid på sjukhus (.*?) Mer om dig/)?.[1] ?? null;
  const namesNoStaff = (what: string, body: string) => {
    for (const [username, name] of staffNames) {
      assert.ok(!body.includes(name), `${what}: ${username}'s name`);
      assert.ok(!body.includes(username), `${what}: ${username}`);
    }
    assert.ok(!body.includes('Siv Svensson'), `${what}: the fasta vårdkontakt's name`);
  };

  test('a current stay: when they came in, when the hospital expects them home, which units were told; logged as the person’s read', async () => {
    const person = { personalIdentityNumber: '19700606-1233', name: 'Lisa Lund' };
    const { stay } = await withStay(person);
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    await watch.take();
    const html = ok(await browser.request('GET', '/mina-planer')).text;
    assert.equal(
      staysOnPage(html),
      'Här ser du när du har varit inlagd. Sjukhuset sa då till dem som ska ge dig stöd när du kommer hem. ' +
        'Inlagd 20 november 2026 på Psykiatrisk heldygnsvård Karlstad, Region Värmland. ' +
        'Du är inlagd. Sjukhuset tror att du kan åka hem kring 10 december 2026. De som fick veta: ' +
        'Vuxenpsykiatri Karlstad, Region Värmland (öppen vård i regionen), 21 november 2026 ' +
        'Socialtjänst vuxen, Karlstad, Karlstads kommun (socialtjänsten), 21 november 2026',
    );
    namesNoStaff('the page', main(html));
    const logged = (await watch.take())
      .filter((c) => c.tableName === 'access_log')
      .map((c) => JSON.parse(c.row));
    const personId = await personIdOf(s, person.personalIdentityNumber);
    assert.deepEqual(
      logged
        .filter((r) => r.object_type === 'dischargeStay')
        .map((r) => [r.actor, r.action, r.object_id, r.person_id, r.user_id]),
      [['person', 'read', stay.id, personId, null]],
    );
  });

  test('ready, then discharged: the page says so; a person with no stay has no such section', async () => {
    const person = { personalIdentityNumber: '19700707-1231', name: 'Mats Mo' };
    const { path } = await withStay(person);
    await d.step('heldygn.karlstad', '2026-11-25T09:00:00Z', 'POST', `${path}/readiness`, {
      judgedAt: '2026-11-25T08:30:00+01:00',
    });
    const ready = await personBrowser(s, person.personalIdentityNumber, NOW);
    assert.match(
      staysOnPage(ok(await ready.request('GET', '/mina-planer')).text) ?? '',
      /Du är klar att skrivas ut\. Det bestämdes 25 november 2026\./,
    );
    await d.step('heldygn.karlstad', '2026-11-27T12:00:00Z', 'POST', `${path}/discharge`, {
      dischargedOn: '2026-11-27',
      informationTransferredOn: '2026-11-27',
      summary: { care: 'Läkemedelsjustering.', sipPlannedOn: '2026-12-02', existingPlans: '' },
    });
    const home = await personBrowser(s, person.personalIdentityNumber, '2026-11-28T10:00:00Z');
    const section = staysOnPage(ok(await home.request('GET', '/mina-planer')).text) ?? '';
    assert.match(section, /Inlagd 20 november 2026 på .* Du skrevs ut 27 november 2026\. De som fick veta/);
    assert.doesNotMatch(section, /Sjukhuset tror/);

    const without = { personalIdentityNumber: '19700808-1239', name: 'Nina Nord' };
    await m.socialServicesPlan(without);
    const browser = await personBrowser(s, without.personalIdentityNumber, NOW);
    const page = ok(await browser.request('GET', '/mina-planer')).text;
    assert.equal(staysOnPage(page), null);
    assert.doesNotMatch(text(page), /sjukhus/);
  });

  test('my data holds each stay, logged as an export, and none of another person’s; staff’s reads of it are in the extract', async () => {
    const person = { personalIdentityNumber: '19700909-1237', name: 'Olle Ort' };
    const other = { personalIdentityNumber: '19701010-1231', name: 'Pia Post' };
    const { stay } = await withStay(person);
    const { stay: theirs } = await withStay(other);
    // The municipality reads the stay: a row of the extract, said of a stay.
    await d.step('soc.karlstad', NOW, 'GET', `/api/discharge/stays/${stay.id}`);
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    await watch.take();
    const json = await browser.download('/mina-planer/mina-uppgifter.json');
    assert.equal(json.status, 200);
    const body = json.body.toString('utf8');
    const data = JSON.parse(body);
    assert.equal(data.tidPaSjukhus.length, 1);
    const [own] = data.tidPaSjukhus;
    assert.equal(own.id, stay.id);
    assert.equal(own.inlagd, '2026-11-20T20:00:00.000Z');
    assert.equal(own.beraknatKlar, '2026-12-10');
    assert.equal(own.sjukhus, 'Psykiatrisk heldygnsvård Karlstad, Region Värmland');
    assert.deepEqual(
      own.enheterSomFickVeta.map((u: Json) => [u.enhet, u.slag, u.fastVardkontaktUtsedd]),
      [
        ['Vuxenpsykiatri Karlstad, Region Värmland', 'Öppen vård i regionen', true],
        ['Socialtjänst vuxen, Karlstad, Karlstads kommun', 'Socialtjänsten', false],
      ],
    );
    assert.ok(own.handelser.some((h: Json) => h.typ === 'discharge.admissionNotified'));
    assert.ok(
      data.vemHarLastOmDig.some(
        (r: Json) =>
          r.vem === 'Socialtjänst vuxen, Karlstad' && r.vad === accessKindText('dischargeStay', 'read'),
      ),
      'the municipality’s read of the stay',
    );
    namesNoStaff('the JSON', body);
    for (const x of [theirs.id, other.name, '19701010'])
      assert.ok(!body.includes(x), `another person's ${x}`);
    const logged = (await watch.take())
      .filter((c) => c.tableName === 'access_log')
      .map((c) => JSON.parse(c.row));
    assert.deepEqual(logged.map((r) => [r.actor, r.action, r.object_type]).sort(), [
      ['person', 'export', 'dischargeStay'],
      ['person', 'export', 'sip'],
    ]);
    assert.equal(logged.find((r) => r.object_type === 'dischargeStay').object_id, stay.id);
    const pdf = oneLine(pdfText((await browser.download('/mina-planer/mina-uppgifter.pdf')).body));
    assert.match(pdf, /Din tid på sjukhus Inlagd 20 november 2026 på Psykiatrisk heldygnsvård Karlstad/);
    namesNoStaff('the PDF', pdf);
    assert.ok(!pdf.includes(other.name));
  });
});
