import { z } from 'zod';
import { isoDate } from '../../platform/clock.ts';
import type { UserContext } from '../../platform/http/context.ts';
import { assertDraft, versionOf } from './change.ts';
import { loadAgreement } from './load.ts';
import { agreementPath, versionPath } from './page-model.ts';
import { administers, notAdministrator } from './policy.ts';

// What the forms that change an agreement share (routes.web.drafts.ts, routes.web.consultation.ts,
// routes.web.decisions.ts, routes.web.local.ts). Each form is its own small page (platform/views/form-pages.ts):
// offered only to those who may send it now (the same checks the use cases make again when it is sent), and
// after it the page that shows the result with a banner. A 409 (the version was published meanwhile, the
// consultation closed) is a page of its own with the reason and the way back: the form cannot succeed any more.

export const admins = ['agreementAdmin'] as const;
const id = z.string().min(1).max(100);
const number = z.coerce.number().int().min(1).max(10000);
export const agreementParams = z.object({ id });
export const versionParams = z.object({ id, number });
export const sectionParams = versionParams.extend({ key: z.string().min(1).max(100) });
export const commentParams = versionParams.extend({ commentId: id });

/** The path's parameters as the schemas above make them: the version's number is a number. */
export type At = { id: string; number: number; key: string; commentId: string };
export const at = (p: Record<string, string>) => p as unknown as At;

export const today = (ctx: UserContext) => isoDate(ctx.now);

/** The way back: to the version the form is about, or else to the agreement. */
export const backTo = (p: Record<string, string>) => {
  const { id, number } = at(p);
  return number !== undefined
    ? { href: versionPath(id, number), text: `Tillbaka till version ${number}` }
    : { href: agreementPath(id), text: 'Tillbaka till överenskommelsen' };
};

export const load = (ctx: UserContext, p: At) => loadAgreement(ctx.db, p.id, today(ctx));

/** The agreement, for an administrator of one of its parties (403 otherwise). */
export async function administered(ctx: UserContext, p: At) {
  const a = await load(ctx, p);
  if (!administers(ctx.user, a)) throw notAdministrator();
  return a;
}

/** A draft version of an agreement the caller administers: 409 once it is published. */
export async function draftOf(ctx: UserContext, p: At) {
  const a = await administered(ctx, p);
  const v = versionOf(a, p.number);
  assertDraft(v);
  return { a, v, caption: `${a.title} · version ${v.number}` };
}
