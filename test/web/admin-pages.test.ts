import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { units, users } from '../../src/modules/organisations/schema.ts';
import { outbox } from '../../src/platform/mail/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { mailCatcher } from '../helpers/mail-catcher.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { world as sipWorld } from '../helpers/sip-world.ts';

// The administration's pages over real HTTP with cookie sessions: who reaches them, forms that show their
// errors at the fields, a 409 that says nothing changed, the CSV import posted as a file, and the public page a
// password link opens.

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('administration pages', () => {
  let s: TestServer;
  let admin: Browser;
  before(async () => {
    s = await startTestServer();
    admin = new Browser(s.url);
    await admin.logIn('admin.varmland');
  });
  after(() => s.close());

  const unitIdOf = async (name: string) =>
    (await s.database.db.select().from(units).where(eq(units.name, name)))[0]!.id;

  test('only a county administrator sees the menu entry and reaches the pages; another county gets 404', async () => {
    const start = await admin.request('GET', '/');
    assert.match(start.text, /href="\/administration"/);
    const staff = new Browser(s.url);
    await staff.logIn('soc.karlstad');
    assert.doesNotMatch((await staff.request('GET', '/')).text, /href="\/administration"/);
    for (const path of ['/administration', '/administration/konton', '/administration/enheter/ny']) {
      assert.equal((await staff.request('GET', path)).status, 403, path);
    }
    const orebro = new Browser(s.url);
    await orebro.logIn('admin.orebro');
    const arvika = await unitIdOf('Socialtjänst vuxen, Arvika');
    assert.equal((await orebro.request('GET', `/administration/enheter/${arvika}`)).status, 404);
    const anonymous = await new Browser(s.url).request('GET', '/administration');
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get('location') ?? '', /^\/logga-in/);
  });

  test('a new unit: an empty form shows each message at its field, a taken name at the name', async () => {
    const empty = await admin.submit('/administration/enheter/ny', '/administration/enheter/ny', {
      principalId: '',
      name: '',
    });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /<a href="#principalId">Välj huvudman<\/a>/);
    assert.match(
      empty.text,
      /id="name-error"[^>]*>\s*<span class="govuk-visually-hidden">Fel:<\/span> Ange enhetens namn/,
    );
    const taken = await admin.submit('/administration/enheter/ny', '/administration/enheter/ny', {
      principalId: 'municipality-1784',
      name: 'Socialtjänst vuxen, Arvika',
    });
    assert.equal(taken.status, 422);
    assert.match(taken.text, /Välj ett namn som ingen annan enhet hos huvudmannen har/);
    assert.match(taken.text, /value="Socialtjänst vuxen, Arvika"/, 'what was typed is kept');
    const made = await admin.submit('/administration/enheter/ny', '/administration/enheter/ny', {
      principalId: 'municipality-1784',
      name: 'Boendestöd Arvika',
    });
    assert.equal(made.status, 303);
    const page = await admin.request('GET', made.headers.get('location')!);
    assert.match(main(page.text), /Enheten är skapad/);
    assert.match(main(page.text), /<h1 class="govuk-heading-l">Boendestöd Arvika<\/h1>/);
  });

  test("an existing unit's kind: the form shows the current kind, refuses none, and saves a new one", async () => {
    const unit = await unitIdOf('Socialtjänst vuxen, Arvika');
    const path = `/administration/enheter/${unit}/sort`;
    const form = await admin.request('GET', path);
    assert.equal(form.status, 200);
    assert.match(form.text, /value="care" checked/);
    const none = await admin.submit(path, path, {});
    assert.equal(none.status, 400);
    assert.match(none.text, /<a href="#kind">Välj vad enheten är<\/a>/);
    const saved = await admin.submit(path, path, { kind: 'administration' });
    assert.equal(saved.status, 303);
    const page = await admin.request('GET', saved.headers.get('location')!);
    assert.match(main(page.text), /Enhetens sort är sparad/);
    assert.match(main(page.text), /Administration/);
    const [row] = await s.database.db.select().from(units).where(eq(units.id, unit));
    assert.equal(row!.kind, 'administration');
    await admin.submit(path, path, { kind: 'care' });
    assert.equal((await s.database.db.select().from(units).where(eq(units.id, unit)))[0]!.kind, 'care');
  });

  test('closing a unit with an open SIP and no successor is a page that says nothing changed', async () => {
    const sw = await sipWorld(s);
    await sw.active();
    const karlstad = await unitIdOf('Vuxenpsykiatri Karlstad');
    const path = `/administration/enheter/${karlstad}/stang`;
    const form = await admin.request('GET', path);
    assert.match(main(form.text), /Enheten har 1 pågående SIP/);
    const res = await admin.submit(path, path, { successorUnitId: 'ingen' });
    assert.equal(res.status, 409);
    assert.match(main(res.text), /Välj en efterträdande enhet som tar över dem/);
    assert.match(main(res.text), /Ingenting har ändrats/);
    const [unit] = await s.database.db.select().from(units).where(eq(units.id, karlstad));
    assert.equal(unit!.active, true);
  });

  test('the CSV import is posted as a file: wrong rows are listed by line, then a good file imports', async () => {
    const post = async (csv: string) => {
      const page = await admin.request('GET', '/administration/konton/import');
      const form = new FormData();
      form.append('_csrf', Browser.csrf(page.text));
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'konton.csv');
      const res = await fetch(`${s.url}/administration/konton/import`, {
        method: 'POST',
        headers: admin.headers(),
        body: form,
      });
      return { status: res.status, text: await res.text() };
    };
    const bad = await post('namn,e-post,användarnamn,enhet,roller\nA B,a@b.se,ab.cd,Finns inte,staff\n');
    assert.equal(bad.status, 422);
    assert.match(main(bad.text), /En rad i filen är fel\. Inga konton har importerats/);
    assert.match(
      main(bad.text),
      /<td class="govuk-table__cell">2<\/td><td class="govuk-table__cell">enhet<\/td>/,
    );
    const good = await post(
      'namn;e-post;användarnamn;enhet;roller\nAnna Berg;anna.berg@arvika.se;anna.berg;Socialtjänst vuxen, Arvika;Medarbetare\n',
    );
    assert.equal(good.status, 200, good.text.slice(0, 300));
    assert.match(main(good.text), /1 konto är importerat/);
    const [created] = await s.database.db.select().from(users).where(eq(users.username, 'anna.berg'));
    assert.ok(created);
    const missingToken = await fetch(`${s.url}/administration/konton/import`, {
      method: 'POST',
      headers: admin.headers(),
      body: (() => {
        const f = new FormData();
        f.append('file', new Blob(['namn'], { type: 'text/csv' }), 'x.csv');
        return f;
      })(),
    });
    assert.equal(missingToken.status, 403, 'the CSRF check applies to the file form too');
  });

  test('a password link opens a public page; a weak password is refused at its field; the link then works once', async () => {
    const target = (await s.database.db.select().from(users).where(eq(users.username, 'soc.arvika')))[0]!;
    const account = `/administration/konton/${target.id}`;
    const sent = await admin.submit(account, `${account}/losenordslank`, {});
    assert.equal(sent.status, 303);
    // The link is in the mail as it is sent (at the instant it was queued), never in the outbox.
    const [queued] = await s.database.db.select().from(outbox).where(eq(outbox.toUserId, target.id));
    const token = await mailCatcher(() => s.database.db).linkFor(target.email!, queued!.createdAt);
    const link = `/losenord/${token}`;
    const visitor = new Browser(s.url);
    const page = await visitor.request('GET', link);
    assert.equal(page.status, 200);
    assert.match(main(page.text), /Välj ett nytt lösenord/);
    assert.match(main(page.text), /soc\.arvika/);
    const mismatch = await visitor.submit(link, link, {
      newPassword: 'Granskog vid Klarälven 7',
      confirmPassword: 'annat',
    });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.text, /Lösenorden är inte lika/);
    const weak = await visitor.submit(link, link, {
      newPassword: 'password1234',
      confirmPassword: 'password1234',
    });
    assert.equal(weak.status, 422);
    assert.match(weak.text, /id="newPassword-error"[\s\S]*vanliga lösenord/);
    const chosen = await visitor.submit(link, link, {
      newPassword: 'Granskog vid Klarälven 7',
      confirmPassword: 'Granskog vid Klarälven 7',
    });
    assert.equal(chosen.status, 303);
    assert.equal(chosen.headers.get('location'), '/logga-in?losenord=valt');
    const gone = await visitor.request('GET', link);
    assert.equal(gone.status, 410);
    assert.match(main(gone.text), /Länken gäller inte längre/);
    const login = await new Browser(s.url).logIn('soc.arvika', 'Granskog vid Klarälven 7');
    assert.equal(login.status, 303);
  });

  test('Mitt konto: a user changes their own password; a wrong current one is shown at its field', async () => {
    const user = new Browser(s.url);
    await user.logIn('soc.kil');
    assert.match(main((await user.request('GET', '/konto')).text), /Socialtjänst vuxen, Kil/);
    const wrong = await user.submit('/konto/losenord', '/konto/losenord', {
      currentPassword: 'fel',
      newPassword: 'Fjällbäcken porlar i juni',
      confirmPassword: 'Fjällbäcken porlar i juni',
    });
    assert.equal(wrong.status, 422);
    assert.match(wrong.text, /id="currentPassword-error"[\s\S]*Det nuvarande lösenordet stämmer inte/);
    const ok = await user.submit('/konto/losenord', '/konto/losenord', {
      currentPassword: 'demo-2026',
      newPassword: 'Fjällbäcken porlar i juni',
      confirmPassword: 'Fjällbäcken porlar i juni',
    });
    assert.equal(ok.status, 303);
    assert.match(
      main((await user.request('GET', ok.headers.get('location')!)).text),
      /Ditt lösenord är bytt/,
    );
  });
});
