import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  answerBody,
  type DeviationWorld,
  decisionBody,
  deviationWorld,
  type Json,
  reportBody,
} from '../helpers/deviation-world.ts';
import {
  type DisputeWorld,
  decisionBody as disputeDecision,
  disputeWorld,
  errorPaths,
  individualCase,
} from '../helpers/dispute-world.ts';
import { identifyingText } from '../helpers/identity-renderings.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 20 item 9 over HTTP: a valid personnummer or samordningsnummer, written any way a reader still reads it
// (groups, separators, invisible characters, other digit scripts, full-width), is refused with 422 naming the
// field on every route whose text climbs the ladder to a governance body, and nothing is stored.

const runs = { numRuns: 12 };

describe('API: identity numbers in any rendering are refused in deviations and disputes', () => {
  let s: TestServer;
  let dev: DeviationWorld;
  let dis: DisputeWorld;
  before(async () => {
    s = await startTestServer();
    dev = deviationWorld(s);
    dis = disputeWorld(s);
  });
  after(() => s.close());

  const refusedAt = (res: { status: number; text: string; body: Json }, field: string, text: string) => {
    assert.equal(res.status, 422, `${field} ${JSON.stringify(text)}: ${res.status} ${res.text}`);
    assert.deepEqual(
      (res.body.errors as Json[]).map((e) => e.path),
      [field],
      res.text,
    );
  };

  test('deviation report: title and description', async () => {
    await fc.assert(
      fc.asyncProperty(identifyingText, fc.constantFrom('title', 'description'), async ({ text }, field) => {
        const res = await dev.refusedReport('soc.arvika', reportBody({ [field]: text }), 422, field);
        refusedAt(res, field, text);
      }),
      runs,
    );
  });

  test('deviation answer, escalation, decision and closure', async () => {
    const reported = await dev.report('soc.arvika');
    const answered = await dev.report('soc.arvika');
    await dev.answer('chef.psykiatri.karlstad', answered.id);
    const escalated = await dev.report('soc.arvika');
    await dev.escalate('soc.arvika', escalated.id);
    const attempts = [
      ...['investigation', 'cause', 'measures'].map(
        (field) =>
          [
            field,
            reported.id,
            'chef.psykiatri.karlstad',
            'answers',
            (t: string) => answerBody({ [field]: t }),
          ] as const,
      ),
      ['reason', reported.id, 'soc.arvika', 'escalation', (t: string) => ({ reason: t })] as const,
      [
        'decision',
        escalated.id,
        'beredning.varmland',
        'decision',
        (t: string) => decisionBody({ decision: t }),
      ] as const,
      [
        'comment',
        answered.id,
        'soc.arvika',
        'closure',
        (t: string) => ({ outcome: 'measuresTaken', comment: t }),
      ] as const,
    ];
    await fc.assert(
      fc.asyncProperty(
        identifyingText,
        fc.constantFrom(...attempts),
        async ({ text }, [field, id, user, action, body]) => {
          const res = await dev.refused(
            id,
            422,
            () => dev.by(user)('POST', `/api/deviations/${id}/${action}`, body(text)),
            field,
          );
          refusedAt(res, field, text);
        },
      ),
      { numRuns: 36 },
    );
  });

  test('dispute opening: title, description and the interim responsibility', async () => {
    const bodies = {
      title: (t: string) => individualCase({ title: t }),
      description: (t: string) => individualCase({ description: t }),
      'interimResponsibility.description': (t: string) =>
        individualCase({ interimResponsibility: { principalId: 'municipality-1780', description: t } }),
    };
    await fc.assert(
      fc.asyncProperty(identifyingText, fc.constantFrom(...Object.keys(bodies)), async ({ text }, field) => {
        const res = await dis.refusedOpen(
          'chef.soc.karlstad',
          bodies[field as keyof typeof bodies](text),
          422,
          field,
        );
        assert.equal(errorPaths(res).length, 1, res.text);
        assert.match(errorPaths(res)[0]!, /title|description|interim/, res.text);
      }),
      runs,
    );
  });

  test('dispute statements, escalation and decision', async () => {
    const d = await dis.open('chef.soc.karlstad', individualCase({ title: 'Texter i dialogen' }));
    const attempts = [
      ['text', 'chef.psykiatri.karlstad', 'statements', (t: string) => ({ text: t })],
      ['reason', 'chef.psykiatri.karlstad', 'escalation', (t: string) => ({ reason: t })],
      ['decision', 'chef.psykiatri.karlstad', 'decision', (t: string) => disputeDecision({ decision: t })],
      ['reasoning', 'chef.soc.karlstad', 'decision', (t: string) => disputeDecision({ reasoning: t })],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        identifyingText,
        fc.constantFrom(...attempts),
        async ({ text }, [field, user, action, body]) => {
          const res = await dis.refused(
            d.id,
            422,
            () => dis.by(user)('POST', `/api/disputes/${d.id}/${action}`, body(text)),
            field,
          );
          assert.deepEqual(errorPaths(res), [field], res.text);
        },
      ),
      { numRuns: 24 },
    );
  });
});
