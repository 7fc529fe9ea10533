import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accessLog } from '../../src/platform/access/schema.ts';
import {
  assertLike,
  type DisputeWorld,
  decisionBody,
  disputeWorld,
  errorPaths,
  individualCase,
  interimText,
  type Json,
} from '../helpers/dispute-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §5 and §9: a dispute about an individual case travels up the ladder de-identified, so no free text
// may carry an identity number; only the parties and the bodies reached see a dispute; a linked SIP is shown
// only to those who already see that SIP; and reading a dispute reads no person's data.

/** The same personnummer written the ways people write it, and a samordningsnummer (day + 60). */
const pins = ['19121212-1212', '121212-1212', '1212121212', '121212+1212', '121212 1212', '19121272-1212'];
const tolvan = { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' };
const MEETING = '2026-12-01T13:00:00+01:00';

describe('API: dispute privacy', () => {
  let s: TestServer;
  let w: DisputeWorld;
  before(async () => {
    s = await startTestServer();
    w = disputeWorld(s);
  });
  after(() => s.close());

  describe('identifying text is refused in every free-text field', () => {
    test('opening: title, description and interimResponsibility.description → 422 naming the field, nothing stored', async () => {
      for (const pin of pins) {
        const text = (prefix: string) => `${prefix} Gäller ${pin}.`;
        const cases: [string, Record<string, unknown>][] = [
          ['title', { title: text('Kostnad för boendestöd.') }],
          ['description', { description: text('Oenighet om kostnaden för boendestödet.') }],
          [
            'interimResponsibility.description',
            {
              interimResponsibility: {
                principalId: 'municipality-1780',
                description: text('Kommunen fortsätter med boendestödet.'),
              },
            },
          ],
        ];
        for (const [path, overrides] of cases) {
          const res = await w.refusedOpen(
            'chef.soc.karlstad',
            individualCase(overrides),
            422,
            `${path}: ${pin}`,
          );
          assert.deepEqual(errorPaths(res), [path], `${path}: ${pin}: ${res.text}`);
        }
      }
      // Every field at once: each one is named.
      const res = await w.refusedOpen(
        'chef.soc.karlstad',
        individualCase({
          title: `Rubrik ${pins[0]}`,
          description: `Beskrivning ${pins[1]}`,
          interimResponsibility: { principalId: 'municipality-1780', description: `Under tiden ${pins[2]}` },
        }),
        422,
        'all three fields',
      );
      assert.deepEqual(
        [...errorPaths(res)].sort(),
        ['description', 'interimResponsibility.description', 'title'],
        res.text,
      );
    });

    test('statement text, escalation reason, decision and reasoning → 422 naming the field, nothing changes', async () => {
      const d = await w.open('chef.soc.karlstad', individualCase({ title: 'Texter i dialogen' }));
      const at = (username: string) => w.by(username);
      for (const pin of pins) {
        const text = `Det gäller ${pin} som vi talade om.`;
        const attempts: [string, string, string, unknown][] = [
          ['text', 'chef.psykiatri.karlstad', 'statements', { text }],
          ['reason', 'chef.psykiatri.karlstad', 'escalation', { reason: text }],
          ['decision', 'chef.psykiatri.karlstad', 'decision', decisionBody({ decision: text })],
          ['reasoning', 'chef.soc.karlstad', 'decision', decisionBody({ reasoning: text })],
        ];
        for (const [path, username, action, body] of attempts) {
          const res = await w.refused(
            d.id,
            422,
            () => at(username)('POST', `/api/disputes/${d.id}/${action}`, body),
            `${action} ${path}: ${pin}`,
          );
          assert.deepEqual(errorPaths(res), [path], `${action} ${path}: ${pin}: ${res.text}`);
        }
      }
      // At level 2 the same holds for the body that decides.
      await w.escalate('chef.psykiatri.karlstad', d.id);
      for (const [path, body] of [
        ['decision', decisionBody({ decision: `Beslut om ${pins[3]}.` })],
        ['reasoning', decisionBody({ reasoning: `Skälet är ${pins[0]}.` })],
      ] as const) {
        const res = await w.refused(
          d.id,
          422,
          () => at('beredning.varmland')('POST', `/api/disputes/${d.id}/decision`, body),
          `Beredningsgruppen's ${path}`,
        );
        assert.deepEqual(errorPaths(res), [path], res.text);
      }
      // The same texts without the number are accepted, so the refusals above are about the number.
      await w.statement('chef.soc.karlstad', d.id, 'Det gäller personen som vi talade om.');
      const after = await w.decide('beredning.varmland', d.id);
      assert.equal(after.status, 'decided');
    });
  });

  describe('who sees a dispute', () => {
    let d: Json;
    before(async () => {
      d = await w.open('chef.soc.karlstad', individualCase({ title: 'Karlstad mot regionen' }));
    });

    test('a manager of an uninvolved principal in the county: 404 on GET and on every POST, nothing changes', async () => {
      for (const outsider of ['chef.soc.arvika', 'soc.arvika']) {
        assert.equal(await w.sees(outsider, d.id), false, `${outsider} sees it`);
      }
      const as = w.by('chef.soc.arvika');
      await w.refused(d.id, 404, () => as('POST', `/api/disputes/${d.id}/statements`, { text: 'Inlägg.' }));
      await w.refused(d.id, 404, () => as('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Upp.' }));
      await w.refused(d.id, 404, () => as('POST', `/api/disputes/${d.id}/decision`, decisionBody()));
    });

    test('a manager in another county: 404 on GET and on every POST', async () => {
      for (const outsider of ['chef.soc.orebro', 'chef.psykiatri.orebro']) {
        assert.equal(await w.sees(outsider, d.id), false, `${outsider} sees it`);
        const as = w.by(outsider);
        await w.refused(d.id, 404, () => as('POST', `/api/disputes/${d.id}/statements`, { text: 'Inlägg.' }));
        await w.refused(d.id, 404, () => as('POST', `/api/disputes/${d.id}/escalation`, { reason: 'Upp.' }));
        await w.refused(d.id, 404, () => as('POST', `/api/disputes/${d.id}/decision`, decisionBody()));
      }
    });

    test('GET /api/disputes lists only the disputes the caller may see', async () => {
      const arvika = await w.open(
        'chef.soc.arvika',
        individualCase({
          title: 'Arvika mot regionen',
          interimResponsibility: { principalId: 'region-17', description: interimText },
        }),
      );
      const karlstad = await w.listIds('chef.soc.karlstad');
      assert.ok(karlstad.includes(d.id));
      assert.ok(!karlstad.includes(arvika.id), 'Karlstad lists Arvika’s dispute');
      const region = await w.listIds('chef.psykiatri.karlstad');
      assert.ok(region.includes(d.id) && region.includes(arvika.id), 'the region’s manager lists both');
      const arvikaList = await w.listIds('chef.soc.arvika');
      assert.ok(arvikaList.includes(arvika.id));
      assert.ok(!arvikaList.includes(d.id), 'Arvika lists Karlstad’s dispute');
      for (const other of ['chef.soc.orebro', 'chef.soc.eskilstuna', 'beredning.varmland']) {
        const ids = await w.listIds(other);
        assert.ok(!ids.includes(d.id) && !ids.includes(arvika.id), `${other} lists a Värmland dispute`);
      }
    });
  });

  describe('a linked SIP is shown only to those who see the SIP', () => {
    /** A SIP of the test's own, convened by Vuxenpsykiatri Karlstad, with consent for the region and Karlstad. */
    const consentedSip = async (): Promise<Json> => {
      const staff = w.by('psykiatri.karlstad');
      const started = await staff('POST', '/api/sips', {
        person: tolvan,
        reason: 'Behöver samordnade insatser',
      });
      assert.equal(started.status, 201, started.text);
      const consented = await staff('POST', `/api/sips/${started.body.id}/consent`, {
        givenAt: '2026-11-20',
        form: 'written',
        principalIds: ['region-17', 'municipality-1780'],
        relativesMayTakePart: true,
      });
      assert.equal(consented.status, 200, consented.text);
      return consented.body;
    };
    const linkedBody = (sip: Json) =>
      individualCase({
        title: 'Kostnad för boendestöd enligt planen',
        counterpartPrincipalIds: ['municipality-1780'],
        interimResponsibility: {
          principalId: 'region-17',
          description: 'Regionen fortsätter under tiden.',
        },
        sipId: sip.id,
      });
    /** Such a SIP, and a dispute that the region's manager opened about it, linking it. */
    const linked = async () => {
      const sip = await consentedSip();
      return { sip, d: await w.open('chef.psykiatri.karlstad', linkedBody(sip)) };
    };

    /** Nothing in the text points at the SIP or its person. */
    const assertNoTrace = (sip: Json, text: string, what: string) => {
      const pin: string = sip.person.personalIdentityNumber;
      for (const secret of [
        sip.id,
        sip.person.id,
        sip.person.name,
        'Tolvansson',
        pin,
        pin.replace('-', ''),
        pin.slice(2),
        pin.slice(2).replace('-', ''),
      ]) {
        assert.ok(!text.includes(secret), `${what} mentions ${secret}`);
      }
    };

    test('the opener, in the convening unit, links the SIP and sees sip: {id}', async () => {
      const sip = await consentedSip();
      const d = await w.open('chef.psykiatri.karlstad', linkedBody(sip));
      assert.deepEqual(d.sip, { id: sip.id });
      assert.deepEqual((await w.snapshot(d.id)).sip, { id: sip.id });
      assertLike(d, { level: 1, status: 'open', openedBy: { principalId: 'region-17' } });
    });

    test('the other party’s manager, whose unit is not in the SIP, sees the dispute with sip: null and no trace', async () => {
      const { sip, d } = await linked();
      const res = await w.by('chef.soc.karlstad')('GET', `/api/disputes/${d.id}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.sip, null);
      assertNoTrace(sip, res.text, 'the dispute as chef.soc.karlstad');
      const list = await w.by('chef.soc.karlstad')('GET', '/api/disputes');
      assert.ok(list.body.some((x: Json) => x.id === d.id));
      assertNoTrace(sip, list.text, 'the list as chef.soc.karlstad');
      // Acting on it answers with the same view.
      const after = await w.statement('chef.soc.karlstad', d.id, 'Kommunen delar inte regionens bedömning.');
      assert.equal(after.sip, null);
      assertNoTrace(sip, JSON.stringify(after), 'the statement answer to chef.soc.karlstad');
    });

    test('escalated, the dispute reaches Beredningsgruppen without the link', async () => {
      const { sip, d } = await linked();
      await w.escalate('chef.psykiatri.karlstad', d.id, 'Vi behöver beredningsgruppens hjälp.');
      const res = await w.by('beredning.varmland')('GET', `/api/disputes/${d.id}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.sip, null);
      assertNoTrace(sip, res.text, 'the dispute as beredning.varmland');
      assert.deepEqual((await w.snapshot(d.id)).sip, { id: sip.id }, 'the opener still sees the link');
    });

    test('the link follows the SIP’s own rule: invited, the other unit sees it; withdrawn, it does not', async () => {
      const { sip, d } = await linked();
      const invited = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
        unitId: await w.unit('chef.soc.karlstad'),
        meetingAt: MEETING,
      });
      assert.equal(invited.status, 201, invited.text);
      const seen = await w.by('chef.soc.karlstad')('GET', `/api/disputes/${d.id}`);
      assert.deepEqual(seen.body.sip, { id: sip.id });
      const withdrawn = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent/withdrawal`, {
        withdrawnAt: '2026-11-25',
      });
      assert.equal(withdrawn.status, 200, withdrawn.text);
      const res = await w.by('chef.soc.karlstad')('GET', `/api/disputes/${d.id}`);
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.sip, null);
      assertNoTrace(sip, res.text, 'the dispute as chef.soc.karlstad after withdrawal');
      // The convening unit still sees its SIP, and so the link.
      assert.deepEqual((await w.snapshot(d.id)).sip, { id: sip.id });
    });

    test('opening with a SIP the opener cannot see: 422 on sipId, nothing stored', async () => {
      // A SIP to which chef.soc.karlstad's unit was invited, until the consent was withdrawn.
      const sip = await consentedSip();
      const staff = w.by('psykiatri.karlstad');
      const invited = await staff('POST', `/api/sips/${sip.id}/invitations`, {
        unitId: await w.unit('chef.soc.karlstad'),
        meetingAt: MEETING,
      });
      assert.equal(invited.status, 201, invited.text);
      const withdrawn = await staff('POST', `/api/sips/${sip.id}/consent/withdrawal`, {
        withdrawnAt: '2026-11-25',
      });
      assert.equal(withdrawn.status, 200, withdrawn.text);
      const body = (sipId: string) =>
        individualCase({
          title: 'Försök att koppla en SIP',
          counterpartPrincipalIds: ['region-17'],
          interimResponsibility: { principalId: 'region-17', description: interimText },
          sipId,
        });
      // chef.soc.karlstad's unit is no longer invited (consent withdrawn); chef.soc.arvika's never was.
      for (const [username, sipId] of [
        ['chef.soc.karlstad', sip.id],
        ['chef.soc.arvika', sip.id],
        ['chef.soc.karlstad', 'no-such-sip'],
      ] as const) {
        const payload = body(sipId);
        const res = await w.refusedOpen(username, payload, 422, `${username} links ${sipId}`);
        assert.deepEqual(errorPaths(res), ['sipId'], res.text);
        assertNoTrace(sip, res.text, `the refusal to ${username}`);
      }
    });

    test('reading a dispute writes no access-log row', async () => {
      const { sip, d } = await linked();
      const read = async () => {
        for (const username of ['chef.psykiatri.karlstad', 'chef.soc.karlstad', 'psykiatri.karlstad']) {
          const as = w.by(username);
          await as('GET', `/api/disputes/${d.id}`);
          await as('GET', '/api/disputes');
        }
      };
      await read(); // sessions begun outside the counted stretch
      const before = await s.database.db.$count(accessLog);
      await read();
      assert.equal(
        (await w.by('chef.psykiatri.karlstad')('GET', `/api/disputes/${d.id}`)).body.sip?.id,
        sip.id,
      );
      assert.equal(await s.database.db.$count(accessLog), before, 'reading a dispute logged a person access');
    });
  });
});
