import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oneLine, pdfInfo, pdfText } from '../../../../test/helpers/pdf-text.ts';
import { type PlanDocument, planPdf } from './plan-pdf.ts';

function sample(plan: Partial<PlanDocument['plan']> = {}, doc: Partial<PlanDocument> = {}): PlanDocument {
  return {
    person: { name: 'Åsa Öberg Ängel', personalIdentityNumber: '19121212-1212' },
    countyName: 'Region Västerbotten',
    conveningUnitName: 'Psykiatrimottagning Umeå',
    consent: {
      givenAt: '2026-11-02',
      form: 'written',
      principalNames: ['Region Västerbotten', 'Umeå kommun'],
    },
    plan: {
      version: 3,
      savedAt: '2026-11-20',
      personsOwnWords: 'Jag vill bo själv. Jag är bra på att laga mat, och jag behöver stöd med räkningar.',
      goals: ['Eget boende inom ett år', 'Arbete på halvtid'],
      interventions: [
        { description: 'Boendestöd två gånger i veckan', responsible: 'Umeå kommun, socialtjänsten' },
        {
          description: 'Stöd i kontakt med arbetsgivare',
          responsible: 'Föreningen Hjärnkoll (extern aktör)',
        },
      ],
      overallResponsibility: 'Umeå kommun, socialtjänsten',
      followUpOn: '2027-02-15',
      childrenConsidered: null,
      compulsoryCare: null,
      ...plan,
    },
    printedAt: '2026-11-23',
    printedBy: 'Karin Lind, Psykiatrimottagning Umeå',
    ...doc,
  };
}

// --- The tests ---

test('a PDF is produced, and the reader below finds its text', async () => {
  const pdf = await planPdf(sample());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdfText(pdf), /Samordnad individuell plan \(SIP\)/);
});

test("the person's own words come before the goals and the interventions", async () => {
  const text = pdfText(await planPdf(sample()));
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('Personens egna ord') > 0);
  assert.ok(at('Personens egna ord') < at('Mål'), text);
  assert.ok(at('Mål') < at('Insatser'), text);
  assert.ok(at('Jag vill bo själv.') > at('Personens egna ord'), text);
  const order = ['Insatser', 'Övergripande ansvar', 'Uppföljning senast', 'Samtycke', 'Planversion 3'];
  assert.deepEqual(
    [...order].sort((a, b) => at(a) - at(b)),
    order,
  );
});

test('Swedish characters survive the round trip through the font and the file', async () => {
  const text = oneLine(pdfText(await planPdf(sample())));
  assert.match(text, /Åsa Öberg Ängel, 19121212-1212/);
  assert.match(text, /Boendestöd två gånger i veckan/);
  assert.match(text, /Föreningen Hjärnkoll \(extern aktör\)/);
  assert.doesNotMatch(text, /\uFFFD/);
});

test('the plan, consent, version and footer are printed as given, dates as YYYY-MM-DD', async () => {
  const text = pdfText(await planPdf(sample()));
  for (const expected of [
    'Region Västerbotten',
    'Sammankallande enhet: Psykiatrimottagning Umeå',
    'Eget boende inom ett år',
    'Uppföljning senast\n2027-02-15',
    'Övergripande ansvar\nUmeå kommun, socialtjänsten',
    'Givet 2026-11-02, skriftligt.',
    'Region Västerbotten, Umeå kommun',
    'Planversion 3, sparad 2026-11-20',
    'Utskriven 2026-11-23 av Karin Lind, Psykiatrimottagning Umeå',
    'Sida 1 av 1',
  ]) {
    assert.ok(text.includes(expected), `${expected} in\n${text}`);
  }
});

test('a protected identity is printed as the text the caller passes', async () => {
  const person = { name: 'Skyddade personuppgifter', personalIdentityNumber: 'Skyddade personuppgifter' };
  const text = pdfText(await planPdf(sample({}, { person })));
  assert.match(text, /Skyddade personuppgifter, Skyddade personuppgifter/);
  assert.doesNotMatch(text, /Åsa|19121212/);
});

test('the children section and its reminder appear only when children were considered or not', async () => {
  const reminder = 'En SIP ersätter aldrig en orosanmälan till socialtjänsten.';
  const flat = async (childrenConsidered: boolean | null) =>
    oneLine(pdfText(await planPdf(sample({ childrenConsidered }))));
  const [yes, no, unknown] = await Promise.all([flat(true), flat(false), flat(null)]);
  assert.ok(yes.includes('Barns behov av information, råd och stöd har beaktats: ja'), yes);
  assert.ok(no.includes('Barns behov av information, råd och stöd har beaktats: nej'), no);
  assert.ok(yes.includes(reminder) && no.includes(reminder), yes);
  assert.ok(!unknown.includes('Barns behov') && !unknown.includes('orosanmälan'), unknown);
});

test('compulsory care gives the LPT/LRV title and shows the legal basis', async () => {
  const text = pdfText(await planPdf(sample({ compulsoryCare: { law: 'LPT' } }))).replace(/\s+/g, ' ');
  assert.match(text, /Samordnad vårdplan vid psykiatrisk tvångsvård \(LPT\/LRV\) och SIP/);
  assert.match(
    text,
    /Lagrum: Öppen psykiatrisk tvångsvård enligt lagen \(1991:1128\) om psykiatrisk tvångsvård, LPT/,
  );
  assert.doesNotMatch(text, /Samordnad individuell plan \(SIP\)/);
  const forensic = pdfText(await planPdf(sample({ compulsoryCare: { law: 'LRV' } }))).replace(/\s+/g, ' ');
  assert.match(
    forensic,
    /Lagrum: Öppen rättspsykiatrisk vård enligt lagen \(1991:1129\) om rättspsykiatrisk vård, LRV/,
  );
});

test('no consent and an empty plan still print, saying so', async () => {
  const empty = sample({ goals: [], interventions: [], personsOwnWords: '' }, { consent: null });
  const text = pdfText(await planPdf(empty));
  assert.match(text, /Inget samtycke är registrerat\./);
  assert.match(text, /Inga mål är skrivna\./);
  assert.match(text, /Inga insatser är skrivna\./);
});

test('the metadata names the kind of document only, never the person', async () => {
  const pdf = await planPdf(sample());
  const info = pdfInfo(pdf);
  assert.equal(info.Title, 'SIP');
  assert.equal(info.Creator, 'Sömlös');
  for (const value of Object.values(info)) assert.doesNotMatch(value, /Åsa|Öberg|Ängel|19121212/);
  // Outlines, XMP or annotations would hold text in one of these encodings; the page text is glyph codes.
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  for (const encoded of [Buffer.from('Öberg'), Buffer.from('Öberg', 'latin1'), utf16be('Öberg')]) {
    assert.equal(pdf.indexOf(encoded), -1, `${encoded.toString('hex')} found in the file`);
  }
});

test('a long plan runs onto more pages, each numbered "Sida X av Y"', async () => {
  const interventions = Array.from({ length: 60 }, (_, i) => ({
    description: `Insats nr ${i + 1}`,
    responsible: 'Umeå kommun',
  }));
  const text = pdfText(await planPdf(sample({ interventions })));
  const pages = [...text.matchAll(/Sida (\d+) av (\d+)/g)].map((m) => `${m[1]}/${m[2]}`);
  assert.ok(pages.length >= 2, text);
  assert.deepEqual(
    pages,
    pages.map((_, i) => `${i + 1}/${pages.length}`),
  );
  assert.match(text, /Insats nr 60/);
});

test('printing needs no network: fonts come from the installed package', async (t) => {
  const fetch = t.mock.method(globalThis, 'fetch', () =>
    Promise.reject(new Error('no network in this test')),
  );
  const text = pdfText(await planPdf(sample()));
  assert.match(text, /Personens egna ord/);
  assert.equal(fetch.mock.callCount(), 0);
});

// Issue 22: the plan's kind, the needs assessment, the meetings' participants, the interventions with the
// person's view, and the evaluation at closure.
const content = (): Partial<PlanDocument> => ({
  planKind: 'SPLPTLRV',
  chiefPhysicianUnitName: 'Psykiatrimottagning Umeå, Region Västerbotten',
  assessments: [
    {
      unitName: 'Umeå kommun, socialtjänsten',
      recordedAt: '2026-11-10',
      areas: [
        {
          label: 'Boende',
          situation: 'Bor i andrahand.',
          strengths: 'Sköter hemmet.',
          wishes: 'Eget kontrakt.',
        },
        { label: 'Ekonomi', situation: 'Skulder hos Kronofogden.', strengths: '', wishes: '' },
      ],
    },
  ],
  meetings: [
    {
      heldOn: '2026-11-12',
      participation: 'Deltog på mötet',
      attended: ['Umeå kommun, socialtjänsten: Samordnare', 'Åke Ängel (närstående): Bror'],
      absent: ['Försäkringskassan (extern part): Handläggare'],
      notes: 'Överens om boendestöd.',
    },
  ],
  evaluation: {
    closedAt: '2027-05-02',
    reason: 'Målen är uppnådda',
    goalsMet: 'Delvis',
    personsView: 'Jag är nöjd med lägenheten.',
    note: 'Avslutas efter sista uppföljningen.',
  },
});

test('the plan kind, assessment, meetings, interventions with the view and the evaluation are printed', async () => {
  const interventions = [
    {
      description: 'Depotinjektion',
      responsible: 'Psykiatrimottagning Umeå',
      when: 'från 2026-12-01 tills vidare',
      status: 'Pågår',
      personsView: 'Hellre tabletter.',
    },
    { description: 'Boendestöd', responsible: 'Umeå kommun', when: 'till 2027-06-30', status: 'Planerad' },
  ];
  const doc = sample({ compulsoryCare: { law: 'LRV' }, interventions, relativesTookPart: true }, content());
  const text = oneLine(pdfText(await planPdf(doc)));
  for (const expected of [
    'Samordnad vårdplan vid öppen psykiatrisk tvångsvård eller öppen rättspsykiatrisk vård (LPT/LRV)',
    'Typ av plan (Ineras kod): SPLPTLRV',
    'Ansvarig chefsöverläkares enhet: Psykiatrimottagning Umeå, Region Västerbotten',
    'Kartläggning',
    'Umeå kommun, socialtjänsten, 2026-11-10',
    'Bor i andrahand.',
    'Sköter hemmet.',
    'Eget kontrakt.',
    'Skulder hos Kronofogden.',
    'Personens syn',
    'Hellre tabletter.',
    'från 2026-12-01 tills vidare',
    'Pågår',
    'till 2027-06-30',
    'Närstående deltog när planen togs fram: ja',
    'Deltagare i möten',
    'Möte 2026-11-12',
    'Personen: Deltog på mötet',
    'Deltog: Umeå kommun, socialtjänsten: Samordnare; Åke Ängel (närstående): Bror',
    'Frånvarande: Försäkringskassan (extern part): Handläggare',
    'Anteckningar: Överens om boendestöd.',
    'Utvärdering vid avslut',
    'Avslutad 2027-05-02: Målen är uppnådda.',
    'Har planens mål uppnåtts? Delvis',
    'Vad personen säger: Jag är nöjd med lägenheten.',
    'Anteckning: Avslutas efter sista uppföljningen.',
  ]) {
    assert.ok(text.includes(expected), `${expected} in\n${text}`);
  }
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('Kartläggning') < at('Mål') && at('Mål') < at('Insatser'), 'assessment before the goals');
  assert.ok(at('Insatser') < at('Utvärdering vid avslut'), 'evaluation last');
});

test('a plan of kind SIP says so; SPU has its own title; no evaluation or meetings while there are none', async () => {
  const sip = oneLine(pdfText(await planPdf(sample())));
  assert.match(sip, /Typ av plan \(Ineras kod\): SIP /);
  assert.match(sip, /Ingen kartläggning är registrerad\./);
  assert.doesNotMatch(sip, /Utvärdering vid avslut|Deltagare i möten|Närstående deltog/);
  // A plan saved before interventions had a status reads planned and until further notice.
  assert.match(sip, /Boendestöd två gånger i veckan Umeå kommun, socialtjänsten tills vidare ?Planerad ?–/);
  const spu = oneLine(pdfText(await planPdf(sample({}, { planKind: 'SPU' }))));
  assert.match(spu, /Samordnad plan vid utskrivning \(SPU\)/);
});
