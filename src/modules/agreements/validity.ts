import { addDays, addMonths, differenceInCalendarMonths, format, parseISO, subMonths } from 'date-fns';

/** An agreement version's terms as data (Värmland "Giltighetstid"): all dates YYYY-MM-DD. */
export type ValidityTerms = {
  startsOn: string | null;
  endsOn: string | null;
  noticeMonths: number | null;
  extensionMonths: number | null;
};

export type Validity = ValidityTerms & {
  currentEndsOn: string | null;
  noticeDeadline: string | null;
  noticeGivenOn: string | null;
};

const day = (d: Date) => format(d, 'yyyy-MM-dd');
const parse = (s: string) => parseISO(s);

/** The end of the period after one that ends on `end`: the same length in months again. */
const nextEnd = (end: string, months: number) => day(addDays(addMonths(addDays(parse(end), 1), months), -1));

/** The last day notice can be given for a period ending on `end` ("senast tolv månader innan avtalstiden löper ut"). */
const deadlineFor = (end: string, noticeMonths: number) => day(subMonths(parse(end), noticeMonths));

/**
 * The periods' ends from the first end onwards, as far as needed: the first whose notice deadline has not
 * passed on `day` (or, with a notice given, the first whose deadline the notice met). Without automatic
 * extension there is one period only.
 */
function periodEnds(terms: ValidityTerms, until: (end: string) => boolean): string[] {
  const ends = [terms.endsOn!];
  if (!terms.extensionMonths) return ends;
  while (!until(ends.at(-1)!) && ends.length < 1000) ends.push(nextEnd(ends.at(-1)!, terms.extensionMonths));
  return ends;
}

/**
 * Computes the current end date and the notice deadline on `today` (API.md "Agreements"):
 * - currentEndsOn: the end of the period containing today, after automatic extensions; with a notice given,
 *   the end of the period that notice ends, and no extension follows.
 * - noticeDeadline: the last day a party can give notice so that the agreement ends at a period's end; the
 *   current period's while that day has not passed, otherwise the next period's.
 */
export function computeValidity(terms: ValidityTerms, today: string, noticeGivenOn: string | null): Validity {
  const base = { ...terms, noticeGivenOn };
  if (!terms.endsOn) return { ...base, currentEndsOn: null, noticeDeadline: null };
  const notice = terms.noticeMonths ?? 0;
  if (noticeGivenOn) {
    const ends = periodEnds(terms, (end) => deadlineFor(end, notice) >= noticeGivenOn);
    const last = ends.at(-1)!;
    return { ...base, currentEndsOn: last, noticeDeadline: deadlineFor(last, notice) };
  }
  const current = periodEnds(terms, (end) => end >= today).at(-1)!;
  const candidates = periodEnds(terms, (end) => end >= today && deadlineFor(end, notice) >= today);
  const last = candidates.at(-1)!;
  const deadline = deadlineFor(last, notice);
  return { ...base, currentEndsOn: current, noticeDeadline: deadline >= today ? deadline : null };
}

/** Whether the terms contradict themselves; each problem as a field and a Swedish message. */
export function termProblems(terms: ValidityTerms): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const { startsOn, endsOn, noticeMonths, extensionMonths } = terms;
  if (startsOn && endsOn && endsOn < startsOn) {
    problems.push({ path: 'endsOn', message: 'Slutdatum kan inte vara före startdatum.' });
  }
  if (noticeMonths && startsOn && endsOn && endsOn >= startsOn) {
    const first = differenceInCalendarMonths(addDays(parse(endsOn), 1), parse(startsOn));
    if (noticeMonths > first) {
      problems.push({
        path: 'noticeMonths',
        message: `Uppsägningstiden (${noticeMonths} månader) är längre än avtalsperioden (${first} månader).`,
      });
    }
  }
  if (noticeMonths && extensionMonths && noticeMonths > extensionMonths) {
    problems.push({
      path: 'noticeMonths',
      message: `Uppsägningstiden (${noticeMonths} månader) är längre än förlängningsperioden (${extensionMonths} månader).`,
    });
  }
  if ((noticeMonths || extensionMonths) && !endsOn) {
    problems.push({ path: 'endsOn', message: 'Ange slutdatum när uppsägningstid eller förlängning anges.' });
  }
  return problems;
}
