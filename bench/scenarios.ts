export type Scenario = {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
};

// Demo accounts, loaded into every benchmark database (see src/demo/load-demo.ts).
const apiUser = { username: 'psykiatri.karlstad', password: 'demo-2026' };
const webUser = { username: 'soc.karlstad', password: 'demo-2026' };
const loginBody = JSON.stringify(apiUser);
const json = { 'content-type': 'application/json' };

/** The scenarios in run order; the first, a trivial route, is the baseline the others are compared with. */
export async function buildScenarios(url: string): Promise<Scenario[]> {
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
  ];
}

/** Sends one request as the benchmark will; anything but 200 (a redirect to login, too) stops the run. */
export async function preflight(url: string, scenario: Scenario): Promise<void> {
  const { method, headers, body } = scenario;
  const res = await fetch(url + scenario.path, { method, headers, body, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 200) {
    throw new Error(`${scenario.name}: ${method} ${scenario.path} answered ${res.status}, expected 200`);
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
async function webSession(url: string): Promise<string> {
  const form = await fetch(`${url}/logga-in`);
  const html = await form.text();
  const csrfCookie = cookieValue(form, 'somlos_csrf');
  const csrf = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrfCookie || !csrf) throw new Error(`GET /logga-in gave no CSRF cookie or field (${form.status})`);

  const res = await fetch(`${url}/logga-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `somlos_csrf=${csrfCookie}` },
    body: new URLSearchParams({ ...webUser, _csrf: csrf, next: '/' }).toString(),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  const session = cookieValue(res, 'somlos_session');
  if (res.status !== 303 || !session)
    throw new Error(`POST /logga-in answered ${res.status} without a session`);
  return session;
}

function cookieValue(res: Response, name: string): string | undefined {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return cookie?.slice(name.length + 1).split(';')[0];
}
