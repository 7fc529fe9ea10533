import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Problem } from '../errors.ts';
import type { RouteAccess } from '../http/context.ts';
import { formErrors } from './form-errors.ts';
import { type FormState, formError } from './page-helpers.ts';
import { parseForm } from './parse-form.ts';
import { type Navigation, renderPage } from './render.ts';

type Req = FastifyRequest;
type Rep = FastifyReply;

/** The case a set of action pages acts on (a deviation, a dispute), read through its own access rule. */
export type ActionPagesOf<T extends { id: string }> = {
  /** Where the case's own page is, e.g. /avvikelser; an action is at <base>/:id/<slug>. */
  base: string;
  nav: Navigation;
  access: RouteAccess;
  read: (request: Req, id: string) => Promise<T>;
  /** Why the caller may not take this action now (null when they may); the page then shows that problem. */
  refusal: (request: Req, item: T, action: string) => Promise<Problem | null>;
  /** What every action page of this kind of case shows besides the case, the values and the errors. */
  model?: (state: FormState) => Record<string, unknown>;
};

export type ActionPage = {
  slug: string;
  /** The action's name in `refusal`. */
  action: string;
  view: string;
  title: string;
  form: z.ZodType;
  firstField: string;
  run: (request: Req, id: string, data: never) => Promise<unknown>;
};

const params = z.object({ id: z.string().min(1).max(100) });
const anyForm = z.record(z.string(), z.unknown());
const idOf = (request: Req) => (request.params as { id: string }).id;

/**
 * Each action on a case is its own small page: the form, offered only to those who may send it (the use case
 * checks the same again when it is sent), and the same page again with what was typed if sending fails.
 */
export function registerActionPages<T extends { id: string }>(
  app: FastifyInstance,
  of: ActionPagesOf<T>,
  pages: ActionPage[],
) {
  for (const page of pages) {
    const show = async (request: Req, reply: Rep, state: FormState = {}) => {
      const item = await of.read(request, idOf(request));
      return renderPage(request, reply, page.view, {
        pageTitle: page.title,
        nav: of.nav,
        d: item,
        action: `${of.base}/${encodeURIComponent(item.id)}/${page.slug}`,
        values: state.values ?? {},
        ...of.model?.(state),
        ...formErrors(state.errors, state.problem, page.firstField),
      });
    };
    const path = `${of.base}/:id/${page.slug}`;
    app.get(path, { config: { access: of.access }, schema: { params } }, async (request, reply) => {
      const item = await of.read(request, idOf(request));
      const refused = await of.refusal(request, item, page.action);
      if (refused) throw refused;
      return show(request, reply);
    });
    app.post(
      path,
      { config: { access: of.access, renderFormError: formError(show) }, schema: { params, body: anyForm } },
      async (request, reply) => {
        const parsed = parseForm(page.form, request.body);
        if ('errors' in parsed)
          return show(request, reply.status(400), {
            values: request.body as Record<string, unknown>,
            errors: parsed.errors,
          });
        await page.run(request, idOf(request), parsed.data as never);
        return reply.redirect(`${of.base}/${idOf(request)}`, 303);
      },
    );
  }
}
