import { expect, test } from '@playwright/test';
import { testDay } from '../helpers/clock.ts';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { activate, download, expectNoAxeViolations, personnummer } from './helpers.ts';
import {
  accept,
  banner,
  changeConsent,
  closeWithEvaluation,
  expectShutOut,
  followUp,
  invite,
  loggedIn,
  recordConsent,
  startSip,
} from './sip-walk-kit.ts';

// Issue 22's done-when: one LPT/LRV plan and one SIP through the whole daily work, with axe on every page (errors
// and banners shown included): the plan's kind at the start, invitations (the answer page with time, place and
// video link), the needs assessment, a meeting as held with its participants, the plan with interventions and the
// person's view of each (added by keyboard without JavaScript), a consent change that adds a principal (whose unit
// is then invited and takes part) and one that removes it (its unit's user gets 404 at once on the SIP's page), a
// follow-up, the evaluation at closure after a confirmation step, and the printed plan with all of it. Every
// invitation is answered and both SIPs are closed, so the other specs find Mitt arbete as they left it.

const today = testDay();

test('an LPT/LRV plan: kind, invitation, assessment, meeting, plan by keyboard, consent changed, follow-up, evaluation, PDF', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const psychiatry = await loggedIn(browser, 'psykiatri.karlstad');
  await startSip(
    psychiatry,
    'Samordnad vårdplan vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård (LPT/LRV)',
    personnummer('680311', '238'),
    'Lars Tvångsson',
  );
  await expect(banner(psychiatry)).toContainText('SIP:en är startad.');
  await expect(psychiatry.getByText('Ansvarig chefsöverläkares enhet')).toBeVisible();
  await expectNoAxeViolations(psychiatry);
  const sipUrl = psychiatry.url().split('?')[0]!;

  await recordConsent(psychiatry, ['Karlstads kommun']);
  await expectNoAxeViolations(psychiatry);

  await psychiatry.getByRole('button', { name: 'Kalla till möte' }).click();
  await psychiatry
    .getByRole('group', { name: 'Karlstads kommun' })
    .getByLabel('Socialtjänst vuxen, Karlstad')
    .check();
  await psychiatry.getByLabel('Datum').fill(today);
  await psychiatry.getByLabel('Tid').fill('18:00');
  await psychiatry.getByLabel('Plats').fill('Psykiatrins mottagning, rum 4');
  await psychiatry.getByLabel('Videolänk').fill('https://video.example/lpt-mote');
  await psychiatry.getByRole('button', { name: 'Skicka kallelse' }).click();
  await expect(banner(psychiatry)).toContainText('Kallelsen är skickad.');
  await expect(psychiatry.getByRole('link', { name: 'https://video.example/lpt-mote' })).toBeVisible();
  await expectNoAxeViolations(psychiatry);

  // The invited unit's answer page: time, place and the video link as a link.
  const social = await loggedIn(browser, 'soc.karlstad');
  await social
    .getByRole('row', { name: /Lars Tvångsson/ })
    .getByRole('link', { name: /Svara/ })
    .click();
  await expect(social.getByText(`${today} 18:00`)).toBeVisible();
  await expect(social.getByText('Psykiatrins mottagning, rum 4')).toBeVisible();
  await expect(social.getByRole('link', { name: 'https://video.example/lpt-mote' })).toHaveAttribute(
    'href',
    'https://video.example/lpt-mote',
  );
  await expectNoAxeViolations(social);
  await social.getByLabel('Ja, vi deltar').check();
  await social.getByRole('button', { name: 'Skicka svar' }).click();
  await expect(banner(social)).toContainText('Ert svar på kallelsen är skickat.');

  // The social services' needs assessment: nothing typed is refused, then two life areas.
  await social.getByRole('button', { name: 'Registrera kartläggning' }).click();
  await social.getByRole('button', { name: 'Spara kartläggningen' }).click();
  await expect(social.getByRole('alert')).toContainText(
    'Beskriv personens situation inom minst ett livsområde',
  );
  await expectNoAxeViolations(social);
  const housing = social.getByRole('group', { name: 'Boende' });
  await housing.getByLabel('Situation').fill('Bor i andrahand, kontraktet går ut i mars.');
  await housing.getByLabel('Styrkor (valfritt)').fill('Sköter hemmet själv.');
  await housing.getByLabel('Vad personen vill (valfritt)').fill('Ett eget kontrakt.');
  await social
    .getByRole('group', { name: 'Sysselsättning' })
    .getByLabel('Situation')
    .fill('Ingen sysselsättning sedan i våras.');
  await social.getByRole('button', { name: 'Spara kartläggningen' }).click();
  await expect(banner(social)).toContainText('Kartläggningen är sparad.');
  await expect(
    social.getByRole('cell', { name: 'Bor i andrahand, kontraktet går ut i mars.' }),
  ).toBeVisible();
  await expectNoAxeViolations(social);

  // The meeting as held: units with roles, a relative added by keyboard, the person's participation.
  await psychiatry.goto(sipUrl);
  await psychiatry.getByRole('button', { name: 'Registrera möte' }).click();
  await psychiatry.getByLabel('Datum för mötet').fill(today);
  await psychiatry.getByLabel('Deltog på mötet').check();
  const own = psychiatry.getByRole('group', { name: 'Vuxenpsykiatri Karlstad, Region Värmland' });
  await own.getByLabel('Närvaro').selectOption({ label: 'Deltog' });
  await own.getByLabel('Roll i mötet').fill('Chefsöverläkare');
  const soc = psychiatry.getByRole('group', { name: 'Socialtjänst vuxen, Karlstad, Karlstads kommun' });
  await soc.getByLabel('Närvaro').selectOption({ label: 'Deltog' });
  await soc.getByLabel('Roll i mötet').fill('Biståndshandläggare');
  const first = psychiatry.getByRole('group', { name: 'Deltagare 1', exact: true });
  await first.getByLabel('Närstående').check();
  await first.getByLabel('Namn eller organisation').fill('Lisa Tvångsson');
  await first.getByLabel('Roll', { exact: true }).fill('Syster');
  await first.getByRole('group', { name: 'Närvaro' }).getByLabel('Deltog').check();
  await activate(psychiatry, psychiatry.getByRole('button', { name: 'Lägg till deltagare' }));
  const second = psychiatry.getByRole('group', { name: 'Deltagare 2', exact: true });
  await expect(second).toBeVisible();
  await expect(first.getByLabel('Namn eller organisation')).toHaveValue('Lisa Tvångsson');
  await expectNoAxeViolations(psychiatry);
  await second.getByLabel('Extern part').check();
  await second.getByLabel('Namn eller organisation').fill('Försäkringskassan');
  await second.getByRole('group', { name: 'Närvaro' }).getByLabel('Frånvarande').check();
  await psychiatry.getByRole('button', { name: 'Spara mötet' }).click();
  await expect(psychiatry.getByRole('alert')).toContainText('Ange rollen för deltagare 2');
  await expectNoAxeViolations(psychiatry);
  await psychiatry
    .getByRole('group', { name: 'Deltagare 2', exact: true })
    .getByLabel('Roll', { exact: true })
    .fill('Handläggare');
  await psychiatry.getByLabel('Anteckningar från mötet (valfritt)').fill('Personen vill ha boendestöd.');
  await psychiatry.getByRole('button', { name: 'Spara mötet' }).click();
  await expect(banner(psychiatry)).toContainText('Mötet är registrerat.');
  await expect(psychiatry.getByText('Lisa Tvångsson (närstående): Syster')).toBeVisible();
  await expect(psychiatry.getByText('Försäkringskassan (extern part): Handläggare')).toBeVisible();
  await expectNoAxeViolations(psychiatry);

  // The plan: the assessment beside the goals, a second intervention added by keyboard, the LPT/LRV rules.
  await psychiatry.getByRole('button', { name: 'Skriv planen' }).click();
  await expect(psychiatry.getByRole('heading', { level: 2, name: 'Kartläggning' })).toBeVisible();
  await expect(psychiatry.getByText('Bor i andrahand, kontraktet går ut i mars.')).toBeVisible();
  await psychiatry.getByLabel('Med personens egna ord').fill('Jag vill bo kvar hemma och slippa bli inlagd.');
  await psychiatry.getByLabel('Mål', { exact: true }).fill('Ingen ny inläggning under året');
  const one = psychiatry.getByRole('group', { name: 'Insats 1', exact: true });
  await one.getByLabel('Beskrivning').fill('Depotinjektion var fjärde vecka');
  await one.getByLabel('Ansvarig enhet').selectOption({ label: 'Vuxenpsykiatri Karlstad (Region Värmland)' });
  await one.getByLabel('Startdatum').fill('2026-12-10');
  await one.getByLabel('Status').selectOption({ label: 'Pågår' });
  await one.getByLabel('Personens syn på insatsen').fill('Jag föredrar tabletter men går med på sprutan.');
  await activate(psychiatry, psychiatry.getByRole('button', { name: 'Lägg till insats' }));
  const two = psychiatry.getByRole('group', { name: 'Insats 2', exact: true });
  await expect(two).toBeVisible();
  await expect(one.getByLabel('Beskrivning')).toHaveValue('Depotinjektion var fjärde vecka');
  await two.getByLabel('Beskrivning').fill('Boendestöd två gånger i veckan');
  await two
    .getByLabel('Ansvarig enhet')
    .selectOption({ label: 'Socialtjänst vuxen, Karlstad (Karlstads kommun)' });
  await two.getByLabel('Slutdatum').fill('2027-06-30');
  await psychiatry
    .getByLabel('Enhet med övergripande ansvar för planen')
    .selectOption({ label: 'Vuxenpsykiatri Karlstad (Region Värmland)' });
  await psychiatry.getByLabel('Uppföljning', { exact: true }).fill('2027-03-01');
  await psychiatry.getByLabel('Personen har inte barn och bor inte med barn').check();
  await psychiatry.getByRole('radio', { name: /^Öppen psykiatrisk tvångsvård enligt lagen/ }).check();
  await psychiatry.getByRole('button', { name: 'Spara planen' }).click();
  await expect(psychiatry.getByRole('alert')).toContainText('Insats 2: ange personens egen syn på insatsen');
  await expect(psychiatry.getByRole('alert')).toContainText('Ange om närstående deltog');
  await expectNoAxeViolations(psychiatry);
  await psychiatry
    .getByRole('group', { name: 'Insats 2', exact: true })
    .getByLabel('Personens syn på insatsen')
    .fill('Bra, då slipper jag vara ensam.');
  await psychiatry
    .getByRole('group', { name: 'Deltog närstående när planen togs fram?' })
    .getByLabel('Ja')
    .check();
  await psychiatry.getByRole('button', { name: 'Spara planen' }).click();
  await expect(banner(psychiatry)).toContainText('Planen är sparad som en ny version.');
  await expect(
    psychiatry.getByRole('row', {
      name: /^Depotinjektion var fjärde vecka .* från 2026-12-10 tills vidare Pågår/,
    }),
  ).toBeVisible();
  await expect(psychiatry.getByText('Bra, då slipper jag vara ensam.')).toBeVisible();
  await expectNoAxeViolations(psychiatry);

  // The consent changed: the form's errors first; then Arvika kommun added, given by the person's god man.
  await psychiatry.getByRole('button', { name: 'Ändra samtycket' }).click();
  await psychiatry.getByLabel('Datum då ändringen gjordes').fill(testDay(1));
  await psychiatry.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(psychiatry.getByRole('alert')).toContainText('Välj vad som ändras i samtycket');
  await expectNoAxeViolations(psychiatry);
  await psychiatry
    .getByRole('group', { name: 'Vad ändras i samtycket?' })
    .getByLabel('Lägg till en huvudman som information får delas med')
    .check();
  await psychiatry.getByLabel('Huvudman att lägga till').selectOption({ label: 'Arvika kommun' });
  await psychiatry.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(psychiatry.getByRole('alert')).toContainText('kan inte ha ett datum som inte har kommit än');
  await expect(psychiatry.getByLabel('Huvudman att lägga till')).toHaveValue('municipality-1784');
  await expectNoAxeViolations(psychiatry);
  await psychiatry.goto(sipUrl);
  await changeConsent(psychiatry, { add: 'Arvika kommun', on: today, representative: 'Greta Godman' });
  await expect(
    psychiatry.getByText(
      `${today}: Utökat med Arvika kommun, lämnat av god man eller förvaltare: Greta Godman, registrerat av sammankallande enhet (version 2)`,
    ),
  ).toBeVisible();
  // Arvika's social services can now be called, and take part.
  await invite(
    psychiatry,
    'Arvika kommun',
    'Socialtjänst vuxen, Arvika',
    today,
    'Psykiatrins mottagning, rum 4',
  );
  const arvika = await loggedIn(browser, 'soc.arvika');
  await accept(arvika, 'Lars Tvångsson');
  // Taken out again: from that moment Arvika's user gets 404 on the SIP's page.
  await changeConsent(psychiatry, { remove: 'Arvika kommun', on: today });
  await expect(psychiatry.getByText(/Återkallat för Arvika kommun, lämnat av personen själv/)).toBeVisible();
  await expectShutOut(arvika, sipUrl, 'Lars Tvångsson');

  await followUp(psychiatry, today, ['Pågår', 'Genomförd'], '2027-06-01');

  // Closing: the evaluation, a confirmation step, then closed; the banner, the evaluation and the PDF.
  await closeWithEvaluation(psychiatry, {
    reason: 'Målen är uppnådda',
    goalsMet: 'Delvis',
    personsView: 'Det har gått bättre än jag trodde.',
    note: 'Övergår till frivillig vård.',
  });
  await activate(psychiatry, psychiatry.getByRole('button', { name: 'Ja, avsluta SIP:en' }));
  await expect(banner(psychiatry)).toContainText('SIP:en är avslutad.');
  await expect(psychiatry.getByRole('heading', { level: 2, name: 'Utvärdering vid avslut' })).toBeVisible();
  await expect(psychiatry.getByText('Övergår till frivillig vård.')).toBeVisible();
  await expectNoAxeViolations(psychiatry);

  const pdf = oneLine(pdfText(await download(psychiatry, 'Skriv ut planen (PDF)')));
  for (const expected of [
    'Typ av plan (Ineras kod): SPLPTLRV',
    'Bor i andrahand, kontraktet går ut i mars.',
    'Lisa Tvångsson (närstående): Syster',
    'Jag föredrar tabletter men går med på sprutan.',
    'Har planens mål uppnåtts? Delvis',
    'Vad personen säger: Det har gått bättre än jag trodde.',
  ])
    expect(pdf).toContain(expected);
  expect(pdf).not.toContain('Arvika kommun');
});

test('a SIP: kind SIP (a municipality cannot convene LPT/LRV), a principal added and invited, assessment, meeting, plan, the principal removed, follow-up, closing with "Ändra", PDF', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const social = await loggedIn(browser, 'soc.karlstad');
  const pin = personnummer('790415', '246');
  await startSip(
    social,
    'Samordnad vårdplan vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård (LPT/LRV)',
    pin,
    'Sara Samordnad',
  );
  await expect(social.getByRole('alert')).toContainText('bara en enhet i regionen kan sammankalla den');
  await expectNoAxeViolations(social);
  await social
    .getByRole('group', { name: 'Vilken sorts plan?' })
    .getByLabel('Samordnad individuell plan (SIP)')
    .check();
  await social.getByRole('button', { name: 'Starta SIP' }).click();
  await expect(banner(social)).toContainText('SIP:en är startad.');
  await expect(social.getByText('Ansvarig chefsöverläkares enhet')).toHaveCount(0);
  await expectNoAxeViolations(social);
  const sipUrl = social.url().split('?')[0]!;

  // The consent covers Karlstads kommun alone; the person then lets the region in, and its psychiatry is called.
  await recordConsent(social, []);
  await changeConsent(social, { add: 'Region Värmland', on: today });
  await expect(social.getByText('Information får delas mellan')).toBeVisible();
  await expect(social.getByText('Karlstads kommun, Region Värmland')).toBeVisible();
  await invite(social, 'Region Värmland', 'Vuxenpsykiatri Karlstad', today, 'Socialkontoret, rum 2');
  await expectNoAxeViolations(social);
  const psychiatry = await loggedIn(browser, 'psykiatri.karlstad');
  await accept(psychiatry, 'Sara Samordnad');
  await expectNoAxeViolations(psychiatry);

  await social.goto(sipUrl);
  await social.getByRole('button', { name: 'Registrera kartläggning' }).click();
  await social
    .getByRole('group', { name: 'Ekonomi' })
    .getByLabel('Vad personen vill (valfritt)')
    .fill('Hjälp med räkningarna.');
  await social.getByRole('button', { name: 'Spara kartläggningen' }).click();
  await expect(social.getByRole('alert')).toContainText('Beskriv personens situation inom ekonomi');
  await expectNoAxeViolations(social);
  await social
    .getByRole('group', { name: 'Ekonomi' })
    .getByLabel('Situation')
    .fill('Skulder hos Kronofogden.');
  await social.getByRole('button', { name: 'Spara kartläggningen' }).click();
  await expect(banner(social)).toContainText('Kartläggningen är sparad.');
  await expectNoAxeViolations(social);

  await social.getByRole('button', { name: 'Registrera möte' }).click();
  await social.getByLabel('Datum för mötet').fill(today);
  await social.getByLabel('Företräddes av någon annan').check();
  const own = social.getByRole('group', { name: 'Socialtjänst vuxen, Karlstad, Karlstads kommun' });
  await own.getByLabel('Närvaro').selectOption({ label: 'Deltog' });
  await own.getByLabel('Roll i mötet').fill('Samordnare');
  const region = social.getByRole('group', { name: 'Vuxenpsykiatri Karlstad, Region Värmland' });
  await region.getByLabel('Närvaro').selectOption({ label: 'Deltog' });
  await region.getByLabel('Roll i mötet').fill('Sjuksköterska');
  await expectNoAxeViolations(social);
  await social.getByRole('button', { name: 'Spara mötet' }).click();
  await expect(banner(social)).toContainText('Mötet är registrerat.');
  await expect(social.getByText('Företräddes av någon annan')).toBeVisible();
  await expect(social.getByText('Vuxenpsykiatri Karlstad, Region Värmland: Sjuksköterska')).toBeVisible();
  await expectNoAxeViolations(social);

  await social.getByRole('button', { name: 'Skriv planen' }).click();
  await expect(social.getByText('Skulder hos Kronofogden.')).toBeVisible();
  await social.getByLabel('Med personens egna ord').fill('Jag vill bli skuldfri och sova bättre.');
  await social.getByLabel('Mål', { exact: true }).fill('Skuldfri inom två år');
  const one = social.getByRole('group', { name: 'Insats 1', exact: true });
  await one.getByLabel('Beskrivning').fill('Budget- och skuldrådgivning');
  await one.getByLabel('Eller annan ansvarig aktör').fill('Kommunens budgetrådgivning');
  await one.getByLabel('Personens syn på insatsen').fill('Jag vill ha hjälp att ringa samtalen.');
  await activate(social, social.getByRole('button', { name: 'Lägg till insats' }));
  const two = social.getByRole('group', { name: 'Insats 2', exact: true });
  await two.getByLabel('Beskrivning').fill('Samtal om sömn');
  await two.getByLabel('Ansvarig enhet').selectOption({ label: 'Vuxenpsykiatri Karlstad (Region Värmland)' });
  await social
    .getByLabel('Enhet med övergripande ansvar för planen')
    .selectOption({ label: 'Socialtjänst vuxen, Karlstad (Karlstads kommun)' });
  await social.getByLabel('Uppföljning', { exact: true }).fill('2027-04-01');
  await social.getByLabel('Personen har inte barn och bor inte med barn').check();
  // Two principals in the consent now: the plan needs no reason for being made with one.
  await expect(social.getByLabel('Varför görs planen med bara en huvudman?')).toHaveCount(0);
  await expectNoAxeViolations(social);
  await social.getByRole('button', { name: 'Spara planen' }).click();
  await expect(banner(social)).toContainText('Planen är sparad som en ny version.');
  await expect(
    social.getByRole('row', { name: /^Budget- och skuldrådgivning Kommunens budgetrådgivning/ }),
  ).toBeVisible();
  await expect(social.getByText('Jag vill ha hjälp att ringa samtalen.')).toBeVisible();
  await expectNoAxeViolations(social);

  // The person takes the region out of the consent: psychiatry's user gets 404 on the SIP's page at once.
  await psychiatry.goto(sipUrl);
  await expect(psychiatry.getByRole('heading', { level: 1, name: 'Sara Samordnad' })).toBeVisible();
  await changeConsent(social, { remove: 'Region Värmland', on: today });
  await expect(social.getByText('Information får delas mellan')).toBeVisible();
  await expect(social.getByText(/Återkallat för Region Värmland, lämnat av personen själv/)).toBeVisible();
  await expectShutOut(psychiatry, sipUrl, 'Sara Samordnad');

  await followUp(social, today, ['Pågår', 'Inte genomförd'], '2027-05-01');

  await social.getByRole('button', { name: 'Avsluta SIP:en' }).click();
  await social.getByLabel('Annat skäl').check();
  await social.getByRole('group', { name: 'Har planens mål uppnåtts?' }).getByLabel('Inte').check();
  await social.getByLabel('Vad säger personen? (valfritt)').fill('Skulderna är kvar men jag sover bättre.');
  await social.getByRole('button', { name: 'Fortsätt' }).click();
  await expect(social.getByRole('heading', { level: 1, name: 'Vill du avsluta SIP:en?' })).toBeVisible();
  await expectNoAxeViolations(social);
  await social.getByRole('button', { name: 'Ändra' }).click();
  await expect(social.getByRole('heading', { level: 1, name: 'Avsluta SIP:en' })).toBeVisible();
  await expect(social.getByLabel('Annat skäl')).toBeChecked();
  await social.getByLabel('Anteckning vid avslut (valfri)').fill('Personen flyttar till annan kommun i vår.');
  await social.getByRole('button', { name: 'Fortsätt' }).click();
  await social.getByRole('button', { name: 'Ja, avsluta SIP:en' }).click();
  await expect(banner(social)).toContainText('SIP:en är avslutad.');
  await expect(social.getByText('Personen flyttar till annan kommun i vår.')).toBeVisible();
  await expectNoAxeViolations(social);
  const pdf = oneLine(pdfText(await download(social, 'Skriv ut planen (PDF)')));
  for (const expected of [
    'Typ av plan (Ineras kod): SIP',
    'Skulder hos Kronofogden.',
    'Vuxenpsykiatri Karlstad, Region Värmland: Sjuksköterska',
    'Jag vill ha hjälp att ringa samtalen.',
    'Har planens mål uppnåtts? Inte',
    'Vad personen säger: Skulderna är kvar men jag sover bättre.',
  ])
    expect(pdf).toContain(expected);
});
