import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { labelItems } from '../../platform/views/page-helpers.ts';
import {
  addParticipantRow,
  assessmentForm,
  assessmentFormProblems,
  maxMeetingUnits,
  meetingForm,
  meetingFormProblems,
  shownOthers,
} from './forms.content.ts';
import { sipLabels } from './labels.ts';
import { lifeAreas } from './life-areas.ts';
import { assertTakesPart } from './policy.ts';
import { readSip } from './read-sips.ts';
import { recordAssessment } from './record-assessment.ts';
import { recordMeeting } from './record-meeting.ts';
import { access, backToSip, namesFor, params, sipPath } from './routes.web.shared.ts';

// The needs assessment (kartläggning) of the caller's unit, and a meeting as held (issue 22). Both for the units
// that take part, which the use cases check again.

const assessmentPage = formPage({
  path: '/sip/:id/kartlaggning',
  params,
  access,
  nav: 'sip',
  view: 'sip/assessment.njk',
  title: 'Kartläggning',
  form: assessmentForm,
  firstField: `${lifeAreas[0].code}Situation`,
  back: backToSip,
  load: async (ctx, p) => {
    const sip = await readSip(ctx, p.id!);
    await assertTakesPart(ctx.db, ctx, sip, 'registrera en kartläggning');
    // The form starts from what the caller's unit recorded before.
    const own = sip.assessments.find((a) => a.unitId === ctx.user.unit.id);
    const saved = Object.fromEntries(
      (own?.areas ?? []).flatMap((a) => [
        [`${a.area}Situation`, a.situation],
        [`${a.area}Strengths`, a.strengths],
        [`${a.area}Wishes`, a.wishes],
      ]),
    );
    return {
      values: saved,
      model: { sip, areas: lifeAreas, unitName: ctx.user.unit.name },
    };
  },
  check: (_ctx, _p, posted) => assessmentFormProblems(posted),
  run: async (ctx, p, data) => {
    await recordAssessment(ctx, p.id!, data);
    return done(sipPath(p.id!), 'kartlaggning');
  },
});

const meetingPage = formPage({
  path: '/sip/:id/mote',
  params,
  access,
  nav: 'sip',
  view: 'sip/meeting.njk',
  title: 'Registrera möte',
  form: meetingForm,
  firstField: 'heldOn',
  back: backToSip,
  load: async (ctx, p, state) => {
    const sip = await readSip(ctx, p.id!);
    await assertTakesPart(ctx.db, ctx, sip, 'registrera ett möte');
    const names = await namesFor(ctx.db, [sip]);
    const values = state.values ?? {};
    // The units the SIP called: the convening unit first, then each invited unit once.
    const unitIds = [...new Set([sip.convening.unitId, ...sip.invitations.map((i) => i.unitId)])].slice(
      0,
      maxMeetingUnits,
    );
    const attendance = { yes: 'Deltog', no: 'Frånvarande' };
    return {
      model: {
        sip,
        participationItems: labelItems(sipLabels.personsParticipation, values.personsParticipation),
        units: unitIds.map((unitId, j) => ({
          index: j,
          id: unitId,
          name: names.unitWithPrincipal(unitId),
          role: values[`unit${j}Role`] ?? '',
          attendedItems: [
            { value: '', text: 'Inte med i mötet' },
            ...labelItems(attendance, values[`unit${j}Attended`]).map((i) => ({ ...i, selected: i.checked })),
          ],
        })),
        othersCount: shownOthers(values),
        others: Array.from({ length: shownOthers(values) }, (_, k) => ({
          index: k,
          number: k + 1,
          name: values[`other${k}Name`] ?? '',
          role: values[`other${k}Role`] ?? '',
          kindItems: labelItems({ relative: 'Närstående', external: 'Extern part' }, values[`other${k}Kind`]),
          attendedItems: labelItems(attendance, values[`other${k}Attended`]),
        })),
        relativesMayTakePart: sip.consent?.relativesMayTakePart ?? false,
      },
    };
  },
  prepare: async (ctx, p) => (await readSip(ctx, p.id!)).consent?.relativesMayTakePart ?? false,
  check: (_ctx, _p, posted, relatives) => meetingFormProblems(posted, relatives),
  step: addParticipantRow,
  run: async (ctx, p, data) => {
    await recordMeeting(ctx, p.id!, data);
    return done(sipPath(p.id!), 'mote');
  },
});

export const sipContentWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, assessmentPage);
  registerFormPage(app, meetingPage);
};
