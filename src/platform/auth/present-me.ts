import { z } from 'zod';
import { principalKinds, roles } from '../../modules/organisations/schema.ts';
import type { CurrentUser } from './current-user.ts';

/** API.md "Who am I, where": the Me shape. */
export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  roles: z.array(z.enum(roles)),
  unit: z.object({ id: z.string(), name: z.string() }),
  principal: z.object({ id: z.string(), name: z.string(), kind: z.enum(principalKinds) }),
  county: z.object({ code: z.string(), name: z.string() }),
});

export function presentMe(user: CurrentUser): z.infer<typeof meSchema> {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    roles: user.roles,
    unit: user.unit,
    principal: user.principal,
    county: user.county,
  };
}
