import type { FollowUpWorld, Json } from './followup-world.ts';
import { type InventoryRecord, shortFormRecord } from './needs-inventory.ts';

// The needs inventory story of Södermanland that test/api/needs-inventories*.test.ts tell: its records, the calls
// it makes, and (for the results' file) its first steps without their checks.

export const bgp = 'body-04-bgp';
export const errorsOf = (res: Json) =>
  Object.fromEntries((res.body.errors ?? []).map((e: Json) => [e.path, e.message]));

type Person = InventoryRecord;

/** n persons alike but for what `vary(i)` changes. */
export const persons = (
  n: number,
  base: Person,
  vary: (i: number) => Partial<Person> = () => ({}),
): Person[] =>
  Array.from({ length: n }, (_, i) => {
    const v = vary(i);
    return { ...base, ...v, needs: { ...base.needs, ...v.needs } };
  });

// The earlier round: ten persons of Eskilstuna on the full form, reported in the spring.
export const earlier: Person[] = persons(
  10,
  {
    municipalityCode: '0484',
    ageBand: '35-49',
    gender: 'man',
    housing: 'own',
    occupation: 'none',
    contacts: ['psychiatry'],
    needs: {
      housing: 'none',
      occupation: 'unmet',
      dailyLiving: 'met',
      social: 'none',
      leisure: 'none',
      economy: 'none',
      psychiatricCare: 'met',
      somaticCare: 'none',
      substanceUse: 'none',
    },
  },
  (i) => (i < 5 ? { housing: 'ownWithSupport', needs: { housing: 'unmet' } } : {}),
);

// This round, on the short form: 12 persons of Eskilstuna (entered by its two units), 6 of Nyköping and 2 of
// Vingåker. Nyköping's and Vingåker's persons are alike; Eskilstuna's differ in each question.
export const alike = shortFormRecord;
// Eskilstuna person i (0–11): woman 0–6, man 7–11; own home 0–6, with support 7–9, special housing 10–11;
// no occupation 0–6, daily activity 7–11; social services 0–8; housing need met 7–8, unmet 9–11; occupation
// need unmet 0–6, met 7–11; social need unmet 0–6, none 7–11; psychiatric care met 0–9, unmet 10–11.
export const eskilstuna = persons(
  12,
  { ...alike('0484'), contacts: ['psychiatry', 'socialServices'] },
  (i) => ({
    gender: i < 7 ? 'woman' : 'man',
    housing: i < 7 ? 'own' : i < 10 ? 'ownWithSupport' : 'specialHousing',
    occupation: i < 7 ? 'none' : 'dailyActivity',
    contacts: i < 9 ? ['psychiatry', 'socialServices'] : ['psychiatry'],
    needs: {
      housing: i < 7 ? 'none' : i < 9 ? 'met' : 'unmet',
      occupation: i < 7 ? 'unmet' : 'met',
      social: i < 7 ? 'unmet' : 'none',
      psychiatricCare: i < 10 ? 'met' : 'unmet',
    },
  }),
);

/** The story's units, by username. */
export async function storyUnits(w: FollowUpWorld): Promise<Record<string, string>> {
  return Object.fromEntries(
    await Promise.all(
      ['soc.eskilstuna', 'boendestod.eskilstuna', 'soc.nykoping', 'psykiatri.eskilstuna', 'soc.karlstad'].map(
        async (u) => [u, await w.unit(u)] as const,
      ),
    ),
  );
}

/** The story's calls (on the world and units its test makes before it starts): as a user on a day, a round's body, records entered, a round moved on. */
export function storyCalls(world: () => FollowUpWorld, unitsOf: () => Record<string, string>) {
  const as = (username: string, on: string) => world().at(username, world().day(on));
  const roundBody = (over: Json = {}) => ({
    title: 'Behovsinventering 2026',
    periodStart: '2026-09-01',
    periodEnd: '2026-11-30',
    formId: 'skl-kortversion-2015',
    coordinatorBodyId: bgp,
    unitIds: [unitsOf()['soc.eskilstuna'], unitsOf()['boendestod.eskilstuna'], unitsOf()['soc.nykoping']],
    instructions:
      'En person som både socialtjänsten och boendestödet känner till registreras av socialtjänsten.',
    ...over,
  });
  const enterAll = async (roundId: string, on: string, entries: [string, InventoryRecord[]][]) => {
    for (const [username, list] of entries)
      for (const p of list)
        world().ok(
          await as(username, on)('POST', `/api/needs-inventories/${roundId}/records`, p),
          201,
          username,
        );
  };
  const advance = async (roundId: string, status: string, on: string, who = 'bgp.sormland') =>
    world().ok(
      await as(who, on)('POST', `/api/needs-inventories/${roundId}/status`, { status }),
      200,
      status,
    );

  return { as, roundBody, enterAll, advance };
}

/**
 * The story's first steps as needs-inventories.test.ts takes them, without their checks: the earlier round run
 * and reported, this round planned and its 20 records entered (and one more entered and removed). Its ids.
 */
export async function roundCollected(w: FollowUpWorld, units: Record<string, string>) {
  const { as, roundBody, enterAll, advance } = storyCalls(
    () => w,
    () => units,
  );
  const earlierRound = roundBody({
    title: 'Behovsinventering våren 2026',
    periodStart: '2026-01-10',
    periodEnd: '2026-02-28',
    formId: 'socialstyrelsen-2012',
    unitIds: [units['soc.eskilstuna']],
  });
  const earlierId: string = w.ok(
    await as('avtal.sormland', '2026-01-05')('POST', '/api/needs-inventories', earlierRound),
    201,
    'create earlier',
  ).id;
  await advance(earlierId, 'collecting', '2026-01-10');
  await enterAll(earlierId, '2026-02-01', [['soc.eskilstuna', earlier]]);
  await advance(earlierId, 'interpreting', '2026-03-01');
  await advance(earlierId, 'reported', '2026-03-20');
  const roundId: string = w.ok(
    await as('bgp.sormland', '2026-08-20')('POST', '/api/needs-inventories', roundBody()),
    201,
    'create',
  ).id;
  await advance(roundId, 'collecting', '2026-09-01');
  await enterAll(roundId, '2026-09-10', [
    ['soc.eskilstuna', [...eskilstuna.slice(0, 8), ...persons(2, alike('0428'))]],
    ['boendestod.eskilstuna', eskilstuna.slice(8)],
    ['soc.nykoping', persons(6, alike('0480'))],
  ]);
  const records = `/api/needs-inventories/${roundId}/records`;
  const extra = w.ok(await as('soc.nykoping', '2026-09-11')('POST', records, alike('0480')), 201, 'extra');
  w.ok(await as('soc.nykoping', '2026-09-11')('DELETE', `${records}/${extra.id}`), 204, 'removed');
  return { earlierId, roundId };
}
