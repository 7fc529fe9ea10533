import {
  answerDeviation,
  closeDeviation,
  decideDeviation,
  escalateDeviation,
  reportDeviation,
} from '../../modules/deviations/index.ts';
import { addStatement, decideDispute, escalateDispute, openDispute } from '../../modules/disputes/index.ts';
import { atHour, dayAfter, workday } from './random.ts';
import * as texts from './texts.ts';
import type { CountyWorld, Party } from './world.ts';

// Deviations and disputes climbing the county's own ladder, through the deviation and dispute modules' use cases
// (every call to them in the living demo is in this file), each step at its own moment; a step after the demo's
// "now" does not happen, so recent cases wait for answers where older ones were decided. The ladder is read
// from the case's own path: a level without bodies is the managers', a level with bodies is theirs.

type Path = { level: number; bodies: { id: string }[] }[];

export type DeviationScript = {
  at: Date;
  reporter: Party;
  concerned: Party[];
  category: string;
  /** The level it is closed or decided at (capped at the top of the county's ladder). */
  level: number;
};

/** The manager who answers for a principal: its receiving unit's (the demo's manager of the principal). */
const managerOf = (w: CountyWorld, principalId: string) => {
  const manager = w.unitsOf(principalId).find((p) => p.manager)?.manager;
  if (!manager) throw new Error(`no demo manager for ${principalId}`);
  return manager;
};

/** A member of a body at the level (the path names the bodies of the part of the county concerned). */
const memberAt = (w: CountyWorld, path: Path, level: number) =>
  w.memberOf(path.find((l) => l.level === level)!.bodies[0]!.id);

const later = (at: Date, min: number, max: number, w: CountyWorld) =>
  atHour(workday(dayAfter(at, w.r.int(min, max))), w.r.int(8, 16));

export async function playDeviation(w: CountyWorld, s: DeviationScript): Promise<void> {
  const { r } = w;
  const text = r.pick(texts.deviationTexts[s.category]!);
  const reported = await reportDeviation(await w.ctx(s.reporter.staff, s.at), {
    ...text,
    category: s.category,
    concernedPrincipalIds: s.concerned.map((c) => c.principalId),
    occurredOn: dayAfter(s.at, -r.int(0, 10)),
  });
  const path: Path = reported.path;
  const target = Math.min(s.level, Math.max(...path.map((l) => l.level)));
  // Värmland's deviations go straight to its Beredningsgrupp: the body decides from level 1.
  if (path[0]!.bodies.length) return playBodies(w, reported.id, path, s.at, 1, target);
  let at = s.at;
  const answerAll = target === 1 || r.chance(0.5);
  for (const c of answerAll ? s.concerned : []) {
    const [min, max] = r.chance(0.85) ? [3, 25] : [35, 50];
    const answerAt = later(s.at, min!, max!, w);
    if (answerAt > w.now) return;
    await answerDeviation(
      await w.ctx(managerOf(w, c.principalId), answerAt),
      reported.id,
      r.pick(texts.deviationAnswers),
    );
    if (answerAt > at) at = answerAt;
  }
  if (target === 1) {
    const closeAt = later(at, 1, 10, w);
    if (closeAt > w.now) return;
    return void (await closeDeviation(await w.ctx(s.reporter.staff, closeAt), reported.id, {
      outcome: r.pick(['measuresTaken', 'measuresTaken', 'routineClarified', 'noMeasureNeeded'] as const),
    }));
  }
  at = later(at, 20, 40, w);
  if (at > w.now) return;
  await escalateDeviation(await w.ctx(s.reporter.staff, at), reported.id, {
    reason: r.pick(texts.escalationReasons),
  });
  await playBodies(w, reported.id, path, at, 2, target);
}

/** The bodies from level `from` pass the deviation on up to `target`, where one decides. */
async function playBodies(w: CountyWorld, id: string, path: Path, from: Date, first: number, target: number) {
  const { r } = w;
  let at = from;
  for (let level = first; level <= target; level++) {
    at = later(at, 10, 40, w);
    if (at > w.now) return;
    const ctx = await w.ctx(memberAt(w, path, level), at);
    if (level < target) {
      await escalateDeviation(ctx, id, { reason: r.pick(texts.escalationReasons) });
      continue;
    }
    await decideDeviation(ctx, id, {
      decision: r.pick(texts.deviationDecisions),
      outcome: r.pick(['measuresTaken', 'routineClarified', 'referredToActionPlan'] as const),
    });
  }
}

export type DisputeScript = {
  at: Date;
  opener: Party;
  counterpart: Party;
  kind: 'interpretation' | 'individualCase';
  level: number;
};

export async function playDispute(w: CountyWorld, s: DisputeScript): Promise<void> {
  const { r } = w;
  const text = r.pick(texts.disputeTexts[s.kind]);
  const opener = s.opener.manager ?? managerOf(w, s.opener.principalId);
  const counterpart = managerOf(w, s.counterpart.principalId);
  const opened = await openDispute(await w.ctx(opener, s.at), {
    kind: s.kind,
    ...text,
    counterpartPrincipalIds: [s.counterpart.principalId],
    interimResponsibility:
      s.kind === 'individualCase'
        ? {
            principalId: r.pick([s.opener, s.counterpart]).principalId,
            description: r.pick(texts.interimTexts),
          }
        : null,
  });
  const path: Path = opened.path;
  const target = Math.min(s.level, Math.max(...path.map((l) => l.level)));
  let at = s.at;
  at = later(at, 2, 12, w);
  if (at > w.now) return;
  await addStatement(await w.ctx(counterpart, at), opened.id, { text: r.pick(texts.disputeStatements) });
  for (let level = 1; level <= target; level++) {
    at = later(at, 10, 35, w);
    if (at > w.now) return;
    const ctx = await w.ctx(level === 1 ? r.pick([opener, counterpart]) : memberAt(w, path, level), at);
    if (level < target) await escalateDispute(ctx, opened.id, { reason: r.pick(texts.escalationReasons) });
    else await decideDispute(ctx, opened.id, r.pick(texts.disputeDecisions));
  }
}
