import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertLike,
  type DisputeWorld,
  decisionBody,
  disputeWorld,
  errorPaths,
  individualCase,
  interimText,
  interpretation,
  type Json,
  TODAY,
} from '../helpers/dispute-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §5 and the disputes routes: opening (the interim responsibility first), the dialogue between the
// parties' managers, the county's ladder copied at opening, decisions, and what is refused. The other counties'
// ladders and a ladder changed after opening are disputes-ladders.test.ts.

const beredning = {
  kind: 'governanceBody',
  id: 'body-17-beredningsgruppen',
  name: 'Beredningsgruppen Nya perspektiv',
};

describe('API: disputes', () => {
  let s: TestServer;
  let w: DisputeWorld;
  before(async () => {
    s = await startTestServer();
    w = disputeWorld(s);
  });
  after(() => s.close());

  describe('opening', () => {
    test('an individual case without interim responsibility is 422 on interimResponsibility.description, nothing stored', async () => {
      const missing: [string, Record<string, unknown>][] = [
        ['absent', { interimResponsibility: undefined }],
        ['null', { interimResponsibility: null }],
        [
          'empty description',
          { interimResponsibility: { principalId: 'municipality-1780', description: '' } },
        ],
        [
          'blank description',
          { interimResponsibility: { principalId: 'municipality-1780', description: '  \n\t ' } },
        ],
      ];
      for (const [what, overrides] of missing) {
        const body = individualCase(overrides);
        if (overrides.interimResponsibility === undefined) delete (body as Json).interimResponsibility;
        const res = await w.refusedOpen('chef.soc.karlstad', body, 422, `interim ${what}`);
        assert.ok(
          errorPaths(res).includes('interimResponsibility.description'),
          `interim ${what}: errors ${JSON.stringify(res.body.errors)}`,
        );
      }
    });

    test('with it: 201, open at level 1, both principals parties, the interim responsibility named', async () => {
      const before = await w.counts();
      const body = individualCase();
      const d = await w.open('chef.soc.karlstad', body);
      assert.equal(typeof d.id, 'string');
      assert.ok(d.id.length > 0);
      assertLike(d, {
        kind: 'individualCase',
        status: 'open',
        level: 1,
        countyCode: '17',
        category: 'costSharing',
        categoryLabel: 'Kostnadsfördelning',
        title: body.title,
        description: body.description,
        openedBy: { unitId: await w.unit('chef.soc.karlstad'), principalId: 'municipality-1780' },
        interimResponsibility: {
          principalId: 'municipality-1780',
          principalName: 'Karlstads kommun',
          description: interimText,
        },
        sip: null,
        entries: [],
        decidedOn: null,
      });
      assert.deepEqual([...d.partyPrincipalIds].sort(), ['municipality-1780', 'region-17']);
      assert.deepEqual(
        d.parties.map((p: Json) => [p.id, p.receivingUnitId]).sort(),
        [
          ['municipality-1780', await w.unit('chef.soc.karlstad')],
          ['region-17', await w.unit('chef.psykiatri.karlstad')],
        ].sort(),
      );
      assert.deepEqual(
        d.assignedTo.map((a: Json) => [a.kind, a.id]).sort(),
        [
          ['manager', await w.unit('chef.soc.karlstad')],
          ['manager', await w.unit('chef.psykiatri.karlstad')],
        ].sort(),
      );
      assert.deepEqual(
        d.path.map((l: Json) => [l.level, l.label, l.bodies.map((b: Json) => b.id)]),
        [
          [1, 'Chefer på motsvarande nivå i kommunen och regionen', []],
          [2, 'Beredningsgruppen Nya perspektiv', [beredning.id]],
        ],
      );
      const after = await w.counts();
      assert.equal(after.disputes, before.disputes + 1);
      assert.equal(after.parties, before.parties + 2);
      assert.deepEqual(await w.snapshot(d.id), d, 'GET returns what POST returned');
    });

    test('the interim principal must be one of the parties: 422', async () => {
      const res = await w.refusedOpen(
        'chef.soc.karlstad',
        individualCase({
          interimResponsibility: { principalId: 'municipality-1784', description: interimText },
        }),
        422,
        'interim by Arvika, not a party',
      );
      assert.ok(errorPaths(res).includes('interimResponsibility.principalId'), res.text);
    });

    test('an interpretation dispute needs no interim responsibility', async () => {
      const d = await w.open('chef.soc.karlstad', interpretation());
      assertLike(d, { kind: 'interpretation', status: 'open', level: 1, interimResponsibility: null });
    });

    test('staff may not open a dispute: 403, nothing stored', async () => {
      await w.refusedOpen('soc.karlstad', individualCase(), 403, 'staff opens');
      await w.refusedOpen('psykiatri.karlstad', interpretation(), 403, 'staff opens');
    });

    test('a counterpart in another county or a user organisation: 422 on counterpartPrincipalIds', async () => {
      for (const ids of [['region-18'], ['region-17', 'municipality-1880'], ['municipality-0484']]) {
        const res = await w.refusedOpen(
          'chef.soc.karlstad',
          individualCase({ counterpartPrincipalIds: ids }),
          422,
          `counterparts ${ids}`,
        );
        assert.ok(errorPaths(res).includes('counterpartPrincipalIds'), res.text);
      }
      // Sörmland has user organisations (NSPH, FUB): they are not principals that a dispute can be with.
      for (const ids of [['principal-04-nsph'], ['region-04', 'principal-04-fub']]) {
        const res = await w.refusedOpen(
          'chef.soc.eskilstuna',
          interpretation({ counterpartPrincipalIds: ids }),
          422,
          `user organisation ${ids}`,
        );
        assert.ok(errorPaths(res).includes('counterpartPrincipalIds'), res.text);
      }
      // The same opener with a proper counterpart is accepted, so the refusals above are about the counterparts.
      await w.open('chef.soc.eskilstuna', interpretation({ counterpartPrincipalIds: ['region-04'] }));
    });

    test('a category the county does not have for disputes: 422 on category', async () => {
      for (const category of ['noSuchCategory', 'unansweredInvitation']) {
        const res = await w.refusedOpen(
          'chef.soc.karlstad',
          individualCase({ category }),
          422,
          `category ${category}`,
        );
        assert.ok(errorPaths(res).includes('category'), res.text);
      }
    });

    test('only the own principal as counterpart: 422', async () => {
      const res = await w.refusedOpen(
        'chef.soc.karlstad',
        individualCase({ counterpartPrincipalIds: ['municipality-1780'] }),
        422,
        'own principal only',
      );
      assert.ok(errorPaths(res).includes('counterpartPrincipalIds'), res.text);
    });
  });

  describe('the Värmland walk: managers, then Beredningsgruppen', () => {
    const statement = 'Regionen anser att boendestödet är kommunens ansvar.';
    const reason = 'Vi är oeniga om tolkningen av ansvarslistan.';
    const decision = {
      decision: 'Regionen och kommunen delar kostnaden lika.',
      reasoning: 'Insatsen är både hälso- och sjukvård och socialtjänst enligt ansvarslistan.',
    };
    // Each step walks a dispute of its own up to where it begins.
    const walk = {
      opened: () => w.open('chef.soc.karlstad', individualCase({ title: 'Vandringen i Värmland' })),
      async stated(): Promise<Json> {
        const d = await walk.opened();
        await w.statement('chef.psykiatri.karlstad', d.id, statement);
        return d;
      },
      async escalated(): Promise<Json> {
        const d = await walk.stated();
        await w.escalate('chef.psykiatri.karlstad', d.id, reason);
        return d;
      },
      async decided(): Promise<Json> {
        const d = await walk.escalated();
        await w.decide('beredning.varmland', d.id, decision);
        return d;
      },
    };

    test('the region’s receiving manager sees it and adds a statement', async () => {
      const d = await walk.opened();
      assert.ok(await w.sees('chef.psykiatri.karlstad', d.id));
      assert.ok((await w.listIds('chef.psykiatri.karlstad')).includes(d.id));
      const after = await w.statement('chef.psykiatri.karlstad', d.id, statement);
      assertLike(after, {
        status: 'open',
        level: 1,
        entries: [
          {
            kind: 'statement',
            level: 1,
            unitName: 'Vuxenpsykiatri Karlstad',
            bodyName: null,
            text: statement,
            reasoning: null,
          },
        ],
      });
      assert.equal(after.entries.length, 1);
    });

    test('Beredningsgruppen does not see it at level 1: 404 on GET and on every action', async () => {
      const d = await walk.opened();
      assert.equal(await w.sees('beredning.varmland', d.id), false);
      assert.ok(!(await w.listIds('beredning.varmland')).includes(d.id));
      const as = w.by('beredning.varmland');
      await w.refused(d.id, 404, () =>
        as('POST', `/api/disputes/${d.id}/statements`, { text: 'Vi tittar.' }),
      );
      await w.refused(d.id, 404, () => as('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Upp.' }));
      await w.refused(d.id, 404, () => as('POST', `/api/disputes/${d.id}/decision`, decisionBody()));
    });

    test('staff of the opening unit are not a party manager: statement 403, decision 403', async () => {
      const d = await walk.opened();
      const as = w.by('soc.karlstad');
      await w.refused(d.id, 403, () => as('POST', `/api/disputes/${d.id}/statements`, { text: 'Inlägg.' }));
      await w.refused(d.id, 403, () => as('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Upp.' }));
      await w.refused(d.id, 403, () => as('POST', `/api/disputes/${d.id}/decision`, decisionBody()));
    });

    test('the region’s manager escalates: level 2, escalated, assigned to Beredningsgruppen', async () => {
      const d = await walk.stated();
      const after = await w.escalate('chef.psykiatri.karlstad', d.id, reason);
      assertLike(after, { status: 'escalated', level: 2, assignedTo: [beredning], decidedOn: null });
      assert.equal(after.assignedTo.length, 1);
      assertLike(after.entries[1], {
        kind: 'escalation',
        level: 2,
        unitName: 'Vuxenpsykiatri Karlstad',
        text: reason,
      });
      assert.equal(after.entries.length, 2);
    });

    test('now Beredningsgruppen sees it and lists it', async () => {
      const d = await walk.escalated();
      assert.ok(await w.sees('beredning.varmland', d.id));
      assert.ok((await w.listIds('beredning.varmland')).includes(d.id));
    });

    test('at level 2 the parties’ managers may not escalate or decide (403), but may still add a statement', async () => {
      const d = await walk.escalated();
      for (const manager of ['chef.soc.karlstad', 'chef.psykiatri.karlstad']) {
        const as = w.by(manager);
        await w.refused(
          d.id,
          403,
          () => as('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Vidare.' }),
          `${manager} escalates at level 2`,
        );
        await w.refused(
          d.id,
          403,
          () => as('POST', `/api/disputes/${d.id}/decision`, decisionBody()),
          `${manager} decides at level 2`,
        );
      }
      const after = await w.statement('chef.soc.karlstad', d.id, 'Kommunen har lämnat sitt underlag.');
      assertLike(after.entries.at(-1), {
        kind: 'statement',
        level: 2,
        unitName: 'Socialtjänst vuxen, Karlstad',
        text: 'Kommunen har lämnat sitt underlag.',
      });
      assert.equal(after.status, 'escalated');
    });

    test('escalation at the top of the ladder: 409', async () => {
      const d = await walk.escalated();
      await w.refused(
        d.id,
        409,
        () => w.by('beredning.varmland')('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Vidare.' }),
        'escalation above Beredningsgruppen',
      );
    });

    test('Beredningsgruppen decides: decided, decidedOn, the decision with its reasoning and body', async () => {
      const d = await walk.escalated();
      const after = await w.decide('beredning.varmland', d.id, decision);
      assertLike(after, { status: 'decided', level: 2, decidedOn: TODAY });
      assertLike(after.entries.at(-1), {
        kind: 'decision',
        level: 2,
        unitName: 'Beredningsgruppen Nya perspektiv',
        bodyName: 'Beredningsgruppen Nya perspektiv',
        text: decision.decision,
        reasoning: decision.reasoning,
      });
      assert.deepEqual(await w.snapshot(d.id), after);
    });

    test('a decided dispute takes no further change: 409 for everyone who holds it', async () => {
      const d = await walk.decided();
      const attempts: [string, string, unknown][] = [
        ['beredning.varmland', 'statements', { text: 'Ett tillägg.' }],
        ['beredning.varmland', 'escalation', { reason: 'Vidare.' }],
        ['beredning.varmland', 'decision', decisionBody({ decision: 'Ett nytt beslut.' })],
        ['chef.soc.karlstad', 'statements', { text: 'Vi överklagar.' }],
        ['chef.psykiatri.karlstad', 'statements', { text: 'Vi håller inte med.' }],
      ];
      for (const [username, action, body] of attempts) {
        await w.refused(
          d.id,
          409,
          () => w.by(username)('POST', `/api/disputes/${d.id}/${action}`, body),
          `${username} ${action} after the decision`,
        );
      }
    });
  });

  describe('a level-1 decision: the managers agree', () => {
    test('a party manager decides at level 1: decided, the entry has no body; then 409', async () => {
      const d = await w.open('chef.soc.karlstad', individualCase({ title: 'Cheferna kommer överens' }));
      // The opener's side and the receiving side both hold it at level 1: the receiver decides here.
      const after = await w.decide('chef.psykiatri.karlstad', d.id, {
        decision: 'Regionen står för kostnaden för läkemedelsgenomgången.',
        reasoning: 'Läkemedelsgenomgång är hälso- och sjukvård.',
      });
      assertLike(after, { status: 'decided', level: 1, decidedOn: TODAY });
      assertLike(after.entries, [
        {
          kind: 'decision',
          level: 1,
          unitName: 'Vuxenpsykiatri Karlstad',
          bodyName: null,
          text: 'Regionen står för kostnaden för läkemedelsgenomgången.',
          reasoning: 'Läkemedelsgenomgång är hälso- och sjukvård.',
        },
      ]);
      assert.equal(after.entries.length, 1);
      await w.refused(
        d.id,
        409,
        () => w.by('chef.soc.karlstad')('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Vidare.' }),
        'escalation after a level-1 decision',
      );
    });

    test('the opener’s manager may also decide at level 1', async () => {
      const d = await w.open('chef.soc.karlstad', interpretation({ title: 'Öppnaren avgör' }));
      const after = await w.decide('chef.soc.karlstad', d.id);
      assertLike(after, { status: 'decided', level: 1, decidedOn: TODAY });
      assert.equal(after.entries.at(-1).bodyName, null);
    });
  });
});
