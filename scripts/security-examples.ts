// Example values for a route's parameters, made from its Zod schema (as JSON Schema), so that every route of
// the route table gets a request that passes validation and reaches its handler; and the sqlmap marks (`*`)
// that say where to inject. Used by scripts/security-targets.ts.
import { z } from 'zod';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: Json[];
  const?: Json;
  default?: Json;
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  additionalProperties?: JsonSchema | boolean;
};

/** A value chosen by the field's name (a real id, a valid identity number), or undefined for the schema's. */
export type Hints = (name: string) => Json | undefined;

export const marker = '*';

export function jsonSchemaOf(schema: unknown): JsonSchema | undefined {
  if (!schema) return undefined;
  return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** An example for a schema: the hint for the field's name if there is one, else the simplest valid value. */
export function example(schema: JsonSchema, name: string, hints: Hints): Json {
  const hinted = hints(name);
  if (hinted !== undefined) return hinted;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0]!;
  if (schema.anyOf)
    return example(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!, name, hints);
  const type = [schema.type ?? 'object'].flat().find((t) => t !== 'null') ?? 'null';
  switch (type) {
    case 'object':
      return objectExample(schema, hints);
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        example(schema.items ?? {}, name, hints),
      );
    case 'string':
      return stringExample(schema, name);
    case 'integer':
    case 'number':
      return typeof schema.default === 'number' ? schema.default : Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function objectExample(schema: JsonSchema, hints: Hints): Json {
  const out: Record<string, Json> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {}))
    out[key] = example(property, key, hints);
  // A record (string keys to values): one entry, keyed by the hint for "<record>.key" or "key".
  if (typeof schema.additionalProperties === 'object' && !schema.properties)
    out.key = example(schema.additionalProperties, 'value', hints);
  return out;
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
// Dates a rule wants in the future (a meeting, a deadline, the end of a period); all others are today, which is
// never in the future (the UTC date is never after the Swedish one).
const futureDate = /closes|meeting|due|followup|next|ends|periodend/i;

function stringExample(schema: JsonSchema, name: string): string {
  if (schema.format === 'date') return futureDate.test(name) ? inDays(30) : today();
  if (schema.format === 'date-time') return `${inDays(30)}T10:00:00+01:00`;
  if (schema.format === 'uri') return 'https://example.invalid/mote';
  if (schema.format === 'email') return 'granskning@demo.invalid';
  const digits = schema.pattern?.match(/^\^(?:\\d|\[0-9\])\{(\d+)\}\$$/);
  if (digits) return '1780'.padEnd(Number(digits[1]), '0').slice(0, Number(digits[1]));
  const text = 'Granskningstext';
  const min = schema.minLength ?? 0;
  return text.length >= min ? text : text.padEnd(min, 'x');
}

/** The body as JSON text with a mark after each string and number, and the marks' names in order. */
export function markedJson(value: Json, path = 'body'): { text: string; marks: string[] } {
  if (typeof value === 'string')
    return { text: `${JSON.stringify(value).slice(0, -1)}${marker}"`, marks: [path] };
  // sqlmap quotes its payload after a number, which keeps the JSON valid; after true, false or null its payload
  // would break the JSON, which the parser refuses (400) before any route runs, so those are not marked.
  if (typeof value === 'number') return { text: `${value}${marker}`, marks: [path] };
  if (value === null || typeof value === 'boolean') return { text: JSON.stringify(value), marks: [] };
  const marks: string[] = [];
  const part = (v: Json, p: string) => {
    const m = markedJson(v, p);
    marks.push(...m.marks);
    return m.text;
  };
  if (Array.isArray(value))
    return { text: `[${value.map((v, i) => part(v, `${path}[${i}]`)).join(',')}]`, marks };
  const fields = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${part(v, `${path}.${k}`)}`);
  return { text: `{${fields.join(',')}}`, marks };
}

/** A Zod schema's verdict on an example: '' when it passes, else the first issue. */
export function validationIssue(schema: unknown, value: unknown): string {
  if (!schema) return '';
  const result = (schema as z.ZodType).safeParse(value);
  if (result.success) return '';
  const issue = result.error.issues[0]!;
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}
