import { benchBody, type MemberSession } from './seed-deviations.ts';
import { type BenchSession, type BenchUnitKey, benchPassword } from './seed-sips.ts';

export type Request = {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
};

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
};

// Demo accounts, loaded into every benchmark database (see src/demo/load-demo.ts).
const apiUser = { username: 'psykiatri.karlstad', password: 'demo-2026' };
const webUser = { username: 'soc.karlstad', password: 'demo-2026' };
const loginBody = JSON.stringify(apiUser);
const json = { 'content-type': 'application/json' };
const apiConnections = 5;

/** The scenarios in run order; the first, a trivial route, is the baseline the others are compared with. */
export async function buildScenarios(
  url: string,
  sessions: BenchSession[],
  members: MemberSession[],
  discharge: { webToken: string },
): Promise<Scenario[]> {
  const token = await apiToken(url);
  const session = await webSession(url);
  return [
    { name: 'baseline', method: 'GET', path: '/health', headers: {} },
    // Each request hashes the password with scrypt on purpose (slow by design); see docs/decisions/0003.
    { name: 'login', method: 'POST', path: '/api/session', headers: json, body: loginBody },
    { name: 'me', method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${token}` } },
    {
      name: 'organisations page',
      method: 'GET',
      path: '/organisationer',
      headers: { cookie: `somlos_session=${session}` },
    },
    ...(await sipScenarios(url, sessions)),
    ...(await deviationScenarios(url, members)),
    ...dischargeScenarios(discharge),
    ...dashboardScenarios(sessions),
  ];
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
async function deviationScenarios(url: string, members: MemberSession[]): Promise<Scenario[]> {
  const users = members.map((m) => ({ ...m, web: { cookie: `somlos_session=${m.webToken}` } }));
  const get = (path: string, headers: Record<string, string>): Request => ({ method: 'GET', path, headers });
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
  return [
    scenario('deviation list page (body)', first),
    scenario('deviation list page 2–5 (body)', further),
    scenario(`deviation list page (body) at ${deviationListRate} req/s`, first, { rate: deviationListRate }),
    scenario('deviation page (body)', pages),
  ];
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

/**
 * The SIP scenarios over the seeded SIPs (bench/seed-sips.ts): every connection is one of the 50 bench users,
 * with a session of its own, half in the region's psychiatry in Karlstad and half in Karlstad's social services.
 */
async function sipScenarios(url: string, sessions: BenchSession[]): Promise<Scenario[]> {
  // The seed opened the sessions; one login through the form shows the bench accounts' password works too.
  await webSession(url, sessions[0]!.username, benchPassword);
  const users = sessions.map((u) => ({
    ...u,
    web: { cookie: `somlos_session=${u.webToken}` },
    api: { authorization: `Bearer ${u.apiToken}` },
  }));
  const get = (path: string, headers: Record<string, string>): Request => ({ method: 'GET', path, headers });

  // The SIPs each unit sees, as its list pages link them: the first page, and (once the list is paged with
  // ?sida=N, the first page linking the second) a few further back, so older SIPs with follow-ups come too.
  const listPage = async (headers: Record<string, string>, page: number) => {
    const path = page === 1 ? '/sip' : `/sip?sida=${page}`;
    const res = await fetch(url + path, { headers, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return res.text();
  };
  const linkedSips = (html: string) => [...html.matchAll(/href="\/sip\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  let paginated = false;
  const sipIds = new Map<BenchUnitKey, string[]>();
  for (const u of users) {
    if (sipIds.has(u.unit)) continue;
    const first = await listPage(u.web, 1);
    paginated ||= /[?&](amp;)?sida=2\b/.test(first);
    const further = paginated ? await Promise.all([4, 8, 16].map((n) => listPage(u.web, n))) : [];
    const ids = [...new Set([first, ...further].flatMap(linkedSips))];
    if (ids.length === 0) throw new Error(`the SIP list of ${u.username} links no SIP; did the seed run?`);
    sipIds.set(u.unit, ids);
  }
  // Up to ten SIPs per user, spread over the unit's list and shifted per user, so users read different ones.
  const sipsOf = (unit: BenchUnitKey, i: number) => {
    const ids = sipIds.get(unit)!;
    const count = Math.min(10, ids.length);
    const step = Math.floor(ids.length / count);
    return Array.from({ length: count }, (_, j) => ids[(i * 3 + j * step) % ids.length]!);
  };

  const list = (name: string, path: string): Scenario => {
    const perConnection = users.map((u) => [get(path, u.web)]);
    // One user of each unit; the SIP page's preflight below tries every session.
    return { name, ...perConnection[0]![0]!, perConnection, preflight: perConnection.slice(0, 2).flat() };
  };
  const pages = users.map((u, i) => sipsOf(u.unit, i).map((id) => get(`/sip/${id}`, u.web)));
  const api = users.map((u) => [get('/api/sips', u.api)]);
  return [
    list('SIP list page', '/sip'),
    ...(paginated ? [list('SIP list page 2', '/sip?sida=2')] : []),
    {
      name: 'SIP page',
      ...pages[0]![0]!,
      perConnection: pages,
      preflight: [...pages.slice(0, 2).flat(), ...pages.slice(2).map((p) => p[0]!)],
    },
    {
      // Not paged: every SIP the user sees (some 700, about 2 MB of JSON) in each answer, so 50 of them
      // queued would only measure the queue (and keep the server busy long after); 5 users at a time instead.
      name: `SIP list API (${apiConnections} connections)`,
      ...api[0]![0]!,
      perConnection: api,
      connections: apiConnections,
      // The whole list for one user per unit; every token is tried on a cheap route.
      preflight: [...api.slice(0, 2).flat(), ...users.map((u) => get('/api/me', u.api))],
    },
  ];
}

/** Sends the scenario's requests as the benchmark will; anything but 200 (a redirect to login, too) stops the run. */
export async function preflight(url: string, scenario: Scenario): Promise<void> {
  for (const { method, path, headers, body } of scenario.preflight ?? [scenario]) {
    const res = await fetch(url + path, { method, headers, body, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) {
      throw new Error(`${scenario.name}: ${method} ${path} answered ${res.status}, expected 200`);
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
