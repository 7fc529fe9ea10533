import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { assertHidden, NOW, type World, world } from '../helpers/sip-world.ts';

// Issue 20, item 6, at a unit's closure: the successor takes over the unit's invitations as they stand, so a
// unit that accepted one meeting and declined a later one hands over no acceptance, and its successor is out.

describe('API: a closing unit hands its part in a SIP over as it stands', () => {
  let s: TestServer;
  let w: World;
  before(async () => {
    s = await startTestServer();
    w = await world(s, ['admin.varmland']);
  });
  after(() => s.close());

  test('a unit that declined after accepting hands no access to its successor; one that accepted does', async () => {
    const out = await w.active(['region-17', 'municipality-1784']);
    await w.join(out, 'soc.arvika');
    const later = await w.by('psykiatri.karlstad')('POST', `/api/sips/${out.id}/invitations`, {
      unitId: w.unit('soc.arvika'),
      meetingAt: '2027-01-12T13:00:00+01:00',
    });
    assert.equal(later.status, 201, later.text);
    const declined = await w.by('soc.arvika')('POST', `/api/invitations/${later.body.id}/answer`, {
      accepted: false,
      reason: 'Vi har avslutat våra insatser',
    });
    assert.equal(declined.status, 200, declined.text);
    const taking = await w.active(['region-17', 'municipality-1784']);
    await w.join(taking, 'soc.arvika');
    assert.equal(await w.sees('soc.arvika', out), false);

    const admin = w.by('admin.varmland');
    const heir = await admin('POST', '/api/admin/units', {
      principalId: 'municipality-1784',
      name: 'Socialtjänst Arvika, ny',
    });
    assert.equal(heir.status, 201, heir.text);
    const closed = await admin('POST', `/api/admin/units/${w.unit('soc.arvika')}/closure`, {
      successorUnitId: heir.body.id,
    });
    assert.equal(closed.status, 200, closed.text);

    // soc.arvika's account moved to the successor with the unit's work.
    const token = await s.login('soc.arvika', { now: NOW });
    const as = (path: string) => s.api('GET', path, { token, now: NOW });
    assert.equal((await as('/api/me')).body.unit.id, heir.body.id);
    assertHidden(await as(`/api/sips/${out.id}`), out, 'the SIP its predecessor declined');
    assert.equal((await as(`/api/sips/${taking.id}`)).status, 200, 'the SIP its predecessor takes part in');
  });
});
