import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AdminWorld, adminWorld, type Json } from '../helpers/admin-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// Issue "Administration": staff accounts imported from a CSV file (name, e-mail, username, unit, roles). Every
// row is checked first; one wrong row and nothing is imported, each wrong row listed by line number and reason.

/** `user` names the rows' accounts (`person.1`, person1@varmland.se, …), so that each test imports its own. */
export function staffCsv(count: number, options: { delimiter?: string; start?: number; user?: string } = {}) {
  const d = options.delimiter ?? ',';
  const user = options.user ?? 'person';
  const units = ['Socialtjänst vuxen, Arvika', 'Socialtjänst vuxen, Karlstad', 'Vuxenpsykiatri Karlstad'];
  const rows = Array.from({ length: count }, (_, k) => {
    const i = k + (options.start ?? 1);
    const unit = units[i % units.length]!;
    const quoted = unit.includes(d) ? `"${unit}"` : unit;
    return [
      `Person ${i} Öberg`,
      `${user}${i}@varmland.se`,
      `${user}.${i}`,
      quoted,
      i % 5 === 0 ? 'staff manager' : 'staff',
    ].join(d);
  });
  return [['namn', 'e-post', 'användarnamn', 'enhet', 'roller'].join(d), ...rows].join('\n');
}

describe('API: accounts imported from a CSV file', () => {
  let s: TestServer;
  let w: AdminWorld;
  before(async () => {
    s = await startTestServer();
    w = adminWorld(s);
    await w.user('admin.varmland');
  });
  after(() => s.close());
  const importCsv = (csv: string, by = w.admin) => by('POST', '/api/admin/accounts/import', { csv });

  test('a file with three wrong rows imports nothing and lists all three, by line and reason', async () => {
    const lines = staffCsv(6, { user: 'rader' }).split('\n');
    lines[2] = 'Fel Roll,fel.roll@varmland.se,fel.roll,"Socialtjänst vuxen, Arvika",superuser';
    lines[4] = 'Ingen Enhet,ingen.enhet@varmland.se,ingen.enhet,Finns inte,staff';
    lines[6] =
      'Dubblett,psykiatri.karlstad@demo.invalid,psykiatri.karlstad,"Socialtjänst vuxen, Arvika",staff';
    const res = await w.refused(() => importCsv(lines.join('\n')), 422, 'three wrong rows');
    assert.match(res.body.detail, /3 rader i filen är fel\. Inga konton har importerats/);
    const byLine = (n: number) => res.body.errors.filter((e: Json) => e.path.startsWith(`rad.${n}.`));
    assert.deepEqual(
      [...new Set(res.body.errors.map((e: Json) => e.path.split('.')[1]))],
      ['3', '5', '7'],
      'the wrong rows, by their line in the file (the header is line 1)',
    );
    assert.match(byLine(3)[0].message, /^Rad 3: Rollen "superuser" finns inte/);
    assert.match(byLine(5)[0].message, /^Rad 5: Enheten "Finns inte" finns inte bland länets öppna enheter/);
    assert.deepEqual(
      byLine(7).map((e: Json) => e.path),
      ['rad.7.användarnamn', 'rad.7.e-post'],
    );
  });

  test('fifty accounts are imported at once, each with its link to choose a password', async () => {
    const res = w.ok(await importCsv(staffCsv(50)), 201, 'import');
    assert.equal(res.imported.length, 50);
    const list = w.ok(await w.admin('GET', '/api/admin/accounts?q=person.'), 200, 'list');
    assert.equal(list.length, 50);
    const managers = list.filter((a: Json) => a.roles.includes('manager'));
    assert.equal(managers.length, 10, 'every fifth is also a manager');
    // Every page of the outbox: other tests' mails, sent at the same instant, may come first.
    const messages: Json[] = [];
    for (let page = 1; ; page++) {
      const box = w.ok(await w.admin('GET', `/api/admin/outbox?page=${page}&pageSize=500`), 200, 'outbox');
      messages.push(...box);
      if (box.length < 500) break;
    }
    assert.equal(messages.filter((m: Json) => /^person\d+@varmland\.se$/.test(m.toAddress)).length, 50);
    const log = w.ok(await w.admin('GET', '/api/admin/log'), 200, 'log');
    const entry = log.find((e: Json) => e.change === 'accountsImported');
    assert.equal(entry.after.count, 50);
  });

  test('the same file again: every row is taken, nothing is imported', async () => {
    const file = staffCsv(3, { user: 'igen' });
    w.ok(await importCsv(file), 201, 'the first time');
    const res = await w.refused(() => importCsv(file), 422, 'again');
    assert.deepEqual(
      res.body.errors.map((e: Json) => e.path),
      [
        'rad.2.användarnamn',
        'rad.2.e-post',
        'rad.3.användarnamn',
        'rad.3.e-post',
        'rad.4.användarnamn',
        'rad.4.e-post',
      ],
    );
  });

  test("Excel's Swedish CSV: semicolons, a byte-order mark, CRLF and Swedish role names", async () => {
    const csv = `\uFEFF${staffCsv(2, { delimiter: ';', start: 101, user: 'excel' })
      .split('\n')
      .map((l, i) => (i === 2 ? l.replace(/;staff$/, ';Medarbetare, Chef') : l))
      .join('\r\n')}\r\n`;
    const res = w.ok(await importCsv(csv), 201, 'semicolons');
    assert.deepEqual(
      res.imported.map((a: Json) => a.username),
      ['excel.101', 'excel.102'],
    );
    const list = w.ok(await w.admin('GET', '/api/admin/accounts?q=excel.102'), 200, 'list');
    assert.deepEqual(list[0].roles, ['manager', 'staff']);
  });

  test('a row twice in one file, a missing column and an empty file are refused', async () => {
    const twice = `${staffCsv(1, { start: 200 })}\n${staffCsv(1, { start: 200 }).split('\n')[1]}`;
    const res = await w.refused(() => importCsv(twice), 422, 'twice');
    assert.match(res.body.errors[0].message, /^Rad 3: Samma användarnamn som på rad 2/);
    const header = await w.refused(() => importCsv('namn,e-post,enhet\nA,a@b.se,X'), 422, 'missing columns');
    assert.deepEqual(
      header.body.errors.map((e: Json) => e.message),
      [
        'Rad 1: Kolumnen "användarnamn" saknas i första raden (rubrikerna ska vara namn, e-post, användarnamn, enhet, roller)',
        'Rad 1: Kolumnen "roller" saknas i första raden (rubrikerna ska vara namn, e-post, användarnamn, enhet, roller)',
      ],
    );
    await w.refused(() => importCsv(''), 422, 'empty');
    await w.refused(() => importCsv(staffCsv(0)), 422, 'a header only');
  });

  test('only the county administrator imports, into their own county', async () => {
    await w.user('chef.soc.karlstad');
    await w.refused(
      () => importCsv(staffCsv(1, { start: 300 }), w.by('chef.soc.karlstad')),
      403,
      'a manager',
    );
    await w.user('admin.orebro');
    const res = await w.refused(
      () => importCsv(staffCsv(1, { start: 300 }), w.by('admin.orebro')),
      422,
      'Örebro',
    );
    assert.match(
      res.body.errors[0].message,
      /finns inte bland länets öppna enheter/,
      "Värmland's units are not Örebro's",
    );
  });
});
