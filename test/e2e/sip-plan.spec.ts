import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { testDay } from '../helpers/clock.ts';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { activate, download, expectNoAxeViolations, login, personnummer, successBanner } from './helpers.ts';

// Issue 22: one LPT/LRV plan and one SIP through the daily work, with axe on every page (errors and banners
// shown included): the plan's kind, the invitation's answer page with time, place and video link, the needs
// assessment, a meeting as held, interventions added by keyboard without JavaScript, the evaluation at closure
// after a confirmation step, and the printed plan. Every invitation is answered and both SIPs are closed, so the
// other specs find Mitt arbete as they left it.

const today = testDay();

const banner = successBanner;

async function startSip(page: Page, kind: string, pin: string, name: string) {
  await page.goto('/sip');
  await page.getByRole('button', { name: 'Starta en SIP' }).click();
  await page.getByRole('group', { name: 'Vilken sorts plan?' }).getByLabel(kind).check();
  await page.getByLabel('Personnummer eller samordningsnummer').fill(pin);
  await page.getByLabel('Namn').fill(name);
  await page.getByLabel('Varför behövs en SIP?').fill('Behöver samordnade insatser efter utskrivning.');
  await page.getByRole('group', { name: 'Vem begärde SIP:en?' }).getByLabel('Personal').check();
  await page
    .getByRole('group', { name: 'Har personen barn eller bor personen med barn?' })
    .getByLabel('Nej')
    .check();
  await page.getByRole('button', { name: 'Starta SIP' }).click();
}

async function recordConsent(page: Page, municipality: boolean) {
  await page.getByRole('button', { name: 'Registrera samtycke' }).click();
  await page.getByLabel('Datum då samtycket gavs').fill('2026-12-01');
  await page.getByLabel('Skriftligt').check();
  if (municipality) await page.getByLabel('Karlstads kommun').check();
  await page.getByRole('group', { name: 'Får närstående delta?' }).getByLabel('Ja').check();
  await page
    .getByRole('group', { name: 'Vilka deltog i beslutet om samtycke?' })
    .getByLabel('Personen själv')
    .check();
  await page.getByRole('button', { name: 'Spara samtycke' }).click();
  await expect(banner(page)).toContainText('Samtycket är registrerat.');
}

test('an LPT/LRV plan: kind, invitation with video link, assessment, meeting, plan by keyboard, evaluation, PDF', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const psychiatry = await (await browser.newContext()).newPage();
  await login(psychiatry, 'psykiatri.karlstad');
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

  await recordConsent(psychiatry, true);
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
  const social = await (await browser.newContext()).newPage();
  await login(social, 'soc.karlstad');
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

  // Closing: the evaluation, a confirmation step, then closed; the banner, the evaluation and the PDF.
  await psychiatry.getByRole('button', { name: 'Avsluta SIP:en' }).click();
  await psychiatry.getByLabel('Målen är uppnådda').check();
  await psychiatry.getByRole('group', { name: 'Har planens mål uppnåtts?' }).getByLabel('Delvis').check();
  await psychiatry.getByLabel('Vad säger personen? (valfritt)').fill('Det har gått bättre än jag trodde.');
  await psychiatry.getByLabel('Anteckning vid avslut (valfri)').fill('Övergår till frivillig vård.');
  await expectNoAxeViolations(psychiatry);
  await psychiatry.getByRole('button', { name: 'Fortsätt' }).click();
  await expect(psychiatry.getByRole('heading', { level: 1, name: 'Vill du avsluta SIP:en?' })).toBeVisible();
  await expect(psychiatry.getByText('Det har gått bättre än jag trodde.')).toBeVisible();
  await expectNoAxeViolations(psychiatry);
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
});

test('a SIP: a municipality cannot convene an LPT/LRV plan; kind SIP, assessment, meeting, plan, closing with "Ändra"', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const social = await (await browser.newContext()).newPage();
  await login(social, 'soc.karlstad');
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
  await recordConsent(social, false);

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

  await social.getByRole('button', { name: 'Registrera möte' }).click();
  await social.getByLabel('Datum för mötet').fill(today);
  await social.getByLabel('Företräddes av någon annan').check();
  const own = social.getByRole('group', { name: 'Socialtjänst vuxen, Karlstad, Karlstads kommun' });
  await own.getByLabel('Närvaro').selectOption({ label: 'Deltog' });
  await own.getByLabel('Roll i mötet').fill('Samordnare');
  await social.getByRole('button', { name: 'Spara mötet' }).click();
  await expect(banner(social)).toContainText('Mötet är registrerat.');
  await expect(social.getByText('Företräddes av någon annan')).toBeVisible();

  await social.getByRole('button', { name: 'Skriv planen' }).click();
  await expect(social.getByText('Skulder hos Kronofogden.')).toBeVisible();
  await social.getByLabel('Mål', { exact: true }).fill('Skuldfri inom två år');
  const one = social.getByRole('group', { name: 'Insats 1', exact: true });
  await one.getByLabel('Beskrivning').fill('Budget- och skuldrådgivning');
  await one.getByLabel('Eller annan ansvarig aktör').fill('Kommunens budgetrådgivning');
  await social
    .getByLabel('Enhet med övergripande ansvar för planen')
    .selectOption({ label: 'Socialtjänst vuxen, Karlstad (Karlstads kommun)' });
  await social.getByLabel('Uppföljning', { exact: true }).fill('2027-04-01');
  await social.getByLabel('Personen har inte barn och bor inte med barn').check();
  // The consent covers Karlstads kommun alone: a SIP is between principals, so the plan says why it is made anyway.
  await social
    .getByLabel('Varför görs planen med bara en huvudman?')
    .fill('Regionen har ingen insats att samordna ännu; personen vill börja med skulderna.');
  await social.getByRole('button', { name: 'Spara planen' }).click();
  await expect(banner(social)).toContainText('Planen är sparad som en ny version.');
  await expect(
    social.getByRole('row', { name: /^Budget- och skuldrådgivning Kommunens budgetrådgivning/ }),
  ).toBeVisible();

  await social.getByRole('button', { name: 'Avsluta SIP:en' }).click();
  await social.getByLabel('Annat skäl').check();
  await social.getByRole('group', { name: 'Har planens mål uppnåtts?' }).getByLabel('Inte').check();
  await social.getByRole('button', { name: 'Fortsätt' }).click();
  await expect(social.getByRole('heading', { level: 1, name: 'Vill du avsluta SIP:en?' })).toBeVisible();
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
  expect(pdf).toContain('Typ av plan (Ineras kod): SIP');
  expect(pdf).toContain('Har planens mål uppnåtts? Inte');
});
