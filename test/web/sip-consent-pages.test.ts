import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testTarget } from '../helpers/database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { contentPages } from '../helpers/sip-content-pages.ts';
import { type Json, TODAY, type World, world } from '../helpers/sip-world.ts';

// Issue 22 item 4's pages over real HTTP with cookie sessions: the convening unit changes a consent on the SIP's
// page ("Ändra samtycket"), each change a new version with its date and who gave it; what the form refuses is
// shown at its field and in the GOV.UK error summary, and nothing changes; the SIP page shows who gave the consent
// and each change; the consent and withdrawal forms ask who gave it too.

/** The text of a page without tags and with spaces collapsed, to match what a reader sees. */
const shown = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replaceAll('&#39;', "'");

describe(`SIP consent change pages (${testTarget})`, () => {
  let s: TestServer;
  let w: World;
  let h: ReturnType<typeof contentPages>;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
    h = contentPages(s, w);
  });
  after(() => s.close());
  const form = (sip: Json) => `/sip/${sip.id}/samtycke/andra`;
  const post = (sip: Json, typed: Record<string, string>, u = 'psykiatri.karlstad') =>
    h.post(u, form(sip), typed);

  test('the SIP page offers the change to the convening unit only; the form names what may change', async () => {
    const sip = await h.active();
    await w.join(sip);
    const own = await h.page('psykiatri.karlstad', `/sip/${sip.id}`);
    assert.match(own.text, new RegExp(`href="/sip/${sip.id}/samtycke/andra"[^>]*>\\s*Ändra samtycket`));
    assert.match(shown(own.text), /Lämnat av Personen själv/);
    assert.match(shown(own.text), /Version 1 /);
    const other = await h.page('soc.karlstad', `/sip/${sip.id}`);
    assert.doesNotMatch(other.text, /Ändra samtycket/);
    assert.equal((await h.page('soc.karlstad', form(sip))).status, 403);

    const page = await h.page('psykiatri.karlstad', form(sip));
    assert.equal(page.status, 200, page.text);
    const [add, remove] = ['addPrincipalId', 'removePrincipalId'].map(
      (id) => page.text.split(`id="${id}"`)[1]!.split('</select>')[0]!,
    );
    assert.match(add!, /Arvika kommun/);
    assert.doesNotMatch(add!, /Karlstads kommun|Region Värmland/);
    assert.match(remove!, /Karlstads kommun/);
    assert.doesNotMatch(remove!, /Region Värmland/, 'the convening principal cannot be taken out');
    assert.match(page.text, /value="relativesRefused"/);
    assert.doesNotMatch(page.text, /value="relativesAllowed"/);
    assert.match(page.text, /name="givenBy" type="radio" value="person" checked/);
  });

  test('what the form refuses: at its field and in the summary, in the order of the fields; nothing changes', async () => {
    const sip = await h.active();
    const before = await w.snapshot(sip);
    const links = async (typed: Record<string, string>) => {
      const res = await post(sip, typed);
      assert.equal(res.status, 400, res.text);
      assert.match(res.text, /Det finns ett problem/);
      return h.summaryLinks(res.text);
    };
    assert.deepEqual(await links({}), ['kind', 'changedOn']);
    assert.deepEqual(await links({ kind: 'principalAdded', changedOn: TODAY, givenBy: 'person' }), [
      'addPrincipalId',
    ]);
    assert.deepEqual(
      await links({ kind: 'principalWithdrawn', changedOn: '2026-13-01', givenBy: 'person' }),
      ['removePrincipalId', 'changedOn'],
    );
    // The use case's rules, all at once: a date in the future, a representative without a name.
    const future = await post(sip, {
      kind: 'principalAdded',
      addPrincipalId: 'municipality-1784',
      changedOn: '2026-12-24',
      givenBy: 'legalRepresentative',
    });
    assert.equal(future.status, 422, future.text);
    assert.deepEqual(h.summaryLinks(future.text), ['changedOn', 'givenByName']);
    assert.match(future.text, /kan inte ha ett datum som inte har kommit än/);
    assert.match(future.text, /value="2026-12-24"/, 'what was typed is kept');
    assert.deepEqual(await w.snapshot(sip), before);
  });

  test('a principal added, given by a representative: 303 to the SIP, its banner, the change in the history', async () => {
    const sip = await h.active();
    const res = await post(sip, {
      kind: 'principalAdded',
      addPrincipalId: 'municipality-1784',
      changedOn: '2026-11-25',
      givenBy: 'legalRepresentative',
      givenByName: 'Greta Godman',
    });
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), `/sip/${sip.id}?klart=samtycke-andrat`);
    const page = await h.page('psykiatri.karlstad', res.headers.get('location')!);
    const text = shown(page.text);
    assert.match(text, /Ändringen av samtycket är registrerad/);
    assert.match(text, /Information får delas mellan Arvika kommun, Karlstads kommun, Region Värmland/);
    assert.match(text, /Version 2, senast ändrat 2026-11-25/);
    assert.match(
      text,
      /2026-11-25 : Utökat med Arvika kommun, lämnat av god man eller förvaltare: Greta Godman, registrerat av sammankallande enhet \(version 2\)/,
    );
    const removed = await post(sip, {
      kind: 'principalWithdrawn',
      removePrincipalId: 'municipality-1780',
      changedOn: TODAY,
      givenBy: 'person',
    });
    assert.equal(removed.status, 303, removed.text);
    const after = shown((await h.page('psykiatri.karlstad', `/sip/${sip.id}`)).text);
    assert.match(after, /Återkallat för Karlstads kommun, lämnat av personen själv, registrerat av/);
    assert.deepEqual((await w.snapshot(sip)).consent.principalIds, ['municipality-1784', 'region-17']);
  });

  test("a child's consent: the forms ask for the guardian by name", async () => {
    const sip = await w.start('psykiatri.karlstad', {
      personalIdentityNumber: '20100315-1238',
      name: 'Kim Karlsson',
    });
    const consent = await h.page('psykiatri.karlstad', `/sip/${sip.id}/samtycke`);
    assert.match(consent.text, /Vårdnadshavare som har samtyckt/);
    assert.doesNotMatch(consent.text, /name="givenBy"/, 'the guardians named are who gave it');
    const given = await h.post('psykiatri.karlstad', `/sip/${sip.id}/samtycke`, {
      givenAt: '2026-11-20',
      form: 'written',
      guardian1: 'Gun Karlsson',
      principalIds: ['region-17', 'municipality-1780'],
      relativesMayTakePart: 'yes',
      decisionParticipants: 'guardian',
    });
    assert.equal(given.status, 303, given.text);
    const shownSip = shown((await h.page('psykiatri.karlstad', `/sip/${sip.id}`)).text);
    assert.match(shownSip, /Lämnat av Vårdnadshavare Version 1/);
    assert.match(shownSip, /Vårdnadshavare som samtyckt Gun Karlsson/);
    const page = await h.page('psykiatri.karlstad', form(sip));
    assert.match(page.text, /<input type="hidden" name="givenBy" value="guardian">/);
    assert.match(page.text, /Vårdnadshavare som lämnade samtycket/);
    const typed = { kind: 'relativesRefused', changedOn: TODAY, givenBy: 'guardian' };
    const nameless = await post(sip, typed);
    assert.equal(nameless.status, 422, nameless.text);
    assert.deepEqual(h.summaryLinks(nameless.text), ['givenByName']);
    assert.equal((await post(sip, { ...typed, givenByName: 'Gun Karlsson' })).status, 303);
    assert.deepEqual((await w.snapshot(sip)).consent.changes[0].givenBy, {
      capacity: 'guardian',
      name: 'Gun Karlsson',
    });
  });

  test('the withdrawal form asks who withdrew it, and the history says', async () => {
    const sip = await h.active();
    const path = `/sip/${sip.id}/aterkalla`;
    const page = await h.page('psykiatri.karlstad', path);
    assert.match(page.text, /Vem återkallade samtycket\?/);
    const nameless = await h.post('psykiatri.karlstad', path, {
      withdrawnAt: TODAY,
      givenBy: 'legalRepresentative',
    });
    assert.equal(nameless.status, 422, nameless.text);
    assert.deepEqual(h.summaryLinks(nameless.text), ['givenByName']);
    const res = await h.post('psykiatri.karlstad', path, {
      withdrawnAt: TODAY,
      givenBy: 'legalRepresentative',
      givenByName: 'Greta Godman',
    });
    assert.equal(res.status, 303, res.text);
    const text = shown((await h.page('psykiatri.karlstad', `/sip/${sip.id}`)).text);
    assert.match(text, /Hela samtycket återkallat, lämnat av god man eller förvaltare: Greta Godman/);
    assert.doesNotMatch(text, /Ändra samtycket/);
  });
});
