import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { escalationLevelBodies, escalationLevels } from '../../src/modules/organisations/schema.ts';
import { assertLike, type DeviationWorld, deviationWorld, type Json } from '../helpers/deviation-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §1 and §4: each county's own ladder, as data. Level 1 is the managers of the concerned principals;
// above it the county's governance bodies, narrowed to those covering the principals involved. Above level 1
// only a member of a body at the current level passes a deviation on; a body sees it once it has reached it.

type Step = {
  /** Who passes the deviation on from the level below. */
  escalatedBy: string;
  /** Those who may not pass it on from the level below, and what they get. */
  notEntitled: [string, 403 | 404][];
  bodies: { id: string; name: string }[];
  label: string;
  /** Body members who see the deviation from this level on, and did not before. */
  members: string[];
  /** Members of other bodies of the same level, or bodies further up, who still do not see it. */
  outsiders: string[];
};
type Ladder = {
  reporter: string;
  concerned: string[];
  managers: string[];
  steps: Step[];
  /** A member of the top body, who gets 409 when trying to go higher. */
  top: string;
};

describe('API: every county escalates deviations along its own ladder', () => {
  let s: TestServer;
  let w: DeviationWorld;
  before(async () => {
    s = await startTestServer();
    w = deviationWorld(s);
  });
  after(() => s.close());

  /** Reports, then climbs every step, checking at each who holds it, who sees it and who may pass it on. */
  async function climb(ladder: Ladder): Promise<Json> {
    const d = await w.report(ladder.reporter, { concernedPrincipalIds: ladder.concerned });
    assert.equal(d.level, 1);
    const managerUnits = await Promise.all(ladder.managers.map((m) => w.unit(m)));
    assert.deepEqual(
      d.assignees.map((a: Json) => [a.kind, a.id]).sort(),
      managerUnits.map((u) => ['manager', u]).sort(),
      'level 1: the managers of the concerned principals',
    );
    assert.deepEqual(d.assignedTo, d.assignees[0]);
    for (const m of ladder.managers) assert.ok(await w.sees(m, d.id), `${m} receives it`);
    const everyMember = ladder.steps.flatMap((st) => [...st.members, ...st.outsiders]);
    for (const m of everyMember) assert.equal(await w.sees(m, d.id), false, `${m} at level 1`);

    let level = 1;
    for (const step of ladder.steps) {
      for (const [username, status] of step.notEntitled) {
        await w.refused(
          d.id,
          status,
          () => w.by(username)('POST', `/api/deviations/${d.id}/escalation`, { reason: 'Vidare.' }),
          `escalation from level ${level} by ${username}`,
        );
      }
      for (const m of step.members)
        assert.equal(await w.sees(m, d.id), false, `${m} before it reached level ${level + 1}`);
      const up = await w.escalate(step.escalatedBy, d.id, `Inte löst på nivå ${level}.`);
      level++;
      assert.equal(up.level, level);
      assert.equal(up.status, 'escalated');
      assert.deepEqual(
        up.assignees,
        step.bodies.map((b) => ({ kind: 'governanceBody', ...b })),
        `level ${level}: the bodies that receive it`,
      );
      assert.deepEqual(up.assignedTo, up.assignees[0]);
      assert.equal(up.path.find((l: Json) => l.level === level).label, step.label);
      for (const m of step.members) {
        const seen = await w.by(m)('GET', `/api/deviations/${d.id}`);
        assert.equal(seen.status, 200, `${m} at level ${level}: ${seen.text}`);
        assert.equal(seen.body.level, level);
      }
      for (const m of step.outsiders) assert.equal(await w.sees(m, d.id), false, `${m} at level ${level}`);
    }
    // Everyone it has reached keeps seeing it: the reporter, the managers, every body on the way.
    for (const u of [ladder.reporter, ...ladder.managers, ...ladder.steps.flatMap((st) => st.members)]) {
      assert.ok(await w.sees(u, d.id), `${u} at the top`);
    }
    await w.refused(
      d.id,
      409,
      () => w.by(ladder.top)('POST', `/api/deviations/${d.id}/escalation`, { reason: 'Ännu högre.' }),
      `escalation above level ${level} by ${ladder.top}`,
    );
    assert.equal(d.path.length, level, 'the path ends where the ladder does');
    return d;
  }

  test('Värmland: managers → Beredningsgruppen Nya perspektiv; 409 at level 2', async () => {
    const d = await climb({
      reporter: 'soc.arvika',
      concerned: ['region-17'],
      managers: ['chef.psykiatri.karlstad'],
      steps: [
        {
          escalatedBy: 'soc.arvika',
          notEntitled: [
            ['beredning.varmland', 404],
            ['chef.soc.karlstad', 404],
          ],
          bodies: [{ id: 'body-17-beredningsgruppen', name: 'Beredningsgruppen Nya perspektiv' }],
          label: 'Beredningsgruppen Nya perspektiv',
          members: ['beredning.varmland'],
          outsiders: [],
        },
      ],
      top: 'beredning.varmland',
    });
    assert.deepEqual(
      d.path.map((l: Json) => [l.level, l.bodies.map((b: Json) => b.id)]),
      [
        [1, []],
        [2, ['body-17-beredningsgruppen']],
      ],
    );
  });

  test('Värmland: the receiving manager may pass it on at level 1 too', async () => {
    const d = await w.report('soc.karlstad', { concernedPrincipalIds: ['region-17'] });
    const up = await w.escalate('chef.psykiatri.karlstad', d.id, 'Frågan gäller flera kommuner.');
    assertLike(up, { level: 2, assignedTo: { kind: 'governanceBody', id: 'body-17-beredningsgruppen' } });
    // Above level 1 neither the reporter nor the manager may; only the body.
    for (const u of ['soc.karlstad', 'chef.psykiatri.karlstad']) {
      await w.refused(
        d.id,
        403,
        () => w.by(u)('POST', `/api/deviations/${d.id}/escalation`, { reason: 'Vidare.' }),
        `escalation at level 2 by ${u}`,
      );
    }
  });

  test('Sörmland: managers → ANP (covers Eskilstuna) → Länsstyrgruppen; 409 at level 3', async () => {
    await climb({
      reporter: 'soc.eskilstuna',
      concerned: ['region-04'],
      managers: ['chef.psykiatri.eskilstuna'],
      steps: [
        {
          escalatedBy: 'soc.eskilstuna',
          notEntitled: [
            ['anp.sormland', 404],
            ['soc.nykoping', 404],
          ],
          bodies: [{ id: 'body-04-anp', name: 'Arbetsgrupp norra psykiatri' }],
          label: 'Aktuell lokal arbetsgrupp inom Närvård Sörmland',
          members: ['anp.sormland'],
          outsiders: ['avp.sormland', 'aspf.sormland', 'lansstyrgrupp.sormland'],
        },
        {
          escalatedBy: 'anp.sormland',
          notEntitled: [
            ['soc.eskilstuna', 403],
            ['chef.psykiatri.eskilstuna', 403],
            ['lansstyrgrupp.sormland', 404],
            ['avp.sormland', 404],
          ],
          bodies: [{ id: 'body-04-lansstyrgruppen', name: 'Länsstyrgruppen' }],
          label: 'Länsstyrgruppen',
          members: ['lansstyrgrupp.sormland'],
          outsiders: ['avp.sormland', 'aspf.sormland'],
        },
      ],
      top: 'lansstyrgrupp.sormland',
    });
  });

  test('Sörmland: at level 3 the working group that passed it on may not pass it on again', async () => {
    const d = await w.report('soc.eskilstuna', { concernedPrincipalIds: ['region-04'] });
    await w.escalate('soc.eskilstuna', d.id);
    await w.escalate('anp.sormland', d.id);
    await w.refused(
      d.id,
      409,
      () => w.by('lansstyrgrupp.sormland')('POST', `/api/deviations/${d.id}/escalation`, { reason: 'x' }),
      'top',
    );
    await w.refused(
      d.id,
      403,
      () => w.by('anp.sormland')('POST', `/api/deviations/${d.id}/escalation`, { reason: 'Vidare.' }),
      'the level-2 body at level 3',
    );
    assert.ok(await w.sees('anp.sormland', d.id), 'ANP still sees it');
  });

  test('Örebro: managers → Länsdelsgrupp Örebro → Chefsgrupp för samverkan → Samverkansrådet; 409 at level 4', async () => {
    await climb({
      reporter: 'soc.orebro',
      concerned: ['region-18'],
      managers: ['chef.psykiatri.orebro'],
      steps: [
        {
          escalatedBy: 'soc.orebro',
          notEntitled: [
            ['lansdel.orebro.orebro', 404],
            ['chef.soc.kumla', 404],
          ],
          bodies: [{ id: 'body-18-lansdel-orebro', name: 'Länsdelsgrupp Örebro' }],
          label: 'Länsdelsgrupp',
          members: ['lansdel.orebro.orebro'],
          outsiders: [
            'lansdel.norr.orebro',
            'lansdel.soder.orebro',
            'lansdel.vaster.orebro',
            'chefsgrupp.orebro',
            'samverkansrad.orebro',
          ],
        },
        {
          escalatedBy: 'lansdel.orebro.orebro',
          notEntitled: [
            ['soc.orebro', 403],
            ['chef.psykiatri.orebro', 403],
            ['lansdel.norr.orebro', 404],
            ['chefsgrupp.orebro', 404],
          ],
          bodies: [{ id: 'body-18-chefsgrupp', name: 'Chefsgrupp för samverkan' }],
          label: 'Chefsgrupp för samverkan',
          members: ['chefsgrupp.orebro'],
          outsiders: ['lansdel.norr.orebro', 'samverkansrad.orebro'],
        },
        {
          escalatedBy: 'chefsgrupp.orebro',
          notEntitled: [
            ['lansdel.orebro.orebro', 403],
            ['samverkansrad.orebro', 404],
          ],
          bodies: [
            { id: 'body-18-samverkansradet', name: 'Samverkansrådet för folkhälsa, välfärd och vård' },
          ],
          label: 'Samverkansrådet',
          members: ['samverkansrad.orebro'],
          outsiders: ['lansdel.norr.orebro', 'lansdel.soder.orebro', 'lansdel.vaster.orebro'],
        },
      ],
      top: 'samverkansrad.orebro',
    });
  });

  test('Örebro: each municipality goes to the länsdelsgrupp that covers it', async () => {
    const groups = {
      norr: 'lansdel.norr.orebro',
      soder: 'lansdel.soder.orebro',
      vaster: 'lansdel.vaster.orebro',
      orebro: 'lansdel.orebro.orebro',
    };
    const cases = [
      { reporter: 'soc.lindesberg', group: 'norr', name: 'Länsdelsgrupp Norr' },
      { reporter: 'soc.kumla', group: 'soder', name: 'Länsdelsgrupp Söder' },
      { reporter: 'soc.karlskoga', group: 'vaster', name: 'Länsdelsgrupp Väster' },
      { reporter: 'soc.orebro', group: 'orebro', name: 'Länsdelsgrupp Örebro' },
    ] as const;
    for (const c of cases) {
      const d = await w.report(c.reporter, { concernedPrincipalIds: ['region-18'] });
      const up = await w.escalate(c.reporter, d.id);
      assert.deepEqual(
        up.assignees,
        [{ kind: 'governanceBody', id: `body-18-lansdel-${c.group}`, name: c.name }],
        c.reporter,
      );
      for (const [key, member] of Object.entries(groups)) {
        assert.equal(await w.sees(member, d.id), key === c.group, `${member} on a case from ${c.reporter}`);
      }
      // A member of another part of the county can neither see nor pass it on.
      const other = key(groups, c.group === 'norr' ? 'soder' : 'norr');
      await w.refused(
        d.id,
        404,
        () => w.by(other)('POST', `/api/deviations/${d.id}/escalation`, { reason: 'Vidare.' }),
        `${other} on a case from ${c.reporter}`,
      );
    }
  });

  test('Örebro: a case between two parts of the county reaches both länsdelsgrupper', async () => {
    // Örebro kommun reports about Kumla: both groups hold it, and either may pass it on.
    const d = await w.report('soc.orebro', { concernedPrincipalIds: ['municipality-1881'] });
    assert.deepEqual(d.assignedTo, {
      kind: 'manager',
      id: await w.unit('chef.soc.kumla'),
      name: d.assignedTo.name,
    });
    const up = await w.escalate('chef.soc.kumla', d.id);
    assert.deepEqual(up.assignees.map((a: Json) => a.id).sort(), [
      'body-18-lansdel-orebro',
      'body-18-lansdel-soder',
    ]);
    assert.ok(await w.sees('lansdel.orebro.orebro', d.id));
    assert.ok(await w.sees('lansdel.soder.orebro', d.id));
    assert.equal(await w.sees('lansdel.norr.orebro', d.id), false);
    const next = await w.escalate('lansdel.soder.orebro', d.id);
    assert.equal(next.level, 3);
  });

  test('Dalarna: managers → Chefsnätverkets styrgrupp → Välfärdsrådet; 409 at level 3', async () => {
    await climb({
      reporter: 'soc.falun',
      concerned: ['region-20'],
      managers: ['chef.psykiatri.falun'],
      steps: [
        {
          escalatedBy: 'chef.psykiatri.falun',
          notEntitled: [
            ['styrgrupp.dalarna', 404],
            ['soc.borlange', 404],
          ],
          bodies: [{ id: 'body-20-styrgrupp', name: 'Styrgrupp för Länsnätverket för förvaltningschefer' }],
          label: 'Chefsnätverkets styrgrupp',
          members: ['styrgrupp.dalarna'],
          outsiders: ['valfardsradet.dalarna'],
        },
        {
          escalatedBy: 'styrgrupp.dalarna',
          notEntitled: [
            ['soc.falun', 403],
            ['valfardsradet.dalarna', 404],
          ],
          bodies: [{ id: 'body-20-valfardsradet', name: 'Välfärdsrådet' }],
          label: 'Välfärdsrådet',
          members: ['valfardsradet.dalarna'],
          outsiders: [],
        },
      ],
      top: 'valfardsradet.dalarna',
    });
  });

  test('a body of another county never sees the deviation, at any level', async () => {
    const d = await w.report('soc.falun', { concernedPrincipalIds: ['region-20'] });
    await w.escalate('soc.falun', d.id);
    await w.escalate('styrgrupp.dalarna', d.id);
    for (const u of [
      'beredning.varmland',
      'lansstyrgrupp.sormland',
      'samverkansrad.orebro',
      'chefsgrupp.orebro',
    ]) {
      assert.equal(await w.sees(u, d.id), false, u);
    }
  });

  test('the path is copied from the ladder when reported: a later change of the ladder does not move it', async () => {
    const old = await w.report('soc.arvika');
    const db = w.db();
    await db.insert(escalationLevels).values({
      countyCode: '17',
      caseKind: 'deviation',
      level: 3,
      label: 'Politiska styrgruppen för Nya perspektiv',
      source: 'test',
    });
    await db.insert(escalationLevelBodies).values({
      countyCode: '17',
      caseKind: 'deviation',
      level: 3,
      bodyId: 'body-17-politiska-styrgruppen',
    });
    try {
      const fresh = await w.report('soc.arvika');
      assert.equal(fresh.path.length, 3, 'a new report takes the ladder as it stands');
      await w.escalate('soc.arvika', fresh.id);
      const third = await w.escalate('beredning.varmland', fresh.id);
      assert.equal(third.level, 3);

      assert.equal(old.path.length, 2);
      await w.escalate('soc.arvika', old.id);
      await w.refused(
        old.id,
        409,
        () => w.by('beredning.varmland')('POST', `/api/deviations/${old.id}/escalation`, { reason: 'x' }),
        'the older deviation keeps its two levels',
      );
    } finally {
      await db
        .delete(escalationLevelBodies)
        .where(and(eq(escalationLevelBodies.countyCode, '17'), eq(escalationLevelBodies.level, 3)));
      await db
        .delete(escalationLevels)
        .where(and(eq(escalationLevels.countyCode, '17'), eq(escalationLevels.level, 3)));
    }
  });
});

function key(groups: Record<string, string>, k: string): string {
  return groups[k]!;
}
