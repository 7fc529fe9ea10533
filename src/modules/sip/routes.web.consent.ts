import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { groupPrincipals, labelItems } from '../../platform/views/page-helpers.ts';
import { countyWithPrincipals } from '../organisations/index.ts';
import { consentForm } from './forms.ts';
import { sipLabels } from './labels.ts';
import { readSip } from './read-sips.ts';
import { recordConsent } from './record-consent.ts';
import { access, backToSip, params, sipPath } from './routes.web.shared.ts';

// Recording the person's consent: which principals it covers, whether relatives may take part, who took part
// in the decision. The convening unit records it (the use case checks).

const consentPage = formPage({
  path: '/sip/:id/samtycke',
  params,
  access,
  nav: 'sip',
  view: 'sip/consent.njk',
  title: 'Registrera samtycke',
  form: consentForm,
  firstField: 'givenAt',
  back: backToSip,
  load: async (ctx, p, state) => {
    const sip = await readSip(ctx, p.id!);
    const county = (await countyWithPrincipals(ctx.db, sip.countyCode))!;
    const chosen = new Set<string>(
      state.values ? [state.values.principalIds ?? []].flat().map(String) : [sip.convening.principalId],
    );
    return {
      model: {
        sip,
        groups: groupPrincipals(county.principals, chosen),
        participantItems: labelItems(sipLabels.decisionParticipant, state.values?.decisionParticipants),
      },
    };
  },
  fieldIds: { guardians: 'guardian1' },
  run: async (ctx, p, { relativesMayTakePart, guardian1, guardian2, ...consent }) => {
    const guardians = [guardian1, guardian2].filter(Boolean).map((name) => ({ name }));
    await recordConsent(ctx, p.id!, {
      ...consent,
      guardians,
      relativesMayTakePart: relativesMayTakePart === 'yes',
    });
    return done(sipPath(p.id!), 'samtycke');
  },
});

export const sipConsentWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, consentPage);
};
