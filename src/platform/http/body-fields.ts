import { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, unknown>;
  catchall?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
};

/**
 * The fields a body schema names, in its order, or null when it takes any field: a record, any, unknown, a
 * custom check, or an object that passes unknown keys through or has a catch-all for them. Such a schema lets
 * every body through, so "a body needs a schema" would be satisfied by nothing.
 */
export function namedFields(schema: unknown): string[] | null {
  if (!(schema instanceof z.ZodType)) return null;
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case 'object':
      return def.catchall && def.catchall._zod.def.type !== 'never' ? null : Object.keys(def.shape ?? {});
    case 'pipe':
      // A preprocess reads the body before the fields do; a transform after them makes something else of them.
      return namedFields(def.in?._zod.def.type === 'transform' ? def.out : def.in);
    case 'intersection': {
      const left = namedFields(def.left);
      const right = namedFields(def.right);
      return left && right ? [...new Set([...left, ...right])] : null;
    }
    case 'union': {
      const each = (def.options ?? []).map(namedFields);
      return each.length && each.every((f) => f !== null) ? [...new Set(each.flat() as string[])] : null;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return namedFields(def.innerType);
    case 'lazy':
      return namedFields(def.getter?.());
    default:
      return null;
  }
}
