import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inArray } from 'drizzle-orm';
import { sips } from '../../src/modules/sip/schema.ts';
import { persons } from '../../src/platform/people/schema.ts';
import { Browser } from '../helpers/browser.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { type ApiResponse, startTestServer, type TestServer } from '../helpers/server.ts';
import { type Json, MEETING, NOW, type World, world } from '../helpers/sip-world.ts';

// Issue 20, item 2: starting a SIP for an identity number another SIP already holds (another principal's, in
// another county) must not tell the convener that the person was known. Each SIP shows the person's name as its
// own convening unit typed it, in every answer and on every page; the answer to a known number is the answer to a
// new one. The person is still one person in the database.

const PAST = '2026-11-01';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// One person, written three ways by three conveners who do not know of each other.
const karlstad = { user: 'psykiatri.karlstad', pin: '640823-3234', name: 'Anna Andersson' };
const orebro = { user: 'psykiatri.orebro', pin: '196408233234', name: 'Berit Bengtsson' };
const arvika = { user: 'soc.arvika', pin: '19640823-3234', name: 'Cecilia Carlsson' };
const names = [karlstad.name, orebro.name, arvika.name];
const others = (name: string) => names.filter((n) => n !== name);

/** Every value replaced by its type, arrays by their items' shapes: what a caller can tell apart without values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  return value === null ? 'null' : typeof value;
}

function showsOnly(text: string, name: string, what: string) {
  assert.ok(text.includes(name), `${what}: ${name} is not shown`);
  for (const other of others(name)) assert.ok(!text.includes(other), `${what}: shows ${other}`);
}

describe('a SIP for an identity number another SIP already holds', () => {
  let s: TestServer;
  let w: World;
  const sipOf = new Map<string, string>();
  const browsers = new Map<string, Browser>();
  let first: Json;
  let known: ApiResponse;
  let fresh: ApiResponse;
  let changes: ApiResponse[];
  let invitation: Json;

  async function browser(username: string): Promise<Browser> {
    let b = browsers.get(username);
    if (!b) {
      b = new Browser(s.url, {}, { now: NOW });
      await s.webLogin(b, username);
      browsers.set(username, b);
    }
    return b;
  }
  const page = async (username: string, path: string) => {
    const res = await (await browser(username)).request('GET', path);
    assert.equal(res.status, 200, `${username} ${path}: ${res.status}`);
    return res.text;
  };
  /** Consent for these principals and a plan whose only unit is the convening one, follow-up already due. */
  async function consentAndPlan(username: string, sipId: string, principalIds: string[]) {
    const call = w.by(username);
    const consent = await call('POST', `/api/sips/${sipId}/consent`, {
      givenAt: '2026-11-20',
      form: 'written',
      principalIds,
      relativesMayTakePart: true,
    });
    assert.equal(consent.status, 200, consent.text);
    const plan = await call('PUT', `/api/sips/${sipId}/plan`, {
      interventions: [{ description: 'Samtalsstöd', responsibleUnitId: w.unit(username) }],
      overallResponsibility: { unitId: w.unit(username) },
      goals: ['Egen bostad'],
      personsOwnWords: 'Jag vill bo själv.',
      followUpOn: PAST,
      childrenConsidered: null,
      // Some of these consents cover one principal, whose plan states why (every plan here the same, so the
      // answers keep one shape).
      singlePrincipalReason: 'Den andra huvudmannen kallas senare.',
    });
    assert.equal(plan.status, 200, plan.text);
    return [consent, plan];
  }

  before(async () => {
    s = await startTestServer();
    w = await world(s);
    first = await w.start(karlstad.user, { personalIdentityNumber: karlstad.pin, name: karlstad.name });
    sipOf.set(karlstad.user, first.id);
    await consentAndPlan(karlstad.user, first.id, ['region-17', 'municipality-1780']);
    invitation = await w.invite(first, w.unit('soc.karlstad'));

    const start = (pin: string, name: string) =>
      w.by(orebro.user)('POST', '/api/sips', {
        person: { personalIdentityNumber: pin, name },
        reason: 'Samordning',
      });
    known = await start(orebro.pin, orebro.name);
    fresh = await start('19850709-8765', 'Ny Nilsson');
    assert.equal(known.status, 201, known.text);
    sipOf.set(orebro.user, known.body.id);

    // The third starts on the page, as staff do.
    const b = await browser(arvika.user);
    const res = await b.submit('/sip/ny', '/sip/ny', {
      personalIdentityNumber: arvika.pin,
      name: arvika.name,
      reason: 'Behöver samordnade insatser',
      requestedBy: 'staff',
      hasChildren: 'unknown',
    });
    assert.equal(res.status, 303, res.text);
    const location = res.headers.get('location')!;
    assert.match(location, /^\/sip\/[^/?]+\?klart=startad$/);
    sipOf.set(arvika.user, decodeURIComponent(location.replace('/sip/', '').split('?')[0]!));
    changes = [
      ...(await consentAndPlan(orebro.user, known.body.id, ['region-18'])),
      ...(await consentAndPlan(arvika.user, sipOf.get(arvika.user)!, ['municipality-1784'])),
    ];
  });
  after(() => s.close());

  test('the answer to a known identity number has the status, fields, id formats and headers of a new one', async () => {
    assert.equal(known.status, fresh.status);
    assert.deepEqual(shapeOf(known.body), shapeOf(fresh.body));
    const headerNames = (h: Headers) => {
      const found: string[] = [];
      h.forEach((_, k) => {
        if (k !== 'date') found.push(k);
      });
      return found.sort();
    };
    assert.deepEqual(headerNames(known.headers), headerNames(fresh.headers));
    for (const res of [known, fresh]) {
      assert.match(res.body.id, uuid);
      assert.match(res.body.person.id, uuid);
    }
    assert.equal(known.body.person.name, orebro.name);
    assert.equal(known.body.person.personalIdentityNumber, '19640823-3234');
    showsOnly(known.text, orebro.name, 'the answer to the start');
  });

  test('the person is still one person in the database, whichever way the number was written', async () => {
    const rows = await s.database.db
      .select()
      .from(persons)
      .where(inArray(persons.personalIdentityNumber, ['196408233234']));
    assert.equal(rows.length, 1);
    const held = await s.database.db
      .select({ personId: sips.personId, personName: sips.personName })
      .from(sips)
      .where(inArray(sips.id, [...sipOf.values()]));
    assert.equal(held.length, 3);
    assert.ok(held.every((h) => h.personId === rows[0]!.id));
    assert.deepEqual(held.map((h) => h.personName).sort(), [...names].sort());
  });

  test("each convener's API answers show only the name it typed: the SIP, the list, consent and plan", async () => {
    for (const { user, name } of [karlstad, orebro, arvika]) {
      const id = sipOf.get(user)!;
      const one = await w.by(user)('GET', `/api/sips/${id}`);
      assert.equal(one.status, 200, one.text);
      assert.equal(one.body.person.name, name, `${user} GET`);
      showsOnly(one.text, name, `${user} GET /api/sips/{id}`);
      const list = await w.by(user)('GET', '/api/sips');
      assert.equal(list.body.find((x: Json) => x.id === id)?.person.name, name, `${user} list`);
      showsOnly(list.text, name, `${user} GET /api/sips`);
    }
    // A change answers with the SIP too.
    const [orebroConsent, orebroPlan, arvikaConsent, arvikaPlan] = changes;
    showsOnly(orebroConsent!.text, orebro.name, 'consent of the second');
    showsOnly(orebroPlan!.text, orebro.name, 'plan of the second');
    showsOnly(arvikaConsent!.text, arvika.name, 'consent of the third');
    showsOnly(arvikaPlan!.text, arvika.name, 'plan of the third');
  });

  test("each convener's pages show only the name it typed: the list, the SIP, its forms, Mitt arbete, the PDF", async () => {
    for (const { user, name } of [karlstad, orebro, arvika]) {
      const id = encodeURIComponent(sipOf.get(user)!);
      for (const path of [
        '/sip',
        `/sip/${id}`,
        `/sip/${id}/plan`,
        `/sip/${id}/uppfoljning`,
        `/sip/${id}/kartlaggning`,
        `/sip/${id}/mote`,
        `/sip/${id}/avsluta`,
        '/',
      ])
        showsOnly(await page(user, path), name, `${user} ${path}`);
      const pdf = await (await browser(user)).download(`/sip/${id}/plan.pdf`);
      assert.equal(pdf.status, 200, `${user} PDF`);
      showsOnly(pdfText(pdf.body), name, `${user} PDF`);
    }
    const ics = await (await browser(karlstad.user)).download(
      `/sip/${encodeURIComponent(first.id)}/kallelser/${encodeURIComponent(invitation.id)}/mote.ics`,
    );
    assert.equal(ics.status, 200);
    for (const n of names) assert.ok(!ics.body.toString().includes(n), `the calendar file names ${n}`);
  });

  test("an invited unit sees the convening unit's name for the person, never another SIP's", async () => {
    const res = await w.by('soc.karlstad')('GET', `/api/sips/${first.id}`);
    assert.equal(res.status, 200, res.text);
    showsOnly(res.text, karlstad.name, 'invited, API');
    showsOnly(await page('soc.karlstad', '/'), karlstad.name, 'invited, Mitt arbete');
    showsOnly(
      await page('soc.karlstad', `/kallelser/${invitation.id}?sip=${first.id}`),
      karlstad.name,
      'invited, answer',
    );
    assert.equal(new Date(invitation.meetingAt).getTime(), new Date(MEETING).getTime());
  });
});
