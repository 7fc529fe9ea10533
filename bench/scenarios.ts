import { isoDate } from '../src/platform/clock.ts';
import type { AccessLogSeedSummary } from './seed-access-log.ts';
import { benchBody, type MemberSession } from './seed-deviations.ts';
import {
  type BenchSession,
  type BenchUnitKey,
  benchPassword,
  day,
  identityNumbers,
  type MixedDaySeed,
  mulberry32,
} from './seed-sips.ts';

export type Request = {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * A request that must differ each time it is sent (a new person's SIP, an invitation answered once): called
   * before each send, its answer replaces the request's fields. The preflight sends one too.
   */
  next?: () => Omit<Request, 'next'>;
};

/** Issue 27's aims: the rate at least `ratio` × the baseline's in the same run, p95 under `p95` ms. */
export type Aim = { ratio?: number; p95?: number };

export type Scenario = Request & {
  name: string;
  /**
   * One request sequence per simulated user: connection i loops over perConnection[i % n] instead of sending
   * the request above (which then only names the route in messages).
   */
  perConnection?: Request[][];
  /** What the preflight sends before timing; the request above when unset. */
  preflight?: Request[];
  /** Fewer connections than the run's, for a route too heavy to queue 50 requests at; named in `name`. */
  connections?: number;
  /**
   * Requests a second, sent at an even pace however long the answers take (an open load, like users who do
   * not wait for each other), instead of connections sending back to back; named in `name`. The latency
   * then is what one user sees at that load, not a queue's length.
   */
  rate?: number;
  /** What the issue aims at for this scenario, shown beside its figures. */
  aim?: Aim;
};

// Demo accounts, loaded into every benchmark database (see src/demo/load-demo.ts).
const apiUser = { username: 'psykiatri.karlstad', password: 'demo-2026' };
const webUser = { username: 'soc.karlstad', password: 'demo-2026' };
const loginBody = JSON.stringify(apiUser);
const json = { 'content-type': 'application/json' };

/** Issue 27's aims, per kind of scenario. */
export const aims = {
  me: { ratio: 0.5 },
  sipApi: { ratio: 0.3, p95: 50 },
  sipPage: { ratio: 0.15 },
  list: { ratio: 0.1, p95: 100 },
  reviewerSearch: { p95: 200 },
  mixedDay: { ratio: 0.1, p95: 100 },
} satisfies Record<string, Aim>;

/** What the national scenarios need from the county-scale ones: who reads which SIPs and deviations. */
export type Readers = { sip: SipReaders; deviationPages: Request[][] };

/**
 * The scenarios in run order; the first, a trivial route, is the baseline the others are compared with. Also the
 * readers the national scenarios (nationalScenarios, after the national seed) take their users and SIPs from.
 */
export async function buildScenarios(
  url: string,
  sessions: BenchSession[],
  members: MemberSession[],
  discharge: { webToken: string },
  mixed: MixedDaySeed,
): Promise<{ scenarios: Scenario[]; readers: Readers }> {
  const token = await apiToken(url);
  const session = await webSession(url);
  const sip = await sipReaders(url, sessions);
  const deviations = await deviationScenarios(url, members);
  const scenarios: Scenario[] = [
    { name: 'baseline', method: 'GET', path: '/health', headers: {} },
    // Each request hashes the password with scrypt on purpose (slow by design); see docs/decisions/0003.
    { name: 'login', method: 'POST', path: '/api/session', headers: json, body: loginBody },
    {
      name: 'me',
      method: 'GET',
      path: '/api/me',
      headers: { authorization: `Bearer ${token}` },
      aim: aims.me,
    },
    {
      name: 'organisations page',
      method: 'GET',
      path: '/organisationer',
      headers: { cookie: `somlos_session=${session}` },
    },
    ...sipScenarios(sip, ''),
    ...deviations.scenarios,
    ...dischargeScenarios(discharge),
    mixedDay({ sip, deviationPages: deviations.pages }, mixed, ''),
    ...dashboardScenarios(sessions),
  ];
  return { scenarios, readers: { sip, deviationPages: deviations.pages } };
}

/** The discharge board's connections: each request counts the paid days of a page of 50 stays. */
const dischargeConnections = 10;

/**
 * The county's discharge board (issue 25) as the region's inpatient unit, which sent all 300 current stays of
 * bench/seed-discharge.ts: the first page (the longest ready first) and the third, each counting every listed
 * stay's paid days from the payment rules.
 */
function dischargeScenarios(discharge: { webToken: string }): Scenario[] {
  const headers = { cookie: `somlos_session=${discharge.webToken}` };
  return [
    {
      name: `discharge board, 300 current stays (${dischargeConnections} connections)`,
      method: 'GET',
      path: '/utskrivning',
      headers,
      connections: dischargeConnections,
    },
    {
      name: `discharge board, page 3 (${dischargeConnections} connections)`,
      method: 'GET',
      path: '/utskrivning?sida=3',
      headers,
      connections: dischargeConnections,
    },
  ];
}

export const dashboardPath = '/uppfoljning/indikatorer';
/** The dashboard's pace for the open-load variant, as for the deviation list. */
export const dashboardRate = 10;

/**
 * The follow-up dashboard of Värmland (issue 7), as the 50 SIP bench users (half in the region, half in
 * Karlstads kommun, so two viewer classes of suppression): the county's page, and the region's own.
 */
function dashboardScenarios(sessions: BenchSession[]): Scenario[] {
  const get = (path: string, s: BenchSession): Request => ({
    method: 'GET',
    path,
    headers: { cookie: `somlos_session=${s.webToken}` },
  });
  const scenario = (name: string, path: string, extra: Partial<Scenario> = {}): Scenario => {
    const perConnection = sessions.map((s) => [get(path, s)]);
    return {
      name,
      ...perConnection[0]![0]!,
      perConnection,
      preflight: perConnection.slice(0, 2).flat(),
      ...extra,
    };
  };
  return [
    scenario('county dashboard (Värmland)', dashboardPath),
    scenario(`county dashboard at ${dashboardRate} req/s`, dashboardPath, { rate: dashboardRate }),
    scenario('principal dashboard (Region Värmland)', `${dashboardPath}?huvudman=region-17`),
  ];
}

/**
 * One request to the dashboard before anything has cached it (a new figures version): what the first viewer
 * after a refresh waits, reading the figures, suppressing and drawing 14 charts. Milliseconds, and the page's size.
 */
export async function coldDashboard(url: string, session: BenchSession): Promise<{ ms: number; kb: number }> {
  const started = performance.now();
  const res = await fetch(url + dashboardPath, { headers: { cookie: `somlos_session=${session.webToken}` } });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${dashboardPath} answered ${res.status}`);
  return { ms: performance.now() - started, kb: body.byteLength / 1024 };
}

const bodyListPath = '/avvikelser?status=alla';
/** The deviation list's pace for the open-load variant, well below what the server manages back to back. */
export const deviationListRate = 10;

/**
 * The deviation scenarios over the seeded deviations (bench/seed-deviations.ts), as members of Beredningsgruppen
 * Nya perspektiv, each connection one of the 50 bench members with a session of its own: the body's list of
 * every deviation that has reached it (status "Alla", 25 a page), a few pages further, and deviation pages.
 */
async function deviationScenarios(
  url: string,
  members: MemberSession[],
): Promise<{ scenarios: Scenario[]; pages: Request[][] }> {
  const users = members.map((m) => ({ ...m, web: { cookie: `somlos_session=${m.webToken}` } }));
  const pagePath = (n: number) => (n === 1 ? bodyListPath : `${bodyListPath}&sida=${n}`);

  // The deviations the list links: every member sees the same list, so one member's pages serve all. The first
  // five pages, and some further back, so older deviations (decided, with longer histories) come too.
  const linked = async (n: number) => {
    const res = await fetch(url + pagePath(n), { headers: users[0]!.web, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`GET ${pagePath(n)} answered ${res.status}`);
    return [...(await res.text()).matchAll(/href="\/avvikelser\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  };
  const ids = [...new Set((await Promise.all([1, 2, 3, 4, 5, 20, 60, 120].map(linked))).flat())];
  if (ids.length < 100) throw new Error(`the body's deviation list links only ${ids.length} deviations`);
  // Ten deviations per member, spread over the list and shifted per member, so members read different ones.
  const step = Math.floor(ids.length / 10);
  const pages = users.map((u, i) =>
    Array.from({ length: 10 }, (_, j) => get(`/avvikelser/${ids[(i * 3 + j * step) % ids.length]}`, u.web)),
  );
  const first = users.map((u) => [get(pagePath(1), u.web)]);
  const further = users.map((u) => [2, 3, 4, 5].map((n) => get(pagePath(n), u.web)));
  const scenario = (name: string, perConnection: Request[][], extra: Partial<Scenario> = {}): Scenario => ({
    name,
    ...perConnection[0]![0]!,
    perConnection,
    // Every request of one member, and every other member's session once.
    preflight: [...perConnection[0]!, ...perConnection.slice(1).map((p) => p[0]!)],
    ...extra,
  });
  const scenarios = [
    scenario('deviation list page (body)', first, { aim: aims.list }),
    scenario('deviation list page 2–5 (body)', further),
    scenario(`deviation list page (body) at ${deviationListRate} req/s`, first, { rate: deviationListRate }),
    scenario('deviation page (body)', pages),
  ];
  return { scenarios, pages };
}

/**
 * How many deviations the demo member of the body finds in its list (status "Alla"), read off the page's
 * summary after a login through the form: the figure the closing notes quote.
 */
export async function bodyListTotal(url: string, password = benchPassword): Promise<number> {
  const session = await webSession(url, benchBody.demoUser, password);
  const res = await fetch(url + bodyListPath, { headers: { cookie: `somlos_session=${session}` } });
  const html = await res.text();
  const total = html.match(/av (\d+) avvikelser/)?.[1];
  if (res.status !== 200 || !total) throw new Error(`GET ${bodyListPath} as ${benchBody.demoUser}: no total`);
  return Number(total);
}

type SipUser = BenchSession & { web: Record<string, string>; api: Record<string, string> };
/** The 50 bench users with their headers, and the SIPs each may read (up to ten, its list's, shifted per user). */
export type SipReaders = { users: SipUser[]; sipsOf: (user: SipUser, i: number) => string[] };

/**
 * The SIP readers over the seeded SIPs (bench/seed-sips.ts): every connection is one of the 50 bench users, with
 * a session of its own, half in the region's psychiatry in Karlstad and half in Karlstad's social services.
 */
async function sipReaders(url: string, sessions: BenchSession[]): Promise<SipReaders> {
  // The seed opened the sessions; one login through the form shows the bench accounts' password works too.
  await webSession(url, sessions[0]!.username, benchPassword);
  const users = sessions.map((u) => ({
    ...u,
    web: { cookie: `somlos_session=${u.webToken}` },
    api: { authorization: `Bearer ${u.apiToken}` },
  }));

  // The SIPs each unit sees, as its list pages link them: the first page and a few further back, so older SIPs
  // with follow-ups come too.
  const listPage = async (headers: Record<string, string>, page: number) => {
    const path = page === 1 ? '/sip' : `/sip?sida=${page}`;
    const res = await fetch(url + path, { headers, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return res.text();
  };
  const linkedSips = (html: string) => [...html.matchAll(/href="\/sip\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const sipIds = new Map<BenchUnitKey, string[]>();
  for (const u of users) {
    if (sipIds.has(u.unit)) continue;
    const pages = await Promise.all([1, 4, 8, 16].map((n) => listPage(u.web, n)));
    const ids = [...new Set(pages.flatMap(linkedSips))];
    if (ids.length === 0) throw new Error(`the SIP list of ${u.username} links no SIP; did the seed run?`);
    sipIds.set(u.unit, ids);
  }
  // Up to ten SIPs per user, spread over the unit's list and shifted per user, so users read different ones.
  const sipsOf = (user: SipUser, i: number) => {
    const ids = sipIds.get(user.unit)!;
    const count = Math.min(10, ids.length);
    const step = Math.floor(ids.length / count);
    return Array.from({ length: count }, (_, j) => ids[(i * 3 + j * step) % ids.length]!);
  };
  return { users, sipsOf };
}

const get = (path: string, headers: Record<string, string>): Request => ({ method: 'GET', path, headers });

/**
 * The SIP scenarios: the list page (and its second page), a SIP's page, one SIP through the API and the API's list
 * (100 a page), each connection one bench user. `suffix` names the scale in the scenario's name.
 */
function sipScenarios({ users, sipsOf }: SipReaders, suffix: string): Scenario[] {
  const list = (name: string, path: string, aim?: Aim): Scenario => {
    const perConnection = users.map((u) => [get(path, u.web)]);
    // One user of each unit; the SIP page's preflight below tries every session.
    return {
      name: name + suffix,
      ...perConnection[0]![0]!,
      perConnection,
      preflight: perConnection.slice(0, 2).flat(),
      ...(aim && { aim }),
    };
  };
  const reads = (name: string, perConnection: Request[][], aim: Aim): Scenario => ({
    name: name + suffix,
    ...perConnection[0]![0]!,
    perConnection,
    preflight: [...perConnection.slice(0, 2).flat(), ...perConnection.slice(2).map((p) => p[0]!)],
    aim,
  });
  const pages = users.map((u, i) => sipsOf(u, i).map((id) => get(`/sip/${id}`, u.web)));
  const apiReads = users.map((u, i) => sipsOf(u, i).map((id) => get(`/api/sips/${id}`, u.api)));
  const api = users.map((u) => [get('/api/sips', u.api)]);
  return [
    list('SIP list page', '/sip', aims.list),
    list('SIP list page 2', '/sip?sida=2'),
    reads('SIP page', pages, aims.sipPage),
    reads('GET /api/sips/{id}', apiReads, aims.sipApi),
    {
      // Paged (100 SIPs with all they hold, some 250 kB, a page), so it runs at the full 50 connections now.
      name: `SIP list API (100 a page)${suffix}`,
      ...api[0]![0]!,
      perConnection: api,
      // The first page for one user per unit; every token is tried on a cheap route.
      preflight: [...api.slice(0, 2).flat(), ...users.map((u) => get('/api/me', u.api))],
    },
  ];
}

/**
 * After the national seed (100 000 more SIPs with their consents and invitations, and the access log grown to
 * millions of rows): the same SIP scenarios, the log reviewer's search of one person, and a mixed day.
 */
export function nationalScenarios(
  readers: Readers,
  log: AccessLogSeedSummary,
  mixed: MixedDaySeed,
): Scenario[] {
  const suffix = ' (national)';
  const searches = log.tokens.map((token, i) => [
    {
      method: 'POST' as const,
      path: '/api/access-log/search',
      headers: { ...json, authorization: `Bearer ${token}` },
      body: JSON.stringify({ personalIdentityNumber: log.persons[i % log.persons.length]!.pin }),
    },
  ]);
  return [
    ...sipScenarios(readers.sip, suffix).filter((s) => !s.name.startsWith('SIP list page 2')),
    {
      name: `log reviewer's search of one person (${millions(log.total)} log rows)`,
      ...searches[0]![0]!,
      perConnection: searches,
      preflight: searches.slice(0, 2).flat(),
      aim: aims.reviewerSearch,
    },
    mixedDay(readers, mixed, suffix),
  ];
}

const millions = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n.toLocaleString('sv-SE'));

type Used = {
  pins: string[];
  started: number;
  answered: Record<BenchUnitKey, number>;
  planned: Record<BenchUnitKey, number>;
};
const usedBySeed = new WeakMap<MixedDaySeed, Used>();
function usedOf(seed: MixedDaySeed): Used {
  let used = usedBySeed.get(seed);
  if (!used) {
    used = {
      pins: identityNumbers(20_000, mulberry32(27)),
      started: 0,
      answered: { psychiatry: 0, social: 0 },
      planned: { psychiatry: 0, social: 0 },
    };
    usedBySeed.set(seed, used);
  }
  return used;
}

/**
 * A mixed day: each connection a bench user (and a member of the body) sending twenty requests in turn: 14 reads
 * (six SIP pages, four SIPs through the API, four deviation pages), 4 lists (the SIP list, its second page, the
 * API's SIP list, the body's deviation list) and 2 writes, by turns a SIP started (a new person), a plan saved
 * again (a new version of a plan the unit convenes) and an invitation answered (a later meeting of a SIP the unit
 * takes part in). 70 % reads, 20 % lists, 10 % writes.
 */
function mixedDay({ sip, deviationPages }: Readers, seed: MixedDaySeed, suffix: string): Scenario {
  // Shared by every mixed day of the run (county, then national), so no invitation is answered twice.
  const used = usedOf(seed);
  const { pins, answered, planned } = used;
  const followUpOn = isoDate(new Date(Date.now() + 200 * day));
  const apiJson = (u: SipUser) => ({ ...u.api, ...json });
  const writes = (u: SipUser, i: number): Request[] => {
    const start: Request = {
      method: 'POST',
      path: '/api/sips',
      headers: apiJson(u),
      next: () => {
        const n = used.started++;
        return {
          method: 'POST',
          path: '/api/sips',
          headers: apiJson(u),
          body: JSON.stringify({
            person: { personalIdentityNumber: pins[n % pins.length], name: `Dagens person ${n}` },
            reason: 'Behöver samordnade insatser kring boende och sysselsättning.',
          }),
        };
      },
    };
    const plan: Request = {
      method: 'PUT',
      path: '/api/sips/…/plan',
      headers: apiJson(u),
      next: () => {
        const ids = seed.planSips[u.unit];
        const id = ids[planned[u.unit]++ % ids.length]!;
        const unitId = seed.unitIds[u.unit];
        return {
          method: 'PUT',
          path: `/api/sips/${id}/plan`,
          headers: apiJson(u),
          body: JSON.stringify({
            interventions: [{ description: 'Boendestöd två gånger i veckan', responsibleUnitId: unitId }],
            overallResponsibility: { unitId },
            goals: ['Ett eget boende med stöd'],
            personsOwnWords: 'Jag vill klara mig själv i min lägenhet.',
            followUpOn,
            childrenConsidered: null,
          }),
        };
      },
    };
    const answer: Request = {
      method: 'POST',
      path: '/api/invitations/…/answer',
      headers: apiJson(u),
      next: () => {
        const id = seed.spareInvitations[u.unit][answered[u.unit]++];
        // Should the spare invitations run out, a read instead: never the same invitation answered twice.
        if (!id) return get(`/api/sips/${sip.sipsOf(u, i)[0]}`, u.api);
        return {
          method: 'POST',
          path: `/api/invitations/${id}/answer`,
          headers: apiJson(u),
          body: JSON.stringify({ accepted: true }),
        };
      },
    };
    const kinds = [start, plan, answer];
    return [kinds[(2 * i) % 3]!, kinds[(2 * i + 1) % 3]!];
  };
  const perConnection = sip.users.map((u, i) => {
    const sips = sip.sipsOf(u, i);
    const page = (j: number) => get(`/sip/${sips[j % sips.length]}`, u.web);
    const apiRead = (j: number) => get(`/api/sips/${sips[(j + 5) % sips.length]}`, u.api);
    const devs = deviationPages[i % deviationPages.length]!;
    const dev = (j: number) => devs[j % devs.length]!;
    const member = devs[0]!.headers;
    const [w1, w2] = writes(u, i);
    return [
      page(0),
      apiRead(0),
      get('/sip', u.web),
      dev(0),
      page(1),
      w1!,
      apiRead(1),
      page(2),
      dev(1),
      get(bodyListPath, member),
      page(3),
      apiRead(2),
      dev(2),
      get('/api/sips', u.api),
      page(4),
      w2!,
      apiRead(3),
      dev(3),
      get('/sip?sida=2', u.web),
      page(5),
    ];
  });
  return {
    name: `mixed day: 70 % reads, 20 % lists, 10 % writes${suffix}`,
    ...perConnection[0]![0]!,
    perConnection,
    // One whole day of one user (both of its writes), and one of each other kind of write.
    preflight: [...perConnection[0]!, ...perConnection[1]!.filter((r) => r.next)],
    aim: aims.mixedDay,
  };
}

/**
 * Sends the scenario's requests as the benchmark will; anything but 200 (201 for a write; a redirect to login
 * stops it too) stops the run.
 */
export async function preflight(url: string, scenario: Scenario): Promise<void> {
  for (const request of scenario.preflight ?? [scenario]) {
    const { method, path, headers, body } = request.next ? request.next() : request;
    const res = await fetch(url + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    // A write answers 201 (a SIP started); a redirect or any error stops the run.
    if (res.status !== 200 && !(method !== 'GET' && res.status === 201)) {
      throw new Error(`${scenario.name}: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    }
  }
}

/** A bearer token for the API, as a client gets one: POST /api/session. */
async function apiToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: json, body: loginBody });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || !body.token) throw new Error(`POST /api/session answered ${res.status}`);
  return body.token;
}

/** A web session token, got through the login form as a browser would (CSRF cookie and hidden field). */
async function webSession(
  url: string,
  username = webUser.username,
  password = webUser.password,
): Promise<string> {
  const form = await fetch(`${url}/logga-in`);
  const html = await form.text();
  const csrfCookie = cookieValue(form, 'somlos_csrf');
  const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrfCookie || !csrf) throw new Error(`GET /logga-in gave no CSRF cookie or field (${form.status})`);

  const res = await fetch(`${url}/logga-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `somlos_csrf=${csrfCookie}` },
    body: new URLSearchParams({ username, password, _csrf: csrf, next: '/' }).toString(),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  const session = cookieValue(res, 'somlos_session');
  if (res.status !== 303 || !session)
    throw new Error(`POST /logga-in as ${username} answered ${res.status} without a session`);
  return session;
}

function cookieValue(res: Response, name: string): string | undefined {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return cookie?.slice(name.length + 1).split(';')[0];
}
