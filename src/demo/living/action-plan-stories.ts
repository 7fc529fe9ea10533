import {
  addAction,
  addNote,
  changeActionPlanStatus,
  createActionPlan,
  markActionDone,
} from '../../modules/followup/index.ts';
import { addDays } from '../../platform/calendar/working-days.ts';
import { atHour, dayAfter } from './random.ts';
import type { CountyWorld, Party } from './world.ts';

// A county's action plans through the follow-up module's use cases (every call to them in the living demo is in
// this file): one completed last year, one ongoing with an action done and one overdue, one planned. They are
// the owning body's work, made by one of its members.

type Owner = { bodyId: string; member: string };

const ago = (w: CountyWorld, days: number) => dayAfter(w.now, -days);

export async function playActionPlans(w: CountyWorld, owner: Owner, units: Party[]): Promise<void> {
  const [first, second = first] = units as [Party, Party?];
  await completedPlan(w, owner, first!, second!);
  await ongoingPlan(w, owner, first!, second!);
  const plannedAt = atHour(ago(w, 12), 10);
  const planned = await createActionPlan(await w.ctx(owner.member, plannedAt), {
    title: 'Gemensam introduktion om samverkan för nyanställda',
    description:
      'Nyanställda i region och kommuner får en gemensam introduktion om SIP och överenskommelsen.',
    origin: 'jointAnalysis',
    originNote: 'Gruppens analys av vilka kallelser som inte besvarades i tid.',
    owner: { bodyId: owner.bodyId },
    startsOn: dayAfter(w.now, 45),
    endsOn: dayAfter(w.now, 400),
  });
  await addAction(await w.ctx(owner.member, plannedAt), planned, {
    description: 'Introduktionsmaterial framtaget',
    responsibleUnitId: first!.unitId,
    dueOn: dayAfter(w.now, 150),
  });
}

async function completedPlan(w: CountyWorld, owner: Owner, a: Party, b: Party) {
  const start = ago(w, 400);
  const at = (day: string) => w.ctx(owner.member, atHour(day, 10));
  const id = await createActionPlan(await at(start), {
    title: 'Utskrivning med information till boendestödet',
    description: 'Boendestödet ska få veta i förväg när en person skrivs ut från slutenvården.',
    origin: 'deviationCompilation',
    originNote: 'Sammanställningen av avvikelser, där information vid utskrivning var en vanlig kategori.',
    owner: { bodyId: owner.bodyId },
    startsOn: start,
    endsOn: ago(w, 40),
  });
  const actions = [
    { description: 'Checklista för utskrivning i slutenvården', unit: a, due: addDays(start, 120) },
    { description: 'Kontaktvägar till boendestödet uppdaterade', unit: b, due: addDays(start, 240) },
  ];
  for (const action of actions) {
    const actionId = await addAction(await at(start), id, {
      description: action.description,
      responsibleUnitId: action.unit.unitId,
      dueOn: action.due,
    });
    await markActionDone(await at(addDays(action.due, -10)), id, actionId, {
      doneOn: addDays(action.due, -10),
    });
  }
  await addNote(await at(addDays(start, 180)), id, {
    on: addDays(start, 180),
    text: 'Checklistan används nu på alla vårdavdelningar; avvikelserna om utskrivning har minskat.',
  });
  await changeActionPlanStatus(await at(ago(w, 35)), id, { status: 'completed' });
}

async function ongoingPlan(w: CountyWorld, owner: Owner, a: Party, b: Party) {
  const start = ago(w, 150);
  const at = (day: string) => w.ctx(owner.member, atHour(day, 10));
  const id = await createActionPlan(await at(start), {
    title: 'Kallelser till SIP besvaras i tid',
    description: 'Kallelser till SIP ska besvaras inom svarstiden i hela länet, även under semesterperioder.',
    origin: 'deviationCompilation',
    originNote: 'Kallelser som inte besvarades var den vanligaste kategorin i årets sammanställning.',
    owner: { bodyId: owner.bodyId },
    startsOn: start,
    endsOn: dayAfter(w.now, 200),
  });
  const actions = [
    { description: 'Gemensam funktionsbrevlåda för kallelser i varje verksamhet', unit: a, due: ago(w, 120) },
    { description: 'Rutin för bevakning av kallelser under semester', unit: b, due: ago(w, 20) },
    { description: 'Kontaktpersoner för SIP utsedda i varje kommun', unit: b, due: dayAfter(w.now, 90) },
  ];
  const ids: string[] = [];
  for (const action of actions)
    ids.push(
      await addAction(await at(start), id, {
        description: action.description,
        responsibleUnitId: action.unit.unitId,
        dueOn: action.due,
      }),
    );
  await markActionDone(await at(ago(w, 125)), id, ids[0]!, { doneOn: ago(w, 125) });
  await addNote(await at(ago(w, 30)), id, {
    on: ago(w, 30),
    text: 'Uppföljning i gruppen: funktionsbrevlådor finns nu hos de flesta av länets verksamheter.',
  });
}
