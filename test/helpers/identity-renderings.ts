import fc from 'fast-check';

// Issue 20 item 9: the ways a personnummer or samordningsnummer can be written so that a reader still sees it
// but a naive pattern does not: other separators, spaces inside the groups, invisible characters, other
// digit scripts, full-width forms. Tests render valid numbers every such way and expect each to be refused.

/** The Luhn check digit over nine digits (YYMMDDNNN), written here independently of the code under test. */
function checkDigit(nine: string): number {
  const sum = [...nine].reduce((acc, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A valid personnummer or samordningsnummer (day + 60) as 10 or 12 plain digits, born 1920–2008. */
export const validIdentityDigits = fc
  .record({
    year: fc.integer({ min: 1920, max: 2008 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    serial: fc.integer({ min: 1, max: 999 }), // 000 is never given out
    coordination: fc.boolean(),
    twelve: fc.boolean(),
  })
  .map(({ year, month, day, serial, coordination, twelve }) => {
    const nine = `${two(year % 100)}${two(month)}${two(coordination ? day + 60 : day)}${String(serial).padStart(3, '0')}`;
    const ten = `${nine}${checkDigit(nine)}`;
    return twelve ? `${String(year).slice(0, 2)}${ten}` : ten;
  });

/** Separators people (or an evasive writer) put between groups of digits. */
export const separators = [
  ' ',
  '  ',
  '-',
  ' - ',
  '+',
  '/',
  '.',
  '_',
  ',',
  ':',
  '\n',
  '\r\n',
  '\t',
  '\u00a0',
  '\u2009',
  '\u202f',
  '\u3000',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  ' \u2013 ',
  '\uff0d',
  '\uff0f',
  '\u30fb',
  '\u00b7',
];

/** Characters that show nothing: zero-width space, joiners, word joiner, soft hyphen, BOM, direction marks. */
export const invisibles = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\u00ad',
  '\ufeff',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u180e',
  '\u2061',
  '\u2063',
];

/** The zero of decimal-digit scripts: ASCII, full-width, Arabic-Indic, Persian, Devanagari, Bengali, Thai, … */
export const digitZeros = [
  0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xae6, 0xbe6, 0xc66, 0xe50, 0xed0, 0xf20, 0x1040, 0x17e0,
  0x1810, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e950,
];

/** One rendering of the digits: grouped anywhere, separated, invisible characters inserted, digits restyled. */
export const renderIdentityNumber = (digits: string) =>
  fc
    .record({
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: digits.length - 1 }), { maxLength: 6 }),
      separator: fc.array(fc.constantFrom(...separators), { minLength: 6, maxLength: 6 }),
      scripts: fc.array(fc.constantFrom(...digitZeros), {
        minLength: digits.length,
        maxLength: digits.length,
      }),
      oneScript: fc.boolean(),
      hidden: fc.array(fc.tuple(fc.integer({ min: 0, max: digits.length }), fc.constantFrom(...invisibles)), {
        maxLength: 4,
      }),
    })
    .map(({ cuts, separator, scripts, oneScript, hidden }) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      let out = '';
      for (let i = 0; i < digits.length; i++) {
        for (const [at, ch] of hidden) if (at === i) out += ch;
        const cut = sorted.indexOf(i);
        if (cut >= 0) out += separator[cut];
        const zero = oneScript ? scripts[0]! : scripts[i]!;
        out += String.fromCodePoint(zero + Number(digits[i]));
      }
      return out;
    });

/** Swedish prose with the rendered number somewhere in it. */
export const identifyingText = validIdentityDigits
  .chain((digits) => fc.tuple(fc.constant(digits), renderIdentityNumber(digits)))
  .chain(([digits, rendered]) =>
    fc
      .constantFrom(
        (n: string) => n,
        (n: string) => `Gäller brukaren ${n}, som inte fick någon kallelse.`,
        (n: string) => `Personen (${n}) skrevs ut utan plan.`,
        (n: string) => `Se ärendet:\n${n}\nsom gäller boendet.`,
      )
      .map((wrap) => ({ digits, rendered, text: wrap(rendered) })),
  );
