import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dischargePaymentRules } from '../../src/modules/discharge/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 25: the payment rule is data per county with a history. "Betalningsansvar" lists the law's rule and the
// county's, oldest first, to everyone who works with discharges; the county administrator adds a rule on a form
// (the API's POST /api/discharge/payment-rules has the same use case): bad input is named field by field in
// Swedish and stores nothing, a rule from today or earlier is refused, a good one is listed at once.

const NOW = '2026-12-01T09:00:00Z';
const rules = '/utskrivning/betalningsansvar';
const form = `${rules}/ny-regel`;

describe('pages: the county’s payment rules for discharge', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());
  const as = (username: string) => s.webLogin(new Browser(s.url, {}, { now: NOW }), username);
  const stored = () => s.database.db.$count(dischargePaymentRules);

  test('staff read the rules without the form; the form is the county administrator’s', async () => {
    const staff = await as('soc.karlstad');
    const page = await staff.request('GET', rules);
    assert.equal(page.status, 200);
    assert.match(page.text, /Lagens regel/);
    assert.doesNotMatch(page.text, /Lägg till en regel/);
    assert.equal((await staff.request('GET', form)).status, 403);
    const admin = await as('admin.varmland');
    assert.match(
      (await admin.request('GET', '/administration')).text,
      /href="\/utskrivning\/betalningsansvar"/,
    );
    const adminPage = (await admin.request('GET', rules)).text;
    assert.match(adminPage, /Lägg till en regel/);
    assert.match(
      adminPage,
      /href="\/administration"[^>]*>Tillbaka till administrationen/,
      'no board to go back to',
    );
  });

  test('bad input is named at each field in Swedish and nothing is stored', async () => {
    const admin = await as('admin.varmland');
    const before = await stored();
    const res = await admin.submit(form, form, {
      validFrom: '2026-13-01',
      daysAfterNotice: 'tre',
      dayKind: 'weekly',
      dailyAmountSek: '-5',
      source: '',
    });
    assert.equal(res.status, 400);
    for (const field of ['validFrom', 'daysAfterNotice', 'dayKind', 'dailyAmountSek', 'source'])
      assert.match(res.text, new RegExp(`href="#${field}"`), field);
    assert.match(res.text, /Ange ett heltal mellan 0 och 365/);
    const today = await admin.submit(form, form, {
      validFrom: '2026-12-01',
      daysAfterNotice: '3',
      dayKind: 'calendar',
      dailyAmountSek: '9000',
      source: 'Länets överenskommelse om utskrivning',
    });
    assert.equal(today.status, 422);
    assert.match(today.text, /Ange en dag efter i dag/);
    assert.equal(await stored(), before);
  });

  test('a good rule is saved and listed with its days, amount and source', async () => {
    const admin = await as('admin.varmland');
    const res = await admin.submit(form, form, {
      validFrom: '2027-01-01',
      daysAfterNotice: '3',
      dayKind: 'working',
      dailyAmountSek: '9000',
      source: 'Överenskommelse om utskrivning i Värmland, avsnitt 5',
    });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(res.headers.get('location'), `${rules}?klart=regel`);
    const page = (await admin.request('GET', res.headers.get('location')!)).text;
    assert.match(page, /Regeln är sparad/);
    assert.match(page, /Från 2027-01-01: Värmlands län/);
    assert.match(page, /Börjar efter<\/dt><dd class="govuk-summary-list__value">3 vardagar/);
    assert.match(page, /9\s000 kr/);
    assert.match(page, /Överenskommelse om utskrivning i Värmland, avsnitt 5/);
    const orebro = (await (await as('soc.orebro')).request('GET', rules)).text;
    assert.doesNotMatch(orebro, /avsnitt 5/, 'another county does not see Värmland’s rule');
  });
});
