import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDate } from '../../platform/clock.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { ageOn } from '../../platform/people/identity-number.ts';
import { done, formPage, registerFormPage } from '../../platform/views/form-pages.ts';
import { groupPrincipals, labelItems } from '../../platform/views/page-helpers.ts';
import { countyWithPrincipals } from '../organisations/index.ts';
import { visibleSipId } from './access-rule.ts';
import {
  consentChangeForm,
  consentChangeProblems,
  consentForm,
  giverFieldIds,
  statedGiver,
} from './forms.ts';
import { sipLabels } from './labels.ts';
import type { SipJson } from './present.ts';
import { readSip } from './read-sips.ts';
import { recordConsent } from './record-consent.ts';
import { recordConsentChange } from './record-consent-change.ts';
import { access, backToSip, params, sipPath } from './routes.web.shared.ts';
import { unscopedConveningUnit } from './unscoped-reads.ts';

// Recording the person's consent: which principals it covers, whether relatives may take part, who took part
// in the decision, who gave it. Changing it afterwards (issue 22 item 4): a principal added or taken away,
// relatives allowed or not, each a new version with its date and who gave it. The convening unit records both
// (the use cases check).

/**
 * Who may give the consent now, for the forms (sip/_consent-giver.njk): for a child a guardian, by name; for an
 * adult the person (preselected) or a god man or förvaltare. The use case checks it against the day given.
 */
export function giverModel(ctx: UserContext, sip: SipJson, values: Record<string, unknown> | undefined) {
  const digits = sip.person.personalIdentityNumber.replace(/\D/g, '');
  const minor = digits.length === 12 && ageOn(digits, isoDate(ctx.now)) < 18;
  const chosen = (values?.givenBy as string | undefined) ?? (values ? undefined : 'person');
  return {
    minorNow: minor,
    giverItems: ['person', 'legalRepresentative'].map((value) => ({
      value,
      text:
        value === 'person'
          ? 'Personen själv'
          : 'En god man eller förvaltare med uppdrag att samtycka för personen',
      checked: chosen === value,
    })),
  };
}

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
        ...giverModel(ctx, sip, state.values),
      },
    };
  },
  fieldIds: { guardians: 'guardian1', ...giverFieldIds },
  run: async (ctx, p, { relativesMayTakePart, guardian1, guardian2, givenBy, givenByName, ...consent }) => {
    const guardians = [guardian1, guardian2].filter(Boolean).map((name) => ({ name }));
    await recordConsent(ctx, p.id!, {
      ...consent,
      guardians,
      relativesMayTakePart: relativesMayTakePart === 'yes',
      givenBy: statedGiver({ givenBy, givenByName }),
    });
    return done(sipPath(p.id!), 'samtycke');
  },
});

/** The change form's choices: what may change now, the principals to add (the county's not covered) or remove. */
async function changeModel(ctx: UserContext, sip: SipJson, values: Record<string, unknown> | undefined) {
  const consent = sip.consent!;
  const county = (await countyWithPrincipals(ctx.db, sip.countyCode))!;
  const covered = new Set(consent.principalIds);
  const option = (p: { id: string; name: string }, field: string) => ({
    value: p.id,
    text: p.name,
    selected: values?.[field] === p.id,
  });
  const removable = county.principals.filter((p) => covered.has(p.id) && p.id !== sip.convening.principalId);
  const kinds = [
    ['principalAdded', 'Lägg till en huvudman som information får delas med'],
    ...(removable.length ? [['principalWithdrawn', 'Ta bort en huvudman']] : []),
    consent.relativesMayTakePart
      ? ['relativesRefused', 'Närstående får inte längre delta']
      : ['relativesAllowed', 'Närstående får delta'],
  ];
  return {
    sip,
    kindItems: kinds.map(([value, text]) => ({ value, text, checked: values?.kind === value })),
    addItems: [
      { value: '', text: 'Välj huvudman' },
      ...county.principals.filter((p) => !covered.has(p.id)).map((p) => option(p, 'addPrincipalId')),
    ],
    removeItems: [
      { value: '', text: 'Välj huvudman' },
      ...removable.map((p) => option(p, 'removePrincipalId')),
    ],
    ...giverModel(ctx, sip, values),
  };
}

/** 404 for a unit that does not see the SIP, 403 for one that sees it but does not convene it. */
async function assertConvenes(ctx: UserContext, sipId: string) {
  if (!(await visibleSipId(ctx.db, ctx.user, sipId))) throw notFound();
  if ((await unscopedConveningUnit(ctx.db, sipId)) !== ctx.user.unit.id)
    throw forbidden('Bara den sammankallande enheten får ändra samtycket.');
}

const consentChangePage = formPage({
  path: '/sip/:id/samtycke/andra',
  params,
  access,
  nav: 'sip',
  view: 'sip/consent-change.njk',
  title: 'Ändra samtycket',
  form: consentChangeForm,
  firstField: 'kind',
  back: backToSip,
  // Only the convening unit changes a consent in force; another unit is refused before the form is shown or
  // sent, without reading the SIP (so a refused unit leaves no read in the access log).
  load: async (ctx, p, state) => {
    await assertConvenes(ctx, p.id!);
    const sip = await readSip(ctx, p.id!);
    if (sip.status === 'closed' || !sip.consent || sip.consent.withdrawnAt)
      throw conflict('Samtycket kan bara ändras i en pågående SIP med samtycke.');
    return { model: await changeModel(ctx, sip, state.values) };
  },
  prepare: (ctx, p) => assertConvenes(ctx, p.id!),
  fieldIds: { principalId: 'kind', ...giverFieldIds },
  check: (_ctx, _p, posted) => consentChangeProblems(posted),
  run: async (ctx, p, { kind, addPrincipalId, removePrincipalId, changedOn, givenBy, givenByName }) => {
    await recordConsentChange(ctx, p.id!, {
      kind,
      principalId: kind === 'principalAdded' ? addPrincipalId : removePrincipalId || undefined,
      changedOn,
      givenBy: statedGiver({ givenBy, givenByName }),
    });
    return done(sipPath(p.id!), 'samtycke-andrat');
  },
});

export const sipConsentWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerFormPage(app, consentPage);
  registerFormPage(app, consentChangePage);
};
