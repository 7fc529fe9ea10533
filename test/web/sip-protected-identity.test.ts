import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import '../../src/jobs.ts';
import { accessLog } from '../../src/platform/access/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { individualCase } from '../helpers/dispute-world.ts';
import { oneLine, pdfText } from '../helpers/pdf-text.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type Json, NOW, type World, world } from '../helpers/sip-world.ts';

// Issue 22 item 10 over HTTP: the convening unit marks a person's protected identity (through the API, or the
// page's confirmation step); from then on the name and identity number appear nowhere but on the SIP's own page
// for those with access: not in the lists, the overview, Mitt arbete, the PDF, the calendar file, mail, or the
// link from a dispute.

const LATER = '2026-12-08T09:00:00Z'; // the follow-up and the invitation's answer date have passed
const hemlig = { personalIdentityNumber: '19730101-9001', name: 'Hemlig Hemlundsson' };
const gömd = { personalIdentityNumber: '198112189876', name: 'Gömd Gömmarsson' };
const secretsOf = (p: { personalIdentityNumber: string; name: string }) => {
  const pin = p.personalIdentityNumber;
  return [
    p.name,
    p.name.split(' ')[1]!,
    pin,
    pin.replace('-', ''),
    pin.slice(2),
    pin.slice(2).replace('-', ''),
  ];
};
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');

describe('protected identity', () => {
  let s: TestServer;
  let w: World;
  let sip: Json; // marked through the API
  let other: Json; // marked through the page
  let invitation: Json;
  const browsers = new Map<string, Browser>();
  async function browser(username: string, now = NOW) {
    const key = `${username}@${now}`;
    if (!browsers.has(key)) {
      const b = new Browser(s.url, {}, { now });
      await s.webLogin(b, username);
      browsers.set(key, b);
    }
    return browsers.get(key)!;
  }
  const page = async (username: string, path: string, now = NOW) =>
    (await browser(username, now)).request('GET', path);
  const assertHidden = (text: string, where: string, person = hemlig) => {
    for (const secret of secretsOf(person)) assert.ok(!text.includes(secret), `${where} mentions ${secret}`);
  };

  before(async () => {
    s = await startTestServer();
    w = await world(s);
    sip = await w.consent(await w.start('psykiatri.karlstad', hemlig));
    await w.join(sip);
    const plan = await w.by('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, {
      interventions: [{ description: 'Boendestöd', responsibleUnitId: w.unit('soc.karlstad') }],
      overallResponsibility: { unitId: w.unit('soc.karlstad') },
      goals: ['Eget boende'],
      personsOwnWords: 'Jag vill bo själv.',
      followUpOn: '2026-12-05',
      childrenConsidered: null,
    });
    assert.equal(plan.status, 200, plan.text);
    other = await w.consent(await w.start('psykiatri.karlstad', gömd));
  });
  after(() => s.close());

  test('through the API: only the convening unit marks, once, with an event and an access-log row', async () => {
    const path = `/api/sips/${sip.id}/protected-identity`;
    const missing = await w.by('psykiatri.karlstad')('POST', path, {});
    assert.equal(missing.status, 400, missing.text);
    await w.refused(
      sip,
      403,
      () => w.by('soc.karlstad')('POST', path, { confirmed: true }),
      'a taking part unit',
    );
    await w.refused(sip, 404, () => w.by('soc.arvika')('POST', path, { confirmed: true }), 'an outsider');
    const before = await s.database.db.$count(events, eq(events.type, 'sip.identityProtected'));
    const marked = await w.by('psykiatri.karlstad')('POST', path, { confirmed: true });
    assert.equal(marked.status, 200, marked.text);
    // On the SIP's own page the name stays, with the flag.
    assert.deepEqual(
      { name: marked.body.person.name, flag: marked.body.person.protectedIdentity },
      { name: hemlig.name, flag: true },
    );
    assert.equal(await s.database.db.$count(events, eq(events.type, 'sip.identityProtected')), before + 1);
    const logged = await s.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.objectId, sip.id), eq(accessLog.action, 'update')));
    assert.ok(logged.some((r) => r.reason === 'Personen markerades med skyddade personuppgifter'));
    const again = await w.by('psykiatri.karlstad')('POST', path, { confirmed: true });
    assert.equal(again.status, 409, again.text);
    assert.match(again.body.detail, /redan markerad/);
  });

  test('through the page: a confirmation step for the convening unit only', async () => {
    const path = `/sip/${other.id}/skyddad-identitet`;
    assert.equal((await page('soc.karlstad', path)).status, 404);
    const own = await page('psykiatri.karlstad', `/sip/${other.id}`);
    assert.match(own.text, new RegExp(`href="${path}"`));
    const b = await browser('psykiatri.karlstad');
    const unconfirmed = await b.submit(path, path, {});
    assert.equal(unconfirmed.status, 400);
    assert.match(unconfirmed.text, /Bekräfta att personen har skyddade personuppgifter/);
    assert.equal((await w.snapshot(other)).person.protectedIdentity, false);
    const confirmed = await b.submit(path, path, { confirmed: 'yes' });
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.get('location'), `/sip/${other.id}`);
    const after = await page('psykiatri.karlstad', `/sip/${other.id}`);
    assert.match(after.text, /data-notice="protected-identity"/);
    assert.match(after.text, /<h1 class="govuk-heading-l">Gömd Gömmarsson<\/h1>/);
    assert.ok(!after.text.includes(`href="${path}"`), 'no second marking offered');
    const list = await page('psykiatri.karlstad', '/sip');
    assertHidden(list.text, 'the list after the page step', gömd);
  });

  test('lists, the overview and the API lists do not name the person', async () => {
    for (const [username, path] of [
      ['psykiatri.karlstad', '/sip'],
      ['soc.karlstad', '/sip'],
      ['psykiatri.karlstad', '/sip/oversikt?veckor=8'],
      ['soc.karlstad', '/sip/oversikt?veckor=8'],
    ] as const) {
      const res = await page(username, path);
      assert.equal(res.status, 200);
      assert.match(res.text, /Skyddade personuppgifter/, `${username} ${path}`);
      assertHidden(res.text, `${username} ${path}`);
    }
    for (const path of ['/api/sips', '/api/sips/overview?weeks=8']) {
      const res = await w.by('soc.karlstad')('GET', path);
      assert.equal(res.status, 200, res.text);
      assertHidden(res.text, path);
    }
  });

  test('Mitt arbete, its notices and the deviation suggestions do not name the person', async () => {
    invitation = await w.invite(sip, w.unit('soc.karlstad'));
    await runJobs({ db: s.database.db, now: new Date(LATER) });
    for (const [username, now] of [
      ['soc.karlstad', NOW],
      ['soc.karlstad', LATER],
      ['psykiatri.karlstad', LATER],
    ] as const) {
      const res = await page(username, '/', now);
      assert.equal(res.status, 200);
      assertHidden(res.text, `Mitt arbete of ${username} at ${now}`);
    }
    assert.match((await page('soc.karlstad', '/', LATER)).text, /Skyddade personuppgifter/);
  });

  test('no mail in the outbox names the person, nor its calendar file', async () => {
    const mails = await s.database.db.select().from(outbox);
    assert.ok(
      mails.some((m) => m.attachments.length > 0),
      'an invitation mail with its calendar file',
    );
    for (const m of mails)
      assertHidden(
        [m.subject, m.body, m.html ?? '', ...m.attachments.map((a) => unfold(a.content))].join('\n'),
        `mail ${m.subject}`,
      );
  });

  test('the calendar file and the PDF carry nothing that identifies', async () => {
    const ics = await page('soc.karlstad', `/sip/${sip.id}/kallelser/${invitation.id}/mote.ics`);
    assert.equal(ics.status, 200);
    assertHidden(unfold(ics.text), 'the calendar file');
    const pdf = await (await browser('psykiatri.karlstad')).download(`/sip/${sip.id}/plan.pdf`);
    assert.equal(pdf.status, 200);
    const text = oneLine(pdfText(pdf.body));
    assert.match(text, /Skyddade personuppgifter/);
    assertHidden(text, 'the plan PDF');
  });

  test('a dispute naming the SIP links to it without naming the person', async () => {
    const opened = await s.api('POST', '/api/disputes', {
      token: await s.login('chef.soc.karlstad', { now: NOW }),
      now: NOW,
      body: individualCase({ sipId: sip.id }),
    });
    assert.equal(opened.status, 201, opened.text);
    const shown = await page('chef.soc.karlstad', `/tvister/${opened.body.id}`);
    assert.equal(shown.status, 200);
    assert.match(shown.text, new RegExp(`href="/sip/${sip.id}"`));
    assertHidden(shown.text, 'the dispute page');
  });

  test("the SIP's own page names the person to those with access", async () => {
    for (const username of ['psykiatri.karlstad', 'soc.karlstad']) {
      const own = await page(username, `/sip/${sip.id}`);
      assert.match(own.text, /<h1 class="govuk-heading-l">Hemlig Hemlundsson<\/h1>/);
      assert.match(own.text, /data-notice="protected-identity"/);
    }
    assert.equal((await page('soc.arvika', `/sip/${sip.id}`)).status, 404);
  });
});
