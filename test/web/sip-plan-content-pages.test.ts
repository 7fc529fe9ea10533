import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sips } from '../../src/modules/sip/schema.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { contentPages } from '../helpers/sip-content-pages.ts';
import { type Json, type World, world } from '../helpers/sip-world.ts';

// Issue 22's pages over real HTTP with cookie sessions: the plan's kind at the start, interventions without a
// fixed number of rows (added without JavaScript), the LPT/LRV plan's rules at the row they concern, the needs
// assessment beside the goals, a meeting as held, closing with evaluation after a confirmation step, the banner
// after each step, and the meeting's time, place and video link.

describe('SIP plan content pages', () => {
  let s: TestServer;
  let w: World;
  let h: ReturnType<typeof contentPages>;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
    h = contentPages(s, w);
  });
  after(() => s.close());
  const page = (u: string, path: string) => h.page(u, path);
  const pin = () => h.pin();
  const post = (u: string, path: string, form: Record<string, string | string[]>) => h.post(u, path, form);
  const active = (planKind?: string, relatives?: boolean) => h.active(planKind, relatives);
  const summaryLinks = (html: string) => h.summaryLinks(html);
  const rowsShown = (html: string) => h.rowsShown(html);
  const versions = (sip: Json) => h.versions(sip);

  test('the start page offers the plan kinds, SIP chosen; a municipal unit cannot convene an LPT/LRV plan', async () => {
    const form = await page('soc.karlstad', '/sip/ny');
    assert.match(form.text, /value="SIP" checked/);
    assert.match(form.text, /value="SPLPTLRV"/);
    assert.match(form.text, /value="SPU"/);
    const before = await s.database.db.$count(sips);
    const fields = {
      personalIdentityNumber: pin(),
      name: 'Tage Tvång',
      reason: 'Öppen psykiatrisk tvångsvård',
      requestedBy: 'staff',
      hasChildren: 'no',
      planKind: 'SPLPTLRV',
    };
    const refused = await post('soc.karlstad', '/sip/ny', fields);
    assert.equal(refused.status, 422, refused.text);
    assert.deepEqual(summaryLinks(refused.text), ['planKind']);
    assert.match(refused.text, /bara en enhet i regionen kan sammankalla den/);
    assert.match(refused.text, /value="SPLPTLRV" checked/);
    assert.equal(await s.database.db.$count(sips), before);

    const res = await post('psykiatri.karlstad', '/sip/ny', fields);
    assert.equal(res.status, 303, res.text);
    const location = res.headers.get('location')!;
    assert.match(location, /\?klart=startad$/);
    const show = await page('psykiatri.karlstad', location);
    assert.match(show.text, /govuk-notification-banner--success/);
    assert.match(show.text, /SIP:en är startad\./);
    assert.match(
      show.text,
      /Samordnad vårdplan vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård/,
    );
    assert.match(show.text, /Ansvarig chefsöverläkares enhet/);
    // Without the code, no banner.
    const plain = await page('psykiatri.karlstad', location.split('?')[0]!);
    assert.doesNotMatch(plain.text, /govuk-notification-banner/);
  });

  test('"Lägg till insats" shows the form again with one row more and what was typed, storing nothing', async () => {
    const sip = await active();
    const form = await page('psykiatri.karlstad', `/sip/${sip.id}/plan`);
    assert.deepEqual(rowsShown(form.text), [1]);
    assert.match(
      form.text,
      /<button type="submit" value="addRow" name="action"[^>]*>\s*Lägg till insats\s*<\/button>/,
    );
    const typed = {
      personsOwnWords: 'Jag vill jobba.',
      intervention0: 'Arbetsträning',
      rows: '1',
      action: 'addRow',
    };
    const more = await post('psykiatri.karlstad', `/sip/${sip.id}/plan`, typed);
    assert.equal(more.status, 200, more.text);
    assert.deepEqual(rowsShown(more.text), [1, 2]);
    assert.doesNotMatch(more.text, /govuk-error-summary/);
    assert.match(more.text, /value="Arbetsträning"/);
    assert.match(more.text, /Jag vill jobba\./);
    const third = await post('psykiatri.karlstad', `/sip/${sip.id}/plan`, { ...typed, rows: '2' });
    assert.deepEqual(rowsShown(third.text), [1, 2, 3]);
    assert.equal(await versions(sip), 0);
  });

  test('a plan with rows beyond five, an empty row between, dates, tills vidare, status and the view', async () => {
    const sip = await active();
    const unit = w.unit('psykiatri.karlstad');
    const form: Record<string, string> = {
      personsOwnWords: 'Jag vill bo själv.',
      goals: 'Eget boende',
      rows: '7',
      overallUnitId: unit,
      followUpOn: '2027-03-01',
      childrenConsidered: 'na',
      compulsoryCare: 'none',
      intervention0: 'Boendestöd',
      intervention0Unit: unit,
      intervention0Start: '2026-12-01',
      intervention0Status: 'ongoing',
      intervention0View: 'Bra att någon kommer hem till mig.',
      intervention6: 'Arbetsträning',
      intervention6Actor: 'Arbetsförmedlingen',
      intervention6Start: '2027-01-01',
      intervention6End: '2027-06-30',
      intervention6Status: 'planned',
    };
    const res = await post('psykiatri.karlstad', `/sip/${sip.id}/plan`, form);
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), `/sip/${sip.id}?klart=plan`);
    const saved = (await w.snapshot(sip)).plan;
    assert.deepEqual(saved.interventions, [
      {
        description: 'Boendestöd',
        responsibleUnitId: unit,
        startsOn: '2026-12-01',
        endsOn: null,
        status: 'ongoing',
        personsView: 'Bra att någon kommer hem till mig.',
      },
      {
        description: 'Arbetsträning',
        externalActor: 'Arbetsförmedlingen',
        startsOn: '2027-01-01',
        endsOn: '2027-06-30',
        status: 'planned',
        personsView: null,
      },
    ]);
    const show = await page('psykiatri.karlstad', res.headers.get('location')!);
    assert.match(show.text, /Planen är sparad som en ny version\./);
    assert.match(show.text, /från 2026-12-01<\/span> tills vidare/);
    assert.match(show.text, /<td class="govuk-table__cell">Pågår<\/td>/);
    assert.match(show.text, /Bra att någon kommer hem till mig\./);
    assert.match(show.text, /till 2027-06-30/);
    // Changing the plan starts from its two interventions and offers one empty row.
    const again = await page('psykiatri.karlstad', `/sip/${sip.id}/plan`);
    assert.deepEqual(rowsShown(again.text), [1, 2, 3]);
    assert.match(again.text, /value="Arbetsträning"/);
    // A second version that changes only a status: the comparison marks the interventions as changed.
    const second = await post('psykiatri.karlstad', `/sip/${sip.id}/plan`, {
      ...form,
      intervention6Status: 'cancelled',
    });
    assert.equal(second.status, 303, second.text);
    const compared = await page('psykiatri.karlstad', `/sip/${sip.id}/versioner`);
    assert.match(compared.text, /Insatser<br><span class="govuk-body-s">Ändrad/);
    assert.match(
      compared.text,
      /Arbetsträning – Arbetsförmedlingen \(från 2027-01-01 till 2027-06-30, inställd\)/,
    );
    assert.match(compared.text, /1 av 9 delar är ändrade\./);
  });

  test('an LPT/LRV plan: each missing part named at its row and field, and nothing stored', async () => {
    const sip = await active('SPLPTLRV');
    const unit = w.unit('psykiatri.karlstad');
    const form = await page('psykiatri.karlstad', `/sip/${sip.id}/plan`);
    assert.doesNotMatch(form.text, /id="compulsoryCare" name="compulsoryCare" type="radio" value="none"/);
    assert.match(form.text, /Personens syn på insatsen\s*<\/label>/);
    const res = await post('psykiatri.karlstad', `/sip/${sip.id}/plan`, {
      rows: '3',
      overallUnitId: unit,
      followUpOn: '2027-03-01',
      childrenConsidered: 'na',
      intervention0: 'Depotinjektion',
      intervention0Unit: unit,
      intervention0View: 'Jag vill hellre ha tabletter.',
      intervention0Start: '2027-02-01',
      intervention0End: '2027-01-01',
      intervention2: 'Boendestöd',
      intervention2Actor: 'Boendestödet',
    });
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(summaryLinks(res.text), [
      'intervention0End',
      'intervention2View',
      'compulsoryCare',
      'relativesTookPart',
    ]);
    assert.match(res.text, /Insats 3: ange personens egen syn på insatsen/);
    assert.match(res.text, /Insats 1: slutdatumet kan inte vara före startdatumet/);
    assert.match(res.text, /value="Jag vill hellre ha tabletter\."|Jag vill hellre ha tabletter\./);
    assert.equal(await versions(sip), 0);
  });

  test('relatives cannot have taken part in the plan without consent: at its field', async () => {
    const sip = await active('SIP', false);
    const unit = w.unit('psykiatri.karlstad');
    const res = await post('psykiatri.karlstad', `/sip/${sip.id}/plan`, {
      overallUnitId: unit,
      followUpOn: '2027-03-01',
      childrenConsidered: 'na',
      relativesTookPart: 'yes',
    });
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(summaryLinks(res.text), ['relativesTookPart']);
    assert.equal(await versions(sip), 0);
  });

  test('the needs assessment: by life area, the situation needed, shown on the SIP and beside the goals', async () => {
    const sip = await active();
    const form = await page('psykiatri.karlstad', `/sip/${sip.id}/kartlaggning`);
    assert.equal(form.status, 200);
    for (const label of [
      'Boende',
      'Sysselsättning',
      'Vardagsliv och ADL',
      'Sociala relationer',
      'Hälsa',
      'Missbruk och beroende',
      'Ekonomi',
      'Trygghet och säkerhet',
    ])
      assert.match(form.text, new RegExp(`<legend[^>]*>\\s*${label}\\s*</legend>`), label);
    const wishesOnly = await post('psykiatri.karlstad', `/sip/${sip.id}/kartlaggning`, {
      housingWishes: 'Eget kontrakt.',
    });
    assert.equal(wishesOnly.status, 400);
    assert.deepEqual(summaryLinks(wishesOnly.text), ['housingSituation']);
    assert.equal((await w.snapshot(sip)).assessments.length, 0);
    const res = await post('psykiatri.karlstad', `/sip/${sip.id}/kartlaggning`, {
      housingSituation: 'Bor i andrahand.',
      housingStrengths: 'Sköter hemmet.',
      housingWishes: 'Eget kontrakt.',
      economySituation: 'Skulder.',
    });
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), `/sip/${sip.id}?klart=kartlaggning`);
    const show = await page('psykiatri.karlstad', res.headers.get('location')!);
    assert.match(show.text, /Kartläggningen är sparad\./);
    assert.match(
      show.text,
      /<th scope="row" class="govuk-table__header">Boende<\/th>\s*<td class="govuk-table__cell">Bor i andrahand\.<\/td>/,
    );
    const planPage = await page('psykiatri.karlstad', `/sip/${sip.id}/plan`);
    const goals = planPage.text.indexOf('id="goals"');
    const assessment = planPage.text.indexOf('Bor i andrahand.');
    assert.ok(goals > 0 && assessment > goals, 'the assessment stands beside (after) the goals');
    assert.ok(assessment < planPage.text.indexOf('Insats 1'), 'before the interventions');
    // The form starts from what the unit recorded.
    const again = await page('psykiatri.karlstad', `/sip/${sip.id}/kartlaggning`);
    assert.match(again.text, /Sköter hemmet\./);
  });

  test('a meeting: units present and absent with roles, others added without JavaScript, the person, notes', async () => {
    const sip = await active('SIP', false);
    await w.invite(sip, w.unit('soc.karlstad'));
    const form = await page('psykiatri.karlstad', `/sip/${sip.id}/mote`);
    assert.match(form.text, /name="unit0Id" value="[^"]+"/);
    assert.match(form.text, /name="unit1Id" value="[^"]+"/);
    const typed = {
      heldOn: '2026-11-25',
      other0Name: 'Försäkringskassan',
      others: '1',
      action: 'addParticipant',
    };
    const more = await post('psykiatri.karlstad', `/sip/${sip.id}/mote`, typed);
    assert.equal(more.status, 200, more.text);
    assert.match(more.text, /Deltagare 2/);
    assert.match(more.text, /value="Försäkringskassan"/);
    const wrong = await post('psykiatri.karlstad', `/sip/${sip.id}/mote`, {
      heldOn: '2026-11-25',
      personsParticipation: 'present',
      unit0Id: w.unit('psykiatri.karlstad'),
      unit0Attended: 'yes',
      others: '2',
      other0Kind: 'relative',
      other0Name: 'Anna Svensson',
      other0Role: 'Syster',
      other0Attended: 'yes',
      other1Name: 'Försäkringskassan',
    });
    assert.equal(wrong.status, 400, wrong.text);
    assert.deepEqual(summaryLinks(wrong.text), [
      'unit0Role',
      'other0Kind',
      'other1Kind',
      'other1Role',
      'other1Attended',
    ]);
    assert.match(wrong.text, /personen har inte samtyckt till att närstående deltar/);
    assert.equal((await w.snapshot(sip)).meetings.length, 0);
    const res = await post('psykiatri.karlstad', `/sip/${sip.id}/mote`, {
      heldOn: '2026-11-25',
      personsParticipation: 'remote',
      unit0Id: w.unit('psykiatri.karlstad'),
      unit0Attended: 'yes',
      unit0Role: 'Samordnare',
      unit1Id: w.unit('soc.karlstad'),
      unit1Attended: 'no',
      unit1Role: 'Biståndshandläggare',
      others: '1',
      other0Kind: 'external',
      other0Name: 'Försäkringskassan',
      other0Role: 'Handläggare',
      other0Attended: 'yes',
      notes: 'Boendestöd ska ansökas.',
    });
    assert.equal(res.status, 303, res.text);
    assert.equal(res.headers.get('location'), `/sip/${sip.id}?klart=mote`);
    const show = await page('psykiatri.karlstad', res.headers.get('location')!);
    assert.match(show.text, /Mötet är registrerat\./);
    assert.match(show.text, /Möte 2026-11-25/);
    assert.match(show.text, /Deltog på distans \(video eller telefon\)/);
    assert.match(
      show.text,
      /Vuxenpsykiatri Karlstad, Region Värmland: Samordnare; Försäkringskassan \(extern part\): Handläggare/,
    );
    assert.match(show.text, /Socialtjänst vuxen, Karlstad, Karlstads kommun: Biståndshandläggare/);
    assert.match(show.text, /Boendestöd ska ansökas\./);
  });
});
