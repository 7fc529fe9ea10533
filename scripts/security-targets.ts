// Writes sqlmap's targets for `npm run security` (scripts/security.sh): one request file per /api route of the
// app's own route table (app.routeTable), every path parameter, query parameter and JSON string or number
// marked with `*`, filled with real ids from the running demo server and examples that pass the route's Zod
// schema, sent with the Bearer token of a demo account that holds the route's role.
//
//   node scripts/security-targets.ts http://127.0.0.1:PORT OUT_DIR
//
// OUT_DIR gets NNN.req (for sqlmap -r), NNN.curl and NNN.json (the same request without marks, which the
// script sends first to record where the unchanged request ends: 2xx, 404, 409 …), targets.tsv (id, phase,
// method, route, account, marked parameters, notes) and skipped.tsv (routes with nothing to test, and why).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { demoPassword } from '../src/demo/load-demo.ts';
import type { Role } from '../src/modules/organisations/schema.ts';
import { wallClock } from '../src/platform/clock.ts';
import type { RouteEntry } from '../src/platform/http/guard.ts';
import {
  example,
  type Hints,
  type Json,
  type JsonSchema,
  jsonSchemaOf,
  markedJson,
  marker,
  validationIssue,
} from './security-examples.ts';
import {
  Api,
  accounts,
  type County,
  countyCodes,
  invitedAccount,
  objectsOfItsOwn,
  prepareWorld,
  spareAccount,
  type World,
} from './security-world.ts';

type Target = {
  id: string;
  phase: number;
  route: RouteEntry;
  account: string | null;
  path: string;
  markedPath: string;
  query: string;
  markedQuery: string;
  body: Json | undefined;
  marks: string[];
  notes: string[];
};

/** Routes with nothing sqlmap could inject into, or that would end the scan's own session. */
const skipped: Record<string, string> = {
  // Ends the very session the scan is using (its token stops working), and has no parameters.
  'DELETE /api/session': 'ends the scan’s own session; no parameters',
};

/** Who calls a route: the county whose demo data it needs, the account's role, or a named account. */
const accountOverrides: Record<string, string> = {
  'POST /api/invitations/:id/answer': invitedAccount,
  // A dedicated account, given a wrong current password on purpose (see hints): sqlmap's payloads in
  // newPassword would otherwise be valid new passwords and change it at every request.
  'POST /api/me/password': spareAccount,
  // The dispute's opener (a party) sees it; a staff member of the counterpart does not.
  'GET /api/disputes/:id': accounts.varmland.manager,
  'POST /api/disputes/:id/statements': accounts.varmland.manager,
  'POST /api/disputes/:id/escalation': accounts.varmland.manager,
};
const countyOf = (url: string): County =>
  url.startsWith('/api/revision-projects')
    ? 'dalarna'
    : url.startsWith('/api/needs-inventor')
      ? 'sormland'
      : 'varmland';

function accountFor(route: RouteEntry): string | null {
  const key = `${route.method} ${route.url}`;
  if (accountOverrides[key]) return accountOverrides[key];
  // The person's own routes are pages, never under /api (guard.ts); sqlmap is given API routes only.
  if (route.access === 'public' || route.access === 'person') return null;
  const role: Role = route.access === 'authenticated' ? 'staff' : route.access[0]!;
  return accounts[countyOf(route.url)][role];
}

// The order sqlmap takes the routes in: reads, then changes, then the changes that end an object's life (a
// closure, a decision), then deletions, so that an early route does not close what a later one needs.
const ending = /\/(closure|withdrawal|deactivation|decision|status|notice|done|consultation|adoptions)$/;
const phaseOf = (r: RouteEntry) =>
  r.method === 'GET' ? 1 : r.method === 'DELETE' ? 4 : ending.test(r.url) ? 3 : 2;

/** Real ids for path parameters, by "<first segment>/<segment before>/:<name>". */
const pathIds: Record<string, (w: World, method: string) => Json | undefined> = {
  'sips/sips/:id': (w) => w.varmland.sipId,
  'invitations/invitations/:id': (w) => w.varmland.invitationId,
  'deviations/deviations/:id': (w) => w.varmland.deviationId,
  'disputes/disputes/:id': (w) => w.varmland.disputeId,
  'agreements/agreements/:id': (w) => w.varmland.agreementId,
  // Only a draft changes; reads take the version in force.
  'agreements/versions/:number': (w, m) =>
    m === 'GET' ? w.varmland.currentVersion : w.varmland.draftVersion,
  'agreements/sections/:key': (w) => w.varmland.sectionKey,
  'revision-projects/revision-projects/:id': (w) => w.dalarna.projectId,
  'revision-projects/versions/:number': (w) => w.dalarna.directiveVersion,
  'revision-projects/deliverables/:deliverableId': (w) => w.dalarna.deliverableId,
  'revision-projects/change-requests/:requestId': (w) => w.dalarna.changeRequestId,
  'followup/indicators/:id': (w) => w.varmland.indicatorId,
  'action-plans/action-plans/:id': (w) => w.varmland.actionPlanId,
  'action-plans/actions/:actionId': (w) => w.varmland.actionId,
  'needs-inventories/needs-inventories/:id': (w) => w.sormland.inventoryId,
  'needs-inventories/records/:recordId': (w) => w.sormland.recordId,
  // Never an account or unit the scan logs in with: deactivating or moving it would end the scan's sessions.
  'admin/units/:id': (w) => w.varmland.adminUnitId,
  'admin/accounts/:id': (w) => w.varmland.adminAccountId,
  'admin/governance-bodies/:id': (w) => w.varmland.adminBodyId,
  'admin/members/:userId': (w) => w.varmland.memberUserId,
  'admin/levels/:level': (w) => w.varmland.ladderLevel,
  'admin/:caseKind/:key': (w) => w.varmland.categoryKey,
};

/** Values for body and query fields by name; a route's own values first. */
function hintsFor(route: RouteEntry, w: World): Hints {
  const county = countyOf(route.url);
  const c = w[county];
  const own: Record<string, Record<string, Json>> = {
    'POST /api/session': { username: spareAccount, password: demoPassword },
    'POST /api/disputes': { kind: 'individualCase', category: 'costSharing', sipId: w.varmland.sipId! },
    'GET /api/disputes/precedents': { category: 'costSharing' },
    'GET /api/agreements/:id/comparison': { from: w.varmland.currentVersion!, to: w.varmland.draftVersion! },
  };
  const byName: Record<string, Json | undefined> = {
    personalIdentityNumber: '19121212-1212',
    username: 'granskning.sqlmap',
    email: 'granskning.sqlmap@demo.invalid',
    password: 'Lång lösenfras för granskningen 2026',
    newPassword: 'Lång lösenfras för granskningen 2026',
    currentPassword: 'inte det rätta lösenordet',
    countyCode: countyCodes[county],
    municipalityCode: county === 'sormland' ? '0484' : '1780',
    principalId: county === 'sormland' ? 'municipality-0484' : 'municipality-1780',
    principalIds: ['region-17', 'municipality-1780'],
    concernedPrincipalIds: ['municipality-1780'],
    counterpartPrincipalIds: ['region-17'],
    coversPrincipalIds: ['municipality-1780'],
    inviteePrincipalIds: ['municipality-1780'],
    unitId: c.unitId ?? w.varmland.unitId,
    responsibleUnitId: c.unitId ?? w.varmland.unitId,
    successorUnitId: w.varmland.unitId,
    unitIds: [c.unitId ?? w.varmland.unitId!],
    bodyId: c.bodyId ?? w.varmland.bodyId,
    coordinatorBodyId: c.coordinatorBodyId,
    formId: c.formId,
    sectionKey: c.sectionKey,
    parentKey: c.sectionKey,
    phaseId: c.phaseId,
    ageBand: c.ageBand,
    gender: c.gender,
    housing: c.housing,
    occupation: c.occupation,
    contacts: c.contacts,
    needs: c.needs,
    category: route.url.startsWith('/api/disputes') ? 'interpretation' : 'unansweredInvitation',
    period: '2025',
    roles: ['staff'],
    index: 0,
    csv: 'namn;e-post;användarnamn;enhet;roller\nEva Exempel;eva.exempel@demo.invalid;eva.exempel;Socialtjänst vuxen, Karlstad;staff',
  };
  const mine = own[`${route.method} ${route.url}`] ?? {};
  return (name) => (name in mine ? mine[name] : byName[name]);
}

function fillPath(route: RouteEntry, w: World, hints: Hints, notes: string[]) {
  const schema = jsonSchemaOf((route.schema as { params?: unknown })?.params);
  const segments = route.url.split('/');
  const values: Record<string, string> = {};
  const plain: string[] = [];
  const marked: string[] = [];
  const marks: string[] = [];
  segments.forEach((segment, i) => {
    if (!segment.startsWith(':')) {
      plain.push(segment);
      marked.push(segment);
      return;
    }
    const name = segment.slice(1);
    const property: JsonSchema = schema?.properties?.[name] ?? { type: 'string' };
    const key = `${segments[2]}/${segments[i - 1]}/${segment}`;
    let value = property.enum ? undefined : pathIds[key]?.(w, route.method);
    if (value === undefined) {
      if (!property.enum) notes.push(`no real id for ${segment}`);
      value = example(property, name, hints);
    }
    values[name] = String(value);
    plain.push(encodeURIComponent(String(value)));
    marked.push(`${encodeURIComponent(String(value))}${marker}`);
    marks.push(`path.${name}`);
  });
  const issue = validationIssue((route.schema as { params?: unknown })?.params, values);
  if (issue) notes.push(`params invalid: ${issue}`);
  return { path: plain.join('/'), markedPath: marked.join('/'), marks };
}

function fillQuery(route: RouteEntry, hints: Hints, notes: string[]) {
  const zod = (route.schema as { querystring?: unknown })?.querystring;
  const schema = jsonSchemaOf(zod);
  const entries = Object.entries(schema?.properties ?? {}).map(
    ([name, property]) => [name, String(example(property, name, hints))] as const,
  );
  const issue = validationIssue(zod, Object.fromEntries(entries));
  if (issue) notes.push(`query invalid: ${issue}`);
  const encode = (mark: string) =>
    entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}${mark}`).join('&');
  return { query: encode(''), markedQuery: encode(marker), marks: entries.map(([k]) => `query.${k}`) };
}

function fillBody(route: RouteEntry, hints: Hints, notes: string[]) {
  const zod = (route.schema as { body?: unknown })?.body;
  const schema = jsonSchemaOf(zod);
  if (!schema) return { body: undefined, marks: [] };
  const body = example(schema, 'body', hints);
  const issue = validationIssue(zod, body);
  if (issue) notes.push(`body invalid: ${issue}`);
  return { body, marks: markedJson(body).marks };
}

async function planTarget(api: Api, route: RouteEntry, shared: World): Promise<Omit<Target, 'id'>> {
  const notes: string[] = [];
  const own = await objectsOfItsOwn(api, route.method, route.url);
  const w: World = { ...shared, varmland: { ...shared.varmland, ...own } };
  const hints = hintsFor(route, w);
  const path = fillPath(route, w, hints, notes);
  const query = fillQuery(route, hints, notes);
  const body = fillBody(route, hints, notes);
  return {
    phase: phaseOf(route),
    route,
    account: accountFor(route),
    path: path.path,
    markedPath: path.markedPath,
    query: query.query,
    markedQuery: query.markedQuery,
    body: body.body,
    marks: [...path.marks, ...query.marks, ...body.marks],
    notes,
  };
}

function requestFile(t: Target, host: string, token: string | undefined): string {
  const url = t.markedQuery ? `${t.markedPath}?${t.markedQuery}` : t.markedPath;
  const lines = [`${t.route.method} ${url} HTTP/1.1`, `Host: ${host}`, 'Accept: application/json'];
  if (token) lines.push(`Authorization: Bearer ${token}`);
  if (t.body === undefined) return `${lines.join('\r\n')}\r\n\r\n`;
  lines.push('Content-Type: application/json');
  return `${lines.join('\r\n')}\r\n\r\n${markedJson(t.body).text}`;
}

function curlConfig(t: Target, base: string, token: string | undefined, bodyFile: string): string {
  const url = t.query ? `${t.path}?${t.query}` : t.path;
  const lines = [
    `url = "${base}${url}"`,
    `request = "${t.route.method}"`,
    'header = "Accept: application/json"',
  ];
  if (token) lines.push(`header = "Authorization: Bearer ${token}"`);
  if (t.body !== undefined)
    lines.push('header = "Content-Type: application/json"', `data-binary = "@${bodyFile}"`);
  return `${lines.join('\n')}\n`;
}

/** The real app's route table, read from an app built on a throw-away embedded database. */
async function readRouteTable(): Promise<RouteEntry[]> {
  const database = await openDatabase({ dataDir: ':memory:' });
  await database.migrate();
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: ':memory:' }),
    database,
    clock: wallClock,
  });
  await app.ready();
  const routes = app.routeTable.filter((r) => r.url.startsWith('/api/'));
  await app.close();
  await database.close();
  return routes;
}

async function main() {
  const [base, out] = process.argv.slice(2);
  if (!base || !out) throw new Error('usage: node scripts/security-targets.ts BASE_URL OUT_DIR');
  mkdirSync(out, { recursive: true });
  const routes = await readRouteTable();
  const api = new Api(base, demoPassword);
  const used = new Set(routes.map(accountFor).filter((a): a is string => a !== null));
  // Every token before any target runs: POST /api/session is itself a target, and its failures throttle.
  for (const username of [...used, spareAccount, invitedAccount]) await api.token(username);
  const world = await prepareWorld(api, used);

  const skips: string[] = [];
  const planned: Omit<Target, 'id'>[] = [];
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    if (skipped[key]) {
      skips.push(`${key}\t${skipped[key]}`);
      continue;
    }
    const t = await planTarget(api, route, world);
    if (t.marks.length === 0) skips.push(`${key}\tno parameters`);
    else planned.push(t);
  }
  // Within a phase the routes with most parameters first, so that the long ones do not start last.
  planned.sort((a, b) => a.phase - b.phase || b.marks.length - a.marks.length);
  const host = new URL(base).host;
  const rows = planned.map((p, i) => {
    const t: Target = { ...p, id: String(i + 1).padStart(3, '0') };
    const token = t.account ? api.tokens.get(t.account) : undefined;
    const bodyFile = join(out, `${t.id}.json`);
    writeFileSync(join(out, `${t.id}.req`), requestFile(t, host, token));
    writeFileSync(join(out, `${t.id}.curl`), curlConfig(t, base, token, bodyFile));
    if (t.body !== undefined) writeFileSync(bodyFile, JSON.stringify(t.body));
    const cells = [t.id, t.phase, t.route.method, t.route.url, t.account ?? '-', t.marks.join(',')];
    return [...cells, t.notes.join('; ') || '-'].join('\t');
  });
  writeFileSync(join(out, 'targets.tsv'), rows.map((r) => `${r}\n`).join(''));
  writeFileSync(join(out, 'skipped.tsv'), skips.map((r) => `${r}\n`).join(''));
  const marks = planned.reduce((n, t) => n + t.marks.length, 0);
  const invalid = planned.filter((t) => t.notes.some((n) => n.includes('invalid'))).length;
  console.log(
    `${routes.length} API routes in the route table: ${planned.length} with parameters (${marks} marked), ` +
      `${skips.length} without; ${invalid} with an example the schema refuses.`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
