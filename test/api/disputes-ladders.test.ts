import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { escalationLevelBodies, escalationLevels } from '../../src/modules/organisations/schema.ts';
import {
  assertLike,
  type DisputeWorld,
  decisionBody,
  disputeWorld,
  interpretation,
  type Json,
  TODAY,
} from '../helpers/dispute-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §5 and the disputes routes (with disputes.test.ts): the ladders of the other counties, copied at
// opening and climbed to the top, and a path that stays the ladder as it stood when the dispute was opened.

const beredning = {
  kind: 'governanceBody',
  id: 'body-17-beredningsgruppen',
  name: 'Beredningsgruppen Nya perspektiv',
};

describe('API: disputes on the ladders of the counties', () => {
  let s: TestServer;
  let w: DisputeWorld;
  before(async () => {
    s = await startTestServer();
    w = disputeWorld(s);
  });
  after(() => s.close());

  describe('ladders of the other counties, copied at opening and climbed to the top', () => {
    type Level = { label: string; bodies: { id: string; name: string }[]; member?: string };
    type Ladder = {
      county: string;
      opener: string;
      receiver: string;
      counterpart: string;
      levels: Level[];
      /** Members of bodies on the same level that cover other parts of the county. */
      elsewhere: string[];
    };
    const ladders: Ladder[] = [
      {
        county: 'Sörmland',
        opener: 'chef.soc.eskilstuna',
        receiver: 'chef.psykiatri.eskilstuna',
        counterpart: 'region-04',
        levels: [
          { label: 'Lokal chefsnivå', bodies: [] },
          {
            label: 'Aktuell lokal arbetsgrupp inom Närvård Sörmland',
            bodies: [{ id: 'body-04-anp', name: 'Arbetsgrupp norra psykiatri' }],
            member: 'anp.sormland',
          },
          {
            label: 'Länsstyrgruppen',
            bodies: [{ id: 'body-04-lansstyrgruppen', name: 'Länsstyrgruppen' }],
            member: 'lansstyrgrupp.sormland',
          },
        ],
        elsewhere: ['avp.sormland', 'aspf.sormland'],
      },
      {
        county: 'Örebro',
        opener: 'chef.soc.orebro',
        receiver: 'chef.psykiatri.orebro',
        counterpart: 'region-18',
        levels: [
          { label: 'Chefer hos berörda huvudmän', bodies: [] },
          {
            label: 'Länsdelsgrupp',
            bodies: [{ id: 'body-18-lansdel-orebro', name: 'Länsdelsgrupp Örebro' }],
            member: 'lansdel.orebro.orebro',
          },
          {
            label: 'Chefsgrupp för samverkan',
            bodies: [{ id: 'body-18-chefsgrupp', name: 'Chefsgrupp för samverkan' }],
            member: 'chefsgrupp.orebro',
          },
          {
            label: 'Samverkansrådet',
            bodies: [
              { id: 'body-18-samverkansradet', name: 'Samverkansrådet för folkhälsa, välfärd och vård' },
            ],
            member: 'samverkansrad.orebro',
          },
        ],
        elsewhere: ['lansdel.norr.orebro', 'lansdel.soder.orebro', 'lansdel.vaster.orebro'],
      },
      {
        county: 'Dalarna',
        opener: 'chef.soc.falun',
        receiver: 'chef.psykiatri.falun',
        counterpart: 'region-20',
        levels: [
          { label: 'Chefer hos berörda huvudmän', bodies: [] },
          {
            label: 'Chefsnätverkets styrgrupp',
            bodies: [{ id: 'body-20-styrgrupp', name: 'Styrgrupp för Länsnätverket för förvaltningschefer' }],
            member: 'styrgrupp.dalarna',
          },
          {
            label: 'Välfärdsrådet',
            bodies: [{ id: 'body-20-valfardsradet', name: 'Välfärdsrådet' }],
            member: 'valfardsradet.dalarna',
          },
        ],
        elsewhere: [],
      },
    ];

    for (const ladder of ladders) {
      test(`${ladder.county}: ${ladder.levels.map((l) => l.label).join(' → ')}, then 409`, async () => {
        const members = ladder.levels.flatMap((l) => (l.member ? [l.member] : []));
        const d = await w.open(
          ladder.opener,
          interpretation({
            title: `Tolkningstvist i ${ladder.county}`,
            counterpartPrincipalIds: [ladder.counterpart],
          }),
        );
        assertLike(d, { level: 1, status: 'open' });
        assert.deepEqual(
          d.path,
          ladder.levels.map((l, i) => ({ level: i + 1, label: l.label, bodies: l.bodies })),
          'the path is the county ladder, narrowed to the bodies covering the parties',
        );
        assert.deepEqual(
          d.assignedTo.map((a: Json) => [a.kind, a.id]).sort(),
          [
            ['manager', await w.unit(ladder.opener)],
            ['manager', await w.unit(ladder.receiver)],
          ].sort(),
        );
        assert.ok(await w.sees(ladder.receiver, d.id), 'the receiving manager sees it');
        for (const m of [...members, ...ladder.elsewhere]) {
          assert.equal(await w.sees(m, d.id), false, `${m} sees it at level 1`);
        }

        const top = ladder.levels.length;
        for (let level = 1; level <= top; level++) {
          const current = ladder.levels[level - 1]!;
          const holder = level === 1 ? ladder.receiver : current.member!;
          const below = ladder.levels.slice(1, level - 1).map((l) => l.member!);
          const above = ladder.levels.slice(level).map((l) => l.member!);
          const what = `${ladder.county} level ${level}`;

          // Who sees it: the bodies reached so far; not those above, nor bodies for other parts of the county.
          for (const m of [...below, ...(level > 1 ? [holder] : [])]) {
            assert.ok(await w.sees(m, d.id), `${what}: ${m} should see it`);
          }
          for (const m of above) assert.equal(await w.sees(m, d.id), false, `${what}: ${m} should get 404`);
          for (const m of ladder.elsewhere) {
            assert.equal(await w.sees(m, d.id), false, `${what}: ${m} should get 404`);
            assert.ok(!(await w.listIds(m)).includes(d.id), `${what}: ${m} lists it`);
            await w.refused(
              d.id,
              404,
              () => w.by(m)('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Vidare.' }),
              `${what}: ${m} escalates`,
            );
          }
          // Above level 1 only a member of the current body holds it: the parties' managers and the bodies
          // below may see it but not escalate or decide.
          if (level > 1) {
            for (const other of [ladder.opener, ladder.receiver, ...below]) {
              await w.refused(
                d.id,
                403,
                () => w.by(other)('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Vidare.' }),
                `${what}: ${other} escalates`,
              );
              await w.refused(
                d.id,
                403,
                () => w.by(other)('POST', `/api/disputes/${d.id}/decision`, decisionBody()),
                `${what}: ${other} decides`,
              );
            }
          }
          if (level < top) {
            const after = await w.escalate(holder, d.id, `Ej löst på nivå ${level}.`);
            const next = ladder.levels[level]!;
            assertLike(after, { level: level + 1, status: 'escalated' });
            assert.deepEqual(
              after.assignedTo,
              next.bodies.map((b) => ({ kind: 'governanceBody', ...b })),
              `${what}: assigned after escalation`,
            );
          } else {
            await w.refused(
              d.id,
              409,
              () => w.by(holder)('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Vidare.' }),
              `${what}: escalation at the top`,
            );
            const after = await w.decide(holder, d.id);
            assertLike(after, { status: 'decided', level: top, decidedOn: TODAY });
            assertLike(after.entries.at(-1), {
              kind: 'decision',
              level: top,
              bodyName: current.bodies[0]!.name,
            });
          }
        }
      });
    }
  });
  describe('the path is the county ladder as it stood when the dispute was opened', () => {
    test('a level added to the ladder later reaches new disputes only', async () => {
      const earlier = await w.open('chef.soc.karlstad', interpretation({ title: 'Öppnad före ändringen' }));
      await w.escalate('chef.psykiatri.karlstad', earlier.id);
      const level3 = { countyCode: '17', caseKind: 'dispute' as const, level: 3 };
      await s.database.db
        .insert(escalationLevels)
        .values({ ...level3, label: 'Politiska styrgruppen för Nya perspektiv', source: 'test' });
      await s.database.db
        .insert(escalationLevelBodies)
        .values({ ...level3, bodyId: 'body-17-politiska-styrgruppen' });
      try {
        await w.refused(
          earlier.id,
          409,
          () =>
            w.by('beredning.varmland')('POST', `/api/disputes/${earlier.id}/escalation`, { reason: 'Upp.' }),
          'escalation above the copied path',
        );
        assert.equal((await w.snapshot(earlier.id)).path.length, 2);
        const later = await w.open('chef.soc.karlstad', interpretation({ title: 'Öppnad efter ändringen' }));
        assert.deepEqual(
          later.path.map((l: Json) => [l.level, l.bodies.map((b: Json) => b.id)]),
          [
            [1, []],
            [2, [beredning.id]],
            [3, ['body-17-politiska-styrgruppen']],
          ],
        );
      } finally {
        await s.database.db
          .delete(escalationLevelBodies)
          .where(and(eq(escalationLevelBodies.countyCode, '17'), eq(escalationLevelBodies.level, 3)));
        await s.database.db
          .delete(escalationLevels)
          .where(and(eq(escalationLevels.countyCode, '17'), eq(escalationLevels.level, 3)));
      }
    });
  });
});
