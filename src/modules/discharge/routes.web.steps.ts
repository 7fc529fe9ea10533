import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { UserContext } from '../../platform/http/context.ts';
import {
  done,
  type FormPage,
  formPage,
  registerButton,
  registerFormPage,
} from '../../platform/views/form-pages.ts';
import { acknowledgeStay } from './acknowledge.ts';
import { callSip } from './call-sip.ts';
import { readStay } from './change.ts';
import { dischargePatient } from './discharge-patient.ts';
import { disputeDay } from './dispute-day.ts';
import {
  acknowledgeForm,
  dischargeForm,
  disputeForm,
  expectedDateForm,
  preparationForm,
  readyForm,
  swedishInstant,
} from './forms.ts';
import { markReady, revokeReady } from './readiness.ts';
import { recordPreparation } from './record-preparation.ts';
import { access, backToStay, kronor, params, stayPath } from './routes.web.shared.ts';
import { updateExpectedDate } from './update-expected-date.ts';

// The forms of a stay's page, each a page of its own (platform/views/form-pages.ts) shown with one template
// (discharge/step.njk) from a list of fields; the use cases check who may do what (403) and the state (409).

type Field =
  | { kind: 'date' | 'time' | 'text'; id: string; label: string; hint?: string }
  | { kind: 'textarea'; id: string; label: string; hint?: string }
  | { kind: 'select'; id: string; label: string; items: { value: string; text: string }[] };

/** A step's page: the stay's person as caption, its fields and button; loads the stay through its access rule. */
function step<S extends z.ZodObject>(spec: {
  path: string;
  title: string;
  intro: string;
  button: string;
  firstField: string;
  form: S;
  fields: (stay: Awaited<ReturnType<typeof readStay>>) => Field[];
  values?: (stay: Awaited<ReturnType<typeof readStay>>) => Record<string, unknown>;
  run: (ctx: UserContext, id: string, data: z.output<S>) => Promise<string>;
}) {
  return formPage({
    path: `/utskrivning/:id/${spec.path}`,
    params,
    access,
    nav: 'utskrivning',
    view: 'discharge/step.njk',
    title: spec.title,
    form: spec.form,
    firstField: spec.firstField,
    back: backToStay,
    load: async (ctx, p) => {
      const stay = await readStay(ctx, p.id!);
      const fields = spec.fields(stay);
      return {
        caption: stay.person.name,
        values: spec.values?.(stay),
        model: { fields, intro: spec.intro, button: spec.button },
      };
    },
    run: async (ctx, p, data) => done(stayPath(p.id!), await spec.run(ctx, p.id!, data)),
  });
}

const steps = [
  step({
    path: 'kvittera',
    firstField: 'fastVardkontakt',
    title: 'Kvittera inskrivningsmeddelandet',
    intro:
      'Er enhet bekräftar att den har tagit emot meddelandet och startar planeringen inför utskrivningen.',
    button: 'Kvittera och starta planeringen',
    form: acknowledgeForm,
    fields: (stay) =>
      stay.units.some((u) => u.kind === 'regionalOutpatient')
        ? [
            {
              kind: 'text',
              id: 'fastVardkontakt',
              label: 'Patientens fasta vårdkontakt (regionens öppna vård)',
              hint: 'Namn, yrke och hur den fasta vårdkontakten nås. Lämna tomt om er enhet inte är öppenvården.',
            },
          ]
        : [],
    run: async (ctx, id, data: { fastVardkontakt: string }) => {
      await acknowledgeStay(ctx, id, data);
      return 'kvitterat';
    },
  }),
  step({
    path: 'forberedelse',
    firstField: 'preparation',
    title: 'Det er enhet förbereder',
    intro: 'Beskriv vad er enhet förbereder inför utskrivningen. Det ersätter det ni skrev förut.',
    button: 'Spara',
    form: preparationForm,
    fields: () => [{ kind: 'textarea', id: 'preparation', label: 'Det ni förbereder' }],
    run: async (ctx, id, data: { preparation: string }) => {
      await recordPreparation(ctx, id, data);
      return 'forberedelse';
    },
  }),
  step({
    path: 'beraknat-datum',
    firstField: 'expectedReadyOn',
    title: 'Ändra beräknat datum',
    intro: 'De berörda enheterna får besked om det nya datumet.',
    button: 'Ändra datum',
    form: expectedDateForm,
    fields: () => [
      { kind: 'date', id: 'expectedReadyOn', label: 'Beräknas utskrivningsklar', hint: 'ÅÅÅÅ-MM-DD' },
    ],
    values: (stay) => ({ expectedReadyOn: stay.expectedReadyOn }),
    run: async (ctx, id, data: { expectedReadyOn: string }) => {
      await updateExpectedDate(ctx, id, data);
      return 'datum';
    },
  }),
  step({
    path: 'utskrivningsklar',
    firstField: 'judgedOn',
    title: 'Utskrivningsklar',
    intro:
      'Läkaren har bedömt att patienten inte längre behöver vård i sluten vård. De berörda enheterna får besked nu, och kommunens betalningsansvar räknas från beskedet enligt länets regel.',
    button: 'Meddela utskrivningsklar',
    form: readyForm,
    fields: () => [
      { kind: 'date', id: 'judgedOn', label: 'Dag för läkarens bedömning', hint: 'ÅÅÅÅ-MM-DD' },
      { kind: 'time', id: 'judgedTime', label: 'Klockslag', hint: 'TT:MM' },
    ],
    run: async (ctx, id, data: { judgedOn: string; judgedTime: string }) => {
      await markReady(ctx, id, { judgedAt: swedishInstant(data.judgedOn, data.judgedTime) });
      return 'klar';
    },
  }),
  step({
    path: 'skriv-ut',
    firstField: 'dischargedOn',
    title: 'Skriv ut patienten',
    intro:
      'Informationen ska ha överförts till de berörda enheterna senast på utskrivningsdagen. Patienten får en sammanfattning (patientlagen 3 kap. 2 b §): vården, den fasta vårdkontakten, när SIP:en planeras och befintliga planer.',
    button: 'Skriv ut',
    form: dischargeForm,
    fields: () => [
      { kind: 'date', id: 'dischargedOn', label: 'Utskrivningsdag', hint: 'ÅÅÅÅ-MM-DD' },
      { kind: 'date', id: 'informationTransferredOn', label: 'Information överförd', hint: 'ÅÅÅÅ-MM-DD' },
      { kind: 'textarea', id: 'care', label: 'Vård och behandling under vårdtiden' },
      { kind: 'date', id: 'sipPlannedOn', label: 'SIP planeras (valfritt)', hint: 'ÅÅÅÅ-MM-DD' },
      { kind: 'textarea', id: 'existingPlans', label: 'Befintliga planer för vård och omsorg (valfritt)' },
    ],
    run: async (
      ctx,
      id,
      d: {
        dischargedOn: string;
        informationTransferredOn: string;
        care: string;
        sipPlannedOn: string;
        existingPlans: string;
      },
    ) => {
      await dischargePatient(ctx, id, {
        dischargedOn: d.dischargedOn,
        informationTransferredOn: d.informationTransferredOn,
        summary: { care: d.care, sipPlannedOn: d.sipPlannedOn || null, existingPlans: d.existingPlans },
      });
      return 'utskriven';
    },
  }),
  step({
    path: 'bestrid',
    firstField: 'day',
    title: 'Bestrid ett vårddygn',
    intro:
      'Kommunen bestrider att den ska betala för en dag. En tvist öppnas mellan kommunen och regionen på länets trappa. Skriv inget som pekar ut patienten.',
    button: 'Bestrid dagen',
    form: disputeForm,
    fields: (stay) => [
      {
        kind: 'select',
        id: 'day',
        label: 'Dag',
        items: [
          { value: '', text: 'Välj dag' },
          ...stay.payment.days
            .filter((d) => !d.disputeId)
            .map((d) => ({ value: d.day, text: `${d.day} (${kronor(d.amountSek)})` })),
        ],
      },
      { kind: 'textarea', id: 'reason', label: 'Varför kommunen bestrider dagen' },
    ],
    run: async (ctx, id, data: { day: string; reason: string }) => {
      await disputeDay(ctx, id, data);
      return 'bestridd';
    },
  }),
];

export const dischargeStepWebRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const page of steps) registerFormPage(app, page as FormPage<typeof page.form>);
  registerButton(app, {
    path: '/utskrivning/:id/inte-utskrivningsklar',
    params,
    access,
    back: backToStay,
    run: async (ctx, p) => {
      await revokeReady(ctx, p.id!);
      return done(stayPath(p.id!), 'inteklar');
    },
  });
  registerButton(app, {
    path: '/utskrivning/:id/kalla-sip',
    params,
    access,
    back: backToStay,
    run: async (ctx, p) => {
      await callSip(ctx, p.id!);
      return done(stayPath(p.id!), 'sip');
    },
  });
};
