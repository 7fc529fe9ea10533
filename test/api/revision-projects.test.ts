import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  revisionChangeRequests,
  revisionDeliverables,
  revisionDirectiveVersions,
  revisionReports,
} from '../../src/modules/revision-projects/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §6, revision projects, from Dalarna's uppdragsdirektiv: anyone logged in reads the project; the
// county's agreement administrators report, set deliverable status and propose changes; the members of the
// steering group of the managers' network decide them (§7), and each approval is a new version of the directive.

/** Late in the evening in UTC, already the next day in Sweden: a decision made now is dated 2026-11-27. */
const NOW = '2026-11-26T23:30:00Z';
const SWEDISH_TODAY = '2026-11-27';
const project = '/api/revision-projects/revision-20';
// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies field by field
type Json = any;

/** Calls a server's API as a demo user, at NOW. */
function caller(server: () => TestServer) {
  const tokens = new Map<string, string>();
  return (username: string) =>
    async (method: string, path: string, body?: unknown): Promise<ApiResponse> => {
      if (!tokens.has(username)) tokens.set(username, await server().login(username, { now: NOW }));
      return server().api(method, path, { token: tokens.get(username), body, now: NOW });
    };
}

describe('API: revision projects', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  const as = caller(() => s);
  const avtal = as('avtal.dalarna');
  const styrgrupp = as('styrgrupp.dalarna');
  const staff = as('soc.falun');

  const expect = (res: ApiResponse, status: number, what: string) => {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body as Json;
  };
  const errorAt = (res: ApiResponse, path: string) =>
    (res.body.errors as { path: string; message: string }[]).find((e) => e.path === path)?.message;

  /** Rows in every table a request could write to: a refused request must leave them all as they were. */
  async function rows() {
    const db = s.database.db;
    const n = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;
    return {
      reports: await n(revisionReports),
      requests: await n(revisionChangeRequests),
      versions: await n(revisionDirectiveVersions),
      events: await n(events),
      deliverables: JSON.stringify(
        await db.select().from(revisionDeliverables).orderBy(revisionDeliverables.id),
      ),
    };
  }
  async function assertNothingChanged(before: Awaited<ReturnType<typeof rows>>, what: string) {
    assert.deepEqual(await rows(), before, `${what}: nothing changed`);
  }
  const proposal = (overrides: Record<string, unknown> = {}) => ({
    sectionKey: 's6',
    title: 'Förlängd tidplan',
    proposedText: 'Uppdraget kommer att pågå fr.o.m. 2020-02-07 t.o.m. 2021-06-30.',
    reason: 'Inventeringen i Fas 1 tar längre tid än planerat.',
    ...overrides,
  });

  describe('reading', () => {
    // The demo's project as it is, on a server of its own: the other tests report on it and change it.
    let s: TestServer;
    before(async () => {
      s = await startTestServer();
    });
    after(() => s.close());
    const as = caller(() => s);
    const avtal = as('avtal.dalarna');
    const styrgrupp = as('styrgrupp.dalarna');
    const staff = as('soc.falun');

    test('without a login: 401 on the list, on a project and on a change', async () => {
      for (const path of ['/api/revision-projects', project]) {
        const res = await s.api('GET', path, { now: NOW });
        assert.equal(res.status, 401, path);
        assert.equal(res.body.title, 'Inloggning krävs');
      }
      const posted = await s.api('POST', `${project}/reports`, { body: { text: 'Rapport' }, now: NOW });
      assert.equal(posted.status, 401);
    });

    test("the list defaults to the user's county; another county has none", async () => {
      const dalarna = expect(await staff('GET', '/api/revision-projects'), 200, 'list');
      assert.deepEqual(
        dalarna.map((p: Json) => [p.id, p.countyCode, p.currentVersion, p.proposedChangeRequests]),
        [['revision-20', '20', 1, 0]],
      );
      const varmland = expect(await staff('GET', '/api/revision-projects?countyCode=17'), 200, 'list 17');
      assert.deepEqual(varmland, []);
      const asVarmland = expect(
        await as('soc.karlstad')('GET', '/api/revision-projects?countyCode=20'),
        200,
        'list 20 from Värmland',
      );
      assert.equal(asVarmland.length, 1);
    });

    test("Dalarna's directive as demo data: organisation (§9), dates (§6), phases, deliverables, version 1", async () => {
      const p = expect(await staff('GET', project), 200, 'project');
      assert.match(p.title, /^Revidering av den länsövergripande överenskommelsen/);
      assert.equal(p.agreement.id, 'agreement-20');
      assert.equal(p.commissioner, 'Länsnätverket för förvaltningschefer via Styrgrupp');
      assert.equal(p.owner, 'Tanja Mårtensson, avdelningschef');
      assert.equal(p.projectLeader, 'Maria Ekelöf, utvecklingsledare');
      assert.equal(p.projectSteeringGroup, 'LPO psykisk hälsa (under formering)');
      assert.deepEqual(p.steeringBody, {
        id: 'body-20-styrgrupp',
        name: 'Styrgrupp för Länsnätverket för förvaltningschefer',
      });
      assert.equal(p.workingGroup, 'Arbetsgrupp (LAG): Under formering');
      assert.equal(p.recipients, 'Länsnätverket för förvaltningschefer och Välfärdsrådet');
      assert.deepEqual([p.startsOn, p.endsOn], ['2020-02-07', '2020-12-31']);
      assert.deepEqual(
        p.phases.map((ph: Json) => [ph.name.slice(0, 6), ph.startsOn, ph.endsOn]),
        [
          ['Fas 1:', '2020-02-07', '2020-12-31'],
          ['Fas 2:', '2020-02-07', '2020-12-31'],
        ],
      );
      assert.match(p.phases[0].description, /inventering av lokala överenskommelser/);
      assert.deepEqual(
        p.deliverables.map((d: Json) => [d.name, d.status, d.statusLabel]),
        [
          ['Uppdragsbeskrivning för LAG', 'planned', 'Planerad'],
          [
            'Löpande rapporter av Fas 1 och Fas 2 till Länsnätverket för förvaltningschefer och Välfärdsrådet',
            'planned',
            'Planerad',
          ],
          ['En reviderad överenskommelse', 'planned', 'Planerad'],
        ],
      );
      assert.deepEqual(p.reports, []);
      assert.deepEqual(p.changeRequests, []);
      assert.deepEqual(p.versions, [{ number: 1, decidedOn: '2020-02-07', changeRequestId: null }]);
      const top = p.directive.sections.filter((x: Json) => x.parentKey === null);
      assert.equal(top.length, 9);
      assert.deepEqual(
        top.map((x: Json) => x.key),
        ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'],
      );
      assert.match(top[0].heading, /Bakgrund/);
      assert.match(top[8].heading, /Uppdragsorganisation/);
      const tidplan = p.directive.sections.filter((x: Json) => x.key === 's6' || x.parentKey === 's6');
      assert.match(top[5].heading, /Tidplan/);
      assert.match(tidplan.map((x: Json) => x.text).join('\n'), /fr\.o\.m\. 2020-02-07/);
    });

    test('an unknown project is 404, for reading and for every change', async () => {
      const unknown = '/api/revision-projects/finns-inte';
      assert.equal((await staff('GET', unknown)).status, 404);
      assert.equal((await avtal('POST', `${unknown}/reports`, { text: 'Lägesrapport' })).status, 404);
      assert.equal(
        (await avtal('POST', `${unknown}/deliverables/x/status`, { status: 'delivered' })).status,
        404,
      );
      assert.equal((await avtal('POST', `${unknown}/change-requests`, proposal())).status, 404);
      const decided = await styrgrupp('POST', `${unknown}/change-requests/x/decision`, { approve: true });
      assert.equal(decided.status, 404);
      assert.equal(decided.body.title, 'Hittades inte');
    });
  });

  describe('progress reports and deliverables', () => {
    test('staff may not report (403), nor an agreement administrator of another county; nothing stored', async () => {
      const before = await rows();
      const byStaff = await staff('POST', `${project}/reports`, { text: 'Arbetsgruppen har träffats.' });
      assert.equal(byStaff.status, 403);
      assert.equal(byStaff.body.title, 'Åtkomst nekad');
      const byVarmland = await as('avtal.varmland')('POST', `${project}/reports`, {
        text: 'Arbetsgruppen har träffats.',
      });
      assert.equal(byVarmland.status, 403);
      assert.match(byVarmland.body.detail, /administratörer för överenskommelser i länet/);
      await assertNothingChanged(before, 'refused reports');
    });

    test('an empty report is 400 with a Swedish message; an unknown phase 422 at phaseId; nothing stored', async () => {
      const before = await rows();
      const empty = await avtal('POST', `${project}/reports`, { text: '   ' });
      assert.equal(empty.status, 400);
      assert.equal(errorAt(empty, 'text'), 'Skriv rapporten.');
      const phase = await avtal('POST', `${project}/reports`, { text: 'Rapport', phaseId: 'fas-9' });
      assert.equal(phase.status, 422);
      assert.equal(errorAt(phase, 'phaseId'), 'Välj en av uppdragets faser, eller hela uppdraget.');
      await assertNothingChanged(before, 'bad reports');
    });

    test('the county administrator reports on a phase; the report is on the project with its author', async () => {
      const report = expect(
        await avtal('POST', `${project}/reports`, {
          text: 'LAG är sammansatt.',
          phaseId: 'revision-20-phase-1',
        }),
        201,
        'report',
      );
      assert.equal(report.text, 'LAG är sammansatt.');
      assert.equal(report.phaseId, 'revision-20-phase-1');
      assert.equal(report.by.unitName, 'Länsgemensam samverkan');
      const p = expect(await staff('GET', project), 200, 'project');
      assert.deepEqual(
        p.reports.map((r: Json) => [r.id, r.at]),
        [[report.id, new Date(NOW).toISOString()]],
      );
    });

    test("the administrator sets a deliverable's status; staff 403, unknown deliverable 404, bad status 400", async () => {
      const path = `${project}/deliverables/revision-20-deliverable-1/status`;
      const before = await rows();
      assert.equal((await staff('POST', path, { status: 'delivered' })).status, 403);
      assert.equal(
        (await avtal('POST', `${project}/deliverables/finns-inte/status`, { status: 'delivered' })).status,
        404,
      );
      assert.equal((await avtal('POST', path, { status: 'klar' })).status, 400);
      await assertNothingChanged(before, 'refused status');
      const d = expect(await avtal('POST', path, { status: 'delivered' }), 200, 'status');
      assert.deepEqual(
        [d.id, d.status, d.statusLabel],
        ['revision-20-deliverable-1', 'delivered', 'Levererad'],
      );
      const p = expect(await staff('GET', project), 200, 'project');
      assert.deepEqual(
        p.deliverables.map((x: Json) => x.status),
        ['delivered', 'planned', 'planned'],
      );
    });
  });

  describe('change requests and new versions of the directive', () => {
    let original: Json;
    before(async () => {
      original = expect(await staff('GET', `${project}/directive/versions/1`), 200, 'version 1');
    });

    // One story in steps on the demo's one project: version 2 is made, then a rejection leaves it current, then
    // version 3 builds on it. The steps are subtests of one test, which runs them in this order.
    test('proposals and decisions, version by version', async (t) => {
      await t.test(
        'a section not in the current directive is 422 at sectionKey; empty texts 400; nothing stored',
        async () => {
          const before = await rows();
          const bad = await avtal('POST', `${project}/change-requests`, proposal({ sectionKey: 's99' }));
          assert.equal(bad.status, 422);
          assert.equal(
            errorAt(bad, 'sectionKey'),
            'Välj ett avsnitt som finns i direktivets gällande version.',
          );
          const empty = await avtal(
            'POST',
            `${project}/change-requests`,
            proposal({ title: '', proposedText: ' ', reason: '' }),
          );
          assert.equal(empty.status, 400);
          assert.equal(errorAt(empty, 'title'), 'Ge ändringen en rubrik.');
          assert.equal(errorAt(empty, 'proposedText'), 'Skriv avsnittets nya text.');
          assert.equal(errorAt(empty, 'reason'), 'Skriv varför ändringen behövs.');
          const same = await avtal(
            'POST',
            `${project}/change-requests`,
            proposal({ proposedText: original.sections.find((x: Json) => x.key === 's6').text }),
          );
          assert.equal(same.status, 422);
          assert.ok(errorAt(same, 'proposedText'));
          await assertNothingChanged(before, 'bad proposals');
        },
      );

      await t.test('staff, and administrators of another county, may not propose (403)', async () => {
        const before = await rows();
        assert.equal((await staff('POST', `${project}/change-requests`, proposal())).status, 403);
        assert.equal(
          (await as('avtal.varmland')('POST', `${project}/change-requests`, proposal())).status,
          403,
        );
        await assertNothingChanged(before, 'refused proposals');
      });

      await t.test(
        'approval by a steering group member makes version 2 with the section replaced; version 1 is unchanged',
        async () => {
          const c = expect(await avtal('POST', `${project}/change-requests`, proposal()), 201, 'propose');
          assert.deepEqual([c.status, c.sectionKey, c.resultingVersion], ['proposed', 's6', null]);
          const listed = expect(await staff('GET', '/api/revision-projects?countyCode=20'), 200, 'list');
          assert.equal(listed[0].proposedChangeRequests, 1);

          const before = await rows();
          const notMember = await as('valfardsradet.dalarna')(
            'POST',
            `${project}/change-requests/${c.id}/decision`,
            { approve: true },
          );
          assert.equal(notMember.status, 403, 'a governance member of another body');
          assert.match(notMember.body.detail, /Styrgrupp för Länsnätverket för förvaltningschefer/);
          const administrator = await avtal('POST', `${project}/change-requests/${c.id}/decision`, {
            approve: true,
          });
          assert.equal(administrator.status, 403, 'an agreement administrator');
          assert.equal(
            (await styrgrupp('POST', `${project}/change-requests/finns-inte/decision`, { approve: true }))
              .status,
            404,
          );
          await assertNothingChanged(before, 'refused decisions');

          const decided = expect(
            await styrgrupp('POST', `${project}/change-requests/${c.id}/decision`, {
              approve: true,
              note: 'Godkänt vid styrgruppens möte.',
            }),
            200,
            'approve',
          );
          assert.deepEqual(
            [decided.status, decided.resultingVersion, decided.decisionNote, decided.decidedAt],
            ['approved', 2, 'Godkänt vid styrgruppens möte.', new Date(NOW).toISOString()],
          );
          const p = expect(await staff('GET', project), 200, 'project');
          assert.deepEqual(p.versions, [
            { number: 1, decidedOn: '2020-02-07', changeRequestId: null },
            { number: 2, decidedOn: SWEDISH_TODAY, changeRequestId: c.id },
          ]);
          assert.equal(p.directive.number, 2);
          const expected = original.sections.map((x: Json) =>
            x.key === 's6' ? { ...x, text: proposal().proposedText } : x,
          );
          assert.deepEqual(p.directive.sections, expected);
          const v1 = expect(await staff('GET', `${project}/directive/versions/1`), 200, 'version 1 again');
          assert.deepEqual(v1, original);

          const comparison = expect(
            await staff('GET', `${project}/directive/comparison?from=1&to=2`),
            200,
            'comparison',
          );
          const changed = comparison.sections.filter((x: Json) => x.change !== 'unchanged');
          assert.deepEqual(
            changed.map((x: Json) => [x.key, x.change]),
            [['s6', 'changed']],
          );
          // Read without the removed parts, the changed section is the new text; without the added ones, the old.
          const reading = (skip: 'added' | 'removed') =>
            changed[0].text
              .filter((t: Json) => !t[skip])
              .map((t: Json) => t.value)
              .join('');
          assert.equal(reading('removed'), proposal().proposedText);
          assert.equal(reading('added'), original.sections.find((x: Json) => x.key === 's6').text);
          assert.ok(changed[0].text.some((t: Json) => t.removed && t.value.includes('preliminärt')));

          const [event] = await s.database.db
            .select()
            .from(events)
            .where(eq(events.type, 'revision.changeDecided'));
          assert.deepEqual(event!.data, {
            projectId: 'revision-20',
            changeRequestId: c.id,
            approved: true,
            resultingVersion: 2,
          });

          const before2 = await rows();
          const again = await styrgrupp('POST', `${project}/change-requests/${c.id}/decision`, {
            approve: false,
            note: 'Vi ändrar oss.',
          });
          assert.equal(again.status, 409, 'deciding twice');
          assert.equal(again.body.detail, 'Ändringsförslaget är redan beslutat.');
          await assertNothingChanged(before2, 'a second decision');
        },
      );

      await t.test(
        'a rejection needs a note (422 at note, nothing stored); with one it is rejected and no version is made',
        async () => {
          const c = expect(
            await avtal(
              'POST',
              `${project}/change-requests`,
              proposal({ sectionKey: 's8', title: 'Budget' }),
            ),
            201,
            'propose',
          );
          const before = await rows();
          for (const note of [undefined, '', '   ']) {
            const res = await styrgrupp('POST', `${project}/change-requests/${c.id}/decision`, {
              approve: false,
              note,
            });
            assert.equal(res.status, 422, `note ${JSON.stringify(note)}`);
            assert.equal(errorAt(res, 'note'), 'Skriv varför förslaget avslås.');
          }
          await assertNothingChanged(before, 'rejections without a note');
          const rejected = expect(
            await styrgrupp('POST', `${project}/change-requests/${c.id}/decision`, {
              approve: false,
              note: 'Ryms inte i budgeten.',
            }),
            200,
            'reject',
          );
          assert.deepEqual(
            [rejected.status, rejected.statusLabel, rejected.decisionNote, rejected.resultingVersion],
            ['rejected', 'Avslagen', 'Ryms inte i budgeten.', null],
          );
          const p = expect(await staff('GET', project), 200, 'project');
          assert.equal(p.directive.number, 2, 'still version 2');
          assert.equal(p.versions.length, 2);
        },
      );

      await t.test(
        'a proposal for a section is judged against the current version, and an approval builds on it',
        async () => {
          const c = expect(
            await avtal(
              'POST',
              `${project}/change-requests`,
              proposal({ sectionKey: 's6', proposedText: 'Uppdraget pågår t.o.m. 2021-12-31.' }),
            ),
            201,
            'propose on version 2',
          );
          expect(
            await styrgrupp('POST', `${project}/change-requests/${c.id}/decision`, { approve: true }),
            200,
            'approve',
          );
          const v3 = expect(await staff('GET', `${project}/directive/versions/3`), 200, 'version 3');
          const v2 = expect(await staff('GET', `${project}/directive/versions/2`), 200, 'version 2');
          assert.equal(
            v3.sections.find((x: Json) => x.key === 's6').text,
            'Uppdraget pågår t.o.m. 2021-12-31.',
          );
          assert.equal(v2.sections.find((x: Json) => x.key === 's6').text, proposal().proposedText);
          assert.equal((await staff('GET', `${project}/directive/versions/9`)).status, 404);
        },
      );
    });
  });
});
