import assert from 'node:assert/strict';
import { Browser } from './browser.ts';
import type { TestServer } from './server.ts';
import { consentFor, type Json, NOW, type World } from './sip-world.ts';

/** What the SIP plan content page tests share: browsers by user, pages, posts, and SIPs to work on. */
export function contentPages(s: TestServer, w: World) {
  const browsers = new Map<string, Browser>();
  async function browser(username: string) {
    let b = browsers.get(username);
    if (!b) {
      b = new Browser(s.url, {}, { now: NOW });
      await s.webLogin(b, username);
      browsers.set(username, b);
    }
    return b;
  }
  const page = async (u: string, path: string) => (await browser(u)).request('GET', path);
  const post = async (u: string, path: string, form: Record<string, string | string[]>) => {
    const b = await browser(u);
    const token = Browser.csrf((await b.request('GET', '/')).text);
    return b.request('POST', path, { _csrf: token, ...form });
  };
  let people = 0;
  /** A valid personnummer of its own for each SIP (born 1955, serial 8nn), so the tests share no person. */
  const pin = () => {
    const n = people++;
    const nine = `5501${String(1 + (n % 28)).padStart(2, '0')}8${String(n % 100).padStart(2, '0')}`;
    const sum = [...nine].reduce((acc, d, i) => {
      const x = Number(d) * (i % 2 === 0 ? 2 : 1);
      return acc + (x > 9 ? x - 9 : x);
    }, 0);
    return `19${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
  };
  const started = async (u = 'psykiatri.karlstad', planKind = 'SIP') => {
    const res = await w.by(u)('POST', '/api/sips', {
      person: { personalIdentityNumber: pin(), name: 'Siv Svensson' },
      reason: 'Behöver samordnade insatser',
      planKind,
    });
    assert.equal(res.status, 201, res.text);
    return res.body as Json;
  };
  const active = async (planKind = 'SIP', relativesMayTakePart = true) => {
    const sip = await started('psykiatri.karlstad', planKind);
    const res = await w.by('psykiatri.karlstad')('POST', `/api/sips/${sip.id}/consent`, {
      ...consentFor(['region-17', 'municipality-1780']),
      relativesMayTakePart,
    });
    assert.equal(res.status, 200, res.text);
    return res.body as Json;
  };
  const summaryLinks = (html: string) =>
    [...(html.split('govuk-error-summary__list')[1] ?? '').matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  const rowsShown = (html: string) =>
    [...html.matchAll(/<legend[^>]*>\s*Insats (\d+)\s*</g)].map((m) => Number(m[1]));
  const versions = async (sip: Json) =>
    (await w.by('psykiatri.karlstad')('GET', `/api/sips/${sip.id}/plan/versions`)).body.length;
  return { browser, page, post, pin, started, active, summaryLinks, rowsShown, versions };
}
