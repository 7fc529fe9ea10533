import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import '../../src/jobs.ts';
import type { ChangeWatch } from '../helpers/change-watch.ts';
import { testTarget } from '../helpers/database.ts';
import {
  karlstad,
  type MyPlansWorld,
  ok,
  openMyPlansWorld,
  region,
  text,
} from '../helpers/my-plans-world.ts';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { personBrowser } from '../helpers/person.ts';
import type { TestServer } from '../helpers/server.ts';
import { consentFor, type Json, NOW, type World } from '../helpers/sip-world.ts';

// Issue 26 item 2 with issue 22's content, over HTTP: the person's plan page shows the whole current plan in plain
// Swedish (their own words first, goals, who does what and when with its status and their own view, the next
// meeting, the needs assessment by life area, the meetings held, the evaluation at closure, the kind of plan), as
// do the earlier versions, the plan's PDF and their download; units are named, people are not (no staff, and a
// relative or another party at a meeting by their role only); and nothing of another person's plan is in it.

const relative = 'Rut Relativsson';
const otherParty = 'Karl Kassasson';

describe(`Mina planer: the whole plan (${testTarget})`, () => {
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

  /** A richer plan: when, status and the person's view of each intervention, and a placement outside the home. */
  const richPlan = (words: string) => ({
    ...m.planOf('Egen bostad och ett arbete', words),
    interventions: [
      {
        description: 'Boendestöd två gånger i veckan',
        responsibleUnitId: w.unit('soc.karlstad'),
        startsOn: '2026-12-01',
        endsOn: null,
        status: 'ongoing',
        personsView: 'Det hjälper mig att komma upp på morgonen.',
      },
      {
        description: 'Samtal var fjärde vecka',
        responsibleUnitId: w.unit('psykiatri.karlstad'),
        startsOn: '2026-12-01',
        endsOn: '2027-03-01',
        status: 'planned',
        personsView: null,
      },
      { description: 'Arbetsträning', externalActor: 'Arbetsförmedlingen', status: 'planned' },
    ],
    placement: {
      kind: 'supportedHousing',
      place: 'Stödboendet Linden',
      startsOn: '2027-01-10',
      jointPlanning: {
        heldOn: '2026-11-24',
        unitIds: [w.unit('psykiatri.karlstad'), w.unit('soc.karlstad')],
      },
      goal: 'Att klara ett eget boende.',
      followUp: { on: '2027-03-01', how: 'Möte på boendet.' },
      returnHome: 'Boendestöd hemma från första dagen.',
      costSplit: [
        { principalId: karlstad, percent: 60 },
        { principalId: region, percent: 40 },
      ],
    },
  });

  /** A SIP about the person with every kind of content: a rich plan, two assessments, a meeting, the next one. */
  async function planWithContent(person: { personalIdentityNumber: string; name: string }, words: string) {
    const sip = await m.annasPlan(person);
    const as = (u: string) => w.by(u);
    ok(await as('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, richPlan(words)));
    ok(
      await as('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/assessment`, {
        areas: [
          {
            area: 'housing',
            situation: 'Bor i andrahand, kontraktet går ut i mars.',
            strengths: 'Sköter hemmet.',
            wishes: 'Vill ha ett eget kontrakt.',
          },
        ],
      }),
    );
    ok(
      await as('soc.karlstad')('PUT', `/api/sips/${sip.id}/assessment`, {
        areas: [{ area: 'economy', situation: 'Skulder hos Kronofogden.', wishes: 'Budgetrådgivning.' }],
      }),
    );
    ok(
      await as('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/meetings`, {
        heldOn: '2026-11-25',
        personsParticipation: 'remote',
        participants: [
          { kind: 'unit', unitId: w.unit('psykiatri.karlstad'), role: 'Samordnare', attended: true },
          { kind: 'relative', name: relative, role: 'Syster', attended: true },
          {
            kind: 'external',
            name: otherParty,
            role: 'Handläggare på Försäkringskassan',
            attended: false,
          },
        ],
        notes: 'Vi kom överens om boendestöd.',
      }),
      201,
    );
    ok(
      await as('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
        unitId: w.unit('soc.karlstad'),
        meetingAt: '2026-12-03T10:00:00+01:00',
        place: 'Socialtjänsten, Karlstad',
        videoLink: 'https://mote.example.invalid/sip-2',
      }),
      201,
    );
    return sip;
  }

  /** Where the text is on the page; fails naming the page when it is not. */
  const position = (page: string) => (what: string) => {
    const i = page.indexOf(what);
    assert.ok(i >= 0, `the page says «${what}»: ${page}`);
    return i;
  };
  const namesNoOne = (what: string, body: string) => {
    for (const [username, name] of staffNames) assert.ok(!body.includes(name), `${what}: ${username}'s name`);
    for (const name of [relative, otherParty]) assert.ok(!body.includes(name), `${what}: ${name}`);
  };

  test('the plan page: their own words first, goals, who does what and when, the next meeting, the assessment, the meetings held; no one named', async () => {
    const person = { personalIdentityNumber: '19700101-1233', name: 'Gustav Gran' };
    const sip = await planWithContent(person, 'Jag vill ha ett eget hem.');
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    const html = ok(await browser.request('GET', `/mina-planer/${sip.id}`)).text;
    const page = text(html);
    const at = position(page);
    const order = [
      'Det här är en SIP.',
      'Med dina egna ord Jag vill ha ett eget hem.',
      'Dina mål Egen bostad och ett arbete',
      'Vem gör vad och när Boendestöd två gånger i veckan Vem Socialtjänst vuxen, Karlstad, Karlstads kommun När Från 1 december 2026 tills vidare. Hur det går Pågår Vad du tycker Det hjälper mig att komma upp på morgonen.',
      'Samtal var fjärde vecka Vem Vuxenpsykiatri Karlstad, Region Värmland När Från 1 december 2026 till 1 mars 2027. Hur det går Har inte börjat än Vad du tycker Inget är skrivet.',
      'Arbetsträning Vem Arbetsförmedlingen När Tills vidare.',
      'Boende utanför hemmet Var du bor Stödboende: Stödboendet Linden Från 10 januari 2027',
      'Vem som betalar Karlstads kommun 60 %, Region Värmland 40 %',
      'Huvudansvar: Vuxenpsykiatri Karlstad, Region Värmland.',
      'Nästa möte När tisdag 1 december 2026 klockan 13.00',
      'Så har du det',
      'Var du bor Det här vill du Vill ha ett eget kontrakt. Det här är du bra på Sköter hemmet. Så har du det nu Bor i andrahand, kontraktet går ut i mars. Vem skrev det Vuxenpsykiatri Karlstad, Region Värmland, 26 november 2026',
      'Pengar Det här vill du Budgetrådgivning. Det här är du bra på Inget är skrivet. Så har du det nu Skulder hos Kronofogden.',
      'Möten som har varit Möte 25 november 2026 Du var med på video eller telefon.',
      'De som var med Vuxenpsykiatri Karlstad, Region Värmland: Samordnare Närstående: Syster De som inte kom Handläggare på Försäkringskassan Anteckningar Vi kom överens om boendestöd.',
      'Ditt samtycke',
    ];
    const positions = order.map(at);
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
      'in this order',
    );
    assert.doesNotMatch(page, /Så gick det/, 'an open plan has no evaluation');
    namesNoOne('the page', html);
  });

  test('earlier versions show each version whole; the plan’s PDF holds the whole plan and names no one; logged as a print', async () => {
    const person = { personalIdentityNumber: '19700202-1231', name: 'Helga Hed' };
    const sip = await planWithContent(person, 'Jag vill flytta.');
    ok(
      await w.by('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, {
        ...richPlan('Nu vill jag arbeta.'),
        goals: ['Ett arbete'],
      }),
    );
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    const versions = text(ok(await browser.request('GET', `/mina-planer/${sip.id}/versioner`)).text);
    const at = position(versions);
    assert.ok(at('Version 3, från 26 november 2026 Med dina egna ord Jag vill flytta.') < at('Version 2'));
    at('Hur det går Pågår Vad du tycker Det hjälper mig att komma upp på morgonen.');
    await watch.take();
    const pdf = await browser.download(`/mina-planer/${sip.id}/plan.pdf`);
    assert.equal(pdf.status, 200);
    const printed = oneLine(pdfText(pdf.body));
    for (const expected of [
      'Nu vill jag arbeta.',
      'Från 1 december 2026 tills vidare.',
      'Det hjälper mig att komma upp på morgonen.',
      'Stödboendet Linden',
      'Vill ha ett eget kontrakt.',
      'Budgetrådgivning.',
      'Närstående: Syster',
      'Handläggare på Försäkringskassan',
      'Du var med på video eller telefon.',
      'dig själv, med e-legitimation',
    ])
      assert.ok(printed.includes(expected), `the PDF says «${expected}»: ${printed}`);
    namesNoOne('the PDF', printed);
    const logged = (await watch.take())
      .filter((c) => c.tableName === 'access_log')
      .map((c) => JSON.parse(c.row));
    assert.deepEqual(
      logged.map((r) => [r.actor, r.action, r.object_id]),
      [['person', 'print', sip.id]],
    );
  });

  test('a closed plan: its kind, the evaluation (were the goals met, what the person said, the note)', async () => {
    const person = { personalIdentityNumber: '19700303-1239', name: 'Ivar Ihre' };
    const started = await w.by('soc.karlstad')('POST', '/api/sips', {
      person,
      reason: 'Behöver stöd efter tiden på sjukhuset.',
      planKind: 'SPU',
    });
    ok(started, 201);
    const sip: Json = started.body;
    ok(await w.by('soc.karlstad')('POST', `/api/sips/${sip.id}/consent`, consentFor([karlstad, region])));
    ok(
      await w.by('soc.karlstad')('PUT', `/api/sips/${sip.id}/plan`, {
        ...m.planOf('Bo kvar hemma', 'Jag vill vara hemma.'),
        interventions: [{ description: 'Hemtjänst', responsibleUnitId: w.unit('soc.karlstad') }],
        overallResponsibility: { unitId: w.unit('soc.karlstad') },
      }),
    );
    ok(
      await w.by('soc.karlstad')('POST', `/api/sips/${sip.id}/closure`, {
        reason: 'goalsMet',
        note: 'Hemtjänsten fungerar.',
        evaluation: { goalsMet: 'partly', personsView: 'Jag är nöjd med hjälpen hemma.' },
      }),
    );
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    const page = text(ok(await browser.request('GET', `/mina-planer/${sip.id}`)).text);
    const at = position(page);
    at('Den här planen gjordes när du skulle skrivas ut från sjukhuset.');
    at('Planen avslutades 26 november 2026. Målen är nådda.');
    assert.ok(at('Med dina egna ord Jag vill vara hemma.') < at('Så gick det'));
    at(
      'Så gick det Nådde du målen? Delvis. Det här sa du Jag är nöjd med hjälpen hemma. Anteckning Hemtjänsten fungerar.',
    );
    const printed = oneLine(pdfText((await browser.download(`/mina-planer/${sip.id}/plan.pdf`)).body));
    assert.match(printed, /Samordnad plan vid utskrivning/);
    assert.match(printed, /Jag är nöjd med hjälpen hemma\./);
  });

  test('my data holds the whole plan (every version, the interventions’ details, the assessment, the meetings) and nothing of another person’s', async () => {
    const person = { personalIdentityNumber: '19700404-1237', name: 'Jon Jarl' };
    const other = { personalIdentityNumber: '19700505-1235', name: 'Kim Kvist' };
    const sip = await planWithContent(person, 'Jag vill bo nära min syster.');
    const theirs = await planWithContent(other, 'Det här är någon annans ord.');
    const browser = await personBrowser(s, person.personalIdentityNumber, NOW);
    const json = await browser.download('/mina-planer/mina-uppgifter.json');
    const body = json.body.toString('utf8');
    const data = JSON.parse(body);
    assert.deepEqual(
      data.planer.map((p: Json) => p.id),
      [sip.id],
    );
    const [plan] = data.planer;
    assert.deepEqual(plan.typAvPlan.kod, 'SIP');
    const newest = plan.planversioner.at(-1);
    assert.equal(newest.dinaEgnaOrd, 'Jag vill bo nära min syster.');
    assert.deepEqual(newest.insatser[0], {
      vad: 'Boendestöd två gånger i veckan',
      vem: 'Socialtjänst vuxen, Karlstad, Karlstads kommun',
      start: '2026-12-01',
      slut: null,
      tillsVidare: true,
      nar: 'Från 1 december 2026 tills vidare.',
      lage: 'Pågår',
      dinSyn: 'Det hjälper mig att komma upp på morgonen.',
    });
    assert.ok(newest.boendeUtanforHemmet.some((l: Json) => l.text === 'Stödboende: Stödboendet Linden'));
    assert.deepEqual(
      plan.kartlaggning.map((a: Json) => [a.omrade, a.vadEnheternaSkrev[0].detHarVillDu]),
      [
        ['Var du bor', 'Vill ha ett eget kontrakt.'],
        ['Pengar', 'Budgetrådgivning.'],
      ],
    );
    assert.deepEqual(plan.moten, [
      {
        datum: '2026-11-25',
        duDeltog: 'Du var med på video eller telefon.',
        deltog: ['Vuxenpsykiatri Karlstad, Region Värmland: Samordnare', 'Närstående: Syster'],
        deltogInte: ['Handläggare på Försäkringskassan'],
        anteckningar: 'Vi kom överens om boendestöd.',
      },
    ]);
    assert.equal(plan.utvardering, null);
    namesNoOne('the JSON', body);
    for (const theirsToo of [theirs.id, other.name, 'Det här är någon annans ord.', '19700505'])
      assert.ok(!body.includes(theirsToo), `another person's ${theirsToo}`);
    const pdf = oneLine(pdfText((await browser.download('/mina-planer/mina-uppgifter.pdf')).body));
    for (const expected of ['Jag vill bo nära min syster.', 'Det hjälper mig', 'Vill ha ett eget kontrakt.'])
      assert.ok(pdf.includes(expected), `the PDF says «${expected}»`);
    namesNoOne('the PDF', pdf);
    assert.ok(!pdf.includes(other.name) && !pdf.includes('någon annans'), "another person's plan");
  });
});
