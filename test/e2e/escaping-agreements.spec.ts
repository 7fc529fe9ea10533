import { test } from '@playwright/test';
import { day, escapingKit, type Json, today } from './escaping-kit.ts';

// Every text a user can write is shown as text, never as markup (escaping.spec.ts says how it is checked): here
// an agreement's draft, consultation and local agreement, and a revision project's report and change request. The
// agreement is Örebro's; the local agreement is Sörmland's (the only county with a template for one), and the
// revision project exists only in Dalarna, so the change request there is rejected (the directive keeps its version
// for revision-projects.spec.ts, which runs after this file).

test.describe.configure({ mode: 'serial' });

const { hostile, shown, call, as, anonymousPage, expectEscaped, closeAll } = escapingKit();
test.afterAll(closeAll);

test('agreements: a draft version, a consultation with comments and an answer, a local agreement adopted', async ({
  browser,
}) => {
  const adminName = 'avtal.orebro';
  const agreement = '/api/agreements/agreement-18';
  const v2 = `${agreement}/versions/2`;
  await call(adminName, 'POST', `${agreement}/versions`, {});
  const draft = await call(adminName, 'GET', v2);
  await call(adminName, 'PUT', `${v2}/terms`, {
    ...draft.terms,
    noticeRecipient: hostile('terms-notice-recipient', 500),
    changeNote: hostile('terms-change-note'),
  });
  // The changed section keeps its text and gets the hostile one after it, so the comparison shows it as one
  // addition (a rewritten text would be compared word by word, the new words between the old ones).
  const [changed] = draft.sections;
  const changedKey = changed.key as string;
  await call(adminName, 'PUT', `${v2}/sections/${changedKey}`, {
    heading: hostile('section-changed-heading', 300),
    text: `${changed.text}\n\n${hostile('section-changed-text')}`,
  });
  await call(adminName, 'POST', `${v2}/sections`, {
    parentKey: null,
    heading: hostile('section-added-heading', 300),
    text: hostile('section-added-text'),
  });
  const added = (await call(adminName, 'GET', v2)).sections.at(-1).key as string;
  const sections = [
    'section-changed-heading',
    'section-changed-text',
    'section-added-heading',
    'section-added-text',
  ];

  const admin = await as(browser, adminName);
  await expectEscaped(admin, `/overenskommelser/agreement-18/versioner/2/avsnitt/${added}`, [
    'section-added-heading',
    'section-added-text',
  ]);
  await expectEscaped(admin, '/overenskommelser/agreement-18/versioner/2/villkor', [
    'terms-notice-recipient',
    'terms-change-note',
  ]);

  await call(adminName, 'POST', `${v2}/consultation`, {
    closesOn: day(20),
    inviteePrincipalIds: ['principal-18-nsph'],
  });
  for (const [sectionKey, key] of [
    [changedKey, 'comment-answered'],
    [added, 'comment-open'],
  ] as const)
    await call('nsph.orebro', 'POST', `${v2}/comments`, { sectionKey, text: hostile(key) });
  const comments = (await call(adminName, 'GET', v2)).consultation.comments as Json[];
  const byText = (key: string) => comments.find((c) => c.text === shown(key)).id as string;
  await call(adminName, 'POST', `${v2}/comments/${byText('comment-answered')}/answer`, {
    answer: hostile('comment-answer'),
  });

  const version = [
    ...sections,
    'terms-notice-recipient',
    'terms-change-note',
    'comment-answered',
    'comment-open',
    'comment-answer',
  ];
  await expectEscaped(admin, '/overenskommelser/agreement-18/versioner/2', version);
  await expectEscaped(
    admin,
    `/overenskommelser/agreement-18/versioner/2/synpunkter/${byText('comment-open')}/svar`,
    ['comment-open'],
  );
  await expectEscaped(admin, '/overenskommelser/agreement-18/jamfor?fran=1&till=2', sections);
  const invitee = await as(browser, 'nsph.orebro');
  await expectEscaped(invitee, '/overenskommelser/agreement-18/versioner/2', version);
  await expectEscaped(invitee, `/overenskommelser/agreement-18/versioner/2/synpunkt?avsnitt=${added}`, [
    'section-added-heading',
  ]);

  // A local agreement from a county's template (only Sörmland has one), its first section rewritten, sent to the
  // parties and adopted by both: then it is public too.
  const sormland = 'avtal.sormland';
  const parties = ['region-04', 'municipality-0480'];
  const local = await call(sormland, 'POST', '/api/agreements/agreement-04/local-agreements', {
    title: hostile('local-title', 300),
    scope: hostile('local-scope', 300),
    principalIds: [parties[1]],
  });
  const localV1 = `/api/agreements/${local.id}/versions/1`;
  const localKey = (await call(sormland, 'GET', localV1)).sections[0].key as string;
  await call(sormland, 'PUT', `${localV1}/sections/${localKey}`, {
    heading: hostile('local-section-heading', 300),
    text: hostile('local-section-text'),
  });
  const localAdmin = await as(browser, sormland);
  await expectEscaped(localAdmin, `/overenskommelser/${local.id}/versioner/1/avsnitt/${localKey}`, [
    'local-section-heading',
    'local-section-text',
  ]);
  await call(sormland, 'POST', `${localV1}/decision`, {});
  for (const principalId of parties)
    await call(sormland, 'POST', `${localV1}/adoptions`, {
      principalId,
      decidedOn: today,
      body: hostile(`adoption-body-${principalId}`, 300),
      reference: hostile(`adoption-reference-${principalId}`, 300),
    });
  const adoptions = parties.flatMap((p) => [`adoption-body-${p}`, `adoption-reference-${p}`]);
  const localPage = [
    'local-title',
    'local-scope',
    'local-section-heading',
    'local-section-text',
    ...adoptions,
  ];
  await expectEscaped(localAdmin, '/overenskommelser', ['local-title', 'local-scope']);
  await expectEscaped(localAdmin, `/overenskommelser/${local.id}`, localPage);
  // Adopted by every party, it is in force and on the public pages, which anyone reads without logging in.
  const visitor = await anonymousPage(browser);
  await expectEscaped(visitor, '/offentligt/overenskommelser?lan=04', ['local-title']);
  await expectEscaped(
    visitor,
    `/offentligt/overenskommelser/${local.id}`,
    localPage.filter((k) => k !== 'local-scope'),
  );
});

test('revision project (Dalarna): a progress report, a change request shown for decision, then rejected', async ({
  browser,
}) => {
  const project = 'revision-20';
  const api = `/api/revision-projects/${project}`;
  const directive = await call('avtal.dalarna', 'GET', `${api}/directive/versions/1`);
  const section = directive.sections.find((s: Json) => s.key !== 's8') ?? directive.sections[0];
  await call('avtal.dalarna', 'POST', `${api}/reports`, { text: hostile('progress-report') });
  // The proposal keeps the section's text and adds the hostile one, so the decision page shows it as one addition.
  const change = await call('avtal.dalarna', 'POST', `${api}/change-requests`, {
    sectionKey: section.key,
    title: hostile('change-title', 200),
    proposedText: `${section.text}\n\n${hostile('change-text')}`,
    reason: hostile('change-reason'),
  });
  const page = `/overenskommelser/revideringar/${project}`;
  const steering = await as(browser, 'styrgrupp.dalarna');
  await expectEscaped(steering, `${page}/andringar/${change.id}/beslut`, [
    'change-title',
    'change-reason',
    'change-text',
  ]);
  await call('styrgrupp.dalarna', 'POST', `${api}/change-requests/${change.id}/decision`, {
    approve: false,
    note: hostile('change-rejection'),
  });
  const projectPage = ['progress-report', 'change-title', 'change-reason', 'change-text', 'change-rejection'];
  await expectEscaped(steering, page, projectPage);
});
