import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { accessLog } from '../../src/platform/access/schema.ts';
import { Browser } from './browser.ts';
import { type ChangeWatch, watchChanges } from './change-watch.ts';
import { startTestServer, type TestServer } from './server.ts';
import { consentFor, type Json, type World, world } from './sip-world.ts';

// What the tests of the person's own pages share (test/web/my-plans-*.test.ts, issue 26): their persons and
// principals, a server with the SIP world, staff's names (which no page of the person's may show) and a watch on
// every row a request writes, the SIPs they read, and the person's own form.

export const anna = { personalIdentityNumber: '19811218-9876', name: 'Anna Andersson' };
export const bertil = { personalIdentityNumber: '19640823-3234', name: 'Bertil Berg' };
export const cecilia = { personalIdentityNumber: '19850312-2387', name: 'Cecilia Carlsson' };
export const region = 'region-17';
export const karlstad = 'municipality-1780';
export const arvika = 'municipality-1784';
type Person = typeof anna;

export const ok = (res: { status: number; text: string }, status = 200) => {
  assert.equal(res.status, status, res.text.slice(0, 400));
  return res;
};
export const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
export const text = (html: string) =>
  main(html)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export type MyPlansWorld = {
  s: TestServer;
  w: World;
  watch: ChangeWatch;
  /** The names of the staff whose accesses the tests make, by username. */
  staffNames: Map<string, string>;
  planOf: (goal: string, words?: string) => Json;
  /**
   * A SIP about the person, convened by psykiatri.karlstad, consent for the region, Karlstad and Arvika, both of
   * whose units take part, with two plan versions.
   */
  annasPlan: (person?: Person) => Promise<Json>;
  /** A SIP convened by Karlstad's social services, with consent for Karlstad and the region. */
  socialServicesPlan: (person: Person) => Promise<Json>;
  /** The person's rows of the access log, newest first. */
  ownRows: (personId: string) => Promise<(typeof accessLog.$inferSelect)[]>;
};

/** A test server of its own, with the SIP world and a watch on its rows. */
export async function openMyPlansWorld(): Promise<MyPlansWorld> {
  const s = await startTestServer();
  const w = await world(s);
  const staffNames = new Map<string, string>();
  for (const u of ['psykiatri.karlstad', 'soc.karlstad', 'soc.arvika', 'logg.regionvarmland']) {
    const me = await w.by(u)('GET', '/api/me');
    staffNames.set(u, me.body.name);
  }
  const watch = await watchChanges(s.database.db);
  const planOf = (goal: string, words = 'Jag vill bo själv och ha ett arbete.') => ({
    interventions: [
      { description: 'Boendestöd två gånger i veckan', responsibleUnitId: w.unit('soc.karlstad') },
      { description: 'Samtal var fjärde vecka', responsibleUnitId: w.unit('psykiatri.karlstad') },
    ],
    overallResponsibility: { unitId: w.unit('psykiatri.karlstad') },
    goals: [goal],
    personsOwnWords: words,
    followUpOn: '2027-02-01',
    childrenConsidered: null,
  });
  const annasPlan = async (person = anna) => {
    const sip = await w.consent(await w.start('psykiatri.karlstad', person), [region, karlstad, arvika]);
    await w.join(sip, 'soc.karlstad');
    await w.join(sip, 'soc.arvika');
    for (const goal of ['Egen bostad', 'Egen bostad och ett arbete'])
      ok(await w.by('psykiatri.karlstad')('PUT', `/api/sips/${sip.id}/plan`, planOf(goal)));
    return sip;
  };
  const socialServicesPlan = async (person: Person) => {
    const sip = await w.start('soc.karlstad', person);
    ok(await w.by('soc.karlstad')('POST', `/api/sips/${sip.id}/consent`, consentFor([karlstad, region])));
    return sip;
  };
  const ownRows = async (personId: string) =>
    s.database.db
      .select()
      .from(accessLog)
      .where(eq(accessLog.personId, personId))
      .orderBy(desc(accessLog.at), desc(accessLog.seq));
  return { s, w, watch, staffNames, planOf, annasPlan, socialServicesPlan, ownRows };
}

/** The person withdraws consent on their form, for one principal (its id) or all ('alla'). */
export async function withdraw(browser: Browser, sip: Json, vem: string) {
  const page = ok(await browser.request('GET', `/mina-planer/${sip.id}/samtycke/ta-tillbaka`));
  return browser.request('POST', `/mina-planer/${sip.id}/samtycke/ta-tillbaka`, {
    _csrf: Browser.csrf(page.text),
    vem,
  });
}
