// Seeds national-scale SIP work for the follow-up dashboard (issue 7): 100 000 SIPs started over the last three
// years in the four counties, and their events (up to thirteen a SIP: request, consent, three invitations and
// their answers, three plan versions, two follow-ups; only those whose day has come, about 1.1 million), generated in SQL with generate_series so it takes a minute, not
// hours. Each has a consent for the region and the municipality and the other party's accepted invitation (issue 27),
// so the access rule and the lists meet a national database's SIP tables. The SIPs belong to bench units of their
// own (a psychiatry unit of each region and a social services unit of each municipality, with no users), so no page
// the other scenarios load shows them, but every query the access rule makes meets them. Then the
// follow-up figures are computed for every county, as the refresh job does, and the time that takes is what the
// dashboard's freshness costs. `DATABASE_URL=… node bench/seed-national.ts` seeds a database that has the demo data.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { loadDemoData } from '../src/demo/load-demo.ts';
import { refreshCountyFigures } from '../src/modules/followup/refresh-figures.ts';
import { counties, principals, units, users } from '../src/modules/organisations/schema.ts';
import { refreshParticipation } from './participation.ts';

export const nationalSipCount = 100_000;

export type NationalSeedSummary = {
  sips: number;
  events: number;
  units: number;
  seedMs: number;
  /** Milliseconds to compute each county's figures from the events, and the figure rows written. */
  refresh: { countyCode: string; ms: number; rows: number }[];
};

/** Opens the database, seeds it and computes the figures; the server may run meanwhile (PostgreSQL). */
export async function seedNational(target: { databaseUrl?: string | undefined; dataDir: string }) {
  const database = await openDatabase(target);
  try {
    await database.migrate();
    await loadDemoData(database.db);
    const started = performance.now();
    const { db } = database;
    const seeded = await inTransaction(db, async (tx) => {
      const [creator] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, 'psykiatri.karlstad'));
      if (!creator) throw new Error('the demo data is missing');
      // One bench unit per principal: the region's "psychiatry", each municipality's "social services".
      const parties = await tx
        .select({ id: principals.id, kind: principals.kind, countyCode: principals.countyCode })
        .from(principals)
        .where(sql`${principals.kind} in ('region', 'municipality')`)
        .orderBy(principals.countyCode, principals.id);
      const benchUnits = parties.map((p) => ({
        id: randomUUID(),
        principalId: p.id,
        countyCode: p.countyCode,
        kind: p.kind,
        name: p.kind === 'region' ? 'Nationell last: psykiatri' : 'Nationell last: socialtjänst',
      }));
      await tx
        .insert(units)
        .values(benchUnits.map(({ id, principalId, name }) => ({ id, principalId, name })));
      await tx.execute(
        sql`create temporary table bench_units (county_code text, kind text, n int, unit_id text, principal_id text) on commit drop`,
      );
      const countyCodes = (
        await tx.select({ code: counties.code }).from(counties).orderBy(counties.code)
      ).map((c) => c.code);
      for (const code of countyCodes) {
        const mine = benchUnits.filter((u) => u.countyCode === code && u.kind === 'municipality');
        const region = benchUnits.find((u) => u.countyCode === code && u.kind === 'region')!;
        await tx.execute(
          sql`insert into bench_units values ${sql.join(
            [
              sql`(${code}, 'region', 0, ${region.id}, ${region.principalId})`,
              ...mine.map((u, n) => sql`(${code}, 'municipality', ${n}, ${u.id}, ${u.principalId})`),
            ],
            sql`, `,
          )}`,
        );
      }
      // Each SIP: county by i, the municipality by i within the county; convened by the region 40 % of the
      // time, else by the municipality, which invites the other (twice: a first and a follow-up meeting).
      await tx.execute(sql`
        create temporary table bench_sips on commit drop as
        select g.i, 'bench-sip-' || g.i as id, c.code as county_code,
               m.unit_id as municipality_unit, m.principal_id as municipality_id,
               r.unit_id as region_unit, r.principal_id as region_id,
               (hashint4(g.i) % 10 + 10) % 10 < 4 as by_region,
               now() - make_interval(days => 10 + (hashint4(g.i * 3) % 1085 + 1085) % 1085) as created_at,
               (hashint4(g.i * 5) % 15 + 15) % 15 as consent_days,
               (hashint4(g.i * 7) % 30 + 30) % 30 as meeting_days,
               (hashint4(g.i * 11) % 100 + 100) % 100 as roll
        from generate_series(1, ${nationalSipCount}) as g(i)
        join (select code, row_number() over (order by code) - 1 as k from counties) c on c.k = g.i % ${countyCodes.length}
        join bench_units r on r.county_code = c.code and r.kind = 'region'
        join lateral (select count(*) as n from bench_units b where b.county_code = c.code and b.kind = 'municipality') cnt on true
        join bench_units m on m.county_code = c.code and m.kind = 'municipality' and m.n = (g.i / 4) % cnt.n`);
      await tx.execute(sql`
        insert into persons (id, personal_identity_number, identity_number_kind, name, protected_identity, created_at)
        select 'bench-person-' || i, '99' || lpad(i::text, 10, '0'), 'personnummer', 'Testperson ' || i, false, created_at
        from bench_sips`);
      await tx.execute(sql`
        insert into sips (id, county_code, person_id, person_name, convening_unit_id, convening_principal_id, reason,
                          requested_by, has_children, status, overall_unit_id, follow_up_due_on, created_at, created_by)
        select id, county_code, 'bench-person-' || i, 'Testperson ' || i,
               case when by_region then region_unit else municipality_unit end,
               case when by_region then region_id else municipality_id end,
               'Nationell last', 'staff', roll < 20, 'active',
               case when by_region then region_unit else municipality_unit end,
               (created_at + make_interval(days => consent_days + meeting_days + 365))::date,
               created_at, ${creator.id}
        from bench_sips`);
      // Consent in force for the region and the municipality, and the other party's accepted invitation (issue 27:
      // the access rule and the lists read these tables, so a national database has them as the county seed does).
      await tx.execute(sql`
        insert into sip_consents (sip_id, given_on, form, relatives_may_take_part, decision_participants,
                                  other_parties, withdrawn_on, recorded_at, recorded_by)
        select id, (created_at + make_interval(days => consent_days))::date, 'written', roll < 60, '["person"]',
               '[]', null, created_at + make_interval(days => consent_days), ${creator.id}
        from bench_sips`);
      await tx.execute(sql`
        insert into sip_consent_principals (sip_id, principal_id)
        select id, region_id from bench_sips union all select id, municipality_id from bench_sips`);
      await tx.execute(sql`
        insert into sip_invitations (id, sip_id, unit_id, meeting_at, place, external_participants, answer_by,
                                     status, answered_at, answered_by, created_at)
        select id || '-1', id, case when by_region then municipality_unit else region_unit end,
               created_at + make_interval(days => consent_days + meeting_days), 'Samverkansrummet', '[]',
               (created_at + make_interval(days => consent_days + 5))::date, 'accepted',
               created_at + make_interval(days => consent_days + 2), ${creator.id},
               created_at + make_interval(days => consent_days)
        from bench_sips`);
      await refreshParticipation(tx);
      // The events of each SIP, in the shapes the SIP module records them (sip/events.ts).
      await tx.execute(sql`
        insert into events (at, type, county_code, actor_user_id, subject_type, subject_id, data)
        select e.at, e.type, s.county_code, null, 'sip', s.id, e.data
        from (select *, case when by_region then region_unit else municipality_unit end as convening,
                        case when by_region then region_id else municipality_id end as convening_principal,
                        case when by_region then municipality_unit else region_unit end as invited,
                        created_at + make_interval(days => consent_days) as consent_at,
                        created_at + make_interval(days => consent_days + meeting_days) as meeting_at
              from bench_sips) s
        cross join lateral (values
          (s.created_at, 'sip.requested', jsonb_build_object('sipId', s.id, 'unitId', s.convening, 'principalId', s.convening_principal, 'requestedBy', 'staff')),
          (s.consent_at, 'sip.consentRecorded', jsonb_build_object('sipId', s.id, 'givenOn', s.consent_at::date, 'form', 'written', 'principalCount', 2)),
          (s.consent_at, 'sip.invitationSent', jsonb_build_object('sipId', s.id, 'invitationId', s.id || '-1', 'unitId', s.invited, 'meetingOn', s.meeting_at::date, 'answerBy', (s.consent_at + interval '5 days')::date)),
          (s.consent_at + interval '2 days', 'sip.invitationAnswered', jsonb_build_object('sipId', s.id, 'invitationId', s.id || '-1', 'unitId', s.invited, 'accepted', true, 'withinDeadline', s.roll < 85)),
          (s.meeting_at, 'sip.planSaved', jsonb_build_object('sipId', s.id, 'version', 1, 'ownWordsRecorded', s.roll < 92, 'childrenConsidered', case when s.roll < 20 then s.roll < 17 else null end, 'hasChildren', s.roll < 20, 'compulsoryCare', null)),
          (s.meeting_at + interval '170 days', 'sip.invitationSent', jsonb_build_object('sipId', s.id, 'invitationId', s.id || '-2', 'unitId', s.invited, 'meetingOn', (s.meeting_at + interval '180 days')::date, 'answerBy', (s.meeting_at + interval '175 days')::date)),
          (s.meeting_at + interval '171 days', 'sip.invitationAnswered', jsonb_build_object('sipId', s.id, 'invitationId', s.id || '-2', 'unitId', s.invited, 'accepted', true, 'withinDeadline', s.roll % 7 <> 0)),
          (s.meeting_at + interval '180 days', 'sip.followUpHeld', jsonb_build_object('sipId', s.id, 'heldOn', (s.meeting_at + interval '180 days')::date, 'dueOn', (s.meeting_at + interval '182 days')::date, 'onTime', s.roll % 5 <> 0, 'nextFollowUpOn', (s.meeting_at + interval '365 days')::date)),
          (s.meeting_at + interval '180 days', 'sip.planSaved', jsonb_build_object('sipId', s.id, 'version', 2, 'ownWordsRecorded', s.roll < 95, 'childrenConsidered', case when s.roll < 20 then true else null end, 'hasChildren', s.roll < 20, 'compulsoryCare', null)),
          (s.meeting_at + interval '350 days', 'sip.invitationSent', jsonb_build_object('sipId', s.id, 'invitationId', s.id || '-3', 'unitId', s.invited, 'meetingOn', (s.meeting_at + interval '360 days')::date, 'answerBy', (s.meeting_at + interval '355 days')::date)),
          (s.meeting_at + interval '352 days', 'sip.invitationAnswered', jsonb_build_object('sipId', s.id, 'invitationId', s.id || '-3', 'unitId', s.invited, 'accepted', true, 'withinDeadline', s.roll % 9 <> 0)),
          (s.meeting_at + interval '360 days', 'sip.planSaved', jsonb_build_object('sipId', s.id, 'version', 3, 'ownWordsRecorded', s.roll < 97, 'childrenConsidered', case when s.roll < 20 then true else null end, 'hasChildren', s.roll < 20, 'compulsoryCare', null)),
          (s.meeting_at + interval '360 days', 'sip.followUpHeld', jsonb_build_object('sipId', s.id, 'heldOn', (s.meeting_at + interval '360 days')::date, 'dueOn', (s.meeting_at + interval '365 days')::date, 'onTime', s.roll % 4 <> 0, 'nextFollowUpOn', null))
        ) as e(at, type, data)
        -- Only what has happened by now: a young SIP has fewer events (its later ones lie ahead).
        where e.at <= now()`);
      const [counted] = await tx
        .execute(sql`select count(*)::int as n from events where subject_id like 'bench-sip-%'`)
        .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
      return { units: benchUnits.length, events: counted?.n ?? 0, countyCodes };
    });
    await db.execute(sql`analyze`);
    const seedMs = performance.now() - started;
    // The figures as the refresh job computes them, county by county, each in its own transaction.
    const refresh = [];
    for (const countyCode of seeded.countyCodes) {
      const t = performance.now();
      const rows = await inTransaction(db, (tx) => refreshCountyFigures(tx, countyCode, new Date()));
      refresh.push({ countyCode, ms: performance.now() - t, rows });
    }
    return {
      sips: nationalSipCount,
      events: seeded.events,
      units: seeded.units,
      seedMs,
      refresh,
    } satisfies NationalSeedSummary;
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  console.log(
    JSON.stringify(
      await seedNational({
        databaseUrl: process.env.DATABASE_URL,
        dataDir: process.env.DATA_DIR ?? './data',
      }),
      null,
      2,
    ),
  );
}
