import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type DisputeWorld,
  disputeWorld,
  individualCase,
  interimText,
  interpretation,
  type Json,
} from '../helpers/dispute-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// DOMAIN.md §5 "Decisions are recorded and guide later cases": GET /api/disputes/precedents lists the county's
// decided disputes with the decision, its reasoning and the level that decided, newest first; never the case
// description or the parties' dialogue, and never another county's.

const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T10:00:00Z`;
const managersLabel = 'Chefer på motsvarande nivå i kommunen och regionen';
const beredningLabel = 'Beredningsgruppen Nya perspektiv';

/** Words found in one text only, to search for. */
const words = {
  titleP1: 'Trygghetslarm',
  decisionP3: 'Boendestödjare',
  reasoningP2: 'Likställighetsprincipen',
  descriptionP1: 'Nattpersonalen',
  statementP1: 'Ekonomiavdelningen',
  escalationP2: 'Förhandlingsläget',
  undecidedTitle: 'Dagverksamhet',
};

describe('API: dispute precedents', () => {
  let s: TestServer;
  let w: DisputeWorld;
  let p1: Json; // costSharing, decided by the managers on the 26th
  let p2: Json; // costSharing, decided by Beredningsgruppen on the 28th
  let p3: Json; // responsibility, decided by the managers on the 27th
  let open: Json; // costSharing, open
  let escalated: Json; // costSharing, escalated, undecided
  let orebro: Json; // costSharing in Örebro, decided

  before(async () => {
    s = await startTestServer();
    w = disputeWorld(s);

    p1 = await w.open(
      'chef.soc.karlstad',
      individualCase({
        title: `Kostnad för ${words.titleP1} i ordinärt boende`,
        description: `${words.descriptionP1} i kommunen larmade regionen utan att kostnaden var avtalad.`,
      }),
    );
    await w.statement('chef.psykiatri.karlstad', p1.id, `${words.statementP1} har inte godkänt fakturan.`);
    await w.decide(
      'chef.psykiatri.karlstad',
      p1.id,
      { decision: 'Kommunen står för larmet.', reasoning: 'Larmet är en insats i ordinärt boende.' },
      day(26),
    );

    p2 = await w.open(
      'chef.soc.arvika',
      interpretation({ category: 'costSharing', title: 'Delning av kostnad för placering' }),
    );
    await w.escalate('chef.psykiatri.karlstad', p2.id, `${words.escalationP2} är låst.`);
    await w.decide(
      'beredning.varmland',
      p2.id,
      {
        decision: 'Kostnaden delas lika.',
        reasoning: `${words.reasoningP2} gäller enligt överenskommelsen.`,
      },
      day(28),
    );

    p3 = await w.open(
      'chef.soc.karlstad',
      interpretation({ category: 'responsibility', title: 'Ansvar för stöd i hemmet' }),
    );
    await w.decide(
      'chef.soc.karlstad',
      p3.id,
      {
        decision: `${words.decisionP3} från kommunen ger stödet.`,
        reasoning: 'Stöd i boendet är kommunens.',
      },
      day(27),
    );

    open = await w.open(
      'chef.soc.karlstad',
      individualCase({
        title: `${words.undecidedTitle} och kostnad`,
        description: 'Kommunen delar kostnaden.',
      }),
    );
    await w.statement('chef.psykiatri.karlstad', open.id, 'Kostnaden delas lika.');
    escalated = await w.open(
      'chef.soc.arvika',
      individualCase({
        title: `${words.undecidedTitle} i Arvika`,
        interimResponsibility: { principalId: 'region-17', description: interimText },
      }),
    );
    await w.escalate('chef.soc.arvika', escalated.id, 'Kostnaden delas lika, menar vi.');

    orebro = await w.open(
      'chef.soc.orebro',
      interpretation({
        category: 'costSharing',
        title: 'Kostnad i Örebro',
        counterpartPrincipalIds: ['region-18'],
      }),
    );
    await w.decide('chef.psykiatri.orebro', orebro.id, { decision: 'Kostnaden delas lika.' });
  });
  after(() => s.close());

  const ids = (list: Json[]) => list.map((p) => p.id);
  const varmland = () => [p1.id, p2.id, p3.id, open.id, escalated.id];

  test('?category=costSharing: exactly the decided ones of that category, newest first, with the decision', async () => {
    const list = await w.precedents('chef.soc.karlstad', '?category=costSharing');
    assert.deepEqual(ids(list), [p2.id, p1.id]);
    assert.deepEqual(list[0], {
      id: p2.id,
      kind: 'interpretation',
      category: 'costSharing',
      categoryLabel: 'Kostnadsfördelning',
      title: 'Delning av kostnad för placering',
      decidedOn: '2026-11-28',
      level: 2,
      levelLabel: beredningLabel,
      decision: 'Kostnaden delas lika.',
      reasoning: `${words.reasoningP2} gäller enligt överenskommelsen.`,
    });
    assert.deepEqual(list[1], {
      id: p1.id,
      kind: 'individualCase',
      category: 'costSharing',
      categoryLabel: 'Kostnadsfördelning',
      title: `Kostnad för ${words.titleP1} i ordinärt boende`,
      decidedOn: '2026-11-26',
      level: 1,
      levelLabel: managersLabel,
      decision: 'Kommunen står för larmet.',
      reasoning: 'Larmet är en insats i ordinärt boende.',
    });
  });

  test('without a category: every decided dispute of the county, newest first', async () => {
    assert.deepEqual(ids(await w.precedents('chef.soc.karlstad')), [p2.id, p3.id, p1.id]);
    const responsibility = await w.precedents('chef.soc.karlstad', '?category=responsibility');
    assert.deepEqual(ids(responsibility), [p3.id]);
    assert.equal(responsibility[0].levelLabel, managersLabel);
    assert.deepEqual(await w.precedents('chef.soc.karlstad', '?category=housing'), []);
  });

  test('q= searches the title, the decision and the reasoning, case-insensitively', async () => {
    const q = async (query: string) =>
      ids(await w.precedents('chef.soc.karlstad', `?${new URLSearchParams(query)}`));
    assert.deepEqual(await q(`q=${words.titleP1.toUpperCase()}`), [p1.id], 'title');
    assert.deepEqual(await q(`q=${words.decisionP3.toLowerCase()}`), [p3.id], 'decision');
    assert.deepEqual(await q(`q=${words.reasoningP2.toLowerCase()}`), [p2.id], 'reasoning');
    assert.deepEqual(await q('q=Kostnaden delas lika'), [p2.id], 'a phrase in a decision');
    assert.deepEqual(await q(`category=costSharing&q=${words.decisionP3}`), [], 'with another category');
    assert.deepEqual(await q(`category=responsibility&q=${words.decisionP3}`), [p3.id], 'with its category');
    // Like-wildcards are searched for literally.
    assert.deepEqual(await q('q=%'), [], 'a % matches only a %');
    assert.deepEqual(await q('q=_'), [], 'a _ matches only a _');
  });

  test('q= is case-insensitive for å, ä and ö as well (a Swedish search)', async () => {
    const q = async (query: string) =>
      ids(await w.precedents('chef.soc.karlstad', `?${new URLSearchParams(query)}`));
    // p2's reasoning is written "Likställighetsprincipen ... överenskommelsen".
    assert.deepEqual(await q('q=LIKSTÄLLIGHETSPRINCIPEN'), [p2.id], 'Ä in the query, ä in the text');
    assert.deepEqual(await q('q=ÖVERENSKOMMELSEN'), [p2.id], 'Ö in the query, ö in the text');
    // p3's decision is written "Boendestödjare"; its title "Ansvar för stöd i hemmet".
    assert.deepEqual(await q('q=STÖD I HEMMET'), [p3.id], 'Ö in a title');
  });

  test('an undecided dispute never appears, whatever the query', async () => {
    for (const query of [
      '',
      '?category=costSharing',
      `?q=${encodeURIComponent(words.undecidedTitle)}`,
      '?q=Kostnaden delas lika',
      `?category=costSharing&q=${encodeURIComponent(words.undecidedTitle)}`,
    ]) {
      for (const username of ['chef.soc.karlstad', 'chef.soc.arvika', 'beredning.varmland']) {
        const found = ids(await w.precedents(username, query.replaceAll(' ', '%20')));
        assert.ok(!found.includes(open.id), `${username} ${query}: the open dispute`);
        assert.ok(!found.includes(escalated.id), `${username} ${query}: the escalated dispute`);
      }
    }
  });

  test('the description and the parties’ dialogue are not part of a precedent, nor searched', async () => {
    for (const query of ['', '?category=costSharing']) {
      const res = await w.by('chef.soc.karlstad')('GET', `/api/disputes/precedents${query}`);
      assert.equal(res.status, 200, res.text);
      for (const p of res.body as Json[]) {
        for (const key of [
          'description',
          'entries',
          'statements',
          'parties',
          'interimResponsibility',
          'sip',
        ]) {
          assert.ok(!(key in p), `a precedent carries ${key}`);
        }
      }
      for (const secret of [
        words.descriptionP1,
        words.statementP1,
        words.escalationP2,
        interimText,
        p1.description,
      ]) {
        assert.ok(!res.text.includes(secret), `the precedents mention ${secret}`);
      }
    }
    for (const word of [words.descriptionP1, words.statementP1, words.escalationP2]) {
      assert.deepEqual(
        await w.precedents('chef.soc.karlstad', `?q=${encodeURIComponent(word)}`),
        [],
        `q=${word}`,
      );
    }
  });

  test('a user of another county sees none of Värmland’s, and Värmland none of theirs', async () => {
    for (const username of ['soc.orebro', 'chef.soc.orebro', 'samverkansrad.orebro']) {
      const found = ids(await w.precedents(username));
      assert.deepEqual(found, [orebro.id], username);
      assert.deepEqual(ids(await w.precedents(username, '?category=costSharing')), [orebro.id], username);
      assert.deepEqual(await w.precedents(username, `?q=${encodeURIComponent(words.titleP1)}`), [], username);
    }
    for (const username of ['soc.eskilstuna', 'soc.falun']) {
      assert.deepEqual(await w.precedents(username), [], username);
    }
    const inVarmland = ids(await w.precedents('chef.soc.karlstad'));
    assert.ok(!inVarmland.includes(orebro.id));
    assert.ok(inVarmland.every((id) => varmland().includes(id)));
  });

  test('anyone in the county reads them, also staff without a role in any of the disputes', async () => {
    const expected = [p2.id, p3.id, p1.id];
    for (const username of ['soc.arvika', 'psykiatri.karlstad', 'logg.regionvarmland', 'avtal.varmland']) {
      const res = await w.by(username)('GET', '/api/disputes/precedents');
      assert.equal(res.status, 200, `${username}: ${res.status} ${res.text}`);
      assert.deepEqual(ids(res.body), expected, username);
    }
    // soc.arvika cannot see the disputes themselves, only what the precedents show.
    assert.equal(await w.sees('soc.arvika', p1.id), false);
  });
});
