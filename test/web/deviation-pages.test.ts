import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { like } from 'drizzle-orm';
import '../../src/jobs.ts';
import { deviationEntries, deviationPrincipals, deviations } from '../../src/modules/deviations/schema.ts';
import { disputes } from '../../src/modules/disputes/schema.ts';
import { events } from '../../src/platform/events/schema.ts';
import { Browser, type BrowserResponse } from '../helpers/browser.ts';
import { fieldError, formFields, main } from '../helpers/page-html.ts';
import type { ApiResponse, TestServer } from '../helpers/server.ts';
import { startTestServer } from '../helpers/server.ts';
import { type Json, NOW } from '../helpers/sip-world.ts';

// The deviation pages over real HTTP with cookie sessions: what a person who may not see a deviation gets,
// what one who may see but not act gets, a form refused for a personnummer, the dispute form's messages, and the
// compilation's CSV with small counts suppressed. The suggestions the SIP work makes are
// deviation-suggestion-pages.test.ts.

const report = (overrides: Record<string, unknown> = {}) => ({
  title: 'Utskrivningsmeddelande kom inte fram',
  description: 'Psykiatrin skrev ut en person utan att socialtjänsten fick något meddelande.',
  category: 'dischargeInformation',
  concernedPrincipalIds: ['region-17'],
  occurredOn: NOW.slice(0, 10),
  ...overrides,
});

function assertErrorPage(res: BrowserResponse, status: number, heading: string, what: string) {
  assert.equal(res.status, status, `${what}: ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/, what);
  assert.match(res.text, new RegExp(`<h1 class="govuk-heading-l">${heading}</h1>`), what);
  assert.doesNotMatch(res.text, /<form method="post" action="\/avvikelser\//, `${what}: no form is offered`);
}

describe('deviation pages', () => {
  let s: TestServer;
  const browsers = new Map<string, Browser>();
  const tokens = new Map<string, string>();

  /** A logged-in browser for this user and clock, reused (a session lives on the clock it was opened on). */
  async function browser(username: string, now = NOW): Promise<Browser> {
    const key = `${username}@${now}`;
    let b = browsers.get(key);
    if (!b) {
      b = new Browser(s.url, {}, { now });
      await s.webLogin(b, username);
      browsers.set(key, b);
    }
    return b;
  }
  const page = async (username: string, path: string, now = NOW) =>
    (await browser(username, now)).request('GET', path);
  /**
   * Posts a form as the user, with the CSRF token of the user's session (read from Mitt arbete), the box that
   * the text names no one ticked unless `confirmed` is false.
   */
  async function post(
    username: string,
    path: string,
    form: Record<string, string | string[]>,
    now = NOW,
    confirmed = true,
  ) {
    const b = await browser(username, now);
    const home = await b.request('GET', '/');
    const confirmation: Record<string, string> = confirmed ? { confirmedDeidentified: 'yes' } : {};
    return b.request('POST', path, { _csrf: Browser.csrf(home.text), ...confirmation, ...form });
  }
  /** The JSON API as a demo user, at NOW. */
  async function api(username: string, method: string, path: string, body?: unknown): Promise<ApiResponse> {
    let token = tokens.get(username);
    if (!token) {
      token = await s.login(username, { now: NOW });
      tokens.set(username, token);
    }
    return s.api(method, path, { token, body, now: NOW });
  }
  async function reportByApi(username: string, overrides: Record<string, unknown> = {}): Promise<Json> {
    const res = await api(username, 'POST', '/api/deviations', report(overrides));
    assert.equal(res.status, 201, res.text);
    return res.body;
  }
  /** Rows in every table a deviation writes to. */
  const counts = async () => {
    const db = s.database.db;
    return {
      deviations: await db.$count(deviations),
      entries: await db.$count(deviationEntries),
      principals: await db.$count(deviationPrincipals),
      events: await db.$count(events, like(events.type, 'deviation.%')),
    };
  };

  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test('a deviation the user may not see is the 404 page, with nothing of it in the body', async () => {
    const d = await reportByApi('soc.arvika', { title: 'Arvikas avvikelse om Vuxenpsykiatri Karlstad' });
    const seen = await page('soc.arvika', `/avvikelser/${d.id}`);
    assert.equal(seen.status, 200);
    assert.match(seen.text, /Arvikas avvikelse om Vuxenpsykiatri Karlstad/);

    for (const path of ['', '/svara', '/eskalera', '/besluta', '/avsluta']) {
      const res = await page('soc.karlstad', `/avvikelser/${d.id}${path}`);
      assert.equal(res.status, 404, `${path}: ${res.status}`);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/, path);
      assert.match(res.text, /<h1 class="govuk-heading-l">Hittades inte<\/h1>/, path);
      for (const secret of ['Arvikas avvikelse', 'Utskrivningsmeddelande', 'Psykiatrin skrev ut'])
        assert.ok(!res.text.includes(secret), `${path}: the 404 page mentions "${secret}"`);
    }
    const list = await page('soc.karlstad', '/avvikelser?status=alla');
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes('Arvikas avvikelse'), 'the list does not show it either');

    const before = await counts();
    const res = await post('soc.karlstad', `/avvikelser/${d.id}/eskalera`, {
      reason: 'Vi vill föra den vidare.',
    });
    assert.equal(res.status, 404);
    assert.ok(!res.text.includes('Arvikas avvikelse'));
    assert.deepEqual(await counts(), before, 'a post to a deviation one cannot see changes nothing');
  });

  test('escalating is refused on a 403 page for one who sees the deviation but does not hold it; nothing changes', async () => {
    const d = await reportByApi('soc.arvika', { title: 'Förd till beredningsgruppen' });
    const answered = await api('chef.psykiatri.karlstad', 'POST', `/api/deviations/${d.id}/answers`, {
      investigation: 'Vi har gått igenom rutinen.',
      cause: 'Meddelandet skickades till fel brevlåda.',
      measures: 'Adressen är rättad.',
    });
    assert.equal(answered.status, 200, answered.text);
    const escalated = await api('soc.arvika', 'POST', `/api/deviations/${d.id}/escalation`, {
      reason: 'Svaret räcker inte.',
    });
    assert.equal(escalated.status, 200, escalated.text);
    assert.equal(escalated.body.level, 2);

    // At level 2 the reporter and the receiving manager still see it, but only the body passes it on (and level
    // 2 is the top of Värmland's ladder).
    for (const username of ['soc.arvika', 'chef.psykiatri.karlstad']) {
      const shown = await page(username, `/avvikelser/${d.id}`);
      assert.equal(shown.status, 200, username);
      assert.doesNotMatch(main(shown.text), /\/eskalera"/, `${username}: "För vidare" is not offered`);
      assert.doesNotMatch(main(shown.text), /\/besluta"/, `${username}: "Besluta" is not offered`);

      const seenBefore = await api('soc.arvika', 'GET', `/api/deviations/${d.id}`);
      const rowsBefore = await counts();
      const res = await post(username, `/avvikelser/${d.id}/eskalera`, {
        reason: 'Vi vill föra den vidare.',
      });
      assertErrorPage(res, 403, 'Åtkomst nekad', `${username} posts an escalation`);
      assert.match(
        res.text,
        /Bara en ledamot i det samverkansorgan som har avvikelsen kan föra den vidare\./,
      );
      assert.match(res.text, /Ingenting har ändrats\./);
      assert.deepEqual(await counts(), rowsBefore, `${username}: the tables are as they were`);
      assert.deepEqual(
        (await api('soc.arvika', 'GET', `/api/deviations/${d.id}`)).body,
        seenBefore.body,
        `${username}: the deviation is as it was`,
      );
    }
  });

  // The action pages offer their form only to those who may send it, as the deviation page's buttons do.
  test('the escalate page itself is a 403 page for one who may not escalate, not a form that will be refused', async () => {
    const d = await reportByApi('soc.arvika', { title: 'Formuläret som inte går att skicka' });
    const escalated = await api('soc.arvika', 'POST', `/api/deviations/${d.id}/escalation`, {
      reason: 'Inget svar kom.',
    });
    assert.equal(escalated.status, 200, escalated.text);
    const res = await page('soc.arvika', `/avvikelser/${d.id}/eskalera`);
    assertErrorPage(res, 403, 'Åtkomst nekad', 'GET the escalate page at level 2 as the reporter');
  });

  test('a personnummer in a text shows the form again with 422, what was typed kept and the message at the field', async () => {
    const pin = '19121212-1212';
    const typed = {
      title: 'Kallelse som aldrig besvarades',
      occurredOn: '2026-11-20',
      category: 'unansweredInvitation',
      concernedPrincipalIds: ['region-17', 'municipality-1780'],
      description: `Vi kallade till SIP för ${pin} och fick inget svar & ingen återkoppling.`,
    };
    const rowsBefore = await counts();
    const res = await post('soc.arvika', '/avvikelser/ny', typed);
    assert.equal(res.status, 422);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(res.text, /<title>Fel: Rapportera en avvikelse – Sömlös<\/title>/);
    assert.match(res.text, /Det finns ett problem/);
    assert.match(res.text, /<a href="#description">Texten ser ut att innehålla ett personnummer/);
    assert.match(fieldError(res.text, 'description') ?? '', /^Texten ser ut att innehålla ett personnummer/);
    assert.equal(fieldError(res.text, 'title'), undefined, 'the title is fine');
    assert.match(res.text, /<textarea[^>]*id="description"[^>]*aria-describedby="[^"]*description-error/);

    const kept = formFields(res.text, '/avvikelser/ny');
    assert.equal(kept.title, typed.title);
    assert.equal(kept.occurredOn, typed.occurredOn);
    assert.equal(kept.category, typed.category);
    assert.deepEqual([kept.concernedPrincipalIds].flat().sort(), [...typed.concernedPrincipalIds].sort());
    assert.equal(kept.description, typed.description);
    assert.deepEqual(await counts(), rowsBefore, 'nothing stored');

    // In the title too, the message is at the title.
    const inTitle = await post('soc.arvika', '/avvikelser/ny', {
      ...typed,
      title: `Gäller 121212-1212`,
      description: 'Ingen svarade.',
    });
    assert.equal(inTitle.status, 422);
    assert.match(fieldError(inTitle.text, 'title') ?? '', /^Texten ser ut att innehålla ett personnummer/);
    assert.equal(fieldError(inTitle.text, 'description'), undefined);
    assert.deepEqual(await counts(), rowsBefore, 'nothing stored');
  });

  describe("the dispute form's messages from the use case", () => {
    // A use case names interimResponsibility.description and .principalId; the page shows them at its own fields.
    const dispute = {
      counterpartPrincipalIds: 'region-17',
      category: 'costSharing',
      title: 'Vem bekostar boendestödet',
      description: 'Vi är oeniga om vem som bekostar boendestödet.',
    };
    const summaryLinks = (html: string) =>
      [...html.matchAll(/<a href="#([^"]*)">/g)].map((m) => m[1]!).filter((id) => id !== 'main-content');

    test('a personnummer in "Hur tillgodoses behoven under tiden?" is shown at that field', async () => {
      const before = await s.database.db.$count(disputes);
      const res = await post('chef.soc.karlstad', '/tvister/ny?typ=enskilt', {
        ...dispute,
        interimPrincipalId: 'municipality-1780',
        interimDescription: 'Socialtjänsten fortsätter boendestödet för 19121212-1212.',
      });
      assert.equal(res.status, 422);
      assert.equal(await s.database.db.$count(disputes), before, 'nothing stored');
      assert.match(fieldError(res.text, 'interimDescription') ?? '', /personnummer/);
      assert.equal(fieldError(res.text, 'description'), undefined, 'the description has no personnummer');
      assert.deepEqual(summaryLinks(res.text), ['interimDescription']);
    });

    test('an interim principal that is not a party is named at the select, and the summary links to it', async () => {
      const res = await post('chef.soc.karlstad', '/tvister/ny?typ=enskilt', {
        ...dispute,
        interimPrincipalId: 'municipality-1784', // Arvika kommun, not a party
        interimDescription: 'Arvika fortsätter insatsen.',
      });
      assert.equal(res.status, 422);
      assert.equal(fieldError(res.text, 'interimPrincipalId'), 'Välj en av parterna.');
      for (const id of summaryLinks(res.text))
        assert.match(
          res.text,
          new RegExp(`\\sid="${id}"`),
          `the summary links to #${id}, which is on the page`,
        );
    });
  });

  test('the compilation downloads as CSV (text/csv, BOM, semicolons) with small counts as "dolt"', async () => {
    // Two reports of its own, in 2025, when no other test reports: the compilation of that year is theirs alone.
    const in2025 = '2025-05-12T10:00:00Z';
    const token = await s.login('soc.arvika', { now: in2025 });
    for (const title of ['Arvikas avvikelse från 2025', 'Arvikas andra avvikelse från 2025']) {
      const reported = await s.api('POST', '/api/deviations', {
        token,
        now: in2025,
        body: report({ title, category: 'unansweredInvitation', occurredOn: in2025.slice(0, 10) }),
      });
      assert.equal(reported.status, 201, reported.text);
    }
    const res = await (await browser('soc.karlstad')).download(
      '/avvikelser/sammanstallning.csv?fran=2025-01-01&till=2025-12-31&huvudman=',
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]+\.csv"$/);
    const csv = res.body.toString('utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'a byte-order mark for Excel');
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines[0], 'Dimension;Värde;Antal;Från;Till');
    // soc.arvika's reports that year concern Region Värmland: fewer than 5 of them, not Karlstads kommun's own.
    assert.ok(lines.includes('Berörd huvudman;Region Värmland;dolt;2025-01-01;2025-12-31'), csv);
    assert.ok(
      lines.some((l) => /^Kategori;[^;]+;dolt;/.test(l)),
      csv,
    );
    assert.ok(
      !/;[1-4];2025-01-01;2025-12-31$/.test(
        lines.find((l) => l.startsWith('Berörd huvudman;Region Värmland;'))!,
      ),
    );
    for (const title of [
      'Arvikas avvikelse',
      'Förd till beredningsgruppen',
      'Kallelse till SIP besvarades inte i tid',
      'Arvikas andra avvikelse',
    ])
      assert.ok(!csv.includes(title), `the CSV holds the title "${title}"`);

    const html = await page('soc.karlstad', '/avvikelser/sammanstallning?fran=2025-01-01&till=2025-12-31');
    assert.equal(html.status, 200);
    assert.match(html.text, /dolt/);
    assert.match(
      html.text,
      /href="\/avvikelser\/sammanstallning\.csv\?fran=2025-01-01&amp;till=2025-12-31&amp;huvudman="/,
    );
  });

  test('every form whose text reaches a governance body asks the writer to confirm that it names no one', async () => {
    const message = /^Bekräfta att du har kontrollerat att texten inte innehåller namn/;
    const ok = (res: ApiResponse, status: number) => {
      assert.equal(res.status, status, res.text);
      return res.body as Json;
    };
    const d = ok(
      await api('soc.arvika', 'POST', '/api/deviations', {
        title: 'Ingen svarade på kallelsen',
        description: 'Kallelsen besvarades inte.',
        category: 'unansweredInvitation',
        concernedPrincipalIds: ['region-17'],
        occurredOn: '2026-11-20',
      }),
      201,
    );
    const up = ok(
      await api('soc.arvika', 'POST', '/api/deviations', {
        title: 'Förs vidare',
        description: 'Kallelsen besvarades inte.',
        category: 'unansweredInvitation',
        concernedPrincipalIds: ['region-17'],
        occurredOn: '2026-11-20',
      }),
      201,
    );
    ok(await api('soc.arvika', 'POST', `/api/deviations/${up.id}/escalation`, { reason: 'Vidare.' }), 200);
    const dispute = ok(
      await api('chef.soc.karlstad', 'POST', '/api/disputes', {
        kind: 'interpretation',
        category: 'interpretation',
        title: 'Vad betyder avsnittet om tvister?',
        description: 'Parterna läser avsnittet olika.',
        counterpartPrincipalIds: ['region-17'],
      }),
      201,
    );
    const text = 'Kallelsen besvarades inte i tid.';
    const forms: [string, string, Record<string, string | string[]>][] = [
      [
        'soc.arvika',
        '/avvikelser/ny',
        {
          title: 'Rubrik',
          occurredOn: '2026-11-20',
          category: 'unansweredInvitation',
          concernedPrincipalIds: 'region-17',
          description: text,
        },
      ],
      [
        'chef.psykiatri.karlstad',
        `/avvikelser/${d.id}/svara`,
        { investigation: text, cause: text, measures: text },
      ],
      ['soc.arvika', `/avvikelser/${d.id}/eskalera`, { reason: text }],
      ['beredning.varmland', `/avvikelser/${up.id}/besluta`, { decision: text, outcome: 'routineClarified' }],
      [
        'chef.soc.karlstad',
        '/tvister/ny?typ=tolkning',
        {
          category: 'interpretation',
          title: 'Rubrik',
          description: text,
          counterpartPrincipalIds: 'region-17',
        },
      ],
      [
        'chef.soc.karlstad',
        '/tvister/ny?typ=enskilt',
        {
          category: 'costSharing',
          title: 'Rubrik',
          description: text,
          counterpartPrincipalIds: 'region-17',
          interimPrincipalId: 'municipality-1780',
          interimDescription: text,
        },
      ],
      ['chef.psykiatri.karlstad', `/tvister/${dispute.id}/dialog`, { text }],
      ['chef.psykiatri.karlstad', `/tvister/${dispute.id}/eskalera`, { reason: text }],
      ['chef.psykiatri.karlstad', `/tvister/${dispute.id}/avgora`, { decision: text, reasoning: text }],
    ];
    for (const [username, path, form] of forms) {
      const shown = await page(username, path);
      assert.equal(shown.status, 200, `${path}: ${shown.status}`);
      assert.match(
        shown.text,
        /<input[^>]*name="confirmedDeidentified"[^>]*type="checkbox"[^>]*value="yes"|<input[^>]*type="checkbox"[^>]*name="confirmedDeidentified"/,
        path,
      );
      assert.match(
        shown.text,
        /Jag har kontrollerat att texten inte innehåller namn eller andra uppgifter som pekar ut en person\./,
        path,
      );
      const before = {
        ...(await counts()),
        disputes: await s.database.db.$count(disputes),
        events: await s.database.db.$count(events),
      };
      const res = await post(username, path, form, NOW, false);
      // A form's own check answers 400, like any other field left out.
      assert.equal(res.status, 400, `${path} unticked: ${res.status}`);
      assert.match(fieldError(res.text, 'confirmedDeidentified') ?? '', message, path);
      assert.match(res.text, /<a href="#confirmedDeidentified">Bekräfta/, path);
      assert.deepEqual(
        {
          ...(await counts()),
          disputes: await s.database.db.$count(disputes),
          events: await s.database.db.$count(events),
        },
        before,
        `${path}: nothing stored`,
      );
    }
    // Ticked, the same forms go through (the report, and the dispute's statement, as examples).
    assert.equal((await post('soc.arvika', '/avvikelser/ny', forms[0]![2])).status, 303);
    assert.equal(
      (await post('chef.psykiatri.karlstad', `/tvister/${dispute.id}/dialog`, { text })).status,
      303,
    );
  });
});
