import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { parseMail, readableText } from '../helpers/smtp.ts';
import { expectNoAxeViolations, login } from './helpers.ts';

// Issue 26, "done when": the demo person Maja Björk signs in to Mina planer with the demo e-ID provider, reads her
// plan, and withdraws her consent for Borlänge kommun; Borlänge's social services, who read the plan just before,
// get 404 at once; the convening unit (Vuxenpsykiatri Falun) sees the notice, which names no one; and Maja's
// extract of the access log shows Borlänge's read and her own withdrawal. Her plan's page shows the whole plan
// (who does what and when with her own view, the needs assessment, the meeting held), her plans' page her stay in
// inpatient care, and no page names a member of staff or the other party at her meeting. Falun's staff also get
// the notice by mail, delivered to a real SMTP server (mail-catcher.ts), with no name or identity number in it.
// Every page of hers passes axe (WCAG 2.1 AA) at a desktop's width and at a phone's 320 px, where nothing may
// scroll sideways.

const mailbox = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? 3199}/messages`;
// Maja in every form a reader would know her by.
const maja = ['Maja', 'Björk', '198003122382', '19800312-2382', '800312-2382', '8003122382'];

/** The link in the mail to Falun's psychiatry that tells of a consent the person changed, once it arrives. */
async function consentMailLink(request: APIRequestContext): Promise<string> {
  let link = '';
  await expect
    .poll(
      async () => {
        const received = (await (await request.get(mailbox)).json()) as { to: string[]; data: string }[];
        for (const r of received.filter((m) => m.to.includes('psykiatri.falun@demo.invalid'))) {
          const mail = parseMail(r.data);
          if (mail.headers.subject !== 'En person har själv ändrat sitt samtycke till en SIP') continue;
          const all = readableText(mail);
          for (const x of maja) expect(all, `the mail names ${x}`).not.toContain(x);
          expect(all).toContain('Borlänge kommun');
          const text = mail.parts.find((p) => p.contentType === 'text/plain')?.text ?? '';
          link = text.match(/http:\/\/[^\s]+\/sip\/[\w-]+/)?.[0] ?? '';
        }
        return link;
      },
      { timeout: 30_000, message: 'the mail about the changed consent arrives' },
    )
    .toContain('/sip/');
  return link;
}

/** Axe at a desktop's width and at 320 px, and nothing wider than the phone's screen. */
async function expectAccessibleOnAPhone(page: Page) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'nothing scrolls sideways at 320 px').toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('Maja Björk reads her plan and withdraws consent for Borlänge kommun; Borlänge is out at once, Falun is told, her extract shows it', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000); // three logins and a score of axe runs

  // Borlänge's social services take part in Maja's SIP and read it.
  const borlange = await (await browser.newContext()).newPage();
  await login(borlange, 'soc.borlange');
  await borlange.goto('/sip');
  await borlange.getByRole('link', { name: 'Maja Björk' }).click();
  await expect(borlange.getByRole('heading', { level: 1, name: 'Maja Björk' })).toBeVisible();
  const sipUrl = borlange.url();

  // Maja signs in with the demo provider, from the fixed address counties link to.
  const maja = await (await browser.newContext()).newPage();
  await maja.goto('/mina-planer');
  await expect(maja).toHaveURL(/\/mina-planer\/logga-in\?next=/);
  await expect(maja.getByRole('heading', { level: 1, name: 'Logga in till Mina planer' })).toBeVisible();
  await expectAccessibleOnAPhone(maja);
  await maja.getByRole('link', { name: 'Logga in med e-legitimation (demo)' }).click();
  await expect(maja.getByRole('heading', { name: 'Demoleverantör för e-legitimation (demo)' })).toBeVisible();
  await maja.getByLabel('Användarnamn').fill('maja.bjork');
  await maja.getByRole('button', { name: 'Logga in' }).click();

  // Her plans, open and closed, and her stay in inpatient care: the hospital and the units it told, no staff.
  await expect(maja.getByRole('heading', { level: 1, name: 'Mina planer' })).toBeVisible();
  await expect(
    maja.getByRole('link', { name: 'Plan hos Socialtjänst vuxen, Falun, Falu kommun' }),
  ).toBeVisible();
  await expect(maja.getByRole('heading', { level: 2, name: 'Din tid på sjukhus' })).toBeVisible();
  const stays = maja.getByRole('list', { name: 'Din tid på sjukhus, det nyaste först' });
  await expect(stays).toContainText('på Psykiatrisk heldygnsvård Falun, Region Dalarna');
  await expect(stays).toContainText(/Du skrevs ut \d+ \w+ \d{4}\./);
  await expect(stays).toContainText('Vuxenpsykiatri Falun, Region Dalarna (öppen vård i regionen)');
  await expect(maja.getByText(/Sjuksköterska på mottagningen/)).toHaveCount(0);
  await expectAccessibleOnAPhone(maja);

  // The plan: her own words first, goals, who does what and when, the next meeting with who is invited; then
  // the needs assessment by life area and the meeting held, where the other party is named by role only.
  await maja.getByRole('link', { name: 'Plan hos Vuxenpsykiatri Falun, Region Dalarna' }).click();
  await expect(maja.getByRole('heading', { level: 1, name: 'Din plan' })).toBeVisible();
  const headings = await maja.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
  expect(headings).toEqual([
    'Med dina egna ord',
    'Dina mål',
    'Vem gör vad och när',
    'Nästa möte',
    'Så har du det',
    'Möten som har varit',
    'Mer om planen',
    'Ditt samtycke',
  ]);
  await expect(maja.getByText('Jag vill börja laga mat själv igen.')).toBeVisible();
  await expect(maja.getByText('Det här är en SIP.', { exact: false })).toBeVisible();
  const support = maja.getByRole('heading', { level: 3, name: 'Boendestöd två gånger i veckan' });
  await expect(support).toBeVisible();
  await expect(maja.getByText('Det hjälper mig att komma igång med tvätten.')).toBeVisible();
  await expect(maja.getByText(/^Från \d+ \w+ \d{4} tills vidare\.$/).first()).toBeVisible();
  await expect(
    maja.getByText('Socialtjänst vuxen, Borlänge, Borlänge kommun: har inte svarat än'),
  ).toBeVisible();
  await expect(maja.getByRole('link', { name: 'Länk till mötet på video' })).toBeVisible();
  await expect(maja.getByRole('heading', { level: 3, name: 'Var du bor' })).toBeVisible();
  await expect(maja.getByText('Vill klara städning och tvätt själv igen.')).toBeVisible();
  await expect(maja.getByText('Handläggare på Försäkringskassan')).toBeVisible();
  await expect(maja.getByText(/Kerstin Kassa/)).toHaveCount(0);
  await expectAccessibleOnAPhone(maja);
  await maja.getByRole('link', { name: 'Se tidigare versioner av planen' }).click();
  await expect(maja.getByRole('heading', { level: 1, name: 'Tidigare versioner' })).toBeVisible();
  await expectAccessibleOnAPhone(maja);
  await maja.getByRole('link', { name: 'Din plan' }).click();

  // Her consent: withdrawn for Borlänge kommun, after a try without a choice.
  await maja.getByRole('link', { name: 'Se och ändra ditt samtycke' }).click();
  await expect(maja.getByRole('heading', { level: 1, name: 'Ditt samtycke' })).toBeVisible();
  await expectAccessibleOnAPhone(maja);
  await maja.getByRole('button', { name: 'Ta tillbaka samtycket' }).click();
  await expect(maja.getByRole('heading', { level: 1, name: 'Ta tillbaka samtycket' })).toBeVisible();
  await expectAccessibleOnAPhone(maja);
  await maja.getByRole('button', { name: 'Ta tillbaka samtycket' }).click();
  await expect(maja.getByRole('alert')).toContainText('Välj vem samtycket ska tas tillbaka för');
  await expectAccessibleOnAPhone(maja);
  await maja.getByLabel('Borlänge kommun').check();
  await maja.getByRole('button', { name: 'Ta tillbaka samtycket' }).click();
  await expect(
    maja.getByText('Samtycket är ändrat. Enheten som sammankallar har fått veta det.'),
  ).toBeVisible();
  await expect(maja.getByText('Samtycket togs tillbaka för Borlänge kommun.')).toBeVisible();
  await expect(maja.getByText('Du själv, med e-legitimation.')).toBeVisible();
  await expectAccessibleOnAPhone(maja);

  // Borlänge is out at once.
  await borlange.goto(sipUrl);
  await expect(borlange.getByRole('heading', { level: 1, name: 'Hittades inte' })).toBeVisible();
  await expect(borlange.getByText('Maja Björk')).toHaveCount(0);

  // The convening unit is told, with no name: by mail, whose link opens the SIP behind login, and in Mitt arbete.
  const link = await consentMailLink(request);
  const falun = await (await browser.newContext()).newPage();
  await login(falun, 'psykiatri.falun');
  await falun.goto(link);
  await expect(falun.getByRole('heading', { level: 1, name: 'Maja Björk' })).toBeVisible();
  await falun.goto('/');
  await expect(
    falun.getByRole('heading', { level: 2, name: 'Samtycken som personen själv har ändrat' }),
  ).toBeVisible();
  await expect(falun.getByText(/En person har tagit tillbaka sitt samtycke för en huvudman/)).toBeVisible();
  await expect(falun.getByText('Maja Björk')).toHaveCount(0);
  await expectNoAxeViolations(falun);

  // Her extract of the access log: Borlänge's read and her own withdrawal, with units, never staff names.
  await maja
    .getByRole('navigation', { name: 'Meny för Mina planer' })
    .getByRole('link', { name: 'Vem har läst om mig' })
    .click();
  await expect(maja.getByRole('heading', { level: 1, name: 'Vem har läst om dig' })).toBeVisible();
  const rows = maja
    .getByRole('list', { name: 'Vem som har läst om dig, det nyaste först' })
    .getByRole('listitem');
  await expect(rows.filter({ hasText: 'Du själv' }).filter({ hasText: 'Ändrade i din plan' })).toHaveCount(1);
  await expect(
    rows
      .filter({ hasText: 'Socialtjänst vuxen, Borlänge, Borlänge kommun' })
      .filter({ hasText: 'Läste din plan' }),
  ).not.toHaveCount(0);
  await expectAccessibleOnAPhone(maja);

  // Her data, and signing out.
  await maja
    .getByRole('navigation', { name: 'Meny för Mina planer' })
    .getByRole('link', { name: 'Mina uppgifter' })
    .click();
  await expect(maja.getByRole('heading', { level: 1, name: 'Dina uppgifter' })).toBeVisible();
  await expectAccessibleOnAPhone(maja);
  const download = maja.waitForEvent('download');
  await maja.getByRole('link', { name: 'Ladda ner som JSON' }).click();
  expect((await download).suggestedFilename()).toBe('mina-uppgifter.json');
  await maja.getByRole('button', { name: 'Logga ut' }).click();
  await expect(maja.getByRole('heading', { name: 'Logga ut från demoleverantören (demo)' })).toBeVisible();
  await maja.getByRole('button', { name: 'Ja, logga ut' }).click();
  await expect(maja.getByText('Du är utloggad.')).toBeVisible();
  await maja.goto('/mina-planer');
  await expect(maja).toHaveURL(/\/mina-planer\/logga-in/);
});

test('a person with no plan, and a child, get a plain page and no session', async ({ page }) => {
  for (const [login, heading] of [
    ['nils.holm', 'Du har ingen plan i Sömlös'],
    ['elsa.lind', 'Planer för barn visas inte här'],
  ] as const) {
    await page.goto('/mina-planer/logga-in');
    await page.getByRole('link', { name: 'Logga in med e-legitimation (demo)' }).click();
    await page.getByLabel('Användarnamn').fill(login);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessibleOnAPhone(page);
    await page.goto('/mina-planer');
    await expect(page).toHaveURL(/\/mina-planer\/logga-in/);
    await page.context().clearCookies();
  }
});
