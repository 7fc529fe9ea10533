import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { principals } from '../../src/modules/organisations/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { consentFor, MEETING, NOW, tolvan } from '../helpers/sip-world.ts';

// Private care providers under contract as parties (issue 28 item 7; Dalarna §1, Sörmland §1, Örebro
// Inledning): a county administrator adds one with the region or municipality that contracted it; it then has
// units and accounts, is listed on the organisation pages and takes part in a SIP like any principal.

type Body = Record<string, unknown>;

describe('private care providers under contract', () => {
  let s: TestServer;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await s.login(username, { now: NOW }));
    return tokens.get(username)!;
  };
  const call = async (username: string | null, method: string, path: string, body?: unknown) =>
    s.api(method, path, { token: username ? await as(username) : undefined, body, now: NOW });
  const provider = (name: string, contractedByPrincipalId: string): Body => ({
    kind: 'privateProvider',
    name,
    contractedByPrincipalId,
  });
  const countPrincipals = async () => s.database.db.$count(principals);

  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('the county administrator adds one, named with its contracting principal, on the organisation pages', async () => {
    const res = await call(
      'admin.dalarna',
      'POST',
      '/api/admin/principals',
      provider('Vårdbolaget Falun AB', 'region-20'),
    );
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.kind, 'privateProvider');
    assert.equal(res.body.countyCode, '20');
    assert.equal(res.body.contractedByPrincipalId, 'region-20');
    assert.equal(res.body.contractedByPrincipalName, 'Region Dalarna');

    const counties = await call('psykiatri.falun', 'GET', '/api/counties');
    const listed = counties.body
      .find((c: Body) => c.code === '20')
      .principals.find((p: Body) => p.id === res.body.id);
    assert.deepEqual(listed, {
      id: res.body.id,
      name: 'Vårdbolaget Falun AB',
      kind: 'privateProvider',
      contractedByPrincipalId: 'region-20',
    });

    const b = new Browser(s.url, {}, { now: NOW });
    await s.webLogin(b, 'psykiatri.falun');
    const county = await b.request('GET', '/organisationer/lan/20');
    assert.match(
      county.text,
      new RegExp(
        `${res.body.id}">Vårdbolaget Falun AB</a></th>\\s*<td class="govuk-table__cell">Privat vårdgivare på uppdrag av Region Dalarna</td>`,
      ),
    );
    const page = await b.request('GET', `/organisationer/huvudman/${res.body.id}`);
    assert.match(page.text, /Privat vårdgivare på uppdrag/);
    assert.match(
      page.text,
      /På uppdrag av <a class="govuk-link" href="\/organisationer\/huvudman\/region-20">Region Dalarna<\/a>/,
    );

    const log = await call('admin.dalarna', 'GET', '/api/admin/log');
    const entry = log.body.find((e: Body) => e.change === 'principalCreated');
    assert.deepEqual(entry?.after, {
      name: 'Vårdbolaget Falun AB',
      kind: 'Privat vårdgivare på uppdrag',
      contractedBy: 'Region Dalarna',
    });
  });

  test('bad input is 422 in Swedish at its field, and nothing is added', async () => {
    const before = await countPrincipals();
    const cases: [Body, string, RegExp][] = [
      [provider('', 'region-20'), 'name', /^Ange vårdgivarens namn/],
      [provider('  x ', 'municipality-2080'), 'name', /^Ange vårdgivarens namn/],
      [
        provider('Vårdbolaget AB', 'finns-inte'),
        'contractedByPrincipalId',
        /^Välj regionen eller den kommun i länet/,
      ],
      [
        provider('Vårdbolaget AB', 'region-17'),
        'contractedByPrincipalId',
        /^Välj regionen eller den kommun i länet/,
      ],
      [provider('Vårdbolaget AB', 'municipality-1780'), 'contractedByPrincipalId', /^Välj regionen/],
      [
        provider('Region Dalarna', 'region-20'),
        'name',
        /^Det finns redan en huvudman med det namnet i länet$/,
      ],
    ];
    for (const [body, path, message] of cases) {
      const res = await call('admin.dalarna', 'POST', '/api/admin/principals', body);
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.status} ${res.text}`);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      const error = res.body.errors.find((e: Body) => e.path === path);
      assert.match(error?.message ?? '', message, JSON.stringify(res.body.errors));
    }
    const nsph = await call(
      'admin.orebro',
      'POST',
      '/api/admin/principals',
      provider('Vårdbolaget AB', 'principal-18-nsph'),
    );
    assert.equal(nsph.status, 422, 'a user organisation contracts no one');
    assert.equal(await countPrincipals(), before);
  });

  test('only a county administrator adds one: staff 403, no login 401', async () => {
    const before = await countPrincipals();
    const staff = await call(
      'psykiatri.falun',
      'POST',
      '/api/admin/principals',
      provider('Vårdbolaget AB', 'region-20'),
    );
    assert.equal(staff.status, 403);
    const anonymous = await call(
      null,
      'POST',
      '/api/admin/principals',
      provider('Vårdbolaget AB', 'region-20'),
    );
    assert.equal(anonymous.status, 401);
    const otherCounty = await call(
      'admin.varmland',
      'POST',
      '/api/admin/principals',
      provider('Vårdbolaget AB', 'region-20'),
    );
    assert.equal(otherCounty.status, 422, 'another county’s region is no choice');
    assert.equal(await countPrincipals(), before);
  });

  test('the page form: errors at their fields, then the provider is added and gets a unit', async () => {
    const b = new Browser(s.url, {}, { now: NOW });
    await s.webLogin(b, 'admin.sormland');
    const form = '/administration/vardgivare/ny';
    const shown = await b.request('GET', form);
    assert.equal(shown.status, 200);
    assert.match(shown.text, /<option value="region-04">Region Sörmland<\/option>/);
    assert.doesNotMatch(
      shown.text,
      /NSPH Sörmland<\/option>/,
      'only the region and the municipalities contract',
    );
    const empty = await b.submit(form, form, { name: '', contractedByPrincipalId: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /<a href="#name">Ange vårdgivarens namn<\/a>/);
    assert.match(
      empty.text,
      /<a href="#contractedByPrincipalId">Välj huvudmannen som vårdgivaren har avtal med<\/a>/,
    );
    const created = await b.submit(form, form, {
      name: 'Omsorgsbolaget Eskilstuna AB',
      contractedByPrincipalId: 'municipality-0484',
    });
    assert.equal(created.status, 303, created.text.slice(0, 300));
    const location = created.headers.get('location')!;
    assert.match(location, /^\/administration\/enheter\?huvudman=provider-[^&]+&klart=vardgivare$/);
    const id = decodeURIComponent(/huvudman=([^&]+)/.exec(location)![1]!);
    assert.match((await b.request('GET', location)).text, /Vårdgivaren är tillagd som huvudman i länet/);
    const unit = await b.submit('/administration/enheter/ny', '/administration/enheter/ny', {
      principalId: id,
      name: 'Boendestöd Omsorgsbolaget',
    });
    assert.equal(unit.status, 303, unit.text.slice(0, 300));
  });

  test('its unit is invited to a SIP, accepts and is responsible for an intervention in the plan', async () => {
    const added = await call(
      'admin.dalarna',
      'POST',
      '/api/admin/principals',
      provider('Psykiatripartner Borlänge AB', 'region-20'),
    );
    assert.equal(added.status, 201, added.text);
    const unit = await call('admin.dalarna', 'POST', '/api/admin/units', {
      principalId: added.body.id,
      name: 'Öppenvård Borlänge',
    });
    assert.equal(unit.status, 201, unit.text);
    const account = await call('admin.dalarna', 'POST', '/api/admin/accounts', {
      name: 'Petra Partner',
      email: 'petra.partner@example.invalid',
      username: 'petra.partner',
      unitId: unit.body.id,
      roles: ['staff'],
    });
    assert.equal(account.status, 201, account.text);

    const started = await call('psykiatri.falun', 'POST', '/api/sips', {
      person: tolvan,
      reason: 'Behöver samordnade insatser',
    });
    assert.equal(started.status, 201, started.text);
    const sip = started.body.id;
    const consent = await call(
      'psykiatri.falun',
      'POST',
      `/api/sips/${sip}/consent`,
      consentFor(['region-20', added.body.id]),
    );
    assert.equal(consent.status, 200, consent.text);
    const invited = await call('psykiatri.falun', 'POST', `/api/sips/${sip}/invitations`, {
      unitId: unit.body.id,
      meetingAt: MEETING,
    });
    assert.equal(invited.status, 201, invited.text);
    const invitation = Array.isArray(invited.body) ? invited.body[0] : invited.body;
    const accepted = await call('petra.partner', 'POST', `/api/invitations/${invitation.id}/answer`, {
      accepted: true,
    });
    assert.equal(accepted.status, 200, accepted.text);

    const convening = started.body.convening.unitId;
    const plan = await call('psykiatri.falun', 'PUT', `/api/sips/${sip}/plan`, {
      interventions: [
        { description: 'Samtalsbehandling', responsibleUnitId: unit.body.id },
        { description: 'Medicinsk uppföljning', responsibleUnitId: convening },
      ],
      overallResponsibility: { unitId: convening },
      goals: ['Må bättre'],
      personsOwnWords: 'Jag vill ha en kontakt.',
      followUpOn: '2027-02-01',
      childrenConsidered: false,
    });
    assert.equal(plan.status, 200, plan.text);
    const read = await call('petra.partner', 'GET', `/api/sips/${sip}`);
    assert.equal(read.status, 200, 'the provider’s staff read the SIP they take part in');
    assert.equal(read.body.plan.interventions[0].responsibleUnitId, unit.body.id);
  });

  test('its principal row keeps the contracting principal', async () => {
    const res = await call(
      'admin.orebro',
      'POST',
      '/api/admin/principals',
      provider('Terapigruppen Örebro AB', 'municipality-1880'),
    );
    assert.equal(res.status, 201, res.text);
    const [row] = await s.database.db.select().from(principals).where(eq(principals.id, res.body.id));
    assert.equal(row?.contractedByPrincipalId, 'municipality-1880');
    assert.equal(row?.kind, 'privateProvider');
    assert.equal(row?.municipalityCode, null);
  });
});
