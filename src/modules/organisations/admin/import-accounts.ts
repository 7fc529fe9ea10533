import { parse } from 'csv-parse/sync';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { hsaIdPattern, normaliseHsaId } from '../../../platform/auth/hsa-id.ts';
import { identityNumberHasher } from '../../../platform/auth/identity-number-hash.ts';
import { unprocessable } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';
import { roleLabel } from '../labels.ts';
import { principals, roles, units, users } from '../schema.ts';
import { type AccountInput, accountFieldFindings, roleList, takenIdentifiers } from './account-fields.ts';
import { insertAccounts } from './accounts.ts';
import { recordAdminChange } from './admin-log.ts';
import { assertCountyAdmin } from './policy.ts';
import { refusingTaken } from './unique-values.ts';

// Many staff accounts at once from a CSV file with the columns name, e-mail, username, unit and roles, and
// optionally HSA-id and identity number (in Swedish or English; comma or semicolon, as Excel writes it in
// Sweden). Every row is checked first; if one is wrong nothing is imported, and each wrong row is listed with
// its line number and what is wrong.

export const maxImportRows = 2000;

const columns = {
  name: ['namn', 'name'],
  email: ['e-post', 'epost', 'e-postadress', 'email', 'e-mail', 'mail'],
  username: ['användarnamn', 'anvandarnamn', 'username', 'user'],
  unit: ['enhet', 'unit'],
  roles: ['roller', 'roll', 'roles', 'role'],
  // Optional (issue 24): the person's HSA-id and identity number, for logging in with e-ID.
  hsaId: ['hsa-id', 'hsaid', 'hsa_id', 'hsa'],
  identityNumber: ['personnummer', 'pnr', 'samordningsnummer', 'identitetsnummer', 'identity-number'],
} as const;
const optionalColumns: readonly string[] = ['hsaId', 'identityNumber'];
type Column = keyof typeof columns;
const columnNames: Record<Column, string> = {
  name: 'namn',
  email: 'e-post',
  username: 'användarnamn',
  unit: 'enhet',
  roles: 'roller',
  hsaId: 'hsa-id',
  identityNumber: 'personnummer',
};
const fieldLabels: Record<string, string> = {
  name: 'namn',
  email: 'e-post',
  username: 'användarnamn',
  unitId: 'enhet',
  roles: 'roller',
};

export type ImportFinding = { line: number; field: string; message: string };
export type ImportResult = { imported: { username: string; name: string; unitName: string }[] };

/** A role by its code or its Swedish name, any case: "manager", "Chef". */
const roleByWord = new Map<string, string>(
  roles.flatMap((r) => [
    [r.toLowerCase(), r],
    [roleLabel(r).toLowerCase(), r],
  ]),
);

type Row = { line: number; values: Record<Column, string> };

/** Reads the file into rows with their line numbers; a file that cannot be read is one finding at line 1. */
function readRows(text: string): { rows: Row[]; findings: ImportFinding[] } {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { rows: [], findings: [{ line, field: 'fil', message: 'Filen går inte att läsa som CSV här' }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], findings: [{ line: 1, field: 'fil', message: 'Filen är tom' }] };
  const index = {} as Record<Column, number>;
  const findings: ImportFinding[] = [];
  const headings = header.record.map((h) => h.toLowerCase().replace(/\s+/g, ''));
  for (const col of Object.keys(columns) as Column[]) {
    const at = headings.findIndex((h) => (columns[col] as readonly string[]).includes(h));
    if (at < 0 && !optionalColumns.includes(col))
      findings.push({
        line: header.info.lines,
        field: 'rubrik',
        message: `Kolumnen "${columnNames[col]}" saknas i första raden (rubrikerna ska vara namn, e-post, användarnamn, enhet, roller)`,
      });
    index[col] = at;
  }
  if (findings.length) return { rows: [], findings };
  const rows = body.map((r) => ({
    line: r.info.lines,
    values: Object.fromEntries(
      (Object.keys(columns) as Column[]).map((c) => [
        c,
        index[c] < 0 ? '' : (r.record[index[c]]?.trim() ?? ''),
      ]),
    ) as Record<Column, string>,
  }));
  return { rows, findings };
}

/** The county's open units by lower-case name and by id; a name two principals share is ambiguous. */
async function unitFinder(tx: Db, countyCode: string) {
  const rows = await tx
    .select({ id: units.id, name: units.name, principalName: principals.name })
    .from(units)
    .innerJoin(principals, eq(principals.id, units.principalId))
    .where(and(eq(principals.countyCode, countyCode), eq(units.active, true)));
  const byName = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) byName.set(r.name.toLowerCase(), [...(byName.get(r.name.toLowerCase()) ?? []), r]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (given: string): { unit: (typeof rows)[number] } | { problem: string } => {
    const found = byId.get(given) ?? byName.get(given.toLowerCase())?.[0];
    const same = byName.get(given.toLowerCase()) ?? [];
    if (same.length > 1)
      return {
        problem: `Flera enheter i länet heter "${given}" (${same.map((s) => s.principalName).join(', ')}); ange enhetens id i stället`,
      };
    if (!found) return { problem: `Enheten "${given}" finns inte bland länets öppna enheter` };
    return { unit: found };
  };
}

type ImportedAccount = AccountInput & { unitName: string; identityNumberHash: string | null };
type UnitFinder = Awaited<ReturnType<typeof unitFinder>>;
/** The file's values that accounts already hold. */
type Taken = {
  usernames: Set<string>;
  emails: Set<string>;
  hsaIds: Set<string | null>;
  identityNumberHashes: Set<string | null>;
};

/** Each value's first line in the file, for a value given twice. */
type Seen = Record<'username' | 'email' | 'hsaId' | 'identityNumber', Map<string, number>>;

/** A file without accounts under its heading, or with more than one import takes. */
function countFindings(rows: Row[]): ImportFinding[] {
  if (rows.length === 0)
    return [{ line: 2, field: 'fil', message: 'Filen innehåller inga konton under rubrikraden' }];
  if (rows.length > maxImportRows)
    return [
      {
        line: 1,
        field: 'fil',
        message: `Filen har ${rows.length} konton; högst ${maxImportRows} åt gången`,
      },
    ];
  return [];
}

/** Of these identity number hashes, those an account already has. */
async function takenIdentityNumbers(tx: Db, hashes: string[]) {
  return new Set(
    hashes.length
      ? (
          await tx
            .select({ hash: users.identityNumberHash })
            .from(users)
            .where(inArray(users.identityNumberHash, hashes))
        ).map((r) => r.hash)
      : [],
  );
}

/** Of these HSA-ids, those an account already has. */
async function takenHsaIds(tx: Db, hsaIds: string[]) {
  return new Set(
    hsaIds.length
      ? (await tx.select({ hsaId: users.hsaId }).from(users).where(inArray(users.hsaId, hsaIds))).map(
          (r) => r.hsaId,
        )
      : [],
  );
}

/** Checks every row; returns the accounts to create, or every finding. */
export async function checkImport(tx: Db, ctx: UserContext, text: string) {
  const { rows, findings } = readRows(text);
  if (findings.length) return { accounts: [], findings };
  const wrongCount = countFindings(rows);
  if (wrongCount.length) return { accounts: [], findings: wrongCount };
  const findUnit = await unitFinder(tx, ctx.user.county.code);
  const identifiers = await takenIdentifiers(
    tx,
    rows.map((r) => r.values.username.toLowerCase()),
    rows.map((r) => r.values.email.toLowerCase()),
  );
  const hash = await identityNumberHasher(tx);
  const hashes = rows.map((r) => (r.values.identityNumber ? hash(r.values.identityNumber) : null));
  const givenHashes = hashes.filter((h) => h !== null);
  const taken: Taken = {
    ...identifiers,
    identityNumberHashes: await takenIdentityNumbers(tx, givenHashes),
    hsaIds: await takenHsaIds(tx, rows.map((r) => normaliseHsaId(r.values.hsaId)).filter(Boolean)),
  };
  const seen: Seen = {
    username: new Map<string, number>(),
    email: new Map<string, number>(),
    hsaId: new Map<string, number>(),
    identityNumber: new Map<string, number>(),
  };
  const accounts: ImportedAccount[] = [];
  for (const [i, row] of rows.entries()) {
    const checked = checkRow(row, hashes[i] ?? null, findUnit, taken, seen);
    findings.push(...checked.findings);
    if (checked.account) accounts.push(checked.account);
  }
  return { accounts, findings };
}

/** One row's account, or what is wrong with it; notes in `seen` the values it gives first. */
function checkRow(
  row: Row,
  identityNumberHash: string | null,
  findUnit: UnitFinder,
  taken: Taken,
  seen: Seen,
): { findings: ImportFinding[]; account: ImportedAccount | null } {
  const v = row.values;
  const roleWords = v.roles.split(/[\s|,;]+/).filter(Boolean);
  const mapped = roleWords.map((w) => roleByWord.get(w.toLowerCase()) ?? w);
  const hsaId = normaliseHsaId(v.hsaId);
  const input = {
    name: v.name,
    email: v.email,
    username: v.username,
    unitId: '',
    roles: mapped,
    hsaId: hsaId || null,
  };
  const rowFindings: ImportFinding[] = accountFieldFindings(input, [
    'name',
    'email',
    'username',
    'roles',
  ]).map((f) => ({ line: row.line, field: fieldLabels[f.path] ?? f.path, message: f.message }));
  const add = (field: string, message: string) => rowFindings.push({ line: row.line, field, message });
  const unit = v.unit ? findUnit(v.unit) : { problem: 'Ange enhetens namn' };
  if ('problem' in unit) add('enhet', unit.problem);
  const username = v.username.toLowerCase();
  const email = v.email.toLowerCase();
  if (taken.usernames.has(username)) add('användarnamn', `Användarnamnet "${v.username}" är upptaget`);
  if (taken.emails.has(email)) add('e-post', `E-postadressen ${v.email} används redan av ett annat konto`);
  const usernameLine = seen.username.get(username);
  if (username && usernameLine) add('användarnamn', `Samma användarnamn som på rad ${usernameLine}`);
  const emailLine = seen.email.get(email);
  if (email && emailLine) add('e-post', `Samma e-postadress som på rad ${emailLine}`);
  if (hsaId && !hsaIdPattern.test(hsaId))
    add('hsa-id', `"${v.hsaId}" är inget HSA-id; det skrivs som SE2321000016-1234`);
  if (taken.hsaIds.has(hsaId)) add('hsa-id', `HSA-id ${hsaId} står redan på ett annat konto`);
  const hsaIdLine = seen.hsaId.get(hsaId);
  if (hsaId && hsaIdLine) add('hsa-id', `Samma HSA-id som på rad ${hsaIdLine}`);
  if (hsaId && !hsaIdLine) seen.hsaId.set(hsaId, row.line);
  // The number is never repeated in a message: the row and the column say which it is.
  if (v.identityNumber && !identityNumberHash)
    add('personnummer', 'Inget giltigt personnummer eller samordningsnummer (skrivs som 19121212-1212)');
  if (identityNumberHash && taken.identityNumberHashes.has(identityNumberHash))
    add('personnummer', 'Personnumret står redan på ett annat konto');
  const numberLine = identityNumberHash ? seen.identityNumber.get(identityNumberHash) : undefined;
  if (numberLine) add('personnummer', `Samma personnummer som på rad ${numberLine}`);
  if (identityNumberHash && !numberLine) seen.identityNumber.set(identityNumberHash, row.line);
  if (username && !usernameLine) seen.username.set(username, row.line);
  if (email && !emailLine) seen.email.set(email, row.line);
  const account =
    rowFindings.length === 0 && 'unit' in unit
      ? { ...input, unitId: unit.unit.id, unitName: unit.unit.name, identityNumberHash }
      : null;
  return { findings: rowFindings, account };
}

/**
 * Imports the file's accounts, all or none: 422 with one error per wrong field and row (path "rad.3.e-post")
 * when any row is wrong. Each new account gets its link to choose a password by mail.
 */
export async function importAccounts(ctx: UserContext, text: string): Promise<ImportResult> {
  assertCountyAdmin(ctx);
  // A value another change took between the rows' check and the insert: the file is refused as a whole, and
  // importing it again names the row.
  const raced = (what: string) => ({
    path: 'fil',
    message: `${what} i filen gavs just till ett annat konto. Importera filen igen för att se vilken rad`,
  });
  return refusingTaken(
    {
      users_username_unique: raced('Ett användarnamn'),
      users_email_unique: raced('En e-postadress'),
      users_hsaId_unique: raced('Ett HSA-id'),
      users_identityNumberHash_unique: raced('Ett personnummer'),
    },
    () => importChecked(ctx, text),
  );
}

function importChecked(ctx: UserContext, text: string): Promise<ImportResult> {
  return inTransaction(ctx.db, async (tx) => {
    const { accounts, findings } = await checkImport(tx, ctx, text);
    if (findings.length) {
      const lines = new Set(findings.map((f) => f.line)).size;
      throw unprocessable(
        `${lines === 1 ? 'En rad' : `${lines} rader`} i filen är fel. Inga konton har importerats. Rätta raderna och försök igen.`,
        findings.map((f) => ({ path: `rad.${f.line}.${f.field}`, message: `Rad ${f.line}: ${f.message}` })),
      );
    }
    const created = await insertAccounts(tx, ctx, accounts);
    await recordAdminChange(tx, ctx, 'accountsImported', { type: 'county', id: ctx.user.county.code }, null, {
      count: created.length,
      accounts: created.map((a) => `${a.username} (${a.unitName})`),
    });
    return { imported: created.map((a) => ({ username: a.username, name: a.name, unitName: a.unitName })) };
  });
}

export const importHelp = {
  columns: (Object.keys(columnNames) as Column[])
    .filter((c) => !optionalColumns.includes(c))
    .map((c) => columnNames[c]),
  optionalColumns: optionalColumns.map((c) => columnNames[c as Column]),
  roles: roleList,
};
