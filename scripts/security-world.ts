// The demo world the SQL-injection scan works in: the accounts it logs in (one per role and county), and real
// ids for path parameters, read from the demo data over the API or made through it where the demo data has
// none (a SIP with consent and an invitation, a deviation, a dispute, a draft agreement version, a change
// request, a needs inventory record), so that sqlmap's requests reach the handlers' database queries rather
// than stopping at a missing object. Used by scripts/security-targets.ts.
import type { Role } from '../src/modules/organisations/schema.ts';
import type { Json } from './security-examples.ts';

export type County = 'varmland' | 'dalarna' | 'sormland';
export const countyCodes: Record<County, string> = { varmland: '17', dalarna: '20', sormland: '04' };

/** Demo accounts per county and role (README and docs/API.md); the password is demoPassword. */
export const accounts: Record<County, Record<Role, string>> = {
  varmland: {
    staff: 'psykiatri.karlstad',
    manager: 'chef.soc.karlstad',
    governance: 'beredning.varmland',
    agreementAdmin: 'avtal.varmland',
    countyAdmin: 'admin.varmland',
    logReviewer: 'logg.regionvarmland',
  },
  dalarna: {
    staff: 'psykiatri.falun',
    manager: 'chef.psykiatri.falun',
    governance: 'styrgrupp.dalarna',
    agreementAdmin: 'avtal.dalarna',
    countyAdmin: 'admin.dalarna',
    logReviewer: 'logg.regiondalarna',
  },
  sormland: {
    staff: 'soc.eskilstuna',
    manager: 'chef.soc.eskilstuna',
    governance: 'bgp.sormland',
    agreementAdmin: 'avtal.sormland',
    countyAdmin: 'admin.sormland',
    logReviewer: 'logg.regionsormland',
  },
};
/** Logs in (POST /api/session) and has its password changed (POST /api/me/password): no other route uses it. */
export const spareAccount = 'nsph.varmland';
/** Answers the invitation the scan's SIP sends to its unit. */
export const invitedAccount = 'soc.karlstad';

type Call = (method: string, path: string, body?: unknown) => Promise<Json>;

export class Api {
  readonly tokens = new Map<string, string>();
  readonly base: string;
  readonly password: string;
  constructor(base: string, password: string) {
    this.base = base;
    this.password = password;
  }

  async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const res = await this.raw('POST', '/api/session', undefined, { username, password: this.password });
    const token = (res as { token: string }).token;
    this.tokens.set(username, token);
    return token;
  }

  as(username: string): Call {
    return async (method, path, body) => this.raw(method, path, await this.token(username), body);
  }

  private async raw(method: string, path: string, token: string | undefined, body?: unknown): Promise<Json> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as Json) : null;
  }
}

/** Ids the path parameters are filled with, and values the bodies need (units, bodies, form answers). */
export type World = {
  varmland: Record<string, Json>;
  dalarna: Record<string, Json>;
  sormland: Record<string, Json>;
  /** Usernames the scan logs in with: their accounts are never the object of an admin route. */
  used: Set<string>;
};

// biome-ignore lint/suspicious/noExplicitAny: API answers are read field by field
type Any = any;
const first = <T>(list: T[] | undefined, what: string): T => {
  if (!list?.length) throw new Error(`the demo data has no ${what}`);
  return list[0]!;
};

export async function prepareWorld(api: Api, used: Set<string>): Promise<World> {
  return {
    varmland: {
      ...(await varmlandCases(api)),
      ...(await varmlandAgreements(api)),
      ...(await varmlandAdmin(api, used)),
    },
    dalarna: await dalarnaProject(api),
    sormland: await sormlandInventory(api),
    used,
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/** A SIP convened by Värmland's psychiatry; with consent and an invitation to Karlstad's social services. */
async function newSip(api: Api, consented: boolean): Promise<Record<string, Json>> {
  const staff = api.as(accounts.varmland.staff);
  const invited = (await api.as(invitedAccount)('GET', '/api/me')) as Any;
  const sip = (await staff('POST', '/api/sips', {
    person: { personalIdentityNumber: '19121212-1212', name: 'Tolvan Tolvansson' },
    reason: 'Behöver samordnade insatser (granskning).',
  })) as Any;
  if (!consented) return { sipId: sip.id, unitId: invited.unit.id };
  await staff('POST', `/api/sips/${sip.id}/consent`, {
    givenAt: today(),
    form: 'written',
    principalIds: ['region-17', 'municipality-1780'],
    relativesMayTakePart: false,
  });
  const invitation = (await staff('POST', `/api/sips/${sip.id}/invitations`, {
    unitId: invited.unit.id,
    meetingAt: `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T10:00:00+01:00`,
  })) as Any;
  return { sipId: sip.id, invitationId: invitation.id, unitId: invited.unit.id };
}

/** A deviation reported by Värmland's psychiatry about Karlstad; escalated to the county's body if asked. */
async function newDeviation(api: Api, escalated: boolean) {
  const staff = api.as(accounts.varmland.staff);
  const deviation = (await staff('POST', '/api/deviations', {
    title: 'Kallelse besvarades inte',
    description: 'Kallelsen till SIP-mötet besvarades inte i tid.',
    category: 'unansweredInvitation',
    concernedPrincipalIds: ['municipality-1780'],
    occurredOn: today(),
  })) as Any;
  if (escalated) await staff('POST', `/api/deviations/${deviation.id}/escalation`, { reason: 'Inget svar.' });
  return { deviationId: deviation.id };
}

async function newDispute(api: Api) {
  const dispute = (await api.as(accounts.varmland.manager)('POST', '/api/disputes', {
    kind: 'interpretation',
    category: 'interpretation',
    title: 'Tolkning av avsnittet om tvister',
    description: 'Parterna läser avsnittet om tvister olika.',
    counterpartPrincipalIds: ['region-17'],
  })) as Any;
  return { disputeId: dispute.id };
}

async function varmlandCases(api: Api) {
  return { ...(await newSip(api, true)), ...(await newDeviation(api, false)), ...(await newDispute(api)) };
}

/**
 * Objects of its own for a route that changes a SIP, deviation or dispute. sqlmap sends such a route hundreds
 * of requests, each one adding an invitation, an answer or a statement; on a shared object every later route's
 * answers would grow with them (and slow the scan down), and a closure would close it for the routes after.
 */
export async function objectsOfItsOwn(api: Api, method: string, url: string): Promise<Record<string, Json>> {
  if (method === 'GET') return {};
  if (url === '/api/sips/:id/consent') return newSip(api, false);
  if (url.startsWith('/api/sips/:id') || url.startsWith('/api/invitations/:id')) return newSip(api, true);
  if (url.startsWith('/api/deviations/:id')) return newDeviation(api, url.endsWith('/decision'));
  if (url.startsWith('/api/disputes/:id')) return newDispute(api);
  return {};
}

/** The county agreement, its current version and a new draft, a section; an action plan; an indicator. */
async function varmlandAgreements(api: Api) {
  const admin = api.as(accounts.varmland.agreementAdmin);
  const agreements = (await admin('GET', '/api/agreements?countyCode=17')) as Any[];
  const agreement = first(
    agreements.filter((a) => a.kind === 'county'),
    'county agreement in Värmland',
  );
  const detail = (await admin('GET', `/api/agreements/${agreement.id}`)) as Any;
  // A draft to edit: the one under work, or a new one.
  const draft = detail.pendingVersion
    ? detail
    : ((await admin('POST', `/api/agreements/${agreement.id}/versions`, {})) as Any);
  const plan = first((await admin('GET', '/api/action-plans')) as Any[], 'action plan in Värmland');
  const planDetail = (await admin('GET', `/api/action-plans/${plan.id}`)) as Any;
  const indicators = ((await admin('GET', '/api/followup/indicators')) as Any).indicators as Any[];
  const manual = indicators.find((i) => i.source !== 'computed') ?? first(indicators, 'indicator');
  return {
    agreementId: agreement.id,
    currentVersion: detail.currentVersion.number,
    draftVersion: draft.pendingVersion.number,
    sectionKey: first(detail.sections as Any[], 'agreement section').key,
    actionPlanId: plan.id,
    actionId: first(planDetail.actions as Any[], 'action').id,
    indicatorId: manual.id,
    bodyId: plan.ownerBodyId,
  };
}

/** Objects of the county administrator's routes that are none of the scan's own accounts or units. */
async function varmlandAdmin(api: Api, used: Set<string>) {
  const admin = api.as(accounts.varmland.countyAdmin);
  const { accounts: list } = (await admin('GET', '/api/admin/accounts')) as Any;
  const other = first(
    (list as Any[]).filter(
      (a) => !used.has(a.username) && a.username !== spareAccount && a.username !== invitedAccount,
    ),
    'spare account',
  );
  const usedUnits = new Set((list as Any[]).filter((a) => used.has(a.username)).map((a) => a.unitId));
  const units = (await admin('GET', '/api/admin/units')) as Any[];
  const unit = first(
    units.filter((u) => !usedUnits.has(u.id) && u.id !== other.unitId && u.active),
    'spare unit',
  );
  const bodies = (await admin('GET', '/api/admin/governance-bodies')) as Any[];
  const body = first(bodies, 'governance body');
  const member = (body.members as Any[]).find((m) => m.userId) ?? { userId: other.id };
  const categories = (await admin('GET', '/api/admin/categories/deviation')) as Any[];
  const levels = (await admin('GET', '/api/admin/ladders/deviation')) as Any[];
  return {
    adminAccountId: other.id,
    adminUnitId: unit.id,
    adminBodyId: body.id,
    memberUserId: member.userId,
    categoryKey: first(categories, 'category').key,
    ladderLevel: Math.max(...levels.map((l) => l.level as number)),
  };
}

/** Dalarna's revision project, with a change request made for the scan. */
async function dalarnaProject(api: Api) {
  const admin = api.as(accounts.dalarna.agreementAdmin);
  const project = first((await admin('GET', '/api/revision-projects')) as Any[], 'revision project');
  const detail = (await admin('GET', `/api/revision-projects/${project.id}`)) as Any;
  const sectionKey = first(detail.directive.sections as Any[], 'directive section').key;
  const request = (await admin('POST', `/api/revision-projects/${project.id}/change-requests`, {
    sectionKey,
    title: 'Förtydliga bakgrunden',
    proposedText: 'Ny text för bakgrunden.',
    reason: 'Granskning',
  })) as Any;
  const changeRequests = (request.changeRequests as Any[] | undefined) ?? [request];
  return {
    projectId: project.id,
    directiveVersion: detail.directive.number,
    sectionKey,
    phaseId: first(detail.phases as Any[], 'phase').id,
    deliverableId: first(detail.deliverables as Any[], 'deliverable').id,
    changeRequestId: first(changeRequests, 'change request').id,
  };
}

/** A new needs inventory round in Södermanland, collecting, with one record by Eskilstuna's social services. */
async function sormlandInventory(api: Api) {
  const admin = api.as(accounts.sormland.agreementAdmin);
  const staff = api.as(accounts.sormland.staff);
  const me = (await staff('GET', '/api/me')) as Any;
  const reported = first((await admin('GET', '/api/needs-inventories')) as Any[], 'needs inventory');
  const old = (await admin('GET', `/api/needs-inventories/${reported.id}`)) as Any;
  const round = (await admin('POST', '/api/needs-inventories', {
    title: 'Behovsinventering (granskning)',
    periodStart: today(),
    periodEnd: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    formId: old.formId,
    coordinatorBodyId: old.coordinatorBodyId,
    unitIds: [me.unit.id],
    instructions: 'Registrera varje person i målgruppen.',
  })) as Any;
  await admin('POST', `/api/needs-inventories/${round.id}/status`, { status: 'collecting' });
  const q = old.form.questions;
  const answers = {
    municipalityCode: '0484',
    ageBand: q.ageBands[1]?.key ?? q.ageBands[0].key,
    gender: q.genders[0].key,
    housing: q.housing[0].key,
    occupation: q.occupation[0].key,
    contacts: [q.contacts[0].key],
    // Every life area needs an answer; 'none' is one of needLevels (needs-inventory/schema.ts).
    needs: Object.fromEntries((q.lifeAreas as Any[]).map((a) => [a.key, 'none'])),
  };
  const record = (await staff('POST', `/api/needs-inventories/${round.id}/records`, answers)) as Any;
  return {
    inventoryId: round.id,
    recordId: record.id ?? first(record.records as Any[], 'record').id,
    formId: old.formId,
    coordinatorBodyId: old.coordinatorBodyId,
    unitId: me.unit.id,
    ...answers,
  };
}
