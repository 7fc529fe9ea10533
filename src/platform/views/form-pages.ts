import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Problem } from '../errors.ts';
import { type RouteAccess, requireUser, type UserContext } from '../http/context.ts';
import { renderErrorPage } from '../http/errors-plugin.ts';
import { formErrors } from './form-errors.ts';
import type { FormState } from './page-helpers.ts';
import { parseForm } from './parse-form.ts';
import { type Navigation, renderPage } from './render.ts';

// A form that changes something is its own small page (DESIGN.md "Forms post, redirect, get"): GET shows it,
// POST checks what was typed (400, messages at the fields), runs the use case, and redirects to the page that
// shows the result with a banner. A 422 from the use case shows the form again with its messages at the fields;
// a 409 (the state changed, the form cannot succeed) is a page of its own that says nothing changed.

type Req = FastifyRequest;
type Rep = FastifyReply;
type Params = Record<string, string>;
export const anyForm = z.record(z.string(), z.unknown());

export type Back = { href: string; text: string };
export type Loaded = {
  back: Back;
  caption?: string | undefined;
  /** What the form shows before anything is typed. */
  values?: Record<string, unknown> | undefined;
  model?: Record<string, unknown> | undefined;
};

export type FormPage = {
  path: string;
  params?: z.ZodObject | undefined;
  access: RouteAccess;
  nav: Navigation;
  view: string;
  title: string;
  form: z.ZodType;
  firstField: string;
  /** The form's field id for a use case's error path, where they differ ("unitId" → "unit"). */
  fieldIds?: Record<string, string> | undefined;
  /** Loads what the page shows, and refuses (403, 404, 409) when the action is not open to the caller. */
  load: (ctx: UserContext, p: Params, state: FormState) => Promise<Loaded>;
  /** Does it; returns where to go next. */
  run: (ctx: UserContext, p: Params, data: never, request: Req) => Promise<string>;
  /** The banner's text for the code a change redirected back with (?klart=...), for a form that shows its result. */
  banner?: ((code: string | undefined) => string | null) | undefined;
};

/** A problem that is not about what was typed: its own page with the reason, "nothing changed", the way back. */
export function renderConflict(request: Req, reply: Rep, problem: Problem, back: Back) {
  if (problem.status !== 409) return renderErrorPage(request, reply, problem);
  return renderPage(request, reply.status(409), 'problem.njk', { pageTitle: problem.title, problem, back });
}

export function registerFormPage(app: FastifyInstance, page: FormPage) {
  const show = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const loaded = await page.load(ctx, request.params as Params, state);
    return renderPage(request, reply, page.view, {
      pageTitle: page.title,
      nav: page.nav,
      caption: loaded.caption,
      back: loaded.back,
      action: request.url.split('?')[0],
      values: state.values ?? loaded.values ?? {},
      banner: page.banner?.((request.query as { klart?: string } | undefined)?.klart),
      ...loaded.model,
      ...formErrors(state.errors, state.problem, page.firstField, page.fieldIds),
    });
  };
  const schema = page.params ? { params: page.params } : {};
  app.get(page.path, { config: { access: page.access }, schema }, async (request, reply) =>
    show(request, reply),
  );
  app.post(
    page.path,
    {
      config: {
        access: page.access,
        renderFormError: async (request, reply, problem) => {
          if ([400, 422].includes(problem.status))
            return show(request, reply, { values: request.body as Record<string, unknown>, problem });
          if (problem.status !== 409) return renderErrorPage(request, reply, problem);
          const loaded = await page.load(requireUser(request.ctx), request.params as Params, {});
          return renderConflict(request, reply, problem, loaded.back);
        },
      },
      schema: { ...schema, body: anyForm },
    },
    async (request, reply) => {
      const parsed = parseForm(page.form, request.body);
      if ('errors' in parsed)
        return show(request, reply.status(400), {
          values: request.body as Record<string, unknown>,
          errors: parsed.errors,
        });
      const to = await page.run(
        requireUser(request.ctx),
        request.params as Params,
        parsed.data as never,
        request,
      );
      return reply.redirect(to, 303);
    },
  );
}

/** A button that does one thing (no fields but the CSRF token), then shows the result; a 409 has its own page. */
export function registerButton(
  app: FastifyInstance,
  spec: {
    path: string;
    params?: z.ZodObject | undefined;
    access: RouteAccess;
    back: (p: Params) => Back;
    run: (ctx: UserContext, p: Params) => Promise<string>;
  },
) {
  app.post(
    spec.path,
    {
      config: {
        access: spec.access,
        renderFormError: (request, reply, problem) =>
          renderConflict(request, reply, problem, spec.back(request.params as Params)),
      },
      schema: { ...(spec.params ? { params: spec.params } : {}), body: anyForm },
    },
    async (request, reply) =>
      reply.redirect(await spec.run(requireUser(request.ctx), request.params as Params), 303),
  );
}

/** Where to go after a change: the page, with a code its banner turns into words. */
export const done = (path: string, code: string) => `${path}${path.includes('?') ? '&' : '?'}klart=${code}`;
