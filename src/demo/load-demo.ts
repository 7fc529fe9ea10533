import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/transaction.ts';
import { loadAgreementDemo } from '../modules/agreements/demo.ts';
import { loadDischargeDemo } from '../modules/discharge/demo.ts';
import { loadFollowUpDemo } from '../modules/followup/demo.ts';
import { loadNeedsInventoryDemo } from '../modules/needs-inventory/demo.ts';
import { loadNotificationDemo } from '../modules/notifications/demo.ts';
import {
  bodyId,
  loadReferenceData,
  municipalityId,
  otherPrincipalId,
  readMunicipalities,
  regionId,
} from '../modules/organisations/load-reference.ts';
import {
  caseReceivers,
  governanceBodyMembers,
  type Role,
  type UnitKind,
  units,
  userRoles,
  users,
} from '../modules/organisations/schema.ts';
import { loadResponsibilityDemo } from '../modules/responsibilities/demo.ts';
import { loadRevisionProjectDemo } from '../modules/revision-projects/demo.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { slugify } from '../platform/slug.ts';
import { countiesWithWork } from './living/living-demo.ts';

export const demoPassword = 'demo-2026';

/** Per county: a slug for usernames, the region's psychiatry unit, and the governance members to create. */
type DemoCounty = {
  code: string;
  slug: string;
  psychiatry: { unit: string; username: string };
  /** The region's psychiatric inpatient unit (heldygnsvård), which sends admission notices. */
  inpatient: { unit: string; username: string };
  bodyMembers: { username: string; body: string; unit?: string }[];
};

const demoCounties: DemoCounty[] = [
  {
    code: '17',
    slug: 'varmland',
    psychiatry: { unit: 'Vuxenpsykiatri Karlstad', username: 'psykiatri.karlstad' },
    inpatient: { unit: 'Psykiatrisk heldygnsvård Karlstad', username: 'heldygn.karlstad' },
    bodyMembers: [
      { username: 'beredning.varmland', body: 'beredningsgruppen', unit: 'Beredningsgruppen Nya perspektiv' },
    ],
  },
  {
    code: '18',
    slug: 'orebro',
    psychiatry: { unit: 'Allmänpsykiatri Örebro', username: 'psykiatri.orebro' },
    inpatient: { unit: 'Psykiatrisk heldygnsvård Örebro', username: 'heldygn.orebro' },
    bodyMembers: [
      { username: 'lansdel.norr.orebro', body: 'lansdel-norr' },
      { username: 'lansdel.soder.orebro', body: 'lansdel-soder' },
      { username: 'lansdel.vaster.orebro', body: 'lansdel-vaster' },
      { username: 'lansdel.orebro.orebro', body: 'lansdel-orebro' },
      { username: 'chefsgrupp.orebro', body: 'chefsgrupp' },
      { username: 'samverkansrad.orebro', body: 'samverkansradet' },
    ],
  },
  {
    code: '04',
    slug: 'sormland',
    psychiatry: { unit: 'Vuxenpsykiatri Eskilstuna', username: 'psykiatri.eskilstuna' },
    inpatient: { unit: 'Psykiatrisk heldygnsvård Eskilstuna', username: 'heldygn.eskilstuna' },
    bodyMembers: [
      { username: 'anp.sormland', body: 'anp' },
      { username: 'avp.sormland', body: 'avp' },
      { username: 'aspf.sormland', body: 'aspf' },
      { username: 'lansstyrgrupp.sormland', body: 'lansstyrgruppen' },
      { username: 'bgp.sormland', body: 'bgp', unit: 'Beredningsgrupp Psykiatri' },
    ],
  },
  {
    code: '20',
    slug: 'dalarna',
    psychiatry: { unit: 'Vuxenpsykiatri Falun', username: 'psykiatri.falun' },
    inpatient: { unit: 'Psykiatrisk heldygnsvård Falun', username: 'heldygn.falun' },
    bodyMembers: [
      { username: 'styrgrupp.dalarna', body: 'styrgrupp' },
      { username: 'valfardsradet.dalarna', body: 'valfardsradet' },
    ],
  },
];

const otherPrincipalAccounts = [
  { county: '04', key: 'nsph', unit: 'NSPH Sörmland', username: 'nsph.sormland' },
  { county: '04', key: 'fub', unit: 'FUB Sörmland', username: 'fub.sormland' },
  { county: '18', key: 'nsph', unit: 'NSPH Örebro län', username: 'nsph.orebro' },
  { county: '17', key: 'nsph', unit: 'NSPH Värmland', username: 'nsph.varmland' },
];

const firstNames = [
  'Anna',
  'Erik',
  'Maria',
  'Karl',
  'Sara',
  'Johan',
  'Lena',
  'Per',
  'Emma',
  'Lars',
  'Elin',
  'Mikael',
  'Karin',
  'Anders',
  'Sofia',
  'Nils',
  'Ida',
  'Olof',
  'Hanna',
  'Gustav',
  'Åsa',
  'Jörgen',
];
const lastNames = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Lindberg',
  'Lindqvist',
  'Berg',
  'Holm',
  'Öberg',
  'Ström',
];
const fakeName = (i: number) =>
  `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]}`;

type DemoAccount = {
  username: string;
  unitName: string;
  principalId: string;
  roles: Role[];
  bodyKey?: string;
  countyCode: string;
};

/** Every account the demo creates: API.md's promised ones, and a staff member and a manager for every principal. */
export function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  const add = (a: DemoAccount) => accounts.push(a);
  for (const c of demoCounties) {
    const region = regionId(c.code);
    const common = { principalId: region, countyCode: c.code };
    add({ ...common, username: c.psychiatry.username, unitName: c.psychiatry.unit, roles: ['staff'] });
    add({
      ...common,
      username: `chef.${c.psychiatry.username}`,
      unitName: c.psychiatry.unit,
      roles: ['manager'],
    });
    add({ ...common, username: `logg.region${c.slug}`, unitName: 'Patientsäkerhet', roles: ['logReviewer'] });
    add({
      ...common,
      username: `admin.${c.slug}`,
      unitName: 'Länsgemensam samverkan',
      roles: ['countyAdmin'],
    });
    add({
      ...common,
      username: `avtal.${c.slug}`,
      unitName: 'Länsgemensam samverkan',
      roles: ['agreementAdmin'],
    });
    for (const m of c.bodyMembers) {
      add({
        ...common,
        username: m.username,
        unitName: m.unit ?? 'Länsgemensam samverkan',
        roles: ['governance'],
        bodyKey: m.body,
      });
    }
  }
  for (const m of readMunicipalities()) {
    const common = {
      principalId: municipalityId(m.code),
      countyCode: m.countyCode,
      unitName: `Socialtjänst vuxen, ${m.place}`,
    };
    const slug = slugify(m.place);
    add({ ...common, username: `soc.${slug}`, roles: ['staff'] });
    add({ ...common, username: `chef.soc.${slug}`, roles: ['manager'] });
  }
  // A second unit of one Sörmland municipality, so a needs inventory has two units of it entering records.
  add({
    username: 'boendestod.eskilstuna',
    unitName: 'Boendestöd, Eskilstuna',
    principalId: municipalityId('0484'),
    roles: ['staff'],
    countyCode: '04',
  });
  for (const o of otherPrincipalAccounts) {
    add({
      username: o.username,
      unitName: o.unit,
      principalId: otherPrincipalId(o.county, o.key),
      roles: ['staff'],
      countyCode: o.county,
    });
  }
  // Each region's psychiatric inpatient unit (issue 25), last so that the accounts before keep their HSA-ids (and
  // staff only, so the region's cases still go to its psychiatry manager). The region's psychiatry unit above is its
  // outpatient psychiatry, which names the fasta vårdkontakt.
  for (const c of demoCounties) {
    const common = { principalId: regionId(c.code), countyCode: c.code, unitName: c.inpatient.unit };
    add({ ...common, username: c.inpatient.username, roles: ['staff'] });
  }
  return accounts;
}

/**
 * A demo unit's kind, from its accounts (as migration 0018 sets it for existing units): a unit with staff or a
 * manager is a care unit; one with only governance members is a governance body's unit (Beredningsgruppen Nya
 * perspektiv); the rest are administrative (Länsgemensam samverkan, Patientsäkerhet).
 */
function demoUnitKind(accounts: DemoAccount[]): UnitKind {
  const roles = new Set(accounts.flatMap((a) => a.roles));
  if (roles.has('staff') || roles.has('manager')) return 'care';
  return roles.has('governance') && roles.size === 1 ? 'governance' : 'administration';
}

/**
 * Loads the base demo (units, accounts, governance members, agreements, follow-up plans, a needs inventory; no
 * SIP, deviation or dispute) once; a database that has it is left alone. The test suite uses it as it is; with
 * `living`, `npm start` then plays two years of work into it (living/living-demo.ts), and each county's mail
 * default is set when its history is in, so that the past's work is never mailed.
 * All demo accounts share one scrypt hash of the public demo password: hashing it sixty times over would only
 * slow every start and every test, and the password is printed in the README anyway.
 */
export async function loadDemoData(db: Db, opts: { living?: boolean } = {}): Promise<boolean> {
  await loadReferenceData(db);
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, 'psykiatri.karlstad'));
  // Every demo account hears of new work by mail at once (a county's own choice, once made, stays).
  const demoStart = new Date('2026-01-01T00:00:00Z');
  const mailCounties = async (handle: Db) =>
    opts.living ? await countiesWithWork(handle, demoCountyCodes()) : demoCountyCodes();
  if (existing) {
    await giveDemoHsaIds(db);
    await loadNotificationDemo(db, await mailCounties(db), demoStart);
    return false;
  }
  const passwordHash = await hashPassword(demoPassword);
  const accounts = demoAccounts();
  await inTransaction(db, async (tx) => {
    const unitIds = new Map<string, string>();
    for (const a of accounts) {
      const key = `${a.principalId}|${a.unitName}`;
      if (!unitIds.has(key)) unitIds.set(key, randomUUID());
    }
    await tx.insert(units).values(
      [...unitIds].map(([key, id]) => ({
        id,
        principalId: key.split('|')[0]!,
        name: key.split('|')[1]!,
        kind: demoUnitKind(accounts.filter((a) => `${a.principalId}|${a.unitName}` === key)),
      })),
    );
    const rows = accounts.map((a, i) => ({
      id: randomUUID(),
      username: a.username,
      name: fakeName(i),
      // .invalid is reserved (RFC 2606): mail to a demo account can never reach anyone.
      email: `${a.username}@demo.invalid`,
      hsaId: demoHsaId(i),
      unitId: unitIds.get(`${a.principalId}|${a.unitName}`)!,
      passwordHash,
    }));
    await tx.insert(users).values(rows);
    await tx
      .insert(userRoles)
      .values(accounts.flatMap((a, i) => a.roles.map((role) => ({ userId: rows[i]!.id, role }))));
    const members = accounts.flatMap((a, i) =>
      a.bodyKey ? [{ bodyId: bodyId(a.countyCode, a.bodyKey), userId: rows[i]!.id }] : [],
    );
    await tx.insert(governanceBodyMembers).values(members);
    // Deviations and disputes addressed to a principal go to the unit of its demo manager.
    const receivers = new Map(
      accounts.flatMap((a, i) =>
        a.roles.includes('manager') ? [[a.principalId, rows[i]!.unitId] as const] : [],
      ),
    );
    await tx
      .insert(caseReceivers)
      .values([...receivers].map(([principalId, unitId]) => ({ principalId, unitId })));
    // The seeds themselves: agreements, their responsibility lists, Dalarna's revision project, follow-up.
    await loadAgreementDemo(tx);
    await loadResponsibilityDemo(tx);
    await loadRevisionProjectDemo(tx);
    // Follow-up plans with the common indicators (Örebro's from its seed) and a few action plans in Värmland.
    await loadFollowUpDemo(tx, new Date('2026-01-01T00:00:00Z'));
    // Södermanland's reported needs inventory of 2023, with synthetic records.
    await loadNeedsInventoryDemo(tx, new Date('2023-02-01T08:00:00Z'));
    await loadNotificationDemo(tx, await mailCounties(tx), demoStart);
    await loadDemoStays(tx);
  });
  return true;
}

/**
 * A month of admissions and discharges in each county (October 2026), through the discharge use cases, which read
 * and change stays through the access layer: its rules come from the manifests, registered as a script that runs
 * without the web server registers them (jobs.ts; the app registers the same ones again, a no-op).
 */
async function loadDemoStays(tx: Db) {
  await import('../jobs.ts');
  await loadDischargeDemo(
    tx,
    demoCounties.map((c) => ({
      inpatient: c.inpatient.username,
      outpatient: c.psychiatry.username,
      municipalities: readMunicipalities()
        .filter((m) => m.countyCode === c.code)
        .slice(0, 3)
        .map((m) => ({ username: `soc.${slugify(m.place)}`, municipalityId: municipalityId(m.code) })),
    })),
  );
}

/**
 * A demo account's HSA-id: the format of Inera's (hsa-id.ts) under the organisation number 000000-0000, which
 * no organisation has, so a demo id can never be a real person's.
 */
export const demoHsaId = (index: number) => `SE0000000000-DEMO${String(index + 1).padStart(4, '0')}`;

/** Every demo account's login name and HSA-id, for the demo e-ID provider (demo-idp.ts). */
export function demoHsaIds(): { login: string; hsaId: string }[] {
  return demoAccounts().map((a, i) => ({ login: a.username, hsaId: demoHsaId(i) }));
}

/** A demo database made before HSA-ids existed gets them, so the demo e-ID provider finds its accounts. */
async function giveDemoHsaIds(db: Db): Promise<void> {
  for (const { login, hsaId } of demoHsaIds())
    await db
      .update(users)
      .set({ hsaId })
      .where(and(eq(users.username, login), isNull(users.hsaId)));
}

/** The accounts API.md promises, as the login page lists them in demo mode. */
export const promisedUsernames = [
  'psykiatri.karlstad',
  'soc.karlstad',
  'soc.arvika',
  'chef.soc.karlstad',
  'logg.regionvarmland',
  'beredning.varmland',
  'soc.orebro',
  'psykiatri.orebro',
  'soc.eskilstuna',
  'soc.falun',
  'admin.varmland',
  'avtal.varmland',
  'nsph.sormland',
];

export async function hasDemoData(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'psykiatri.karlstad'));
  return Boolean(row);
}

/** The counties the demo data fills, by code: the demo e-ID provider serves each. */
export const demoCountyCodes = (): string[] => demoCounties.map((c) => c.code);
