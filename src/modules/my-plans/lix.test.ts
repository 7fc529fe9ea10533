import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { consentNoticeText } from '../sip/change-own-consent.ts';
import { asSentences, lix } from './lix.ts';
import {
  accessText,
  actionWord,
  answerText,
  changeText,
  closureText,
  compulsoryCareText,
  concernedText,
  externalText,
  goalsMetText,
  interventionStatusText,
  lifeAreaText,
  participationText,
  placementKindText,
  placementText,
  planKindText,
  statusText,
  stayText,
  whenText,
} from './present.ts';
import { banners } from './routes.web.shared.ts';

// Issue 26 item 7: the fixed texts of the person's own pages read easily, LIX under 40. Measured per page (each
// template's own text, the values its macros are given included, the dynamic values left out) and over the texts
// the code puts on the pages. A page that is hard to read fails here with its score and its longest words.

const views = join(import.meta.dirname, '../../../views/my-plans');
const limit = 40;

test('LIX: the measure itself, on texts whose score is known', () => {
  // 9 words, 2 sentences, 1 long word (samordnad).
  assert.equal(lix('Det här är en samordnad plan. Den är din.').lix, 9 / 2 + 100 / 9);
  // One sentence without a full stop; "läsbarhetsindex" is long, "LIX" is not.
  const score = lix('LIX är ett läsbarhetsindex');
  assert.deepEqual([score.words, score.sentences, score.longWords], [4, 1, 1]);
  assert.equal(score.lix, 4 + 25);
  // An abbreviation's stops do not end a sentence; hyphenated and numbered words are one word each.
  assert.equal(lix('Ring t.ex. 1177 eller e-post.').sentences, 1);
  assert.equal(lix('Ring t.ex. 1177 eller e-post.').words, 5);
  assert.equal(lix('').lix, 0);
  // A heading without a full stop counts as a sentence of its own.
  assert.equal(asSentences(['Din plan', 'Det här är din plan.']), 'Din plan. Det här är din plan.');
});

/** A template's fixed text: its HTML text and the texts its macros are given, without tags or expressions. */
function fixedText(template: string): string[] {
  const source = template.replace(/\{#[\s\S]*?#\}/g, ' ');
  const given = [...source.matchAll(/\b(?:text|titleText|html): "([^"]*)"/g)].map((m) => m[1]!);
  const html = source
    .replace(/\{\{[\s\S]*?\}\}/g, ' ')
    .replace(/\{%[\s\S]*?%\}/g, ' ')
    .replace(/<[^>]*>/g, '\n');
  return [...given, ...html.split('\n')];
}

test('LIX: every page of Mina planer has fixed texts under 40', (t) => {
  const files = readdirSync(views).filter((f) => f.endsWith('.njk'));
  assert.ok(files.length >= 12, `${files.length} templates`);
  const scores = files.map((file) => {
    const text = asSentences(fixedText(readFileSync(join(views, file), 'utf8')));
    return { file, text, ...lix(text) };
  });
  for (const s of scores) t.diagnostic(`${s.file}: LIX ${s.lix.toFixed(1)} (${s.words} words)`);
  const hard = scores
    .filter((s) => s.lix >= limit)
    .map((s) => `${s.file}: LIX ${s.lix.toFixed(1)}: ${s.text}`);
  assert.deepEqual(hard, []);
});

test('LIX: the texts the code puts on the pages are under 40, each group and all together', (t) => {
  const groups: Record<string, string[]> = {
    banners: Object.values(banners),
    status: [...Object.values(statusText), ...Object.values(closureText), ...Object.values(answerText)],
    log: [...Object.values(accessText).flatMap(Object.values), ...Object.values(actionWord)],
    consent: [
      changeText.principalAdded('Borlänge kommun'),
      changeText.principalWithdrawn('Borlänge kommun'),
      changeText.withdrawn(),
      changeText.relativesAllowed(),
      changeText.relativesRefused(),
    ],
    plan: [
      ...Object.values(planKindText),
      compulsoryCareText('LPT'),
      ...Object.values(interventionStatusText),
      whenText('2026-12-01', null),
      whenText('2026-12-01', '2027-03-01'),
      whenText(null, null),
      ...Object.values(participationText),
      ...Object.values(goalsMetText),
      ...Object.values(placementText),
    ],
    stays: [
      stayText.inCare('10 december 2026'),
      stayText.ready('3 december 2026'),
      stayText.discharged('5 december 2026'),
    ],
  };
  // The names of others who may be called (Försäkringskassan, Arbetsförmedlingen), of the life areas, the kinds
  // of placement and of the units told of a stay are names, not prose: they are measured only with the rest.
  const names = [externalText, lifeAreaText, placementKindText, concernedText].flatMap(Object.values);
  const all = asSentences([...Object.values(groups).flat(), ...names]);
  for (const [name, texts] of [...Object.entries(groups), ['all', [all]] as [string, string[]]]) {
    const score = lix(asSentences(texts));
    t.diagnostic(`${name}: LIX ${score.lix.toFixed(1)}`);
    assert.ok(score.lix < limit, `${name}: LIX ${score.lix.toFixed(1)}: ${asSentences(texts)}`);
  }
  // The staff's notice is for staff, but it is plain too.
  assert.ok(lix(asSentences(Object.values(consentNoticeText))).lix < 50);
});
