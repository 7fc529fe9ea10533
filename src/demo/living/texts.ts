// The living demo's texts: ordinary Swedish of the kind staff write, naming no person (deviations and disputes
// climb the ladder, and the use cases refuse a text with an identity number anyway). No digits in the case texts.

export const sipReasons = [
  'Personen har insatser från både psykiatrin och socialtjänsten och behöver en gemensam plan för boende och vård.',
  'Återkommande inläggningar; boendestödet och öppenvården behöver samordnas inför utskrivning.',
  'Personen vill komma ut i sysselsättning och behöver stöd från flera huvudmän samtidigt.',
  'Oklart vem som gör vad kring medicinering och stöd i hemmet.',
  'Personen har flyttat till kommunen och insatserna behöver planeras om tillsammans.',
  'Missbruk och psykisk ohälsa samtidigt; behandling och stöd behöver gå i takt.',
  'Anhöriga oroar sig för att stödet brister; personen vill ha en plan som alla följer.',
];

export const goals = [
  'Bo kvar i egen lägenhet med stöd.',
  'Ha en meningsfull sysselsättning minst två dagar i veckan.',
  'Färre akuta besök och inläggningar.',
  'Stabil medicinering som personen själv förstår.',
  'Känna trygghet i vardagen och veta vem som gör vad.',
  'Hålla kontakt med familj och vänner.',
];

export const ownWords = [
  'Jag vill klara mig själv hemma, men jag behöver någon som hjälper mig att komma igång på morgonen.',
  'Jag vill inte behöva berätta samma sak för alla. Det är skönt att ni pratar med varandra.',
  'Jag vill jobba igen, kanske inte heltid i början.',
  'Det viktigaste för mig är att få bo kvar där jag bor.',
  'Jag vill att min syster får vara med på mötena.',
];

/** Interventions by the kind of principal that gives them. */
export const interventions = {
  region: [
    'Läkarbesök och uppföljning av medicinering',
    'Samtalsbehandling hos psykolog',
    'Kontaktperson i öppenvården',
    'Bedömning av behov av hjälpmedel för kognitivt stöd',
  ],
  municipality: [
    'Boendestöd tre gånger i veckan',
    'Daglig sysselsättning via kommunens arbetsmarknadsenhet',
    'Stöd av personligt ombud',
    'Hemtjänst för inköp och städning',
  ],
  external: [
    { actor: 'Försäkringskassan', description: 'Utreda rätten till aktivitetsersättning' },
    { actor: 'Arbetsförmedlingen', description: 'Kartläggning inför arbetsträning' },
  ],
};

export const childrenNotes = [
  'Barnen har fått information anpassad efter ålder; familjen har erbjudits stödsamtal.',
  'Barnens andra förälder har kontaktats och barnen får stöd via elevhälsan.',
];

export const declineReasons = [
  'Personen har inga pågående insatser hos enheten; rätt enhet är kontaktad.',
  'Enheten ger inte de insatser som efterfrågas; vi hänvisar till beroendevården.',
];

export const followUpComments = [
  'Fungerar bra enligt personen.',
  'Har kommit igång men behöver fortsätta.',
  'Har inte blivit av; ny tid är bokad.',
];

export const closureNotes = ['Personen har inte längre behov av samordnade insatser.'];

/** Deviations by category: a title and what happened. */
export const deviationTexts: Record<string, { title: string; description: string }[]> = {
  unansweredInvitation: [
    {
      title: 'Kallelse till SIP besvarades inte',
      description:
        'Kallelsen skickades i god tid men besvarades inte inom svarstiden. Mötet fick skjutas upp.',
    },
    {
      title: 'Ingen svarade på kallelse under semestern',
      description: 'Kallelsen låg obesvarad under semesterperioden eftersom ingen bevakade enhetens inkorg.',
    },
  ],
  dischargeInformation: [
    {
      title: 'Ingen information vid utskrivning',
      description: 'En person skrevs ut från slutenvården utan att boendestödet fick veta det i förväg.',
    },
    {
      title: 'Läkemedelslista saknades efter utskrivning',
      description: 'Hemtjänsten fick ingen aktuell läkemedelslista när personen kom hem från sjukhuset.',
    },
  ],
  unclearResponsibility: [
    {
      title: 'Oklart vem som ansvarar för läkemedelshantering',
      description: 'Region och kommun trodde båda att den andra hade ansvaret för att dela läkemedel.',
    },
  ],
  sipNotHeld: [
    {
      title: 'SIP-möte ställdes in',
      description: 'Mötet ställdes in samma dag eftersom ingen från den ena huvudmannen kunde delta.',
    },
  ],
  agreementNotFollowed: [
    {
      title: 'Överenskommelsen följdes inte vid remiss',
      description: 'En remiss skickades tillbaka utan kontakt, trots att överenskommelsen säger annat.',
    },
  ],
  other: [
    {
      title: 'Svårt att nå enheten per telefon',
      description: 'Samverkanspartner har under flera veckor inte nått enheten på det angivna numret.',
    },
  ],
};

export const deviationAnswers = [
  {
    investigation: 'Vi har gått igenom händelsen med berörd personal.',
    cause: 'Rutinen för bevakning var inte känd av alla.',
    measures: 'Rutinen är genomgången på arbetsplatsträff och en ansvarig är utsedd.',
  },
  {
    investigation: 'Händelsen är utredd av enhetschef.',
    cause: 'Hög arbetsbelastning och en vakant tjänst.',
    measures: 'Tjänsten är tillsatt och vi har infört en gemensam funktionsbrevlåda.',
  },
];

export const escalationReasons = [
  'Svaren räcker inte: samma sak har hänt flera gånger och behöver lösas på högre nivå.',
  'Ingen av huvudmännen anser sig ansvarig; frågan behöver avgöras gemensamt.',
];

export const deviationDecisions = [
  'Gruppen ger huvudmännen i uppdrag att ta fram en gemensam rutin före årets slut.',
  'Gruppen konstaterar att överenskommelsen är tydlig och påminner huvudmännen om den.',
  'Frågan förs in i länets handlingsplan för samverkan.',
];

export const disputeTexts = {
  interpretation: [
    {
      category: 'interpretation',
      title: 'Tolkning av ansvaret för boendestöd',
      description:
        'Parterna läser avsnittet om boendestöd olika när personen också har insatser från psykiatrin.',
    },
    {
      category: 'assistiveDevices',
      title: 'Vem bekostar kognitiva hjälpmedel',
      description:
        'Parterna är oeniga om kognitiva hjälpmedel är personliga hjälpmedel eller vårdhjälpmedel.',
    },
  ],
  individualCase: [
    {
      category: 'costSharing',
      title: 'Kostnad för placering på behandlingshem',
      description: 'Parterna är oeniga om hur kostnaden för en placering ska delas.',
    },
    {
      category: 'housing',
      title: 'Ansvar för boende efter utskrivning',
      description: 'Oenighet om vem som ordnar boende med stöd efter en lång vårdtid.',
    },
    {
      category: 'homeHealthCare',
      title: 'Hälso- och sjukvård i hemmet',
      description: 'Parterna är oeniga om vem som ansvarar för insulingivning i hemmet.',
    },
  ],
};

export const interimTexts = [
  'Kommunen fortsätter med nuvarande stöd tills tvisten är avgjord.',
  'Regionen står för vården under tiden.',
];

export const disputeStatements = [
  'Vi menar att överenskommelsens avsnitt om ansvar ger stöd för vår tolkning.',
  'Vi delar inte den bedömningen; insatsen är en hälso- och sjukvårdsinsats.',
  'Vi föreslår att kostnaden delas lika till dess frågan är avgjord.',
];

export const disputeDecisions = [
  {
    decision: 'Kostnaden delas lika mellan parterna.',
    reasoning: 'Behovet gäller både vård och stöd, och överenskommelsen anger delat ansvar.',
  },
  {
    decision: 'Regionen ansvarar för insatsen.',
    reasoning: 'Insatsen är hälso- och sjukvård som inte kan delegeras inom kommunens verksamhet.',
  },
  {
    decision: 'Kommunen ansvarar för insatsen.',
    reasoning: 'Insatsen är stöd i boendet enligt överenskommelsens ansvarsfördelning.',
  },
];
