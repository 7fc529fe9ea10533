import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue 25's pages under /utskrivning: the admission notice form, "Mitt arbete", the stay's page and its forms,
// posted as a person would (platform/views/form-pages.ts), from the notice to the discharge and a disputed day.

describe('pages: discharge planning', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  const as = (username: string, now: string) => s.webLogin(new Browser(s.url, {}, { now }), username);
  const stayIdIn = (location: string | null) => location!.match(/^\/utskrivning\/([^?]+)\?klart=/)![1]!;

  test('from the notice form to a disputed day, each step on its own page', async (t) => {
    const inpatient = await as('heldygn.karlstad', '2026-12-01T09:00:00Z');
    const form = await inpatient.request('GET', '/utskrivning/ny');
    assert.equal(form.status, 200);
    const socialUnit = form.text.match(
      /<option value="([^"]+)">Socialtjänst vuxen, Karlstad, Karlstads kommun<\/option>/,
    )![1]!;
    const outpatientUnit = form.text.match(
      /<option value="([^"]+)">Vuxenpsykiatri Karlstad, Region Värmland<\/option>/,
    )![1]!;
    let stayId = '';

    await t.test('the notice form shows what is missing, each message at its field', async () => {
      const res = await inpatient.submit('/utskrivning/ny', '/utskrivning/ny', {
        personalIdentityNumber: '19121212-1213',
        name: '',
        admittedOn: '2026-11-30',
        admittedTime: '25:00',
        expectedReadyOn: '2026-12-05',
        municipalityPrincipalId: '',
      });
      assert.equal(res.status, 400);
      for (const field of [
        'personalIdentityNumber',
        'name',
        'admittedTime',
        'municipalityPrincipalId',
        'socialServicesUnitId',
      ])
        assert.match(res.text, new RegExp(`href="#${field}"`), field);
    });

    await t.test(
      'the inpatient unit sends the notice; the notified units see it under "Mitt arbete" at once',
      async () => {
        const sent = await inpatient.submit('/utskrivning/ny', '/utskrivning/ny', {
          personalIdentityNumber: '19121212-1212',
          name: 'Tolvan Tolvansson',
          admittedOn: '2026-11-30',
          admittedTime: '08:00',
          expectedReadyOn: '2026-12-05',
          municipalityPrincipalId: 'municipality-1780',
          socialServicesUnitId: socialUnit,
          municipalHealthCareUnitId: '',
          regionalOutpatientUnitId: outpatientUnit,
        });
        assert.equal(sent.status, 303, sent.text);
        stayId = stayIdIn(sent.headers.get('location'));
        // Admitted 08:00 on 30 November, sent 10:00 on 1 December: late.
        const page = await inpatient.request('GET', `/utskrivning/${stayId}?klart=skickat`);
        assert.match(page.text, /Inskrivningsmeddelandet är skickat/);
        assert.match(page.text, /govuk-tag--red">Sent</);
        const myWork = await (await as('soc.karlstad', '2026-12-01T09:05:00Z')).request('GET', '/');
        assert.match(
          myWork.text,
          new RegExp(`href="/utskrivning/${stayId}">Tolvan Tolvansson</a>: Inskrivningsmeddelande`),
        );
        assert.match(myWork.text, /Sent meddelande/);
        const board = await inpatient.request('GET', '/utskrivning');
        assert.match(board.text, new RegExp(`href="/utskrivning/${stayId}">Tolvan Tolvansson</a>`));
      },
    );

    await t.test('the outpatient unit acknowledges and names the fasta vårdkontakt', async () => {
      const outpatient = await as('psykiatri.karlstad', '2026-12-01T10:00:00Z');
      const res = await outpatient.submit(
        `/utskrivning/${stayId}/kvittera`,
        `/utskrivning/${stayId}/kvittera`,
        {
          fastVardkontakt: '',
        },
      );
      assert.equal(res.status, 422, 'the use case asks for the fasta vårdkontakt');
      assert.match(res.text, /href="#fastVardkontakt"/);
      const ok = await outpatient.submit(
        `/utskrivning/${stayId}/kvittera`,
        `/utskrivning/${stayId}/kvittera`,
        {
          fastVardkontakt: 'Sjuksköterska Eva Ek',
        },
      );
      assert.equal(ok.status, 303, ok.text);
    });

    await t.test('ready, no longer ready, ready again; the SIP called; the discharge', async () => {
      const ready = async (now: string, date: string, time: string) => {
        const b = await as('heldygn.karlstad', now);
        const res = await b.submit(
          `/utskrivning/${stayId}/utskrivningsklar`,
          `/utskrivning/${stayId}/utskrivningsklar`,
          {
            judgedOn: date,
            judgedTime: time,
          },
        );
        assert.equal(res.status, 303, res.text);
      };
      await ready('2026-12-02T08:00:00Z', '2026-12-02', '08:30');
      const revoker = await as('heldygn.karlstad', '2026-12-03T08:00:00Z');
      const page = await revoker.request('GET', `/utskrivning/${stayId}`);
      const revoked = await revoker.request('POST', `/utskrivning/${stayId}/inte-utskrivningsklar`, {
        _csrf: Browser.csrf(page.text),
      });
      assert.equal(revoked.status, 303, revoked.text);
      await ready('2026-12-04T08:00:00Z', '2026-12-04', '08:45');
      const outpatient = await as('psykiatri.karlstad', '2026-12-04T09:00:00Z');
      const own = await outpatient.request('GET', `/utskrivning/${stayId}`);
      const called = await outpatient.request('POST', `/utskrivning/${stayId}/kalla-sip`, {
        _csrf: Browser.csrf(own.text),
      });
      assert.equal(called.status, 303, called.text);
      const discharger = await as('heldygn.karlstad', '2026-12-10T14:00:00Z');
      const late = await discharger.submit(
        `/utskrivning/${stayId}/skriv-ut`,
        `/utskrivning/${stayId}/skriv-ut`,
        {
          dischargedOn: '2026-12-10',
          informationTransferredOn: '2026-12-11',
          care: 'Läkemedelsjustering',
          sipPlannedOn: '',
          existingPlans: '',
        },
      );
      assert.equal(late.status, 422);
      assert.match(late.text, /href="#informationTransferredOn"/);
      const out = await discharger.submit(
        `/utskrivning/${stayId}/skriv-ut`,
        `/utskrivning/${stayId}/skriv-ut`,
        {
          dischargedOn: '2026-12-10',
          informationTransferredOn: '2026-12-10',
          care: 'Läkemedelsjustering',
          sipPlannedOn: '2026-12-14',
          existingPlans: '',
        },
      );
      assert.equal(out.status, 303, out.text);
      const shown = await discharger.request('GET', `/utskrivning/${stayId}`);
      // Ready 2 Dec (paid from the 5th, revoked the 3rd: none), again 4 Dec: paid 7, 8, 9 December.
      assert.match(shown.text, /3 dygn, 31\s500 kr/);
      // The law's row carries a demo amount, not a checked figure: the page says so at the amounts.
      assert.match(shown.text, /Beloppet per vårddygn är ett demovärde/);
      assert.match(shown.text, /Öppna SIP:en/);
    });

    await t.test("the municipality's manager disputes a day; an outsider gets 404", async () => {
      const manager = await as('chef.soc.karlstad', '2026-12-11T09:00:00Z');
      const res = await manager.submit(`/utskrivning/${stayId}/bestrid`, `/utskrivning/${stayId}/bestrid`, {
        day: '2026-12-07',
        reason: 'Hemtjänsten var på plats.',
      });
      assert.equal(res.status, 303, res.text);
      const page = await manager.request('GET', `/utskrivning/${stayId}?klart=bestridd`);
      assert.match(page.text, /Ja, se tvisten/);
      const outsider = await as('soc.arvika', '2026-12-11T09:00:00Z');
      assert.equal((await outsider.request('GET', `/utskrivning/${stayId}`)).status, 404);
      assert.equal((await outsider.request('GET', `/utskrivning/${stayId}/bestrid`)).status, 404);
    });
  });
});
