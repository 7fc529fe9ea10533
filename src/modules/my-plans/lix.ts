// LIX, läsbarhetsindex (Carl-Hugo Björnsson, 1968): the mean number of words per sentence plus the share of long
// words (more than six letters) in per cent. Under 30 is very easy, 30–40 easy (children's books, plain
// language), 40–50 ordinary (newspapers), over 50 hard (official documents). The person's own pages keep their
// fixed texts under 40 (issue 26 item 7; lix.test.ts).

const wordPattern = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
// A sentence ends at a full stop, colon, question or exclamation mark (Björnsson's rule), followed by a space or
// the end. An abbreviation ("t.ex.", "bl.a.") is read as one word and ends nothing.
const sentenceEnd = /[.:!?]+(?=\s|$)/g;
const abbreviation = /(?<![\p{L}\p{N}])(?:\p{L}{1,3}\.){2,}/gu;

export type LixScore = { lix: number; words: number; sentences: number; longWords: number };

/** The LIX of a text; a text without a sentence end counts as one sentence. */
export function lix(input: string): LixScore {
  const text = input.replace(abbreviation, (a) => a.replaceAll('.', ''));
  const words = text.match(wordPattern) ?? [];
  if (words.length === 0) return { lix: 0, words: 0, sentences: 0, longWords: 0 };
  const sentences = Math.max(1, (text.match(sentenceEnd) ?? []).length);
  const longWords = words.filter((w) => (w.match(/\p{L}/gu) ?? []).length > 6).length;
  return {
    lix: words.length / sentences + (longWords * 100) / words.length,
    words: words.length,
    sentences,
    longWords,
  };
}

/**
 * Text fragments (a page's headings, labels, buttons and paragraphs) as one text: a fragment without its own
 * sentence end is taken as a sentence of its own, as a reader takes a heading or a button.
 */
export function asSentences(fragments: string[]): string {
  return fragments
    .map((f) => f.replace(/\s+/g, ' ').trim())
    .filter((f) => /[\p{L}\p{N}]/u.test(f))
    .map((f) => (/[.:!?]$/.test(f) ? f : `${f}.`))
    .join(' ');
}
