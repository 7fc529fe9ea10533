import type { Db } from '../../db/client.ts';
import { countyAgreementId, readSeedSections } from '../agreements/index.ts';
import { bodyId } from '../organisations/index.ts';
import { flattenOutline } from './directive.ts';
import {
  revisionDeliverables,
  revisionDirectiveVersions,
  revisionPhases,
  revisionProjects,
} from './schema.ts';

// Dalarna's uppdragsdirektiv (seed 000) as a revision project. What the directive states as facts about the
// work (who, when, which phases, which deliverables) becomes data; the directive itself is version 1, all nine
// sections as text. The demo invents nothing that happened after the directive: no reports, no change
// requests, and every deliverable is still planned, as on the day the directive was presented.

const county = '20';
export const dalarnaProjectId = `revision-${county}`;

// §6: "Uppdraget kommer att pågå fr.o.m. 2020-02-07 t.o.m. preliminärt 2020-12-31."
const startsOn = '2020-02-07';
const endsOn = '2020-12-31';

// The phases' dates: §6 gives only the whole project's span and says the phases "delvis löper parallellt"
// (run partly in parallel), with no date where one ends and the other begins. So each phase is given the
// project's span rather than an invented boundary. The timeline figure under §6 reads "Mars 2020" and "Juni
// 2021", but June 2021 lies after the text's (preliminary) end date, so the figure's dates are not used.
const phases = [
  {
    name: 'Fas 1: Inventering och utredning',
    description: [
      'Involvera den lokala nivån i revideringsarbetet och genomföra en inventering av lokala överenskommelser. Inventering/kartläggning och utredning av behov av samverkansreglering och vägledning mellan kommuner och region avseende målgruppen.',
      '',
      'Fas 1 innefattar:',
      '- Sammansättning av lokal arbetsgrupp (LAG) med uppdrag att revidera befintlig länsgemensam överenskommelse.',
      '- Översyn av befintlig överenskommelse gällande innehåll, aktualitet mm.',
      '- I LAG tydliggöra behovet av samverkansreglering, identifiera samverkanshinder och behov av vägledning till överenskommelsen. Tydliggöra och definiera målgruppen för vilken samverkan bör regleras.',
      '- Utredning av arbetet på lokal nivå.',
      '- I LAG identifiera vilka frågor/områden som eventuellt bör särregleras.',
      '- Granskning av nuvarande dokument som reglerar samverkan inom och utanför länet.',
      '- Involvera nyckelpersoner som kan formulera behov av reglering av samverkan mellan kommun och region gällande målgruppen.',
      '- Ta fram ett implementeringsstöd till överenskommelsen.',
    ].join('\n'),
  },
  {
    name: 'Fas 2: Utarbeta förslag till reviderad överenskommelse',
    description: [
      'Utarbeta förslag till reviderad regional överenskommelse om samverkan mellan kommun och region kring personer med psykiska funktionsnedsättningar från 18 år.',
      '',
      'Fas 2 innefattar:',
      '- Utarbeta ett förslag på en ny överenskommelse.',
      '- Lägga fram förslaget för Länsnätverket för förvaltningschefer och Välfärdsrådet.',
    ].join('\n'),
  },
];

// §6 "Leveranser under uppdraget är:". The phase is the one whose list names the work: LAG is put together in
// phase 1, the new agreement is drafted in phase 2; the running reports cover both. Only the revised agreement
// has a date, the project's (preliminary) end, since the proposal is the project's end product (§4 Uppdragsmål).
const deliverables: { name: string; phase: number | null; dueOn: string | null }[] = [
  { name: 'Uppdragsbeskrivning för LAG', phase: 1, dueOn: null },
  {
    name: 'Löpande rapporter av Fas 1 och Fas 2 till Länsnätverket för förvaltningschefer och Välfärdsrådet',
    phase: null,
    dueOn: null,
  },
  { name: 'En reviderad överenskommelse', phase: 2, dueOn: endsOn },
];

const phaseId = (position: number) => `${dalarnaProjectId}-phase-${position}`;

/** Loads this module's demo data from the seeds; called once, inside the demo data's transaction. */
export async function loadRevisionProjectDemo(tx: Db): Promise<void> {
  await tx.insert(revisionProjects).values({
    id: dalarnaProjectId,
    countyCode: county,
    // §2 "Beskrivning av uppdraget".
    title:
      'Revidering av den länsövergripande överenskommelsen om samverkan mellan kommuner och region i Dalarna kring personer med psykiska funktionsnedsättningar från 18 år',
    agreementId: countyAgreementId(county),
    // §9 "Uppdragsorganisation", in its words.
    commissioner: 'Länsnätverket för förvaltningschefer via Styrgrupp',
    owner: 'Tanja Mårtensson, avdelningschef',
    projectLeader: 'Maria Ekelöf, utvecklingsledare',
    projectSteeringGroup: 'LPO psykisk hälsa (under formering)',
    // §7: changes to the directive's content are decided by the steering group of the managers' network.
    steeringBodyId: bodyId(county, 'styrgrupp'),
    workingGroup: 'Arbetsgrupp (LAG): Under formering',
    recipients: 'Länsnätverket för förvaltningschefer och Välfärdsrådet',
    startsOn,
    endsOn,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  });
  await tx.insert(revisionPhases).values(
    phases.map((p, i) => ({
      id: phaseId(i + 1),
      projectId: dalarnaProjectId,
      position: i + 1,
      ...p,
      startsOn,
      endsOn,
    })),
  );
  await tx.insert(revisionDeliverables).values(
    deliverables.map((d, i) => ({
      id: `${dalarnaProjectId}-deliverable-${i + 1}`,
      projectId: dalarnaProjectId,
      phaseId: d.phase ? phaseId(d.phase) : null,
      position: i + 1,
      name: d.name,
      status: 'planned' as const,
      dueOn: d.dueOn,
    })),
  );
  await tx.insert(revisionDirectiveVersions).values({
    projectId: dalarnaProjectId,
    number: 1,
    // §1 ends: "Styrgruppen presenterade uppdragsdirektiv och förslag på arbetsgrupp i samband med
    // chefsnätverkets sammanträde den 7 februari." The sentence has no year; 2020 is the year §6 starts the
    // work on that same day (2020-02-07). The directive names no other date for itself, so the day it was
    // presented is the date of version 1.
    decidedOn: startsOn,
    changeRequestId: null,
    sections: flattenOutline(readSeedSections('dalarna')),
  });
}
