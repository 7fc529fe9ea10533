import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Json, NOW, tolvan, type World, world } from '../helpers/sip-world.ts';

// Issue 22 on the pages: a child's consent asks for the guardians, a child's SIP in Dalarna says it falls outside
// the county agreement, a plan with one principal asks why, a new request links the open SIP the convener sees.

// Born 2010-03-15: 16 on the sip-world clock (the check digit makes it a valid personnummer).
const child = { personalIdentityNumber: '20100315-2384', name: 'Barn Barnsson' };

describe('SIP pages: sense in dates and people', () => {
  let s: TestServer;
  let w: World;
  const browsers = new Map<string, Browser>();
  async function browser(username: string): Promise<Browser> {
    let b = browsers.get(username);
    if (!b) {
      b = new Browser(s.url, {}, { now: NOW });
      await s.webLogin(b, username);
      browsers.set(username, b);
    }
    return b;
  }
  before(async () => {
    s = await startTestServer();
    w = await world(s, ['soc.falun']);
  });
  after(() => s.close());

  test("a child's consent asks for the guardians; without one: 400 at the field, nothing stored", async () => {
    const sip = await w.start('psykiatri.karlstad', child);
    const b = await browser('psykiatri.karlstad');
    const form = await b.request('GET', `/sip/${sip.id}/samtycke`);
    assert.equal(form.status, 200);
    assert.match(form.text, /Vårdnadshavarnas samtycke/);
    assert.match(form.text, /id="guardian1"/);
    const fields = {
      givenAt: '2026-11-20',
      form: 'written',
      principalIds: ['region-17', 'municipality-1780'],
      relativesMayTakePart: 'yes',
      decisionParticipants: ['person'],
    };
    const refused = await b.submit(`/sip/${sip.id}/samtycke`, `/sip/${sip.id}/samtycke`, fields);
    assert.equal(refused.status, 422, refused.text.slice(0, 200));
    assert.match(refused.text, /href="#guardian1">Personen är under 18 år/);
    assert.equal((await w.snapshot(sip)).consent, null);
    const given = await b.submit(`/sip/${sip.id}/samtycke`, `/sip/${sip.id}/samtycke`, {
      ...fields,
      guardian1: 'Vera Vårdnadshavare',
    });
    assert.equal(given.status, 303);
    const page = await b.request('GET', `/sip/${sip.id}`);
    assert.match(page.text, /Vårdnadshavare som samtyckt[\s\S]*Vera Vårdnadshavare/);
    // An adult's consent form does not ask.
    const adult = await w.start();
    const adultForm = await b.request('GET', `/sip/${adult.id}/samtycke`);
    assert.doesNotMatch(adultForm.text, /Vårdnadshavarnas samtycke/);
  });

  test("a child's SIP in Dalarna says it falls outside the county agreement; in Värmland it does not", async () => {
    const dalarna = await w.start('soc.falun', child);
    const shown = await (await browser('soc.falun')).request('GET', `/sip/${dalarna.id}`);
    assert.equal(shown.status, 200);
    assert.match(shown.text, /data-notice="outside-target-group"/);
    assert.match(shown.text, /Utanför länets överenskommelse/);
    const varmland = await w.start('psykiatri.karlstad', child);
    const other = await (await browser('psykiatri.karlstad')).request('GET', `/sip/${varmland.id}`);
    assert.doesNotMatch(other.text, /Utanför länets överenskommelse/);
    assert.match(other.text, /under 18 år när SIP:en startades/);
  });

  test('a plan with one principal asks why, and is saved with the reason', async () => {
    const sip = await w.active(['region-17']);
    const b = await browser('psykiatri.karlstad');
    const form = await b.request('GET', `/sip/${sip.id}/plan`);
    assert.match(form.text, /id="singlePrincipalReason"/);
    const fields = {
      personsOwnWords: 'Jag vill ha stöd.',
      goals: 'Eget boende',
      overallUnitId: w.unit('psykiatri.karlstad'),
      followUpOn: '2027-03-01',
      childrenConsidered: 'na',
      compulsoryCare: 'none',
      intervention0: 'Samtal',
      intervention0Actor: 'Försäkringskassan',
    };
    const refused = await b.submit(`/sip/${sip.id}/plan`, `/sip/${sip.id}/plan`, fields);
    assert.equal(refused.status, 422);
    assert.match(refused.text, /href="#singlePrincipalReason">Samtycket omfattar bara en huvudman/);
    assert.equal((await w.snapshot(sip)).plan, null);
    const saved = await b.submit(`/sip/${sip.id}/plan`, `/sip/${sip.id}/plan`, {
      ...fields,
      singlePrincipalReason: 'Kommunen deltar inte; planen samordnar med Försäkringskassan.',
    });
    assert.equal(saved.status, 303);
    assert.equal((await w.snapshot(sip)).plan.singlePrincipalReason.startsWith('Kommunen'), true);
    // With two principals the question is not asked.
    const two: Json = await w.active();
    await w.join(two);
    assert.doesNotMatch((await b.request('GET', `/sip/${two.id}/plan`)).text, /singlePrincipalReason/);
  });

  test('a new request links the open SIP the convener sees; another unit sees no link', async () => {
    const person = { personalIdentityNumber: '19640823-3234', name: tolvan.name };
    const first = await w.start('psykiatri.karlstad', person);
    const second = await w.start('psykiatri.karlstad', person);
    const page = await (await browser('psykiatri.karlstad')).request('GET', `/sip/${second.id}`);
    assert.match(page.text, new RegExp(`href="/sip/${first.id}">öppna den pågående SIP:en`));
    const elsewhere = await w.start('soc.arvika', person);
    const theirs = await (await browser('soc.arvika')).request('GET', `/sip/${elsewhere.id}`);
    assert.doesNotMatch(theirs.text, /pågående SIP som din enhet/);
  });
});
