import { expect, test } from '@playwright/test';
import { shortFormRecord } from '../helpers/needs-inventory.ts';
import { day, escapingKit, today } from './escaping-kit.ts';

// Every text a user can write is shown as text, never as markup, on every page that shows it. Hostile texts go in
// through the JSON API (real HTTP), then the pages are read in Chromium as users who may see them. On each page:
// no dialog opened, no console error (a blocked inline script or a failed <img src=x> would log one), window.__xss
// unset, none of the elements the payloads would make exists, and each text IS there as literal text, so a page
// that dropped or mangled the text fails as well. The CSP alone would stop inline scripts; the DOM checks are what
// prove the escaping. The browser tests share one server: everything here happens in Örebro län, which no other
// browser test uses but escaping-agreements.spec.ts (the agreements and the revision project); the kit both use is
// escaping-kit.ts.

test.describe.configure({ mode: 'serial' });

const { hostile, call, as, expectEscaped, expectShownAsText, closeAll } = escapingKit();
test.afterAll(closeAll);

const county = { region: 'region-18', orebro: 'municipality-1880', kumla: 'municipality-1881' };
type Made =
  | 'unit'
  | 'newAccount'
  | 'body'
  | 'deviationCategory'
  | 'disputeCategory'
  | 'sip'
  | 'pendingInvitation';
type Found = 'psychiatryUser' | 'psychiatryUnit' | 'socialUnit' | 'kumlaUnit' | 'councilMember';
/** What the tests make and find, for the tests after them (they run in order, in one worker). */
const ids = {} as Record<Made | Found, string>;

test('county administration: a unit, an account, a governance body, categories and a ladder level', async ({
  browser,
}) => {
  const me = (u: string) => call(u, 'GET', '/api/me');
  ids.psychiatryUser = (await me('psykiatri.orebro')).id;
  ids.psychiatryUnit = (await me('chef.psykiatri.orebro')).unit.id;
  ids.socialUnit = (await me('soc.orebro')).unit.id;
  ids.kumlaUnit = (await me('soc.kumla')).unit.id;
  ids.councilMember = (await me('samverkansrad.orebro')).id;

  const unit = await call('admin.orebro', 'POST', '/api/admin/units', {
    principalId: county.region,
    name: hostile('unit-name', 120),
  });
  ids.unit = unit.id;
  // psykiatri.orebro moves to the new unit and gets a hostile name: both show wherever their work does.
  await call('admin.orebro', 'PATCH', `/api/admin/accounts/${ids.psychiatryUser}`, {
    name: hostile('account-name', 120),
    unitId: ids.unit,
  });
  // A new account: its name is in the mail with the password link, which the outbox shows.
  const account = await call('admin.orebro', 'POST', '/api/admin/accounts', {
    name: hostile('new-account-name', 120),
    email: 'esc.konto@orebro.se',
    username: 'esc.konto',
    unitId: ids.unit,
    roles: ['staff'],
  });
  ids.newAccount = account.id;
  const body = await call('admin.orebro', 'POST', '/api/admin/governance-bodies', {
    name: hostile('body-name', 120),
    shortName: hostile('body-short', 60),
    kind: 'workingGroup',
    description: hostile('body-description', 2000),
  });
  ids.body = body.id;
  await call('admin.orebro', 'POST', `/api/admin/governance-bodies/${ids.body}/members`, {
    userId: ids.councilMember,
  });
  // The new body takes deviations at level 2, so a deviation climbs to it.
  await call('admin.orebro', 'POST', '/api/admin/ladders/deviation/levels', {
    label: hostile('level-label', 200),
    source: hostile('level-source', 300),
    bodyIds: [ids.body],
    position: 2,
  });
  ids.deviationCategory = (
    await call('admin.orebro', 'POST', '/api/admin/categories/deviation', {
      label: hostile('deviation-category', 120),
    })
  ).key;
  ids.disputeCategory = (
    await call('admin.orebro', 'POST', '/api/admin/categories/dispute', {
      label: hostile('dispute-category', 120),
    })
  ).key;

  const admin = await as(browser, 'admin.orebro');
  await expectEscaped(admin, '/administration/enheter', ['unit-name']);
  await expectEscaped(admin, `/administration/enheter/${ids.unit}`, ['unit-name', 'account-name']);
  await expectEscaped(admin, '/administration/konton?q=psykiatri.orebro', ['account-name', 'unit-name']);
  await expectEscaped(
    admin,
    `/administration/konton?q=${encodeURIComponent(hostile('account-search', 200))}`,
    ['account-search'],
  );
  await expectEscaped(
    admin,
    `/ansvarsfordelning?lan=18&sok=${encodeURIComponent(hostile('responsibility-search', 200))}`,
    ['responsibility-search'],
  );
  await expectEscaped(admin, `/administration/konton/${ids.psychiatryUser}`, ['account-name', 'unit-name']);
  await expectEscaped(admin, `/administration/konton/${ids.psychiatryUser}/andra`, ['account-name']);
  await expectEscaped(admin, '/administration/organ', ['body-name']);
  await expectEscaped(admin, `/administration/organ/${ids.body}`, [
    'body-name',
    'body-short',
    'body-description',
  ]);
  await expectEscaped(admin, `/administration/organ/${ids.body}/andra`, [
    'body-name',
    'body-short',
    'body-description',
  ]);
  await expectEscaped(admin, '/administration/eskalering', ['level-label', 'level-source', 'body-name']);
  await expectEscaped(admin, '/administration/kategorier', ['deviation-category', 'dispute-category']);
  await expectEscaped(admin, `/administration/konton/${ids.newAccount}`, ['new-account-name', 'unit-name']);
  await expectEscaped(admin, '/administration/utkorg', ['new-account-name']);
  await expectEscaped(admin, '/administration/logg', [
    'unit-name',
    'account-name',
    'new-account-name',
    'body-name',
  ]);
  await expectEscaped(admin, '/organisationer/lan/18', ['body-name']);
  await expectEscaped(admin, `/organisationer/huvudman/${county.region}`, ['unit-name']);
});

test('SIP: request, consent, invitations and answers, two plan versions, a follow-up; the access log', async ({
  browser,
}) => {
  const psychiatry = 'psykiatri.orebro';
  const sip = await call(psychiatry, 'POST', '/api/sips', {
    person: { personalIdentityNumber: '19850312-2387', name: hostile('person-name', 200) },
    reason: hostile('sip-reason'),
  });
  ids.sip = sip.id;
  const base = `/api/sips/${ids.sip}`;
  await call(psychiatry, 'POST', `${base}/consent`, {
    givenAt: today,
    form: 'written',
    principalIds: [county.region, county.orebro, county.kumla],
    relativesMayTakePart: true,
    otherParties: [hostile('consent-other-party', 200)],
  });
  const invite = (unitId: string, key: string) =>
    call(psychiatry, 'POST', `${base}/invitations`, {
      unitId,
      meetingAt: `${day(10)}T10:00:00+01:00`,
      place: hostile(`${key}-place`, 300),
      externalParticipants: [{ kind: 'other', note: hostile(`${key}-external`, 200) }],
    });
  const social = await invite(ids.socialUnit, 'invitation-social');
  ids.pendingInvitation = (await invite(ids.psychiatryUnit, 'invitation-pending')).id;
  const kumla = await invite(ids.kumlaUnit, 'invitation-kumla');
  await call('soc.orebro', 'POST', `/api/invitations/${social.id}/answer`, { accepted: true });
  await call('soc.kumla', 'POST', `/api/invitations/${kumla.id}/answer`, {
    accepted: false,
    reason: hostile('invitation-decline-reason', 2000),
  });
  const plan = (version: number) => ({
    interventions: [
      { description: hostile(`plan${version}-intervention`), responsibleUnitId: ids.socialUnit },
      {
        description: hostile(`plan${version}-external-intervention`),
        externalActor: hostile(`plan${version}-external-actor`, 200),
      },
    ],
    overallResponsibility: { unitId: ids.unit },
    goals: [hostile(`plan${version}-goal`, 2000)],
    personsOwnWords: hostile(`plan${version}-own-words`),
    followUpOn: day(30),
    childrenConsidered: true,
    childrenNote: hostile(`plan${version}-children-note`),
  });
  await call(psychiatry, 'PUT', `${base}/plan`, plan(1));
  await call(psychiatry, 'PUT', `${base}/plan`, plan(2));
  await call(psychiatry, 'POST', `${base}/follow-ups`, {
    heldOn: today,
    outcomes: [
      { index: 0, outcome: 'ongoing', comment: hostile('follow-up-comment-1') },
      { index: 1, outcome: 'done', comment: hostile('follow-up-comment-2') },
    ],
    nextFollowUpOn: day(60),
  });

  const plan2 = [
    'intervention',
    'external-intervention',
    'external-actor',
    'goal',
    'own-words',
    'children-note',
  ];
  const sipPage = [
    'person-name',
    'sip-reason',
    'consent-other-party',
    'unit-name',
    'invitation-social-place',
    'invitation-social-external',
    'invitation-pending-place',
    'invitation-pending-external',
    'invitation-kumla-place',
    'invitation-kumla-external',
    'invitation-decline-reason',
    ...plan2.map((k) => `plan2-${k}`),
    'follow-up-comment-1',
    'follow-up-comment-2',
  ];
  const convener = await as(browser, psychiatry);
  await expectEscaped(convener, '/', ['account-name', 'unit-name']);
  await expectEscaped(convener, '/konto', ['account-name', 'unit-name']);
  await expectEscaped(convener, '/sip', ['person-name']);
  await expectEscaped(convener, `/sip/${ids.sip}`, sipPage);
  await expectEscaped(
    convener,
    `/sip/${ids.sip}/plan`,
    plan2.map((k) => `plan2-${k}`),
  );
  await expectEscaped(convener, `/sip/${ids.sip}/uppfoljning`, ['person-name', 'plan2-intervention']);
  await expectEscaped(convener, `/sip/${ids.sip}/versioner`, [
    'person-name',
    ...plan2.flatMap((k) => [`plan1-${k}`, `plan2-${k}`]),
  ]);
  await expectEscaped(await as(browser, 'soc.orebro'), `/sip/${ids.sip}`, sipPage);

  // The invited unit that has not answered: Mitt arbete and the invitation's page.
  const invited = await as(browser, 'chef.psykiatri.orebro');
  await expectEscaped(invited, '/', ['person-name', 'unit-name']);
  await expectEscaped(invited, `/kallelser/${ids.pendingInvitation}?sip=${ids.sip}`, [
    'person-name',
    'sip-reason',
    'unit-name',
  ]);

  // The log reviewer sees the new unit's name beside every access its users made.
  const reviewer = await as(browser, 'logg.regionorebro');
  // The search is posted (the number stays out of the address), so the results are the form's answer.
  await expectEscaped(reviewer, '/atkomstlogg', []);
  await reviewer.page.getByLabel('Personnummer eller samordningsnummer').fill('19850312-2387');
  await reviewer.page.getByLabel('Från').fill(today);
  await reviewer.page.getByLabel('Till').fill(today);
  await reviewer.page.getByRole('button', { name: 'Sök' }).click();
  await expect(reviewer.page.getByText(/^Visar \d/)).toBeVisible();
  await expectShownAsText(reviewer, '/atkomstlogg (sökning)', ['unit-name']);
});

test('deviations and disputes: reported, answered, escalated, decided or closed; precedents', async ({
  browser,
}) => {
  const reporter = 'psykiatri.orebro';
  const report = (key: string) =>
    call(reporter, 'POST', '/api/deviations', {
      title: hostile(`${key}-title`, 200),
      description: hostile(`${key}-description`),
      category: ids.deviationCategory,
      concernedPrincipalIds: [county.orebro],
      occurredOn: today,
    });
  const answer = (id: string, key: string) =>
    call('chef.soc.orebro', 'POST', `/api/deviations/${id}/answers`, {
      investigation: hostile(`${key}-investigation`),
      cause: hostile(`${key}-cause`),
      measures: hostile(`${key}-measures`),
    });
  // The first climbs to the new body and is decided there; the second waits for an answer; the third is closed.
  const decided = (await report('deviation1')).id;
  await answer(decided, 'deviation1');
  await call(reporter, 'POST', `/api/deviations/${decided}/escalation`, {
    reason: hostile('deviation1-escalation'),
  });
  await call('samverkansrad.orebro', 'POST', `/api/deviations/${decided}/decision`, {
    decision: hostile('deviation1-decision'),
    outcome: 'routineClarified',
  });
  const waiting = (await report('deviation2')).id;
  const closed = (await report('deviation3')).id;
  await answer(closed, 'deviation3');
  await call(reporter, 'POST', `/api/deviations/${closed}/closure`, {
    outcome: 'measuresTaken',
    comment: hostile('deviation3-closure'),
  });

  const dispute = await call('chef.soc.orebro', 'POST', '/api/disputes', {
    kind: 'individualCase',
    category: ids.disputeCategory,
    title: hostile('dispute-title', 200),
    description: hostile('dispute-description'),
    counterpartPrincipalIds: [county.region],
    interimResponsibility: { principalId: county.orebro, description: hostile('dispute-interim') },
    sipId: ids.sip,
  });
  const path = `/api/disputes/${dispute.id}`;
  await call('chef.psykiatri.orebro', 'POST', `${path}/statements`, { text: hostile('dispute-statement') });
  await call('chef.psykiatri.orebro', 'POST', `${path}/escalation`, {
    reason: hostile('dispute-escalation'),
  });
  await call('lansdel.orebro.orebro', 'POST', `${path}/decision`, {
    decision: hostile('dispute-decision'),
    reasoning: hostile('dispute-reasoning'),
  });

  const whole = (key: string) => [
    `${key}-title`,
    `${key}-description`,
    `${key}-investigation`,
    `${key}-cause`,
    `${key}-measures`,
  ];
  const deviation1 = [
    ...whole('deviation1'),
    'deviation1-escalation',
    'deviation1-decision',
    'deviation-category',
    'unit-name',
    'body-name',
  ];
  const own = await as(browser, reporter);
  await expectEscaped(own, '/avvikelser?status=alla', [
    'deviation1-title',
    'deviation2-title',
    'deviation3-title',
    'deviation-category',
  ]);
  await expectEscaped(own, `/avvikelser/${decided}`, deviation1);
  await expectEscaped(own, `/avvikelser/${closed}`, [...whole('deviation3'), 'deviation3-closure']);
  await expectEscaped(own, '/avvikelser/sammanstallning', ['deviation-category']);
  // A form sent with a missing answer comes back with what was typed.
  await own.page.goto('/avvikelser/ny');
  await own.page.getByLabel('Rubrik').fill(hostile('deviation-form-title', 200));
  await own.page.getByLabel('Vad hände?').fill(hostile('deviation-form-description'));
  await own.page.getByRole('button', { name: 'Rapportera avvikelsen' }).click();
  await expect(own.page.getByRole('alert')).toContainText('Välj en kategori');
  await expectShownAsText(own, 'the report form sent back', [
    'deviation-form-title',
    'deviation-form-description',
  ]);
  await expectEscaped(await as(browser, 'samverkansrad.orebro'), `/avvikelser/${decided}`, deviation1);

  const receiver = await as(browser, 'chef.soc.orebro');
  await expectEscaped(receiver, '/', ['deviation2-title']);
  await expectEscaped(receiver, `/avvikelser/${waiting}`, [
    'deviation2-title',
    'deviation2-description',
    'unit-name',
  ]);
  await expectEscaped(receiver, `/avvikelser/${waiting}/svara`, [
    'deviation2-title',
    'deviation2-description',
  ]);

  const disputePage = [
    'dispute-title',
    'dispute-description',
    'dispute-interim',
    'dispute-statement',
    'dispute-escalation',
    'dispute-decision',
    'dispute-reasoning',
    'dispute-category',
  ];
  await expectEscaped(receiver, '/tvister?status=alla', ['dispute-title', 'dispute-category']);
  await expectEscaped(receiver, `/tvister/${dispute.id}`, disputePage);
  await expectEscaped(await as(browser, 'chef.psykiatri.orebro'), `/tvister/${dispute.id}`, disputePage);
  // A search is shown back in its field (and must not be markup there or in the answer).
  await expectEscaped(
    receiver,
    `/tvister/tidigare-beslut?sok=${encodeURIComponent(hostile('precedent-search', 200))}`,
    ['precedent-search'],
  );
  await expectEscaped(await as(browser, 'lansdel.orebro.orebro'), '/tvister/tidigare-beslut', [
    'dispute-title',
    'dispute-decision',
    'dispute-reasoning',
    'dispute-category',
  ]);
});

test('follow-up: an action plan with an action and a note, a national figure; needs inventories', async ({
  browser,
}) => {
  const member = 'samverkansrad.orebro';
  const plan = await call(member, 'POST', '/api/action-plans', {
    title: hostile('action-plan-title', 200),
    description: hostile('action-plan-description'),
    origin: 'deviationCompilation',
    originNote: hostile('action-plan-origin-note', 1000),
    owner: { bodyId: ids.body },
    startsOn: today,
    endsOn: day(180),
  });
  await call(member, 'POST', `/api/action-plans/${plan.id}/actions`, {
    description: hostile('action-description', 1000),
    responsibleUnitId: ids.unit,
    dueOn: day(90),
  });
  await call(member, 'POST', `/api/action-plans/${plan.id}/notes`, {
    on: today,
    text: hostile('action-plan-note'),
  });
  const indicator = 'indicator-18-personalOmbud';
  await call('avtal.orebro', 'POST', `/api/followup/indicators/${indicator}/values`, {
    period: String(Number(today.slice(0, 4)) - 1),
    value: 3,
    source: hostile('indicator-source', 1000),
    note: hostile('indicator-note', 1000),
  });

  // Two rounds coordinated by the new body: one still collecting (its record form shows the instructions), one
  // being interpreted, with comments from the user organisation and the coordinator.
  const round = async (key: string) =>
    (
      await call(member, 'POST', '/api/needs-inventories', {
        title: hostile(`${key}-title`, 200),
        periodStart: day(-30),
        periodEnd: day(30),
        formId: 'skl-kortversion-2015',
        coordinatorBodyId: ids.body,
        unitIds: [ids.socialUnit],
        instructions: hostile(`${key}-instructions`),
      })
    ).id as string;
  const collecting = await round('round-collecting');
  const interpreted = await round('round-interpreted');
  for (const id of [collecting, interpreted])
    await call(member, 'POST', `/api/needs-inventories/${id}/status`, { status: 'collecting' });
  await call('soc.orebro', 'POST', `/api/needs-inventories/${interpreted}/records`, shortFormRecord('1880'));
  await call(member, 'POST', `/api/needs-inventories/${interpreted}/status`, { status: 'interpreting' });
  await call('nsph.orebro', 'POST', `/api/needs-inventories/${interpreted}/comments`, {
    text: hostile('round-comment-user-organisation'),
  });
  await call(member, 'POST', `/api/needs-inventories/${interpreted}/comments`, {
    text: hostile('round-comment-coordinator'),
    organisationId: 'principal-18-nsph', // a coordinator writes down what an organisation said at a meeting
  });

  const planPage = [
    'action-plan-title',
    'action-plan-description',
    'action-plan-origin-note',
    'body-name',
    'action-description',
    'unit-name',
    'action-plan-note',
  ];
  const coordinator = await as(browser, member);
  await expectEscaped(coordinator, '/uppfoljning/handlingsplaner', ['action-plan-title', 'body-name']);
  await expectEscaped(coordinator, `/uppfoljning/handlingsplaner/${plan.id}`, planPage);
  await expectEscaped(coordinator, `/uppfoljning/indikatorer/${indicator}`, [
    'indicator-source',
    'indicator-note',
  ]);
  await expectEscaped(coordinator, '/behovsinventeringar', [
    'round-collecting-title',
    'round-interpreted-title',
    'body-name',
  ]);
  const comments = ['round-comment-user-organisation', 'round-comment-coordinator'];
  const interpretedPage = [
    'round-interpreted-title',
    'round-interpreted-instructions',
    'body-name',
    ...comments,
  ];
  await expectEscaped(coordinator, `/behovsinventeringar/${interpreted}`, interpretedPage);
  await expectEscaped(coordinator, `/behovsinventeringar/${interpreted}/resultat`, [
    'round-interpreted-title',
    ...comments,
  ]);
  const organisation = await as(browser, 'nsph.orebro');
  await expectEscaped(organisation, `/behovsinventeringar/${interpreted}`, interpretedPage);
  const recorder = await as(browser, 'soc.orebro');
  await expectEscaped(recorder, `/behovsinventeringar/${collecting}`, [
    'round-collecting-title',
    'round-collecting-instructions',
    'body-name',
  ]);
  await expectEscaped(recorder, `/behovsinventeringar/${collecting}/registrera`, [
    'round-collecting-title',
    'round-collecting-instructions',
  ]);
});
