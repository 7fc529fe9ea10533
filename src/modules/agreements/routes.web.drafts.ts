import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { done, formPage, registerButton, registerFormPage } from '../../platform/views/form-pages.ts';
import { sendForDecision } from './decide.ts';
import { addSection, draftVersion, removeSection, saveSection, updateTerms } from './edit-version.ts';
import { addSectionForm, sectionForm, termsForm } from './forms.ts';
import { loadSections, sectionTree } from './load.ts';
import { sectionViews, versionPath } from './page-model.ts';
import {
  type At,
  admins,
  agreementParams,
  at,
  backTo,
  draftOf,
  sectionParams,
  versionParams,
} from './routes.web.shared.ts';

// Drafting a version: a new draft, its terms and sections, and sending it to the parties for decision.

const common = { access: admins, nav: 'overenskommelser', back: backTo } as const;

/** A section of a draft: 404 when the version has no such section. */
async function sectionOf(ctx: UserContext, p: At) {
  const found = await draftOf(ctx, p);
  const section = (await loadSections(ctx.db, found.v.id)).find((s) => s.key === p.key);
  if (!section) throw notFound('Avsnittet finns inte.');
  return { ...found, section };
}

const termsPage = formPage({
  ...common,
  path: '/overenskommelser/:id/versioner/:number/villkor',
  params: versionParams,
  view: 'agreements/terms.njk',
  title: 'Ändra villkor',
  form: termsForm,
  firstField: 'startsOn',
  load: async (ctx, p) => {
    const { v, caption } = await draftOf(ctx, at(p));
    return {
      caption,
      values: {
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        noticeMonths: v.noticeMonths,
        extensionMonths: v.extensionMonths,
        noticeRecipient: v.noticeRecipient,
        changeNote: v.changeNote,
      },
    };
  },
  run: async (ctx, p, data) => {
    const { id, number } = at(p);
    await updateTerms(ctx, id, number, data);
    return done(versionPath(id, number), 'villkor');
  },
});

const newSectionPage = formPage({
  ...common,
  path: '/overenskommelser/:id/versioner/:number/nytt-avsnitt',
  params: versionParams,
  view: 'agreements/add-section.njk',
  title: 'Lägg till ett avsnitt',
  form: addSectionForm,
  firstField: 'heading',
  load: async (ctx, p, state) => {
    const { v, caption } = await draftOf(ctx, at(p));
    const sections = sectionViews(sectionTree(await loadSections(ctx.db, v.id)));
    const chosen = String(state.values?.parentKey ?? '');
    return {
      caption,
      model: {
        parentItems: [
          {
            value: '',
            text: 'Inget – ett nytt huvudavsnitt sist i överenskommelsen',
            selected: chosen === '',
          },
          ...sections
            .filter((s) => s.depth < 2)
            .map((s) => ({
              value: s.key,
              text: `${s.depth ? '– ' : ''}${s.heading}`,
              selected: s.key === chosen,
            })),
        ],
      },
    };
  },
  run: async (ctx, p, data) => {
    const { id, number } = at(p);
    await addSection(ctx, id, number, data);
    return done(versionPath(id, number), 'nytt-avsnitt');
  },
});

const sectionPage = formPage({
  ...common,
  path: '/overenskommelser/:id/versioner/:number/avsnitt/:key',
  params: sectionParams,
  view: 'agreements/section.njk',
  title: 'Ändra avsnittet',
  form: sectionForm,
  firstField: 'heading',
  load: async (ctx, p) => {
    const { id, number, key } = at(p);
    const { section, caption } = await sectionOf(ctx, at(p));
    return {
      caption,
      values: { heading: section.heading, text: section.text },
      model: { removeHref: `${versionPath(id, number)}/avsnitt/${encodeURIComponent(key)}/ta-bort` },
    };
  },
  run: async (ctx, p, data) => {
    const { id, number, key } = at(p);
    await saveSection(ctx, id, number, key, data);
    return `${done(versionPath(id, number), 'avsnitt')}#avsnitt-${encodeURIComponent(key)}`;
  },
});

const removalPage = formPage({
  ...common,
  path: '/overenskommelser/:id/versioner/:number/avsnitt/:key/ta-bort',
  params: sectionParams,
  view: 'agreements/remove-section.njk',
  title: 'Ta bort avsnittet',
  form: z.object({}),
  firstField: 'confirm',
  load: async (ctx, p) => {
    const { v, section, caption } = await sectionOf(ctx, at(p));
    const below = (await loadSections(ctx.db, v.id)).filter((s) => s.parentKey === section.key);
    return { caption, model: { section, below } };
  },
  run: async (ctx, p) => {
    const { id, number, key } = at(p);
    await removeSection(ctx, id, number, key);
    return done(versionPath(id, number), 'avsnitt-borttaget');
  },
});

export const agreementDraftWebRoutes: FastifyPluginAsyncZod = async (app) => {
  registerButton(app, {
    path: '/overenskommelser/:id/versioner',
    params: agreementParams,
    access: admins,
    back: backTo,
    run: async (ctx, p) => {
      const a = await draftVersion(ctx, at(p).id);
      return done(versionPath(at(p).id, a.pendingVersion?.number ?? a.currentVersion?.number ?? 1), 'utkast');
    },
  });

  registerButton(app, {
    path: '/overenskommelser/:id/versioner/:number/beslut',
    params: versionParams,
    access: admins,
    back: backTo,
    run: async (ctx, p) => {
      const { id, number } = at(p);
      await sendForDecision(ctx, id, number);
      return done(versionPath(id, number), 'beslut');
    },
  });

  registerFormPage(app, termsPage);
  registerFormPage(app, newSectionPage);
  registerFormPage(app, sectionPage);
  registerFormPage(app, removalPage);
};
