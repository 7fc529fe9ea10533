import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import '../../src/jobs.ts';
import { runJobs } from '../../src/platform/jobs/scheduler.ts';
import { deliverOutbox, smtpTransport } from '../../src/platform/mail/deliver.ts';
import { type FollowUpWorld, followUpWorld, type Json } from '../helpers/followup-world.ts';
import { shortFormRecord } from '../helpers/needs-inventory.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { type ParsedMail, parseMail, readableText, smtpServer } from '../helpers/smtp.ts';

// Issue 23, items 1, 2 and 7: every kind of work "Mitt arbete" shows, and every event that gives a unit or a body
// work, reaches its recipients by e-mail, through the outbox and a real SMTP server started here. For each kind:
// who got it, the subject, the link to the page behind login, the calendar file where there is one, the
// unsubscribe headers, and that no mail names the person, their identity number or anything written about them.

type Smtp = Awaited<ReturnType<typeof smtpServer>>;
type Mail = ParsedMail & { to: string };

const person = { pin: '19121212-1212', name: 'Tolvan Tolvansson' };
const reason = 'Behöver samordnade insatser efter utskrivning';
const deviationTitle = 'Kallelse till SIP besvarades inte';
const disputeTitle = 'Vad betyder motsvarande nivå i avsnittet om tvister?';
// The person in every form a reader would know them by, and texts written about them or the case.
const markers = [
  person.name,
  'Tolvan',
  'Tolvansson',
  person.pin,
  person.pin.replace('-', ''),
  person.pin.slice(2),
  person.pin.slice(2).replace('-', ''),
  reason,
  deviationTitle,
  disputeTitle,
  'Jag vill bo själv',
];

const day = (on: string, time = '09:00') => `${on}T${time}:00Z`;

describe('every kind of notice by e-mail, through a real SMTP server', () => {
  let s: TestServer;
  let w: FollowUpWorld;
  let smtp: Smtp;
  const mails: Mail[] = [];
  const ids: Record<string, string> = {};

  /** Runs every job at the instant and sends the outbox to the SMTP server; keeps what arrived. */
  async function jobsAndMail(at: string) {
    await runJobs({ db: s.database.db, now: new Date(at) });
    await send(at);
  }
  async function send(at: string) {
    const before = smtp.received.length;
    await deliverOutbox(s.database.db, smtpTransport(smtp.url), new Date(at), { publicUrl: s.url });
    for (const r of smtp.received.slice(before))
      for (const to of r.to) mails.push({ ...parseMail(r.data), to });
  }
  const address = (username: string) => `${username}@demo.invalid`;

  before(async () => {
    s = await startTestServer();
    smtp = await smtpServer();
    w = followUpWorld(s);
    const on = '2027-01-11';
    const call = (username: string) => w.at(username, day(on));
    // The demo's Sörmland inventory was reported over three years ago: the next one is due.
    await jobsAndMail(day(on, '07:00'));

    // A SIP: one meeting accepted, one never answered; a plan whose follow-up date passes.
    const body = { person: { personalIdentityNumber: person.pin, name: person.name }, reason };
    const sip = w.ok(await call('psykiatri.karlstad')('POST', '/api/sips', body), 201, 'sip');
    await w.consent('psykiatri.karlstad', sip, on, ['region-17', 'municipality-1780']);
    const karlstad = await w.unit('soc.karlstad');
    const invited = w.ok(
      await call('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
        unitId: karlstad,
        meetingAt: '2027-01-18T13:00:00+01:00', // before the plan's follow-up (2027-01-20)
        place: 'Vuxenpsykiatrin, rum 4',
      }),
      201,
      'invitation',
    );
    await w.answer('soc.karlstad', invited, on);
    const unanswered = await w.invite('psykiatri.karlstad', sip, on, karlstad, '2027-02-08');
    await w.plan('psykiatri.karlstad', sip, on, {
      interventions: [{ description: 'Boendestöd', responsibleUnitId: karlstad }],
      overallResponsibility: { unitId: await w.unit('psykiatri.karlstad') },
      goals: ['Egen bostad'],
      personsOwnWords: 'Jag vill bo själv.',
      followUpOn: '2027-01-20',
      childrenConsidered: false,
    });
    // A second SIP with consent, never convened.
    const idle = w.ok(await call('psykiatri.karlstad')('POST', '/api/sips', body), 201, 'sip');
    await w.consent('psykiatri.karlstad', idle, on, ['region-17']);
    Object.assign(ids, { sip: sip.id, idle: idle.id, invited: invited.id, unanswered: unanswered.id });

    // A deviation to the region, escalated by the reporter to the county's body.
    const deviation = w.ok(
      await call('soc.arvika')('POST', '/api/deviations', {
        title: deviationTitle,
        description: 'Socialtjänsten kallade psykiatrin till ett SIP-möte. Kallelsen besvarades inte i tid.',
        category: 'unansweredInvitation',
        concernedPrincipalIds: ['region-17'],
        occurredOn: on,
      }),
      201,
      'deviation',
    );
    w.ok(
      await call('soc.arvika')('POST', `/api/deviations/${deviation.id}/escalation`, {
        reason: 'Inget svar.',
      }),
      200,
      'escalation',
    );
    // A dispute with the region, escalated.
    const dispute = w.ok(
      await call('chef.soc.karlstad')('POST', '/api/disputes', {
        kind: 'interpretation',
        category: 'interpretation',
        title: disputeTitle,
        description: 'Parterna läser avsnittet om tvister olika.',
        counterpartPrincipalIds: ['region-17'],
      }),
      201,
      'dispute',
    );
    w.ok(
      await call('chef.soc.karlstad')('POST', `/api/disputes/${dispute.id}/escalation`, {
        reason: 'Vi kommer inte överens.',
      }),
      200,
      'dispute escalation',
    );
    // An action plan with an action for Karlstad's social services, due on 2027-01-20.
    const plan = w.ok(
      await call('beredning.varmland')('POST', '/api/action-plans', {
        title: 'Samordnad utskrivning',
        description: 'Alla utskrivningar planeras tillsammans.',
        origin: 'deviationCompilation',
        originNote: 'Sammanställningen 2026.',
        owner: { bodyId: 'body-17-beredningsgruppen' },
        startsOn: on,
        endsOn: '2029-12-31',
      }),
      201,
      'action plan',
    );
    w.ok(
      await call('beredning.varmland')('POST', `/api/action-plans/${plan.id}/actions`, {
        description: 'Gemensam rutin',
        responsibleUnitId: karlstad,
        dueOn: '2027-01-20',
      }),
      201,
      'action',
    );
    // Sörmland's inventory round of 2027, and Eskilstuna's local agreement (followed up every 24 months).
    const round = w.ok(
      await w.at('avtal.sormland', day(on))('POST', '/api/needs-inventories', {
        title: 'Behovsinventering 2027',
        periodStart: '2027-02-01',
        periodEnd: '2027-03-31',
        formId: 'skl-kortversion-2015',
        coordinatorBodyId: 'body-04-bgp',
        unitIds: [await w.unit('soc.eskilstuna'), await w.unit('soc.nykoping')],
        instructions: 'Socialtjänsten registrerar den som båda känner.',
      }),
      201,
      'round',
    );
    const local = await localAgreement(w, on);
    Object.assign(ids, {
      deviation: deviation.id,
      dispute: dispute.id,
      plan: plan.id,
      round: round.id,
      local,
    });
    await send(day(on, '10:00'));

    await jobsAndMail(day('2027-01-21')); // reminders, the follow-up and the action late
    const collecting = w.at('bgp.sormland', day('2027-02-01'));
    w.ok(
      await collecting('POST', `/api/needs-inventories/${round.id}/status`, { status: 'collecting' }),
      200,
      's',
    );
    w.ok(
      await w.at('soc.eskilstuna', day('2027-02-01'))(
        'POST',
        `/api/needs-inventories/${round.id}/records`,
        shortFormRecord('0484'),
      ),
      201,
      'record',
    );
    await jobsAndMail(day('2027-02-01', '11:00')); // the round collects
    await jobsAndMail(day('2027-02-11')); // not convened; the deviation late at its body
    await jobsAndMail(day('2027-03-25')); // the round closes in a week
    await jobsAndMail(day('2028-07-01')); // the county agreements' notice deadline
    await jobsAndMail(day('2029-02-02')); // the local agreement's follow-up
  });
  after(async () => {
    await smtp?.close();
    await s?.close();
  });

  /** The mails of one kind to one address: at least one, each with its link and unsubscribe headers. */
  function expectMail(opts: { to: string; subject: RegExp; path: string }): Mail[] {
    const href = `${s.url}${opts.path}`;
    const partText = (m: Mail, type: string) => m.parts.find((p) => p.contentType === type)?.text ?? '';
    const found = mails.filter(
      (m) =>
        m.to === opts.to &&
        opts.subject.test(m.headers.subject ?? '') &&
        partText(m, 'text/plain').includes(href),
    );
    assert.ok(
      found.length > 0,
      `a mail to ${opts.to} with subject ${opts.subject} and a link to ${href}; got ${mails
        .filter((m) => m.to === opts.to)
        .map((m) => m.headers.subject)
        .join(' | ')}`,
    );
    for (const m of found) {
      const html = partText(m, 'text/html');
      assert.ok(html.includes(`href="${href.replaceAll('&', '&amp;')}"`), `the HTML part links to ${href}`);
      assert.match(html, /<html lang="sv">/);
      assert.match(m.headers['list-unsubscribe'] ?? '', new RegExp(`^<${s.url}/avregistrera/[\\w.-]+>$`));
      assert.equal(m.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
      assert.match(m.headers['message-id'] ?? '', /^<[\w-]+@somlos\.se>$/);
    }
    return found;
  }
  const noAttachment = (found: Mail[]) => {
    for (const m of found)
      assert.deepEqual(m.parts.map((p) => p.contentType).sort(), ['text/html', 'text/plain']);
  };

  test('no mail names the person, their identity number or what was written about them', (t) => {
    t.diagnostic(`${mails.length} mails received`);
    assert.ok(mails.length > 30, 'every kind was mailed');
    const leaks = mails.flatMap((m) =>
      markers.filter((x) => readableText(m).includes(x)).map((x) => `${m.headers.subject} to ${m.to}: ${x}`),
    );
    assert.deepEqual(leaks, []);
  });

  test('SIP: an invitation to the invited unit, with the meeting’s calendar file', () => {
    const path = `/kallelser/${ids.invited}?sip=${ids.sip}`;
    for (const username of ['soc.karlstad', 'chef.soc.karlstad']) {
      const [mail] = expectMail({
        to: address(username),
        subject: /^Ny kallelse till SIP-möte – svara senast 2027-01-14$/,
        path,
      });
      const text = mail!.parts.find((p) => p.contentType === 'text/plain')!.text;
      assert.match(
        text,
        /Det finns nytt arbete i Sömlös för Socialtjänst vuxen, Karlstad, Karlstads kommun\./,
      );
      assert.match(text, /Mötet: 2027-01-18 13:00/);
      const ics = mail!.parts.find((p) => p.contentType === 'text/calendar');
      assert.equal(ics?.filename, 'sip-mote.ics');
      const unfolded = ics!.text.replace(/\r\n[ \t]/g, '');
      assert.match(unfolded, new RegExp(`UID:${ids.invited}@somlos`));
      assert.match(unfolded, /SUMMARY:SIP-möte/);
      assert.match(unfolded, /DTSTART:20270118T120000Z/);
      assert.match(unfolded, /LOCATION:Vuxenpsykiatrin\\, rum 4/);
      assert.ok(unfolded.includes(`${s.url}/sip/${ids.sip}`), 'the calendar file links to the SIP');
      assert.ok(
        ics!.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
        'lines folded',
      );
    }
    assert.ok(
      !mails.some((m) => m.to === address('psykiatri.karlstad') && /Ny kallelse/.test(m.headers.subject!)),
    );
  });

  test('SIP: the answer, the reminder and the flag, the follow-up late and the meeting not convened', () => {
    noAttachment(
      expectMail({
        to: address('psykiatri.karlstad'),
        subject: /^Svar på kallelse till SIP-möte$/,
        path: `/sip/${ids.sip}`,
      }),
    );
    const reminder = expectMail({
      to: address('soc.karlstad'),
      subject: /^Påminnelse: kallelse till SIP-möte väntar på svar – skulle ha besvarats senast 2027-01-14$/,
      path: `/kallelser/${ids.unanswered}?sip=${ids.sip}`,
    });
    noAttachment(reminder);
    expectMail({
      to: address('chef.psykiatri.karlstad'),
      subject: /^Kallelse till SIP-möte har inte besvarats i tid/,
      path: `/sip/${ids.sip}`,
    });
    expectMail({
      to: address('psykiatri.karlstad'),
      subject: /^Uppföljning av SIP är försenad – uppföljning senast 2027-01-20$/,
      path: `/sip/${ids.sip}`,
    });
    expectMail({
      to: address('psykiatri.karlstad'),
      subject: /^Inget SIP-möte har kallats till i tid – mötet skulle ha kallats till senast 2027-02-10$/,
      path: `/sip/${ids.idle}`,
    });
  });

  test('deviations: reported to the receiving managers, escalated to the body, overdue to the reporter', async () => {
    const path = `/avvikelser/${ids.deviation}`;
    expectMail({
      to: address('chef.psykiatri.karlstad'),
      subject: /^Ny avvikelse att besvara – svara senast 2027-02-10$/,
      path,
    });
    assert.ok(
      !mails.some((m) => m.to === address('psykiatri.karlstad') && /Ny avvikelse/.test(m.headers.subject!)),
      'staff do not answer deviations',
    );
    for (const member of await bodyMembers(s, 'deviation', ids.deviation!, 2))
      expectMail({ to: member, subject: /^Avvikelse att besluta om – beslut senast 2027-02-10$/, path });
    expectMail({ to: address('soc.arvika'), subject: /^Avvikelse har passerat svarsdagen/, path });
  });

  test('disputes: opened to the other party’s managers, escalated to the body', async () => {
    const path = `/tvister/${ids.dispute}`;
    expectMail({
      to: address('chef.psykiatri.karlstad'),
      subject: /^Ny tvist där er huvudman är part$/,
      path,
    });
    assert.ok(
      !mails.some((m) => m.to === address('chef.soc.karlstad') && /Ny tvist/.test(m.headers.subject!)),
    );
    for (const member of await bodyMembers(s, 'dispute', ids.dispute!, 2))
      expectMail({ to: member, subject: /^Tvist att avgöra$/, path });
  });

  test('agreements: the notice deadline and a local agreement’s follow-up, to the agreement administrators', async () => {
    const [agreement] = await queryRows<{ id: string }>(
      s.database.db,
      sql`select subject_id as id from notices where kind = 'agreement.noticeDeadline' and key like '%'
        order by created_at limit 1`,
    );
    const warned = mails.filter((m) =>
      /^Sista dagen att säga upp en överenskommelse närmar sig/.test(m.headers.subject!),
    );
    assert.ok(warned.length > 0);
    assert.ok(
      warned.every((m) => /^avtal\./.test(m.to)),
      'agreement administrators only',
    );
    expectMail({
      to: warned[0]!.to,
      subject: /^Sista dagen att säga upp/,
      path: `/overenskommelser/${agreement!.id}`,
    });
    expectMail({
      to: address('avtal.sormland'),
      subject: /^Dags att följa upp en lokal överenskommelse – uppföljning senast 2029-02-01$/,
      path: `/overenskommelser/${ids.local}`,
    });
  });

  test('action plans and needs inventories', async () => {
    expectMail({
      to: address('soc.karlstad'),
      subject: /^Åtgärd i en handlingsplan är försenad – skulle ha varit klar senast 2027-01-20$/,
      path: `/uppfoljning/handlingsplaner/${ids.plan}`,
    });
    const roundPath = `/behovsinventeringar/${ids.round}`;
    expectMail({
      to: address('soc.nykoping'),
      subject: /^Behovsinventering: registrera de personer ni känner till – registrera senast 2027-03-31$/,
      path: roundPath,
    });
    expectMail({
      to: address('soc.nykoping'),
      subject: /^Behovsinventeringen stänger om en vecka/,
      path: roundPath,
    });
    const [demoRound] = await queryRows<{ id: string }>(
      s.database.db,
      sql`select subject_id as id from notices where kind = 'needsInventory.nextDue' limit 1`,
    );
    expectMail({
      to: address('bgp.sormland'),
      subject: /^Dags att planera nästa behovsinventering$/,
      path: `/behovsinventeringar/${demoRound!.id}`,
    });
  });

  test('every notice was mailed once to each address, and nothing was left unsent', async () => {
    const [row] = await queryRows<{ waiting: number; keys: number; distinct: number }>(
      s.database.db,
      sql`select count(*) filter (where sent_at is null)::int as waiting, count(dedupe_key)::int as keys,
        count(distinct dedupe_key)::int as distinct from outbox`,
    );
    assert.equal(row!.waiting, 0);
    assert.equal(row!.keys, row!.distinct);
    const sent = mails.map((m) => `${m.headers['message-id']} ${m.to}`);
    assert.equal(new Set(sent).size, sent.length, 'no message twice');
  });
});

/** The addresses of the members of the bodies a case reached at a level. */
async function bodyMembers(
  s: TestServer,
  caseKind: string,
  caseId: string,
  level: number,
): Promise<string[]> {
  const rows = await queryRows<{ email: string }>(
    s.database.db,
    sql`select u.email from escalation_path_bodies b join governance_body_members m on m.body_id = b.body_id
      join users u on u.id = m.user_id
      where b.case_kind = ${caseKind} and b.case_id = ${caseId} and b.level = ${level} and u.active`,
  );
  assert.ok(rows.length > 0, `members at level ${level}`);
  return rows.map((r) => r.email);
}

/** Eskilstuna's local agreement in force from 2027-02-01, followed up every 24 months. */
async function localAgreement(w: FollowUpWorld, on: string): Promise<string> {
  const call = w.at('avtal.sormland', day(on));
  const local: Json = w.ok(
    await call('POST', '/api/agreements/agreement-04/local-agreements', {
      title: 'Lokal överenskommelse Eskilstuna',
      scope: 'Eskilstuna kommun',
      principalIds: ['municipality-0484'],
    }),
    201,
    'local agreement',
  );
  const v1 = `/api/agreements/${local.id}/versions/1`;
  w.ok(
    await call('PUT', `${v1}/terms`, {
      startsOn: '2027-02-01',
      endsOn: '2030-12-31',
      noticeMonths: 6,
      extensionMonths: 12,
      noticeRecipient: 'Styrgruppen',
      changeNote: null,
    }),
    200,
    'terms',
  );
  w.ok(await call('POST', `${v1}/decision`), 200, 'decision');
  for (const principalId of ['region-04', 'municipality-0484'])
    w.ok(
      await call('POST', `${v1}/adoptions`, {
        principalId,
        decidedOn: on,
        body: principalId.startsWith('region') ? 'Regionstyrelsen' : 'Socialnämnden',
        reference: `Dnr ${principalId}`,
      }),
      200,
      principalId,
    );
  return local.id;
}
