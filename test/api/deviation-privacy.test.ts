import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  answerBody,
  assertProblem,
  type Call,
  type DeviationWorld,
  decisionBody,
  deviationWorld,
  type Json,
  reportBody,
} from '../helpers/deviation-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §4 and §9: a deviation never identifies the person, and each text that travels up the ladder is
// checked before anything is stored. Only the reporter's unit, the receiving managers and the bodies it has
// reached see a deviation; everyone else gets 404, and what they try changes nothing.

/** A personnummer or samordningsnummer in the forms people write them. */
const identityNumbers = [
  '19121212-1212',
  '1212121212',
  '121212+1212',
  '20121212 1212',
  '701063-2391',
  '198112289874',
  '121212\u20131212',
  '\uff11\uff12\uff11\uff12\uff11\uff12-\uff11\uff12\uff11\uff12',
];
const mention = (pin: string) => `Gäller brukaren ${pin}, som inte fick någon kallelse.`;

describe('API: deviations never identify a person, and only those involved see them', () => {
  let s: TestServer;
  let w: DeviationWorld;
  before(async () => {
    s = await startTestServer();
    w = deviationWorld(s);
  });
  after(() => s.close());

  /** 422 naming the field, nothing stored, the deviation unchanged; the same text without the number passes. */
  async function refusesIdentifying(id: string, field: string, attempt: (text: string) => ReturnType<Call>) {
    for (const pin of identityNumbers) {
      const res = await w.refused(id, 422, () => attempt(mention(pin)), `${field} with ${pin}`);
      assert.deepEqual(
        res.body.errors.map((e: Json) => e.path),
        [field],
        `${field} with ${pin}: ${res.text}`,
      );
      assert.ok(!res.text.includes(pin), 'the refusal does not echo the number');
    }
  }

  describe('identifying text is refused with 422 on every text field, and nothing is stored', () => {
    test('report: title and description', async () => {
      for (const field of ['title', 'description']) {
        for (const pin of identityNumbers) {
          const res = await w.refusedReport(
            'soc.arvika',
            reportBody({ [field]: mention(pin) }),
            422,
            `${field} with ${pin}`,
          );
          assert.deepEqual(
            res.body.errors.map((e: Json) => e.path),
            [field],
            res.text,
          );
        }
      }
      // Both at once: both are named.
      const both = await w.refusedReport(
        'soc.arvika',
        reportBody({ title: 'Om 19121212-1212', description: 'Personen 121212-1212 fick ingen kallelse.' }),
        422,
        'title and description',
      );
      assert.deepEqual(both.body.errors.map((e: Json) => e.path).sort(), ['description', 'title']);
      // Dates, times and phone numbers are not identity numbers.
      const d = await w.report('soc.arvika', {
        title: 'Kallelse 2026-11-20 kl 13.00 besvarades inte',
        description: 'Mottagningen nåddes inte på 054-61 50 00 under vecka 47.',
      });
      assert.equal(d.status, 'reported');
    });

    test('answer: investigation, cause and measures', async () => {
      const d = await w.report('soc.arvika');
      for (const field of ['investigation', 'cause', 'measures']) {
        await refusesIdentifying(d.id, field, (text) =>
          w.by('chef.psykiatri.karlstad')(
            'POST',
            `/api/deviations/${d.id}/answers`,
            answerBody({ [field]: text }),
          ),
        );
      }
      assert.equal((await w.answer('chef.psykiatri.karlstad', d.id)).status, 'answered');
    });

    test('escalation: the reason', async () => {
      const d = await w.report('soc.arvika');
      await refusesIdentifying(d.id, 'reason', (reason) =>
        w.by('soc.arvika')('POST', `/api/deviations/${d.id}/escalation`, { reason }),
      );
      // Also higher up, where it reaches more readers.
      const sormland = await w.report('soc.eskilstuna', { concernedPrincipalIds: ['region-04'] });
      await w.escalate('soc.eskilstuna', sormland.id);
      await refusesIdentifying(sormland.id, 'reason', (reason) =>
        w.by('anp.sormland')('POST', `/api/deviations/${sormland.id}/escalation`, { reason }),
      );
      assert.equal((await w.escalate('soc.arvika', d.id)).level, 2);
    });

    test("decision: the body's text", async () => {
      const d = await w.report('soc.arvika');
      await w.escalate('soc.arvika', d.id);
      await refusesIdentifying(d.id, 'decision', (decision) =>
        w.by('beredning.varmland')('POST', `/api/deviations/${d.id}/decision`, decisionBody({ decision })),
      );
      assert.equal((await w.decide('beredning.varmland', d.id)).status, 'closed');
    });

    test("closure: the reporter's comment", async () => {
      const d = await w.report('soc.arvika');
      await w.answer('chef.psykiatri.karlstad', d.id);
      await refusesIdentifying(d.id, 'comment', (comment) =>
        w.by('soc.arvika')('POST', `/api/deviations/${d.id}/closure`, { outcome: 'measuresTaken', comment }),
      );
      assert.equal((await w.close('soc.arvika', d.id)).status, 'closed');
    });
  });

  describe('who may see and act', () => {
    let d: Json;
    before(async () => {
      d = await w.report('soc.arvika');
    });

    const tries = (id: string) =>
      ({
        read: ['GET', `/api/deviations/${id}`, undefined],
        answer: ['POST', `/api/deviations/${id}/answers`, answerBody()],
        escalate: ['POST', `/api/deviations/${id}/escalation`, { reason: 'Vidare.' }],
        decide: ['POST', `/api/deviations/${id}/decision`, decisionBody()],
        close: ['POST', `/api/deviations/${id}/closure`, { outcome: 'measuresTaken' }],
      }) as const;
    const routeRoles = {
      read: ['staff', 'manager', 'governance'],
      answer: ['manager'],
      escalate: ['staff', 'manager', 'governance'],
      decide: ['governance'],
      close: ['staff', 'manager'],
    };
    const bodyMembers = ['beredning.varmland', 'samverkansrad.orebro', 'lansstyrgrupp.sormland'];

    /**
     * Refused as if the deviation did not exist: 404 on a route the user's role may call, 403 on one it never
     * may (answers are for managers, decisions for governance members), and in both cases the very answer an
     * unknown id gets, so nothing tells that the deviation exists.
     */
    async function strangerTo(id: string, username: string) {
      const role = username.startsWith('chef.')
        ? 'manager'
        : bodyMembers.includes(username)
          ? 'governance'
          : 'staff';
      for (const [what, [method, path, body]] of Object.entries(tries(id))) {
        const status = routeRoles[what as keyof typeof routeRoles].includes(role) ? 404 : 403;
        const res = await w.refused(
          id,
          status,
          () => w.by(username)(method, path, body),
          `${what} by ${username}`,
        );
        const [, ghostPath] = tries('no-such-deviation')[what as keyof typeof routeRoles];
        const ghost = await w.by(username)(method, ghostPath, body);
        assert.equal(ghost.status, res.status, `${what} by ${username}: same as for an unknown id`);
        assert.deepEqual(res.body, ghost.body, `${what} by ${username}: same body as for an unknown id`);
      }
    }

    test('staff and managers of an uninvolved principal of the county are refused as if it did not exist', async () => {
      // Karlstads and Hagfors kommun have nothing to do with Arvika's deviation about the region.
      for (const username of ['soc.karlstad', 'chef.soc.karlstad', 'soc.hagfors'])
        await strangerTo(d.id, username);
    });

    test('staff of the receiving unit who are not managers are refused as well', async () => {
      await strangerTo(d.id, 'psykiatri.karlstad');
    });

    test('users of other counties are refused, whatever their role', async () => {
      for (const username of [
        'soc.orebro',
        'chef.psykiatri.orebro',
        'samverkansrad.orebro',
        'lansstyrgrupp.sormland',
      ])
        await strangerTo(d.id, username);
    });

    test('the reporting unit may not answer its own deviation (403)', async () => {
      for (const username of ['soc.arvika', 'chef.soc.arvika']) {
        await w.refused(
          d.id,
          403,
          () => w.by(username)('POST', `/api/deviations/${d.id}/answers`, answerBody()),
          `answer by ${username}`,
        );
      }
    });

    test('a body that has not been reached gets 404; a level-1 actor may not escalate at level 2 (403)', async () => {
      await w.refused(
        d.id,
        404,
        () => w.by('beredning.varmland')('POST', `/api/deviations/${d.id}/escalation`, { reason: 'Vidare.' }),
        'escalation by beredning.varmland at level 1',
      );
      await w.refused(
        d.id,
        404,
        () => w.by('beredning.varmland')('POST', `/api/deviations/${d.id}/decision`, decisionBody()),
        'decision by beredning.varmland at level 1',
      );
      const high = await w.report('soc.arvika');
      await w.escalate('soc.arvika', high.id);
      for (const username of ['chef.psykiatri.karlstad', 'soc.arvika', 'chef.soc.arvika']) {
        await w.refused(
          high.id,
          403,
          () => w.by(username)('POST', `/api/deviations/${high.id}/escalation`, { reason: 'Vidare.' }),
          `escalation at level 2 by ${username}`,
        );
      }
      // At level 2 the managers no longer answer, and the reporter no longer closes.
      await w.refused(
        high.id,
        409,
        () => w.by('chef.psykiatri.karlstad')('POST', `/api/deviations/${high.id}/answers`, answerBody()),
        'answer at level 2',
      );
      await w.refused(
        high.id,
        409,
        () => w.by('soc.arvika')('POST', `/api/deviations/${high.id}/closure`, { outcome: 'measuresTaken' }),
        'closure at level 2',
      );
    });

    test('GET /api/deviations lists exactly the deviations each user may see', async () => {
      // A: Arvika → region, level 1. B: Karlstad → region, at Beredningsgruppen. C: Arvika → Karlstads kommun.
      // D: Örebro kommun → Region Örebro län.
      const a = d.id;
      const b = (await w.report('soc.karlstad')).id;
      await w.escalate('soc.karlstad', b);
      const c = (await w.report('soc.arvika', { concernedPrincipalIds: ['municipality-1780'] })).id;
      const dd = (await w.report('soc.orebro', { concernedPrincipalIds: ['region-18'] })).id;
      const scripted = [a, b, c, dd];
      const expected: Record<string, string[]> = {
        'soc.arvika': [a, c],
        'chef.soc.arvika': [a, c],
        'soc.karlstad': [b],
        'chef.soc.karlstad': [b, c],
        'chef.psykiatri.karlstad': [a, b],
        'psykiatri.karlstad': [],
        'beredning.varmland': [b],
        'soc.hagfors': [],
        'soc.orebro': [dd],
        'chef.psykiatri.orebro': [dd],
        'lansdel.orebro.orebro': [],
      };
      for (const [username, ids] of Object.entries(expected)) {
        const listed = await w.listIds(username);
        assert.deepEqual(
          scripted.filter((id) => listed.includes(id)).sort(),
          [...ids].sort(),
          `the list of ${username}`,
        );
        assert.equal(new Set(listed).size, listed.length, `${username}: each once`);
        // Every listed deviation, from this test or an earlier one, is one the user may read.
        for (const id of listed)
          assert.ok(await w.sees(username, id), `${username} lists ${id} but cannot read it`);
      }
      // Roles that do not work with deviations do not list them.
      for (const username of ['logg.regionvarmland', 'admin.varmland']) {
        assertProblem(await w.by(username)('GET', '/api/deviations'), 403, `list by ${username}`);
      }
    });
  });
});
