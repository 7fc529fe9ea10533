import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from '../helpers/browser.ts';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Json, NOW, type World, world } from '../helpers/sip-world.ts';

// Issue 22 item 11's pages over real HTTP with cookie sessions: the plan form's placement part with the county's
// rules on placements beside the cost split, its rules at the fields, the placement on the SIP page, in the
// version comparison and in the PDF.

describe('SIP placement pages', () => {
  let s: TestServer;
  let w: World;
  let b: Browser;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
    b = new Browser(s.url, {}, { now: NOW });
    await s.webLogin(b, 'psykiatri.karlstad');
  });
  after(() => s.close());

  const post = async (path: string, form: Record<string, string | string[]>) => {
    const token = Browser.csrf((await b.request('GET', '/')).text);
    return b.request('POST', path, { _csrf: token, ...form });
  };
  const summaryLinks = (html: string) =>
    [...(html.split('govuk-error-summary__list')[1] ?? '').matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  /** A SIP with consent for Karlstads kommun (share row 0) and Region Värmland (row 1); soc.karlstad takes part. */
  const joined = async () => {
    const sip = await w.active();
    await w.join(sip);
    return sip as Json;
  };
  const form = (extra: Record<string, string | string[]> = {}) => ({
    personsOwnWords: 'Jag vill bli drogfri.',
    goals: 'Eget boende',
    rows: '1',
    overallUnitId: w.unit('psykiatri.karlstad'),
    followUpOn: '2027-03-01',
    childrenConsidered: 'na',
    compulsoryCare: 'none',
    intervention0: 'Öppenvård',
    intervention0Unit: w.unit('psykiatri.karlstad'),
    placementKind: 'hvb',
    placementPlace: 'Solgläntan',
    placementStart: '2027-01-10',
    placementPlanningOn: '2026-12-15',
    placementPlanningUnits: [w.unit('psykiatri.karlstad'), w.unit('soc.karlstad')],
    placementGoal: 'Drogfrihet och egen bostad.',
    placementFollowUpOn: '2027-03-01',
    placementFollowUpHow: 'Möte på behandlingshemmet.',
    placementReturnHome: 'Boendestöd från första dagen hemma.',
    placementShare0: '70',
    placementShare0Principal: 'municipality-1780',
    placementShare1: '30',
    placementShare1Principal: 'region-17',
    ...extra,
  });

  test("the plan form has the placement part, with Värmland's rules on placements beside the cost split", async () => {
    const sip = await joined();
    const res = await b.request('GET', `/sip/${sip.id}/plan`);
    assert.equal(res.status, 200, res.text);
    for (const label of [
      'HVB (hem för vård eller boende)',
      'Familjehem',
      'Stödboende',
      'Annat',
      'Ingen placering',
    ])
      assert.ok(res.text.includes(label), label);
    assert.match(res.text, /name="placementKind" type="radio" value="" checked/);
    assert.match(res.text, /Kostnadsfördelning/);
    assert.match(res.text, /boende, utbildning och arbete ska betalas av respektive kommun/);
    assert.match(res.text, /hälso- och sjukvård ska betalas av Regionen/);
    assert.match(res.text, /Källa: Värmland, Ansvarsfördelning vid placeringar utanför det egna hemmet/);
    // A share field per consented principal, and the units that take part to tick.
    assert.match(res.text, /name="placementShare0Principal" value="municipality-1780"/);
    assert.match(res.text, /name="placementShare1Principal" value="region-17"/);
    assert.match(
      res.text,
      new RegExp(`name="placementPlanningUnits" type="checkbox" value="${w.unit('soc.karlstad')}"`),
    );
  });

  test('a plan without a placement is saved as before', async () => {
    const sip = await joined();
    const res = await post(`/sip/${sip.id}/plan`, form({ placementKind: '' }));
    assert.equal(res.status, 303, res.text);
    assert.equal((await w.snapshot(sip)).plan.placement, null);
  });

  test('the placement rules are shown at their fields, and nothing is saved', async () => {
    const sip = await joined();
    const bad = form({
      placementPlanningOn: '2027-01-11',
      placementFollowUpOn: '2027-01-10',
      placementShare0: '60',
    });
    const res = await post(`/sip/${sip.id}/plan`, bad);
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(summaryLinks(res.text), [
      'placementPlanningOn',
      'placementFollowUpOn',
      'placementShare0',
    ]);
    assert.match(res.text, /senast samma dag som den börjar/);
    assert.match(res.text, /efter placeringens start/);
    assert.match(res.text, /100 procent \(nu 90 procent\)/);
    // What was typed is kept.
    assert.match(res.text, /value="Solgläntan"/);
    const missing = await post(`/sip/${sip.id}/plan`, {
      ...form({ placementGoal: '', placementShare0: '', placementShare1: '' }),
      placementPlanningUnits: [],
    });
    assert.equal(missing.status, 400, missing.text);
    assert.deepEqual(summaryLinks(missing.text), [
      'placementPlanningUnits',
      'placementGoal',
      'placementShare0',
    ]);
    // A principal outside the consent, posted in place of one in it.
    const tampered = await post(
      `/sip/${sip.id}/plan`,
      form({ placementShare1Principal: 'municipality-1784' }),
    );
    assert.equal(tampered.status, 400, tampered.text);
    assert.deepEqual(summaryLinks(tampered.text), ['placementShare1']);
    assert.match(tampered.text, /samtycke omfattar/);
    assert.equal((await w.snapshot(sip)).plan, null);
  });

  test('a saved placement is on the SIP page, in the form again, in the comparison and in the PDF', async () => {
    const sip = await joined();
    assert.equal((await post(`/sip/${sip.id}/plan`, form())).status, 303);
    const shown = await b.request('GET', `/sip/${sip.id}`);
    const text = shown.text.replace(/\s+/g, ' ');
    assert.match(text, /Placering utanför hemmet/);
    assert.match(text, /HVB \(hem för vård eller boende\): Solgläntan/);
    assert.match(text, /2026-12-15, med [^<]*Psykiatri[^<]*, [^<]*Socialtjänst/i);
    assert.match(text, /Karlstads kommun 70 %, Region Värmland 30 %/);
    assert.match(text, /Boendestöd från första dagen hemma\./);
    const again = await b.request('GET', `/sip/${sip.id}/plan`);
    assert.match(again.text, /name="placementKind" type="radio" value="hvb" checked/);
    assert.match(again.text, /id="placementShare0" name="placementShare0" type="text" value="70"/);
    // A second version with another split: the comparison marks the placement as changed.
    const second = form({ placementShare0: '50', placementShare1: '50' });
    assert.equal((await post(`/sip/${sip.id}/plan`, second)).status, 303);
    const compared = (await b.request('GET', `/sip/${sip.id}/versioner`)).text.replace(/\s+/g, ' ');
    assert.match(compared, /Placering utanför hemmet/);
    assert.match(compared, /Karlstads kommun 70 %, Region Värmland 30 %/);
    assert.match(compared, /Karlstads kommun 50 %, Region Värmland 50 %/);
    const pdf = await b.download(`/sip/${sip.id}/plan.pdf`);
    const printed = oneLine(pdfText(pdf.body));
    assert.match(printed, /Placering utanför hemmet/);
    assert.match(printed, /Typ av placering\s*HVB \(hem för vård eller boende\): Solgläntan/);
    assert.match(printed, /Mål med placeringen\s*Drogfrihet och egen bostad\./);
    assert.match(printed, /Uppföljning av placeringen\s*2027-03-01: Möte på behandlingshemmet\./);
    assert.match(printed, /Planering för hemtagning\s*Boendestöd från första dagen hemma\./);
    assert.match(printed, /Kostnadsfördelning\s*Karlstads kommun 50 %, Region Värmland 50 %/);
  });
});
