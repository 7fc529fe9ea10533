import { forbidden, notFound } from '../../../platform/errors.ts';
import type { UserContext } from '../../../platform/http/context.ts';

// Who administers a county's organisation and rules (issue: administration): its county administrators,
// for their own county only. Routes declare the role; each use case checks both again, so a use case called
// from anywhere refuses the same way.

export const adminAccess = ['countyAdmin'] as const;

/** 403 unless the caller is a county administrator. */
export function assertCountyAdmin(ctx: UserContext): void {
  if (!ctx.user.roles.includes('countyAdmin'))
    throw forbidden('Bara länets administratörer får ändra organisation, konton och regler.');
}

/** Another county's objects do not exist for an administrator: 404, like a missing one. */
export function assertOwnCounty(ctx: UserContext, countyCode: string | null | undefined): void {
  if (!countyCode || countyCode !== ctx.user.county.code) throw notFound();
}
