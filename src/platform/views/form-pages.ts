import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest, type Problem } from '../errors.ts';
import { namedFields } from '../http/body-fields.ts';
import { type RouteAccess, requireUser, type UserContext } from '../http/context.ts';
import { renderErrorPage } from '../http/errors-plugin.ts';
import { type FieldMessage, formErrors } from './form-errors.ts';
import { type Navigation, renderPage } from './render.ts';

// The one way a page's form is posted (decision 0021). The route's body schema is the form's own schema: the
// fields the form posts, with messages written for the person filling it in, and the CSRF token's field;
// Fastify checks the body with it before the handler runs.
// - What the schema refuses, and what a form's `check` refuses (rules it cannot see: the stored object, the
//   page's own variant of the form), shows the form again: 400, what was typed kept, each message at its field
//   and in the GOV.UK error summary linking to it, in the order of the form's fields.
// - A problem from the use case about what was typed (400, or 422 with the fields it concerns) shows the form
//   again the same way. A 409 (the state changed, the form cannot succeed) is a page of its own that says
//   nothing changed and leads back. Any other problem (403, 404) is the error page.
// - Success is post/redirect/get: 303 to the page that shows the result, often with a banner (?klart=...).
//   A form whose result is not a change to show elsewhere (a search, whose terms stay out of the address; the
//   account import's list of accounts made) answers the post with its result.

type Req = FastifyRequest;
type Rep = FastifyReply;
type Params = Record<string, string>;

/** What a page with a form is shown with: the values typed, and the messages the checks gave. */
export type FormState = { values?: Record<string, unknown>; errors?: FieldMessage[]; problem?: Problem };
export type Back = { href: string; text: string };

/** The field every page form posts with the token the guard checks (platform/http/csrf.ts) before validation. */
const csrfField = { _csrf: z.string().max(200) };

/** The form's schema with the CSRF token's field beside its own: the route's body schema. */
export function withCsrfField(form: z.ZodType): z.ZodType {
  if (form instanceof z.ZodObject) return form.safeExtend(csrfField);
  if (form instanceof z.ZodPipe) {
    // A transform after the fields (.transform) or a preprocess before them (z.preprocess).
    const { in: before, out: after } = form._zod.def as unknown as { in: z.ZodType; out: z.ZodType };
    return before instanceof z.ZodTransform
      ? z.pipe(before, withCsrfField(after))
      : z.pipe(withCsrfField(before), after as z.ZodType<unknown, unknown>);
  }
  if (form instanceof z.ZodIntersection) {
    const { left, right } = form._zod.def as unknown as { left: z.ZodType; right: z.ZodType };
    return z.intersection(withCsrfField(left), right);
  }
  throw new Error('A page form is an object of fields');
}

/** A form a page posts, and how its answer is shown. */
export type PostedForm<S extends z.ZodType, P> = {
  path: string;
  access: RouteAccess;
  params?: z.ZodObject | undefined;
  query?: z.ZodObject | undefined;
  /** The fields the form posts, with messages for the person filling it in. */
  form: S;
  /** The page with the form, shown again with what was typed and the messages. */
  show: (request: Req, reply: Rep, state: FormState) => unknown;
  /** Where the page of a 409 leads back to; without it a 409 is the error page. */
  back?: ((request: Req) => Back | Promise<Back>) | undefined;
  /** Loads what the form acts on, and refuses (403, 404, 409), before anything typed is looked at. */
  prepare?: ((request: Req) => Promise<P>) | undefined;
  /** Rules the schema cannot see; their messages join the schema's. */
  check?:
    | ((
        request: Req,
        posted: Record<string, unknown>,
        prepared: P,
      ) => FieldMessage[] | Promise<FieldMessage[]>)
    | undefined;
  /** Does it with the checked data; returns where to go next (a 303), or the page it rendered. */
  run: (request: Req, data: z.output<S>, prepared: P, reply: Rep) => Promise<string | Rep>;
  /** Shows every problem in the form, a 401 or 429 too (the login form, the account import). */
  everyProblemInForm?: boolean;
  /** A button that changes the form rather than sending it (see FormPage's `step`). */
  step?: ((posted: Record<string, unknown>) => Record<string, unknown> | null) | undefined;
  /**
   * The page for a problem that is not about what was typed (403, 404, 409, an address refused), where the form's
   * pages have a layout of their own (the person's pages, my-plans); the app's error and conflict pages otherwise.
   */
  problemPage?: ((request: Req, reply: Rep, problem: Problem) => unknown) | undefined;
};

// What was posted, as typed (without the CSRF token): the handler sees the body the schema made of it, the form
// shows it again as typed.
const posted = new WeakMap<Req, Record<string, unknown>>();
const asTyped = (body: unknown) => {
  const { _csrf, ...values } = (body ?? {}) as Record<string, unknown>;
  return values;
};
/** The posted form as typed, for a result page that posts it on (the access log's next page). */
export const typedValues = (request: Req) => posted.get(request) ?? asTyped(request.body);

/** Registers the POST of a page's form. */
export function postForm<S extends z.ZodType, P = undefined>(app: FastifyInstance, spec: PostedForm<S, P>) {
  const fieldOrder = namedFields(spec.form) ?? [];
  app.post(
    spec.path,
    {
      config: {
        access: spec.access,
        renderFormError: (request, reply, problem) => showProblem(spec, request, reply, problem),
      },
      schema: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
        body: withCsrfField(spec.form),
      },
      attachValidation: true,
      preValidation: async (request) => {
        posted.set(request, asTyped(request.body));
      },
    },
    async (request, reply) => {
      const invalid = bodyMessages(request, spec.query);
      const prepared = (await spec.prepare?.(request)) as P;
      const values = typedValues(request);
      // A button that changes the form (one more row): the form again with what was typed, nothing checked.
      const stepped = spec.step?.(values);
      if (stepped) return spec.show(request, reply, { values: stepped });
      const checked = (await spec.check?.(request, values, prepared)) ?? [];
      const errors = inFieldOrder([...invalid, ...checked], fieldOrder);
      if (errors.length) return spec.show(request, reply.status(400), { values, errors });
      const { _csrf, ...data } = request.body as Record<string, unknown>;
      const result = await spec.run(request, data as z.output<S>, prepared, reply);
      return typeof result === 'string' ? reply.redirect(result, 303) : result;
    },
  );
}

// Requests whose path or query the route refused: that is not about the form, so it is the error page.
const refusedAddress = new WeakSet<Req>();

/**
 * The body's messages, one per field (the first), keyed by the field's id in the page. A path or query that
 * fails is not the form's: it goes to the error page as it would without the form.
 */
function bodyMessages(request: Req, query: z.ZodObject | undefined): FieldMessage[] {
  const error = request.validationError as
    | (Error & { validationContext?: string; validation?: { instancePath: string; message?: string }[] })
    | undefined;
  if (!error) return [];
  if (error.validationContext !== 'body') {
    refusedAddress.add(request);
    throw error;
  }
  // Fastify stops at the first part that fails, and checks the query after the body: check it here.
  if (query) {
    const q = query.safeParse(request.query);
    if (!q.success) {
      refusedAddress.add(request);
      throw badRequest(
        'Uppgifterna stämmer inte med det förväntade formatet.',
        q.error.issues.map((i) => ({ path: ['querystring', ...i.path].join('.'), message: i.message })),
      );
    }
    request.query = q.data;
  }
  const messages: FieldMessage[] = [];
  for (const issue of error.validation ?? []) {
    const field = issue.instancePath.split('/').filter(Boolean).join('-') || 'form';
    if (!messages.some((m) => m.field === field))
      messages.push({ field, text: issue.message ?? 'Ogiltigt värde' });
  }
  return messages;
}

/** Messages in the order of the form's fields (a field "rows-2" is where "rows" is); others last, in order. */
function inFieldOrder(messages: FieldMessage[], fields: string[]) {
  const rank = (m: FieldMessage) => {
    const at = fields.indexOf(m.field.split('-')[0]!);
    return at < 0 ? fields.length : at;
  };
  return messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map(({ m }) => m);
}

async function showProblem<S extends z.ZodType, P>(
  spec: PostedForm<S, P>,
  request: Req,
  reply: Rep,
  problem: Problem,
) {
  if (refusedAddress.has(request)) return (spec.problemPage ?? renderErrorPage)(request, reply, problem);
  if (spec.everyProblemInForm || problem.status === 400 || problem.status === 422)
    return spec.show(request, reply, { values: typedValues(request), problem });
  if (spec.problemPage) return spec.problemPage(request, reply, problem);
  if (problem.status === 409 && spec.back)
    return renderConflict(request, reply, problem, await spec.back(request));
  return renderErrorPage(request, reply, problem);
}

/** A 409 is not about what was typed: its own page with the reason, "nothing has changed", the way back. */
function renderConflict(request: Req, reply: Rep, problem: Problem, back: Back) {
  return renderPage(request, reply.status(409), 'problem.njk', { pageTitle: problem.title, problem, back });
}

export type Loaded = {
  /** The page's title, when it depends on what is loaded (else the page's `title`). */
  title?: string | undefined;
  /** The way back, when it depends on what is loaded (else the page's `back`). */
  back?: Back | undefined;
  caption?: string | undefined;
  /** What the form shows before anything is typed. */
  values?: Record<string, unknown> | undefined;
  model?: Record<string, unknown> | undefined;
};

/** A page that is one form (GET shows it, POST sends it): its view, title and what it loads. */
export type FormPage<S extends z.ZodType, P = undefined> = {
  path: string;
  params?: z.ZodObject | undefined;
  /** The address's query when the page is opened (GET). */
  query?: z.ZodObject | undefined;
  access: RouteAccess;
  nav: Navigation;
  view: string;
  title: string;
  form: S;
  firstField: string;
  /** The form's field id for a use case's error path, where they differ ("unitId" → "unit"). */
  fieldIds?: Record<string, string> | undefined;
  /** The way back, the same whatever is loaded (and so also the 409 page's). */
  back?: ((p: Params) => Back) | undefined;
  /**
   * Loads what the page shows, and refuses (403, 404, 409) when the form is not open to the caller; `state`
   * holds what was typed when the form is shown again.
   */
  load: (ctx: UserContext, p: Params, state: FormState, request: Req) => Promise<Loaded>;
  prepare?: ((ctx: UserContext, p: Params) => Promise<P>) | undefined;
  check?:
    | ((
        ctx: UserContext,
        p: Params,
        posted: Record<string, unknown>,
        prepared: P,
      ) => FieldMessage[] | Promise<FieldMessage[]>)
    | undefined;
  /** Does it; returns where to go next. */
  run: (ctx: UserContext, p: Params, data: z.output<S>, prepared: P) => Promise<string>;
  /** The banner's text for the code a change redirected back with (?klart=...), for a form that shows its result. */
  banner?: ((code: string | undefined) => string | null) | undefined;
  /**
   * A button that changes the form rather than sending it ("Lägg till insats", works without JavaScript): given
   * what was posted, the values to show the form again with (200; nothing is checked or stored), or null when
   * the form was sent.
   */
  step?: ((posted: Record<string, unknown>) => Record<string, unknown> | null) | undefined;
  /**
   * A confirmation step before the change (closing a SIP): a form that passes its checks shows this page first
   * (200, nothing stored), with what was typed as hidden fields; it posts them again with `field` set to "yes".
   */
  confirm?: { view: string; title: string; field: string } | undefined;
};

const paramsOf = (request: Req) => request.params as Params;

/** A form page's definition, its form's type inferred (for a page defined apart from where it is registered). */
export const formPage = <S extends z.ZodType, P = undefined>(page: FormPage<S, P>) => page;

export function registerFormPage<S extends z.ZodType, P = undefined>(
  app: FastifyInstance,
  page: FormPage<S, P>,
) {
  const show = async (request: Req, reply: Rep, state: FormState = {}) => {
    const ctx = requireUser(request.ctx);
    const loaded = await page.load(ctx, paramsOf(request), state, request);
    return renderPage(request, reply, page.view, {
      pageTitle: loaded.title ?? page.title,
      nav: page.nav,
      caption: loaded.caption,
      back: loaded.back ?? page.back?.(paramsOf(request)),
      action: request.url.split('?')[0],
      values: state.values ?? loaded.values ?? {},
      banner: page.banner?.((request.query as { klart?: string } | undefined)?.klart),
      ...loaded.model,
      ...formErrors(state.errors, state.problem, page.firstField, page.fieldIds),
    });
  };
  const schema = { ...(page.params ? { params: page.params } : {}) };
  app.get(
    page.path,
    {
      config: { access: page.access },
      schema: { ...schema, ...(page.query ? { querystring: page.query } : {}) },
    },
    async (request, reply) => show(request, reply),
  );
  const user = (request: Req) => requireUser(request.ctx);
  const { prepare, check, confirm } = page;
  const confirmation = async (request: Req, reply: Rep, field: string) => {
    const values = typedValues(request);
    const loaded = await page.load(user(request), paramsOf(request), { values }, request);
    return renderPage(request, reply, confirm!.view, {
      pageTitle: confirm!.title,
      nav: page.nav,
      back: loaded.back ?? page.back?.(paramsOf(request)),
      action: request.url.split('?')[0],
      values,
      hidden: hiddenFields(values, field),
      confirmField: field,
      ...loaded.model,
    });
  };
  postForm<S, P>(app, {
    path: page.path,
    access: page.access,
    params: page.params,
    form: page.form,
    show,
    back: async (request) =>
      page.back?.(paramsOf(request)) ??
      (await page.load(user(request), paramsOf(request), {}, request)).back ?? {
        href: '/',
        text: 'Till startsidan',
      },
    prepare: prepare && ((request) => prepare(user(request), paramsOf(request))),
    check:
      check && ((request, values, prepared) => check(user(request), paramsOf(request), values, prepared)),
    step: page.step,
    run: (request, data, prepared, reply) =>
      confirm && typedValues(request)[confirm.field] !== 'yes'
        ? confirmation(request, reply, confirm.field)
        : page.run(user(request), paramsOf(request), data, prepared),
  });
}

/** What was typed, as hidden fields for the confirmation page to post again (a list as several). */
function hiddenFields(values: Record<string, unknown>, confirmField: string) {
  return Object.entries(values)
    .filter(([name]) => name !== confirmField)
    .flatMap(([name, value]) => [value].flat().map((v) => ({ name, value: String(v ?? '') })));
}

/**
 * A button that does one thing (no field but the CSRF token, and perhaps hidden ones), then shows the result.
 * There is nothing typed to show again: a 409 has its own page, any other problem the error page.
 */
export function registerButton<F extends z.ZodObject = z.ZodObject>(
  app: FastifyInstance,
  spec: {
    path: string;
    params?: z.ZodObject | undefined;
    access: RouteAccess;
    /** Hidden fields the button posts. */
    fields?: F | undefined;
    back: (p: Params) => Back;
    run: (ctx: UserContext, p: Params, data: z.output<F>, reply: Rep) => Promise<string>;
  },
) {
  postForm(app, {
    path: spec.path,
    access: spec.access,
    params: spec.params,
    form: spec.fields ?? z.object({}),
    show: (request, reply, state) =>
      renderErrorPage(request, reply, state.problem ?? badRequest('Formuläret kunde inte läsas.')),
    back: (request) => spec.back(paramsOf(request)),
    run: (request, data, _prepared, reply) =>
      spec.run(requireUser(request.ctx), paramsOf(request), data as z.output<F>, reply),
  });
}

/** Where to go after a change: the page, with a code its banner turns into words. */
export const done = (path: string, code: string) => `${path}${path.includes('?') ? '&' : '?'}klart=${code}`;
