import { type APIRequestContext, expect, test } from '@playwright/test';
import { parseMail } from '../helpers/smtp.ts';
import { expectNoAxeViolations, login } from './helpers.ts';

// Issue 23: a user chooses how to hear of new work, a SIP invitation is sent to their unit, and the mail that the
// app delivered to a real SMTP server (mail-catcher.ts) takes them, once logged in, to the invitation's page.

const mailbox = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? 3199}/messages`;

async function apiAs(request: APIRequestContext, username: string) {
  const session = await request.post('/api/session', { data: { username, password: 'demo-2026' } });
  expect(session.status()).toBe(200);
  const { token } = (await session.json()) as { token: string };
  return async (method: 'POST' | 'GET', path: string, data?: unknown) => {
    const res = await request.fetch(path, { method, data, headers: { authorization: `Bearer ${token}` } });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
}

test('soc.karlstad chooses mail at once for SIP only, is invited, and follows the link in the delivered mail', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await login(page, 'soc.karlstad');
  await page.getByRole('link', { name: /mitt konto/ }).click();
  await page.getByRole('link', { name: 'Välj om och när Sömlös skickar e-post till dig' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E-post om nytt arbete' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Ett brev direkt för varje ny uppgift').check();
  const categories = page.getByRole('group', { name: 'Vad vill du få e-post om?' });
  for (const other of ['Avvikelser', 'Tvister', 'Handlingsplaner', 'Behovsinventeringar'])
    await categories.getByLabel(other).uncheck();
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Dina val för e-post är sparade.')).toBeVisible();
  await expect(
    categories.getByLabel('SIP: kallelser, svar, påminnelser, uppföljningar och ändrade samtycken'),
  ).toBeChecked();
  await expect(categories.getByLabel('Avvikelser')).not.toBeChecked();

  // Psychiatry in Karlstad invites the unit to a SIP meeting (through the API: the SIP pages have their own spec).
  const psychiatry = await apiAs(request, 'psykiatri.karlstad');
  const me = await (await apiAs(request, 'soc.karlstad'))('GET', '/api/me');
  const sip = await psychiatry('POST', '/api/sips', {
    person: { personalIdentityNumber: '19730101-9001', name: 'Greta Aviseringsdotter' },
    reason: 'Behöver samordnade insatser',
  });
  await psychiatry('POST', `/api/sips/${sip.id}/consent`, {
    givenAt: '2026-12-01',
    form: 'written',
    principalIds: ['region-17', 'municipality-1780'],
    relativesMayTakePart: true,
  });
  const invitation = await psychiatry('POST', `/api/sips/${sip.id}/invitations`, {
    unitId: me.unit.id,
    meetingAt: '2026-12-15T13:00:00+01:00',
    place: 'Vuxenpsykiatrin, rum 4',
  });

  // The app sends its outbox every second: wait for the invitation's mail to soc.karlstad.
  let link = '';
  await expect
    .poll(
      async () => {
        const received = (await (await request.get(mailbox)).json()) as { to: string[]; data: string }[];
        for (const r of received.filter((m) => m.to.includes('soc.karlstad@demo.invalid'))) {
          const mail = parseMail(r.data);
          const text = mail.parts.find((p) => p.contentType === 'text/plain')?.text ?? '';
          const found = text.match(/http:\/\/[^\s]+\/kallelser\/[\w-]+\?sip=[\w-]+/)?.[0];
          if (
            found?.includes(invitation.id) &&
            mail.headers.subject?.startsWith('Ny kallelse till SIP-möte')
          ) {
            expect(mail.parts.some((p) => p.filename === 'sip-mote.ics')).toBe(true);
            expect(text).not.toContain('Greta');
            link = found;
          }
        }
        return link;
      },
      { timeout: 30_000, message: 'the invitation mail arrives' },
    )
    .toContain(`/kallelser/${invitation.id}`);

  // Following the mail's link (already logged in) opens the invitation to answer.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Svara på kallelse' })).toBeVisible();
  await expect(page.getByText('Greta Aviseringsdotter')).toBeVisible();
  await expectNoAxeViolations(page);
  // Declined, so the unit's Mitt arbete holds only what the SIP spec puts there.
  await page.getByLabel('Nej, vi tackar nej').check();
  await page.getByLabel('Om ni tackar nej: varför?').fill('Personen har inga insatser hos oss.');
  await page.getByRole('button', { name: 'Skicka svar' }).click();
  await expect(page).not.toHaveURL(/kallelser/);
});
