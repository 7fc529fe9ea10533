import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  agreementComments,
  agreementSections,
  agreementVersions,
} from '../../src/modules/agreements/schema.ts';
import { Browser, type BrowserResponse } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The agreement pages over real HTTP with cookie sessions and CSRF, on the demo data: Värmland's agreement as
// the list and the agreement page compute it on the request's day, who is offered the actions, an
// administrator's draft from first edit to the comparison, a rule broken (422) and a published version
// (409) as the pages show them, the public pages without login, and comments from an organisation that was
// not invited.

const NOW = '2026-11-23T10:00:00Z';
const agreement = '/overenskommelser/agreement-17';
const nsphVarmland = 'principal-17-nsph';
const newPurpose =
  'Överenskommelsen ska tydliggöra ansvarsfördelning och stärka samverkan mellan kommunerna och Region Värmland, med brukarorganisationerna som självklar part i arbetet.';

/** The part of a page inside <main>, with tags removed and spaces collapsed: what the page says. */
const mainText = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** The text of a GOV.UK field's own error message (id="<field>-error"), without the hidden "Fel:". */
function fieldError(html: string, field: string): string | undefined {
  const m = new RegExp(`<p id="${field}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(html);
  if (!m) return undefined;
  return m[1]!
    .replace(/<span class="govuk-visually-hidden">[^<]*<\/span>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Browsers logged in on a server, and the requests the tests make with them. */
function pages(server: () => TestServer) {
  const browsers = new Map<string, Browser>();

  /** A logged-in browser for this user and clock, reused. */
  async function browser(username: string, now = NOW): Promise<Browser> {
    const key = `${username}@${now}`;
    let b = browsers.get(key);
    if (!b) {
      b = new Browser(server().url, {}, { now });
      await server().webLogin(b, username);
      browsers.set(key, b);
    }
    return b;
  }
  const page = async (username: string, path: string, now = NOW) =>
    (await browser(username, now)).request('GET', path);
  /** Posts a form as the user with the CSRF token of the user's session (read from the agreements list). */
  async function post(username: string, path: string, form: Record<string, string | string[]>, now = NOW) {
    const b = await browser(username, now);
    const list = await b.request('GET', '/overenskommelser');
    return b.request('POST', path, { _csrf: Browser.csrf(list.text), ...form });
  }
  const followed = async (username: string, res: BrowserResponse, now = NOW) => {
    assert.equal(
      res.status,
      303,
      `expected a redirect, got ${res.status}: ${mainText(res.text).slice(0, 300)}`,
    );
    return page(username, res.headers.get('location')!, now);
  };
  const sectionText = async (number: number, key: string) => {
    const { db } = server().database;
    const [row] = await db
      .select({ text: agreementSections.text })
      .from(agreementSections)
      .innerJoin(agreementVersions, eq(agreementVersions.id, agreementSections.versionId))
      .where(
        and(
          eq(agreementVersions.agreementId, 'agreement-17'),
          eq(agreementVersions.number, number),
          eq(agreementSections.key, key),
        ),
      );
    return row?.text ?? '';
  };

  return { page, post, followed, sectionText };
}

describe('agreement pages', () => {
  let s: TestServer;
  const { page, post, sectionText } = pages(() => s);

  before(async () => {
    s = await startTestServer();
  });
  after(() => s.close());

  test("the list shows Värmland's agreement in force with the end date and notice deadline of the request's day", async () => {
    const res = await page('soc.karlstad', '/overenskommelser');
    assert.equal(res.status, 200);
    const text = mainText(res.text);
    assert.match(
      text,
      /Länsövergripande överenskommelse om samarbete kring personer med psykisk funktionsnedsättning i Värmlands län/,
    );
    assert.match(text, /Status Gäller Gäller till och med 2027-12-31 Sista dag att säga upp 2026-12-31/);
    assert.match(text, /17 av 17 parter har antagit/);
    assert.match(res.text, /href="\/ansvarsfordelning\?lan=17"/);
    assert.match(res.text, /href="\/overenskommelser\/revideringar"/);

    // The day after the notice deadline, the next period is the one notice can still end.
    const later = mainText((await page('soc.karlstad', '/overenskommelser', '2027-01-01T10:00:00Z')).text);
    assert.match(later, /Gäller till och med 2027-12-31 Sista dag att säga upp 2028-12-31/);

    const other = mainText((await page('soc.karlstad', '/overenskommelser?lan=04')).text);
    assert.match(
      other,
      /Länsgemensam överenskommelse om samarbete kring personer med psykiska funktionsnedsättningar i Sörmland/,
    );
  });

  test('only an administrator of a party is offered the actions; anyone else is refused them', async () => {
    for (const username of ['soc.karlstad', 'avtal.sormland']) {
      const res = await page(username, agreement);
      assert.equal(res.status, 200, username);
      assert.match(
        mainText(res.text),
        /Giltighet Startdatum 2021-01-01 Slutdatum 2023-12-31 Uppsägningstid 12 månader/,
      );
      for (const action of ['Gör en ny version', 'Säg upp', 'Skapa lokal överenskommelse'])
        assert.ok(!res.text.includes(action), `${username} is offered "${action}"`);
    }
    const refused = await post('avtal.sormland', `${agreement}/versioner`, {});
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Bara överenskommelsens administratörer hos en part kan ändra den/);
    const notAdmin = await page('soc.karlstad', `${agreement}/uppsagning`);
    assert.equal(notAdmin.status, 403, 'a reader without the role is refused the form itself');

    const admin = await page('avtal.varmland', agreement);
    for (const action of ['Gör en ny version', 'Säg upp'])
      assert.ok(admin.text.includes(action), `the administrator is offered "${action}"`);
  });

  test('a published version has no edit forms, and a post to edit it is the 409 page; nothing changes', async () => {
    const v1 = await page('avtal.varmland', `${agreement}/versioner/1`);
    assert.equal(v1.status, 200);
    assert.match(mainText(v1.text), /Version 1 Gäller/);
    for (const form of ['/villkor', '/nytt-avsnitt', '/remiss', '/avsnitt/'])
      assert.ok(!v1.text.includes(`/versioner/1${form}`), `version 1 links to ${form}`);
    assert.ok(!v1.text.includes('Skicka till parterna för beslut'));

    const get = await page('avtal.varmland', `${agreement}/versioner/1/villkor`);
    assert.equal(get.status, 409);
    const res = await post('avtal.varmland', `${agreement}/versioner/1/avsnitt/s1.2`, {
      heading: 'Syfte',
      text: 'Ändrad i efterhand.',
    });
    assert.equal(res.status, 409);
    assert.match(
      mainText(res.text),
      /Version 1 är publicerad och kan inte ändras\. Gör en ny version för att ändra texten\./,
    );
    assert.match(res.text, /href="\/overenskommelser\/agreement-17\/versioner\/1">Tillbaka till version 1/);
    assert.doesNotMatch(res.text, /name="text"/, 'no form is offered again');
    assert.match(await sectionText(1, 's1.2'), /samt utgöra grund för det lokala arbetet/);
  });

  test('the public pages show an agreement in force without login, and a draft is not found', async () => {
    const anonymous = new Browser(s.url, {}, { now: NOW });
    const list = await anonymous.request('GET', '/offentligt/overenskommelser?lan=17');
    assert.equal(list.status, 200);
    assert.match(list.text, /href="\/offentligt\/overenskommelser\/agreement-17"/);
    const shown = await anonymous.request('GET', '/offentligt/overenskommelser/agreement-17');
    assert.equal(shown.status, 200);
    const text = mainText(shown.text);
    assert.match(text, /Gällande version: 1/);
    assert.match(text, /Gäller till och med 2027-12-31 Sista dag att säga upp 2026-12-31/);
    assert.match(text, /Region Värmland Uppgift saknas i underlaget/);
    assert.match(text, /samt utgöra grund för det lokala arbetet/, 'the text in force, not the draft');
    assert.ok(!text.includes('brukarorganisationerna som självklar part'), 'nothing of the draft');
    assert.doesNotMatch(shown.text, /Logga ut|Gör en ny version|Version 2/);

    // Local agreements are made from the county's template (Sörmland's here; Värmland's local routines in
    // local-routines.test.ts).
    assert.ok((await page('avtal.varmland', agreement)).text.includes('Skapa lokal överenskommelse'));
    const sormland = '/overenskommelser/agreement-04';
    const created = await post('avtal.sormland', `${sormland}/lokal`, {
      title: 'Lokal överenskommelse Eskilstuna',
      scope: 'Eskilstuna kommun',
      principalIds: ['municipality-0484'],
    });
    assert.equal(created.status, 303, mainText(created.text).slice(0, 300));
    const local = mainText((await page('avtal.sormland', created.headers.get('location')!)).text);
    assert.match(local, /Den lokala överenskommelsen är skapad/);
    assert.match(local, /Lokal överenskommelse Eskilstuna Utkast/);
    const id = created.headers.get('location')!.split('?')[0]!.split('/').pop()!;
    const hidden = await anonymous.request('GET', `/offentligt/overenskommelser/${id}`);
    assert.equal(hidden.status, 404);
    assert.ok(!hidden.text.includes('Lokal överenskommelse Eskilstuna'));
    const publicList = await anonymous.request('GET', '/offentligt/overenskommelser?lan=04');
    assert.match(publicList.text, /href="\/offentligt\/overenskommelser\/agreement-04"/);
    assert.ok(!publicList.text.includes('Lokal överenskommelse Eskilstuna'));
    const missing = await post('avtal.sormland', `${sormland}/lokal`, { title: '', scope: 'Eskilstuna' });
    assert.equal(missing.status, 400);
    assert.equal(fieldError(missing.text, 'title'), 'Ge den lokala överenskommelsen en titel');
    assert.match(
      missing.text,
      /<p id="principalIds-error" class="govuk-error-message"><span class="govuk-visually-hidden">Fel:<\/span> Välj minst en kommun<\/p>/,
    );
  });

  describe('a new version, from the first draft to the parties’ decisions', () => {
    // One story in steps, each starting where the one before ended (a draft, its terms, a consultation with a
    // comment, the decisions): the steps are subtests of one test, which runs them in this order, on a server
    // of its own, so the other tests see Värmland's agreement with no version under way.
    let s: TestServer;
    const { page, post, followed, sectionText } = pages(() => s);
    before(async () => {
      s = await startTestServer();
    });
    after(() => s.close());

    test('version 2 drafted, edited, consulted on and sent to the parties', async (t) => {
      await t.test(
        'an administrator drafts a version, edits a section, and the comparison marks the new words',
        async () => {
          const drafted = await followed(
            'avtal.varmland',
            await post('avtal.varmland', `${agreement}/versioner`, {}),
          );
          assert.equal(drafted.status, 200);
          assert.match(mainText(drafted.text), /Klart Ett nytt utkast är skapat/);
          assert.match(mainText(drafted.text), /Version 2 Utkast/);
          assert.match(drafted.text, /href="\/overenskommelser\/agreement-17\/versioner\/2\/avsnitt\/s1\.2"/);

          const again = await post('avtal.varmland', `${agreement}/versioner`, {});
          assert.equal(again.status, 409, 'one version at a time');
          assert.match(mainText(again.text), /Version 2 är redan under arbete/);

          const form = await page('avtal.varmland', `${agreement}/versioner/2/avsnitt/s1.2`);
          assert.equal(form.status, 200);
          assert.match(form.text, /name="heading"[^>]*value="Syfte"/);
          const saved = await post('avtal.varmland', `${agreement}/versioner/2/avsnitt/s1.2`, {
            heading: 'Syfte',
            text: `${newPurpose}\r\n\r\n- Tydlig ansvarsfördelning\r\n- Stärkt samverkan`,
          });
          assert.match(saved.headers.get('location') ?? '', /klart=avsnitt#avsnitt-s1\.2$/);
          const version = mainText((await followed('avtal.varmland', saved)).text);
          assert.match(version, /Avsnittet är sparat/);
          assert.match(
            version,
            /med brukarorganisationerna som självklar part i arbetet\. Tydlig ansvarsfördelning Stärkt samverkan/,
          );
          assert.equal(
            await sectionText(2, 's1.2'),
            `${newPurpose}\n\n- Tydlig ansvarsfördelning\n- Stärkt samverkan`,
            'stored with plain line breaks',
          );
          assert.match(
            await sectionText(1, 's1.2'),
            /samt utgöra grund för det lokala arbetet/,
            'version 1 is unchanged',
          );

          const compared = await page('soc.karlstad', `${agreement}/jamfor?fran=1&till=2`);
          assert.equal(compared.status, 200);
          assert.match(mainText(compared.text), /1 avsnitt ändrat, 0 tillagda, 0 borttagna/);
          const inserted = [...compared.text.matchAll(/<ins class="app-compare-ins">([\s\S]*?)<\/ins>/g)].map(
            (m) => m[1]!,
          );
          assert.ok(
            inserted.some(
              (t) =>
                t.includes('<span class="govuk-visually-hidden">Tillagt: </span>') &&
                t.includes('brukarorganisationerna'),
            ),
            `the new words are inserted: ${inserted.join(' | ')}`,
          );
          assert.match(
            compared.text,
            /<del class="app-compare-del"><span class="govuk-visually-hidden">Borttaget: <\/span>/,
          );
          assert.match(mainText(compared.text), /Oförändrade avsnitt \(32\)/);
        },
      );

      await t.test(
        'contradicting dates are shown at the field with the Swedish message, and nothing is saved',
        async () => {
          const res = await post('avtal.varmland', `${agreement}/versioner/2/villkor`, {
            startsOn: '2027-01-01',
            endsOn: '2026-12-31',
            noticeMonths: '12',
            extensionMonths: '24',
            noticeRecipient: 'Politiska styrgruppen',
            changeNote: '',
          });
          assert.equal(res.status, 422);
          assert.equal(fieldError(res.text, 'endsOn'), 'Slutdatum kan inte vara före startdatum.');
          assert.match(res.text, /govuk-error-summary[\s\S]*href="#endsOn"/);
          assert.match(res.text, /name="startsOn"[^>]*value="2027-01-01"/, 'what was typed is kept');

          const badNumber = await post('avtal.varmland', `${agreement}/versioner/2/villkor`, {
            startsOn: '2021-01-01',
            endsOn: '2023-12-31',
            noticeMonths: 'tolv',
            extensionMonths: '',
            noticeRecipient: '',
            changeNote: '',
          });
          assert.equal(badNumber.status, 400);
          assert.match(fieldError(badNumber.text, 'noticeMonths') ?? '', /antal månader/);

          const [v2] = await s.database.db
            .select()
            .from(agreementVersions)
            .where(and(eq(agreementVersions.agreementId, 'agreement-17'), eq(agreementVersions.number, 2)));
          assert.equal(v2!.startsOn, '2021-01-01');
          assert.equal(v2!.endsOn, '2023-12-31');
        },
      );

      await t.test(
        'an organisation that was not invited cannot comment; an invited one can until the closing date',
        async () => {
          const form = await page('avtal.varmland', `${agreement}/versioner/2/remiss`);
          assert.equal(form.status, 200);
          const fields = form.text.slice(form.text.indexOf('<form method="post"'));
          assert.ok(
            fields.indexOf('NSPH Värmland') < fields.indexOf('Region Värmland'),
            'user organisations come first',
          );
          assert.ok(
            fields.indexOf('Region Värmland') < fields.indexOf('Arvika kommun'),
            'then the region, then municipalities',
          );
          const opened = await post('avtal.varmland', `${agreement}/versioner/2/remiss`, {
            closesOn: '2026-11-30',
            inviteePrincipalIds: [nsphVarmland],
          });
          const version = mainText((await followed('avtal.varmland', opened)).text);
          assert.match(version, /Version 2 På remiss/);
          assert.match(version, /Sista dag för synpunkter 2026-11-30 Remissen går till NSPH Värmland/);

          const asKarlstad = await page('soc.karlstad', `${agreement}/versioner/2`);
          assert.ok(
            !asKarlstad.text.includes('Lämna synpunkt'),
            'a reader who is not invited is offered no comment link',
          );
          assert.equal(
            (await page('soc.karlstad', `${agreement}/versioner/2/synpunkt?avsnitt=s1.2`)).status,
            403,
          );
          const refused = await post('soc.karlstad', `${agreement}/versioner/2/synpunkt`, {
            sectionKey: 's1.2',
            text: 'Kommunen vill också säga något.',
          });
          assert.equal(refused.status, 403);
          assert.match(refused.text, /Din organisation är inte inbjuden att lämna synpunkter/);
          assert.equal(await s.database.db.$count(agreementComments), 0);

          const asNsph = await page('nsph.varmland', `${agreement}/versioner/2`);
          assert.match(
            asNsph.text,
            /href="\/overenskommelser\/agreement-17\/versioner\/2\/synpunkt\?avsnitt=s1\.2"/,
          );
          const commentForm = await page('nsph.varmland', `${agreement}/versioner/2/synpunkt?avsnitt=s1.2`);
          assert.match(commentForm.text, /<option value="s1\.2" selected>/, 'the section is chosen');
          const commented = await post('nsph.varmland', `${agreement}/versioner/2/synpunkt`, {
            sectionKey: 's1.2',
            text: 'Bra att brukarorganisationerna nämns. Skriv gärna hur de ska vara med.',
          });
          const withComment = mainText((await followed('nsph.varmland', commented)).text);
          assert.match(
            withComment,
            /Synpunkter på avsnittet NSPH Värmland , 2026-11-23 Bra att brukarorganisationerna nämns/,
          );
          assert.match(withComment, /Inte besvarad/);
          assert.ok(!withComment.includes('Besvara'), 'only administrators answer');

          const late = '2026-12-01T10:00:00Z';
          const closed = await post(
            'nsph.varmland',
            `${agreement}/versioner/2/synpunkt`,
            { sectionKey: 's1.2', text: 'För sent.' },
            late,
          );
          assert.equal(closed.status, 409);
          assert.match(mainText(closed.text), /Remisstiden gick ut 2026-11-30/);
          assert.equal(await s.database.db.$count(agreementComments), 1);
        },
      );

      await t.test(
        'before the closing date the version cannot go to the parties; after it, decisions are registered per party',
        async () => {
          const early = await post('avtal.varmland', `${agreement}/versioner/2/beslut`, {});
          assert.equal(early.status, 409);
          assert.match(mainText(early.text), /Remisstiden går ut 2026-11-30\. Vänta tills den har gått ut\./);

          const late = '2026-12-01T10:00:00Z';
          const unanswered = await page('avtal.varmland', `${agreement}/versioner/2`, late);
          assert.match(mainText(unanswered.text), /1 synpunkt är inte besvarad än/);
          const answerLink =
            /href="(\/overenskommelser\/agreement-17\/versioner\/2\/synpunkter\/[^"]+\/svar)"/.exec(
              unanswered.text,
            );
          assert.ok(answerLink, 'the administrator is offered to answer');
          const answered = await post(
            'avtal.varmland',
            answerLink[1]!,
            { answer: 'Tack, vi beskriver det i avsnittet Brukarinflytande.' },
            late,
          );
          assert.match(
            mainText((await followed('avtal.varmland', answered, late)).text),
            /Svaret är sparat\. .*Svar , 2026-12-01 Tack, vi beskriver det/,
          );
          assert.equal(
            (await post('avtal.varmland', answerLink[1]!, { answer: 'Igen.' }, late)).status,
            409,
            'one answer per comment',
          );

          const sent = await followed(
            'avtal.varmland',
            await post('avtal.varmland', `${agreement}/versioner/2/beslut`, {}, late),
            late,
          );
          assert.match(mainText(sent.text), /Version 2 Skickad för beslut/);
          assert.match(
            mainText(sent.text),
            /Region Värmland Inte antagen än Registrera beslut för Region Värmland/,
          );

          const form = await page(
            'avtal.varmland',
            `${agreement}/versioner/2/antagande?part=region-17`,
            late,
          );
          assert.match(form.text, /<option value="region-17" selected>Region Värmland<\/option>/);
          const future = await post(
            'avtal.varmland',
            `${agreement}/versioner/2/antagande`,
            {
              principalId: 'region-17',
              decidedOn: '2026-12-05',
              body: 'Regionstyrelsen',
              reference: 'RS 2026/412',
            },
            late,
          );
          assert.equal(future.status, 422);
          assert.equal(fieldError(future.text, 'decidedOn'), 'Beslutsdatum kan inte ligga i framtiden.');
          const recorded = await post(
            'avtal.varmland',
            `${agreement}/versioner/2/antagande`,
            {
              principalId: 'region-17',
              decidedOn: '2026-12-01',
              body: 'Regionstyrelsen',
              reference: 'RS 2026/412',
            },
            late,
          );
          const shown = mainText((await followed('avtal.varmland', recorded, late)).text);
          assert.match(shown, /Partens beslut är registrerat\./);
          assert.match(shown, /Region Värmland Regionstyrelsen, 2026-12-01, RS 2026\/412/);
          const twice = await post(
            'avtal.varmland',
            `${agreement}/versioner/2/antagande`,
            {
              principalId: 'region-17',
              decidedOn: '2026-12-01',
              body: 'Regionstyrelsen',
              reference: 'RS 2026/412',
            },
            late,
          );
          assert.equal(twice.status, 409);
          assert.match(mainText(twice.text), /Partens beslut är redan registrerat\./);
          // One party of seventeen: version 1 is still the one in force, on the agreement page and the public page.
          const agreementPage = mainText((await page('soc.karlstad', agreement, late)).text);
          assert.match(agreementPage, /Gäller Version 1/);
          assert.match(agreementPage, /Version 2 är på väg: Skickad för beslut/);
          const anonymous = new Browser(s.url, {}, { now: late });
          const published = mainText(
            (await anonymous.request('GET', '/offentligt/overenskommelser/agreement-17')).text,
          );
          assert.match(published, /Gällande version: 1/);
          assert.ok(!published.includes('RS 2026/412'), 'no decision on a version that is not in force');
        },
      );
    });
  });
});
