import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';
import {
  assertHidden,
  assertLike,
  consentFor,
  type Json,
  MEETING,
  TODAY,
  tolvan,
  type World,
  world,
} from '../helpers/sip-world.ts';

// API.md "SIP" and DESIGN.md "Access and privacy model": the whole way from request to closure.

describe('API: a SIP from request to closure', () => {
  let s: TestServer;
  let w: World;
  let sip: Json;
  let invitation: Json;
  before(async () => {
    s = await startTestServer();
    w = await world(s);
  });
  after(() => s.close());

  // One SIP's whole way, in steps that each start where the one before ended; the lists are asserted whole (this
  // SIP and no other), so the steps are subtests of one test, which runs them in this order.
  test('one SIP, step by step', async (t) => {
    await t.test(
      'psykiatri.karlstad starts a SIP: 201, requested, convened by their unit, one row in the access log',
      async () => {
        const logBefore = await w.logCount();
        const res = await w.by('psykiatri.karlstad')('POST', '/api/sips', {
          person: tolvan,
          reason: 'Behöver samordnade insatser från psykiatri och socialtjänst',
        });
        assert.equal(res.status, 201, res.text);
        // The start's answer also links the person's other open SIPs that the caller sees: none here.
        const { existingSips, ...started } = res.body;
        assert.deepEqual(existingSips, []);
        sip = started;
        assert.equal(typeof sip.id, 'string');
        assert.equal(typeof sip.person.id, 'string');
        assertLike(sip, {
          status: 'requested',
          countyCode: '17',
          person: { name: 'Tolvan Tolvansson', personalIdentityNumber: '19121212-1212' },
          convening: { unitId: w.unit('psykiatri.karlstad'), principalId: 'region-17' },
          consent: null,
          invitations: [],
          plan: null,
          closure: null,
        });
        assert.equal(await w.logCount(), logBefore + 1);
      },
    );

    await t.test(
      'before consent only the convening unit sees it; each read logs one row, a 404 none',
      async () => {
        let count = await w.logCount();
        const got = await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}`);
        assert.equal(got.status, 200, got.text);
        assert.deepEqual(got.body, sip);
        assert.equal(await w.logCount(), ++count);

        for (const u of ['soc.karlstad', 'chef.soc.karlstad', 'soc.arvika', 'psykiatri.orebro']) {
          assertHidden(await w.by(u)('GET', `/api/sips/${sip.id}`), sip, `GET as ${u}`);
          assert.ok(!(await w.listIds(u)).includes(sip.id), `${u} lists it`);
        }
        assert.equal(await w.logCount(), count);

        const list = await w.by('psykiatri.karlstad')('GET', '/api/sips');
        assert.equal(list.status, 200);
        assert.deepEqual(
          list.body.map((x: Json) => x.id),
          [sip.id],
        );
        assert.deepEqual(list.body[0].person, sip.person);
        assert.equal(await w.logCount(), count + 1);
      },
    );

    await t.test(
      'psykiatri.karlstad records consent for Region Värmland and Karlstads kommun: 200, active',
      async () => {
        const body = consentFor(['region-17', 'municipality-1780']);
        const logBefore = await w.logCount();
        const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent`, body);
        assert.equal(res.status, 200, res.text);
        assertLike(res.body, {
          id: sip.id,
          status: 'active',
          person: sip.person,
          convening: sip.convening,
          consent: {
            givenAt: '2026-11-20',
            form: 'written',
            relativesMayTakePart: true,
            withdrawnAt: null,
          },
          invitations: [],
          plan: null,
          closure: null,
        });
        assert.deepEqual([...res.body.consent.principalIds].sort(), ['municipality-1780', 'region-17']);
        assert.ok((await w.logCount()) > logBefore, 'recording consent is logged');
        assert.deepEqual(await w.snapshot(sip), res.body);
        // Consent alone does not let Karlstads kommun in: it does not take part yet.
        assertHidden(await w.by('soc.karlstad')('GET', `/api/sips/${sip.id}`), sip, 'GET before invitation');
      },
    );

    await t.test(
      "inviting soc.karlstad's unit: 201 pending, and from then on its users see the SIP",
      async () => {
        const unitId = w.unit('soc.karlstad');
        const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
          unitId,
          meetingAt: MEETING,
        });
        assert.equal(res.status, 201, res.text);
        invitation = res.body;
        assert.equal(typeof invitation.id, 'string');
        assertLike(invitation, { unitId, status: 'pending', answer: null });
        assert.equal(new Date(invitation.meetingAt).getTime(), new Date(MEETING).getTime());

        let count = await w.logCount();
        const seen = await w.by('soc.karlstad')('GET', `/api/sips/${sip.id}`);
        assert.equal(seen.status, 200, seen.text);
        assertLike(seen.body, {
          id: sip.id,
          status: 'active',
          person: sip.person,
          invitations: [{ id: invitation.id, unitId, status: 'pending', answer: null }],
        });
        assert.equal(await w.logCount(), ++count);

        const list = await w.by('soc.karlstad')('GET', '/api/sips');
        assert.equal(list.status, 200);
        assert.deepEqual(
          list.body.map((x: Json) => x.id),
          [sip.id],
        );
        assert.equal(await w.logCount(), ++count);

        // The same unit, another user (a manager).
        assert.equal((await w.by('chef.soc.karlstad')('GET', `/api/sips/${sip.id}`)).status, 200);
        assert.equal(await w.logCount(), ++count);
        // Arvika's unit is not covered and not invited; Örebro is another county.
        assertHidden(await w.by('soc.arvika')('GET', `/api/sips/${sip.id}`), sip, 'soc.arvika');
        assertHidden(await w.by('psykiatri.orebro')('GET', `/api/sips/${sip.id}`), sip, 'psykiatri.orebro');
        assert.equal(await w.logCount(), count);
      },
    );

    await t.test('soc.karlstad accepts: 200 accepted with the answer, shown on the SIP', async () => {
      const res = await w.by('soc.karlstad')('POST', `/api/invitations/${invitation.id}/answer`, {
        accepted: true,
      });
      assert.equal(res.status, 200, res.text);
      assertLike(res.body, {
        id: invitation.id,
        unitId: w.unit('soc.karlstad'),
        status: 'accepted',
        answer: { accepted: true, reason: null },
      });
      assert.equal(typeof res.body.answer.answeredAt, 'string');
      assert.ok(!Number.isNaN(Date.parse(res.body.answer.answeredAt)), res.body.answer.answeredAt);
      const now = await w.snapshot(sip);
      assertLike(now.invitations, [{ id: invitation.id, status: 'accepted', answer: { accepted: true } }]);
      assert.equal(await w.sees('soc.karlstad', sip), true);
    });

    const plan1 = () => ({
      interventions: [
        { description: 'Samtalsstöd varannan vecka', responsibleUnitId: w.unit('psykiatri.karlstad') },
        { description: 'Boendestöd tre dagar i veckan', responsibleUnitId: w.unit('soc.karlstad') },
        { description: 'Träffa en brukarstödjare', externalActor: 'NSPH Värmland' },
      ],
      overallResponsibility: { unitId: w.unit('soc.karlstad') },
      goals: ['Egen bostad inom ett år', 'Sova bättre'],
      personsOwnWords: 'Jag vill kunna bo själv och slippa berätta allt flera gånger.',
      followUpOn: '2027-02-01',
      childrenConsidered: false,
    });
    const plan2 = () => ({
      interventions: [
        { description: 'Samtalsstöd varje vecka', responsibleUnitId: w.unit('psykiatri.karlstad') },
        { description: 'Boendestöd varje vardag', responsibleUnitId: w.unit('soc.karlstad') },
      ],
      overallResponsibility: { unitId: w.unit('psykiatri.karlstad') },
      goals: ['Egen bostad inom ett år'],
      personsOwnWords: 'Det går bättre nu.',
      followUpOn: '2027-03-15',
      childrenConsidered: null,
    });

    await t.test(
      'the plan saved by the convening unit, then by the taking-part unit: versions 1 and 2',
      async () => {
        const first = await w.by('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, plan1());
        assert.equal(first.status, 200, first.text);
        assertLike(first.body, { id: sip.id, status: 'active', plan: { ...plan1(), version: 1 } });

        const second = await w.by('soc.karlstad')('PUT', `/api/sips/${sip.id}/plan`, plan2());
        assert.equal(second.status, 200, second.text);
        assertLike(second.body, { id: sip.id, status: 'active', plan: { ...plan2(), version: 2 } });
        assertLike(await w.snapshot(sip), { plan: { ...plan2(), version: 2 } });

        for (const u of ['psykiatri.karlstad', 'soc.karlstad']) {
          const count = await w.logCount();
          const versions = await w.by(u)('GET', `/api/sips/${sip.id}/plan/versions`);
          assert.equal(versions.status, 200, versions.text);
          assertLike(versions.body, [
            { ...plan1(), version: 1 },
            { ...plan2(), version: 2 },
          ]);
          assert.equal(await w.logCount(), count + 1, `reading the versions as ${u} is logged once`);
        }
      },
    );

    await t.test(
      'closure: only the convening unit (403 for the taking-part unit); 200 closed with reason and date',
      async () => {
        const refused = await w.by('soc.karlstad')('POST', `/api/sips/${sip.id}/closure`, {
          reason: 'goalsMet',
          note: 'Klart',
        });
        assert.equal(refused.status, 403, refused.text);
        assert.equal((await w.snapshot(sip)).status, 'active');

        const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/closure`, {
          reason: 'goalsMet',
          note: 'Tolvan har egen bostad och sover bättre.',
        });
        assert.equal(res.status, 200, res.text);
        assertLike(res.body, {
          id: sip.id,
          status: 'closed',
          closure: { reason: 'goalsMet', closedAt: TODAY },
          consent: { withdrawnAt: null },
          plan: { version: 2 },
        });
        assert.deepEqual(await w.snapshot(sip), res.body);
      },
    );

    await t.test(
      'a closed SIP cannot be changed: consent, invitation, plan, closure and withdrawal are 409',
      async () => {
        const closed = await w.snapshot(sip);
        const psyk = w.by('psykiatri.karlstad');
        const attempts: [string, ApiResponse][] = [
          ['consent', await psyk('POST', `/api/sips/${sip.id}/consent`, consentFor(['region-17']))],
          [
            'withdrawal',
            await psyk('POST', `/api/sips/${sip.id}/consent/withdrawal`, { withdrawnAt: TODAY }),
          ],
          [
            'invitation',
            await psyk('POST', `/api/sips/${sip.id}/invitations`, {
              unitId: w.unit('logg.regionvarmland'),
              meetingAt: MEETING,
            }),
          ],
          ['plan (convening)', await psyk('PUT', `/api/sips/${sip.id}/plan`, plan1())],
          ['plan (taking part)', await w.by('soc.karlstad')('PUT', `/api/sips/${sip.id}/plan`, plan1())],
          ['closure', await psyk('POST', `/api/sips/${sip.id}/closure`, { reason: 'other', note: 'igen' })],
        ];
        for (const [what, res] of attempts) {
          assert.equal(res.status, 409, `${what}: ${res.status} ${res.text}`);
          assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
        }
        assert.deepEqual(await w.snapshot(sip), closed);
        const versions = await psyk('GET', `/api/sips/${sip.id}/plan/versions`);
        assert.equal(versions.body.length, 2);
      },
    );
  });
});
