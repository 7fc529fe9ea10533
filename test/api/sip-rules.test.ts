import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { consentFor, type Json, MEETING, tolvan, type World, world } from '../helpers/sip-world.ts';

// Issue 22 items 7, 8 and 12 over HTTP: sense in dates and people, only care units as parties, and the children
// answer "not yet". Every refusal is a Swedish 422 naming its field, and the SIP is as it was (w.refused).

/** A valid identity number: the ten digits' Luhn check digit computed for YYYYMMDD-NNN. */
function identityNumber(birth: string, serial: string): string {
  const digits = `${birth.slice(2)}${serial}`;
  const sum = [...digits].reduce((acc, ch, i) => {
    const n = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (n > 9 ? n - 9 : n);
  }, 0);
  return `${birth}-${serial}${(10 - (sum % 10)) % 10}`;
}

// The sip-world clock is 2026-11-26: a child born 2010 is 16; a samordningsnummer's day is the birth day + 60.
const child = { personalIdentityNumber: identityNumber('20100315', '238'), name: 'Barn Barnsson' };
const childWithCoordinationNumber = {
  personalIdentityNumber: identityNumber('20100375', '238'),
  name: 'Samordnat Barn',
};

describe('API: SIP rules for dates, people and parties', () => {
  let s: TestServer;
  let w: World;
  before(async () => {
    s = await startTestServer();
    w = await world(s, ['soc.falun', 'soc.eskilstuna']);
  });
  after(() => s.close());

  const fieldOf = (res: { body: Json }) => res.body.errors?.[0]?.path;
  const plan = (over: Json = {}) => ({
    interventions: [{ description: 'Boendestöd', responsibleUnitId: w.unit('soc.karlstad') }],
    overallResponsibility: { unitId: w.unit('psykiatri.karlstad') },
    goals: ['Eget boende'],
    personsOwnWords: 'Jag vill bo själv.',
    followUpOn: '2027-03-01',
    childrenConsidered: null,
    ...over,
  });
  const putPlan = (sip: Json, body: Json) => () =>
    w.by('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, body);

  test('a meeting cannot be booked in the past: 422 at meetingAt, nothing stored', async () => {
    const sip = await w.active();
    const res = await w.refused(
      sip,
      422,
      () =>
        w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
          unitId: w.unit('soc.karlstad'),
          meetingAt: '2026-11-26T09:59:00+01:00',
        }),
      'a meeting a minute ago',
    );
    assert.equal(fieldOf(res), 'meetingAt');
    assert.match(res.body.errors[0].message, /bakåt i tiden/);
    assert.equal(
      (await w.invite(sip, w.unit('soc.karlstad'))).status,
      'pending',
      'a later meeting is booked',
    );
  });

  test('consent cannot be dated in the future: 422 at givenAt; today is fine', async () => {
    const sip = await w.start();
    const res = await w.refused(
      sip,
      422,
      () =>
        w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent`, {
          ...consentFor(['region-17', 'municipality-1780']),
          givenAt: '2026-11-27',
        }),
      'consent tomorrow',
    );
    assert.equal(fieldOf(res), 'givenAt');
    assert.match(res.body.errors[0].message, /inte har kommit/);
    const today = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent`, {
      ...consentFor(['region-17', 'municipality-1780']),
      givenAt: '2026-11-26',
    });
    assert.equal(today.status, 200, today.text);
  });

  test('the follow-up date must be after the SIP meeting: 422 at followUpOn', async () => {
    const sip = await w.active();
    await w.join(sip); // a meeting on 2026-12-01 (MEETING)
    for (const followUpOn of ['2026-11-30', '2026-12-01']) {
      const res = await w.refused(sip, 422, putPlan(sip, plan({ followUpOn })), `follow-up ${followUpOn}`);
      assert.equal(fieldOf(res), 'followUpOn');
      assert.match(res.body.errors[0].message, /efter SIP-mötet \(2026-12-01\)/);
    }
    assert.equal((await putPlan(sip, plan({ followUpOn: '2026-12-02' }))()).status, 200);
  });

  test('a person under 18: consent needs the guardians (422 at guardians), who are kept', async () => {
    for (const person of [child, childWithCoordinationNumber]) {
      const sip = await w.start('psykiatri.karlstad', person);
      assert.equal(sip.minorAtStart, true, person.name);
      assert.equal(sip.outsideCountyTargetGroup, false, 'Värmland has no minimum age');
      const consent = (over: Json) => () =>
        w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent`, {
          ...consentFor(['region-17', 'municipality-1780']),
          ...over,
        });
      // A blank name is not a name: the schema refuses it (400 at guardians.0.name).
      const blank = await w.refused(sip, 400, consent({ guardians: [{ name: '   ' }] }), 'a blank guardian');
      assert.equal(fieldOf(blank), 'guardians.0.name');
      for (const guardians of [undefined, []]) {
        const res = await w.refused(
          sip,
          422,
          consent({ guardians }),
          `guardians ${JSON.stringify(guardians)}`,
        );
        assert.equal(fieldOf(res), 'guardians');
        assert.match(res.body.errors[0].message, /under 18 år.*vårdnadshavare/);
      }
      const given = await consent({
        guardians: [{ name: 'Vera Vårdnadshavare' }, { name: 'Vidar Vårdnadshavare' }],
        decisionParticipants: ['person'],
      })();
      assert.equal(given.status, 200, given.text);
      assert.deepEqual(given.body.consent.guardians, [
        { name: 'Vera Vårdnadshavare' },
        { name: 'Vidar Vårdnadshavare' },
      ]);
      assert.deepEqual(given.body.consent.decisionParticipants, ['person', 'guardian']);
    }
    // An adult's consent keeps no guardians, whatever is sent.
    const adult = await w.start();
    assert.equal(adult.minorAtStart, false);
    const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${adult.id}/consent`, {
      ...consentFor(['region-17', 'municipality-1780']),
      guardians: [{ name: 'Någon' }],
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.consent.guardians, []);
  });

  test("a child's SIP in Dalarna falls outside the county agreement's target group (18), and is not blocked", async () => {
    const sip = await w.start('soc.falun', child);
    assert.equal(sip.minorAtStart, true);
    assert.equal(sip.outsideCountyTargetGroup, true);
    const read = await w.by('soc.falun')('GET', `/api/sips/${sip.id}`);
    assert.equal(read.body.outsideCountyTargetGroup, true);
    const adult = await w.start('soc.falun', tolvan);
    assert.equal(adult.outsideCountyTargetGroup, false);
    const consent = await w.by('soc.falun')('POST', `/api/sips/${sip.id}/consent`, {
      ...consentFor(['region-20', 'municipality-2080']),
      guardians: [{ name: 'Vera Vårdnadshavare' }],
    });
    assert.equal(consent.status, 200, consent.text);
  });

  test('a plan needs two principals in the consent, unless the reason is stated: 422 at singlePrincipalReason', async () => {
    const sip = await w.active(['region-17']);
    const solo = plan({ interventions: [{ description: 'Samtal', externalActor: 'Försäkringskassan' }] });
    for (const singlePrincipalReason of [undefined, null, '  ']) {
      const res = await w.refused(
        sip,
        422,
        putPlan(sip, { ...solo, singlePrincipalReason }),
        `reason ${singlePrincipalReason}`,
      );
      assert.equal(fieldOf(res), 'singlePrincipalReason');
      assert.match(res.body.errors[0].message, /minst två huvudmän/);
    }
    const reason = 'Kommunen har tackat nej; planen samordnar regionens insatser med Försäkringskassan.';
    const saved = await putPlan(sip, { ...solo, singlePrincipalReason: reason })();
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.body.plan.singlePrincipalReason, reason);
    // Two principals need no reason.
    const two = await w.active();
    await w.join(two);
    const plain = await putPlan(two, plan())();
    assert.equal(plain.status, 200, plain.text);
    assert.equal(plain.body.plan.singlePrincipalReason, null);
  });

  test('starting a SIP for a person with an open SIP the convener sees links it; one they do not see is never told', async () => {
    const person = { personalIdentityNumber: identityNumber('19800101', '123'), name: 'Dubbel Person' };
    const first = await w.start('psykiatri.karlstad', person);
    assert.deepEqual(first.existingSips, []);
    const second = await w.start('psykiatri.karlstad', person);
    assert.deepEqual(second.existingSips, [{ id: first.id, status: 'requested' }]);
    // soc.arvika sees neither: its start answers exactly as for a new person.
    const elsewhere = await w.start('soc.arvika', person);
    assert.deepEqual(elsewhere.existingSips, []);
    // A closed SIP is not linked.
    const closed = await w.by('psykiatri.karlstad')('POST', `/api/sips/${first.id}/closure`, {
      reason: 'noConsent',
    });
    assert.equal(closed.status, 200, closed.text);
    const third = await w.start('psykiatri.karlstad', person);
    assert.deepEqual(third.existingSips, [{ id: second.id, status: 'requested' }]);
  });

  test('a governance or administrative unit is never a party: 422 when invited, named in a plan or a needs inventory', async () => {
    const sip = await w.active();
    const notCare = w.unit('logg.regionvarmland'); // Patientsäkerhet, an administrative unit of Region Värmland
    const invited = await w.refused(
      sip,
      422,
      () =>
        w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/invitations`, {
          unitId: notCare,
          meetingAt: MEETING,
        }),
      'invite an administrative unit',
    );
    assert.equal(fieldOf(invited), 'unitId');
    assert.match(invited.body.errors[0].message, /Ledningsgrupper och administrativa enheter/);
    await w.join(sip);
    const responsible = await w.refused(
      sip,
      422,
      putPlan(sip, plan({ interventions: [{ description: 'Uppföljning', responsibleUnitId: notCare }] })),
      'responsible',
    );
    assert.equal(fieldOf(responsible), 'interventions');
    const overall = await w.refused(
      sip,
      422,
      putPlan(sip, plan({ overallResponsibility: { unitId: notCare } })),
      'overall',
    );
    assert.equal(fieldOf(overall), 'overallResponsibility.unitId');
    assert.match(overall.body.errors[0].message, /vård- eller stödenhet/);

    const token = await s.login('bgp.sormland', { now: '2026-08-20T10:00:00Z' });
    const roundsBefore = await s.api('GET', '/api/needs-inventories', { token, now: '2026-08-20T10:00:00Z' });
    const me = await s.api('GET', '/api/me', { token, now: '2026-08-20T10:00:00Z' });
    const round = await s.api('POST', '/api/needs-inventories', {
      token,
      now: '2026-08-20T10:00:00Z',
      body: {
        title: 'Behovsinventering 2026',
        periodStart: '2026-09-01',
        periodEnd: '2026-11-30',
        formId: 'skl-kortversion-2015',
        coordinatorBodyId: 'body-04-bgp',
        unitIds: [w.unit('soc.eskilstuna'), me.body.unit.id],
        instructions: 'Socialtjänsten registrerar.',
      },
    });
    assert.equal(round.status, 422, round.text);
    assert.equal(fieldOf(round), 'unitIds');
    assert.match(round.body.errors[0].message, /Ledningsgrupper och administrativa enheter/);
    const afterwards = await s.api('GET', '/api/needs-inventories', { token, now: '2026-08-20T10:00:00Z' });
    assert.deepEqual(afterwards.body, roundsBefore.body, 'no round was stored');
  });

  test('the children answer "not yet" needs no description; a yes does', async () => {
    const started = await w.by('psykiatri.karlstad')('POST', '/api/sips', {
      person: tolvan,
      reason: 'Behöver samordnade insatser',
      hasChildren: true,
    });
    const sip = await w.consent(started.body);
    await w.join(sip);
    const yes = await w.refused(sip, 422, putPlan(sip, plan({ childrenConsidered: true })), 'yes, no note');
    assert.equal(fieldOf(yes), 'childrenNote');
    const notYet = await putPlan(sip, plan({ childrenConsidered: false }))();
    assert.equal(notYet.status, 200, notYet.text);
    const unanswered = await w.refused(sip, 422, putPlan(sip, plan({ childrenConsidered: null })), 'null');
    assert.equal(fieldOf(unanswered), 'childrenConsidered');
  });
});
