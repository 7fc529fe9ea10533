import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { contentPages } from '../helpers/sip-content-pages.ts';
import { type World, world } from '../helpers/sip-world.ts';

// Issue 22's pages over real HTTP (closing, the answer page and the printed plan; the rest in
// sip-plan-content-pages.test.ts) with cookie sessions: the plan's kind at the start, interventions without a
// fixed number of rows (added without JavaScript), the LPT/LRV plan's rules at the row they concern, the needs
// assessment beside the goals, a meeting as held, closing with evaluation after a confirmation step, the banner
// after each step, and the meeting's time, place and video link.

describe('SIP closure, answer and print pages', () => {
  let s: TestServer;
  let w: World;
  let h: ReturnType<typeof contentPages>;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
    h = contentPages(s, w);
  });
  after(() => s.close());
  const browser = (u: string) => h.browser(u);
  const page = (u: string, path: string) => h.page(u, path);
  const post = (u: string, path: string, form: Record<string, string | string[]>) => h.post(u, path, form);
  const started = (u?: string, planKind?: string) => h.started(u, planKind);
  const active = (planKind?: string, relatives?: boolean) => h.active(planKind, relatives);
  const summaryLinks = (html: string) => h.summaryLinks(html);
  test('closing: the evaluation asked, then a confirmation page; "Ändra" goes back; "Ja" closes', async () => {
    const sip = await active();
    const plan = await w.by('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, {
      interventions: [{ description: 'Boendestöd', responsibleUnitId: w.unit('psykiatri.karlstad') }],
      overallResponsibility: { unitId: w.unit('psykiatri.karlstad') },
      goals: ['Eget boende'],
      personsOwnWords: 'Jag vill bo själv.',
      followUpOn: '2027-03-01',
      childrenConsidered: null,
    });
    assert.equal(plan.status, 200, plan.text);
    const path = `/sip/${sip.id}/avsluta`;
    const noEvaluation = await post('psykiatri.karlstad', path, { reason: 'goalsMet' });
    assert.equal(noEvaluation.status, 400);
    assert.deepEqual(summaryLinks(noEvaluation.text), ['goalsMet']);
    const contradiction = await post('psykiatri.karlstad', path, { reason: 'goalsMet', goalsMet: 'not' });
    assert.deepEqual(summaryLinks(contradiction.text), ['goalsMet']);
    const typed = {
      reason: 'goalsMet',
      goalsMet: 'partly',
      evaluationView: 'Jag har fått en egen lägenhet.',
      note: 'Avslutas efter uppföljning.',
    };
    const confirm = await post('psykiatri.karlstad', path, typed);
    assert.equal(confirm.status, 200, confirm.text);
    assert.match(confirm.text, /<h1 class="govuk-heading-l">Vill du avsluta SIP:en\?<\/h1>/);
    assert.match(confirm.text, /Delvis/);
    assert.match(confirm.text, /name="evaluationView" value="Jag har fått en egen lägenhet\."/);
    assert.match(confirm.text, /name="confirmed" value="yes"[^>]*>Ja, avsluta SIP:en/);
    assert.equal((await w.snapshot(sip)).status, 'active', 'the confirmation page closes nothing');
    const change = await post('psykiatri.karlstad', path, { ...typed, confirmed: 'change' });
    assert.equal(change.status, 200);
    assert.match(change.text, /<h1 class="govuk-heading-l">Avsluta SIP:en<\/h1>/);
    assert.match(change.text, /Jag har fått en egen lägenhet\./);
    assert.equal((await w.snapshot(sip)).status, 'active');
    const closed = await post('psykiatri.karlstad', path, { ...typed, confirmed: 'yes' });
    assert.equal(closed.status, 303, closed.text);
    assert.equal(closed.headers.get('location'), `/sip/${sip.id}?klart=avslutad`);
    const show = await page('psykiatri.karlstad', closed.headers.get('location')!);
    assert.match(show.text, /SIP:en är avslutad\./);
    assert.match(show.text, /Utvärdering vid avslut/);
    assert.match(
      show.text,
      /Har planens mål uppnåtts\?\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Delvis/,
    );
    assert.match(show.text, /Jag har fått en egen lägenhet\./);
    assert.match(show.text, /Avslutas efter uppföljning\./);
  });

  test('only the convening unit reaches the confirmation page: 403 for a unit that takes part', async () => {
    const sip = await active();
    await w.join(sip);
    const res = await post('soc.karlstad', `/sip/${sip.id}/avsluta`, { reason: 'moved' });
    assert.equal(res.status, 403, res.text);
    assert.doesNotMatch(res.text, /Ja, avsluta SIP:en/);
    assert.equal((await w.snapshot(sip)).status, 'active');
  });

  test('a request without a plan closes without evaluation, still after confirming', async () => {
    const sip = await started();
    const path = `/sip/${sip.id}/avsluta`;
    const form = await page('psykiatri.karlstad', path);
    assert.doesNotMatch(form.text, /Har planens mål uppnåtts/);
    const confirm = await post('psykiatri.karlstad', path, { reason: 'noConsent' });
    assert.equal(confirm.status, 200, confirm.text);
    assert.match(confirm.text, /Ja, avsluta SIP:en/);
    const closed = await post('psykiatri.karlstad', path, { reason: 'noConsent', confirmed: 'yes' });
    assert.equal(closed.status, 303, closed.text);
    assert.deepEqual((await w.snapshot(sip)).closure.evaluation, null);
  });

  test('the answer page shows the time, place and video link; the SIP page shows the video link as a link', async () => {
    const sip = await active();
    const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
      unitId: w.unit('soc.karlstad'),
      meetingAt: '2026-12-01T13:00:00+01:00',
      place: 'Mottagningen, rum 3',
      videoLink: 'https://video.example/mote?id=1&x=2',
    });
    assert.equal(res.status, 201, res.text);
    const answer = await page('soc.karlstad', `/kallelser/${res.body.id}?sip=${sip.id}`);
    assert.equal(answer.status, 200);
    assert.match(answer.text, /Tid\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2026-12-01 13:00/);
    assert.match(answer.text, /Mottagningen, rum 3/);
    assert.match(answer.text, /<a class="govuk-link" href="https:\/\/video.example\/mote\?id=1&amp;x=2"/);
    const accepted = await post('soc.karlstad', `/kallelser/${res.body.id}`, {
      answer: 'accept',
      sip: sip.id,
    });
    assert.equal(accepted.status, 303, accepted.text);
    assert.equal(accepted.headers.get('location'), `/sip/${sip.id}?klart=svar`);
    const show = await page('soc.karlstad', accepted.headers.get('location')!);
    assert.match(show.text, /Ert svar på kallelsen är skickat\./);
    assert.match(
      show.text,
      /videomöte: <a class="govuk-link" href="https:\/\/video.example\/mote\?id=1&amp;x=2"/,
    );
  });

  test('the printed plan shows the kind, the assessment, the participants, the interventions with the view, the evaluation', async () => {
    const sip = await active('SPLPTLRV');
    const unit = w.unit('psykiatri.karlstad');
    const as = w.by('psykiatri.karlstad');
    const calls = [
      await as('PUT', `/api/sips/${sip.id}/assessment`, {
        areas: [{ area: 'occupation', situation: 'Saknar sysselsättning.', wishes: 'Vill arbeta med djur.' }],
      }),
      await as('POST', `/api/sips/${sip.id}/meetings`, {
        heldOn: '2026-11-24',
        personsParticipation: 'represented',
        participants: [
          { kind: 'unit', unitId: unit, role: 'Chefsöverläkare', attended: true },
          { kind: 'relative', name: 'Bo Svensson', role: 'Bror', attended: false },
        ],
        notes: 'Planen gås igenom med personen.',
      }),
      await as('PUT', `/api/sips/${sip.id}/plan`, {
        interventions: [
          {
            description: 'Depotinjektion var fjärde vecka',
            responsibleUnitId: unit,
            startsOn: '2026-12-01',
            status: 'ongoing',
            personsView: 'Jag föredrar tabletter.',
          },
        ],
        overallResponsibility: { unitId: unit },
        goals: ['Stabil vardag'],
        personsOwnWords: 'Jag vill klara mig själv.',
        followUpOn: '2027-03-01',
        childrenConsidered: null,
        compulsoryCare: { law: 'LPT' },
        relativesTookPart: false,
      }),
      await as('POST', `/api/sips/${sip.id}/closure`, {
        reason: 'goalsMet',
        note: 'Övergår till frivillig vård.',
        evaluation: { goalsMet: 'fully', personsView: 'Det har gått bra.' },
      }),
    ];
    for (const res of calls) assert.ok(res.status < 300, res.text);
    const pdf = await (await browser('psykiatri.karlstad')).download(`/sip/${sip.id}/plan.pdf`);
    assert.equal(pdf.status, 200);
    const text = oneLine(pdfText(pdf.body));
    for (const expected of [
      'Samordnad vårdplan vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård (LPT/LRV)',
      'Typ av plan (Ineras kod): SPLPTLRV',
      'Ansvarig chefsöverläkares enhet: Vuxenpsykiatri Karlstad, Region Värmland',
      'Sysselsättning',
      'Saknar sysselsättning.',
      'Vill arbeta med djur.',
      'Depotinjektion var fjärde vecka',
      'Jag föredrar tabletter.',
      'från 2026-12-01 tills vidare',
      'Pågår',
      'Närstående deltog när planen togs fram: nej',
      'Möte 2026-11-24',
      'Personen: Företräddes av någon annan',
      'Deltog: Vuxenpsykiatri Karlstad, Region Värmland: Chefsöverläkare',
      'Frånvarande: Bo Svensson (närstående): Bror',
      'Anteckningar: Planen gås igenom med personen.',
      'Avslutad 2026-11-26: målen är uppnådda.',
      'Har planens mål uppnåtts? Helt',
      'Vad personen säger: Det har gått bra.',
      'Anteckning: Övergår till frivillig vård.',
    ])
      assert.ok(text.includes(expected), `${expected} in\n${text}`);
  });
});
