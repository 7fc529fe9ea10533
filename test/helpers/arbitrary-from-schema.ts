import fc from 'fast-check';

/**
 * fast-check arbitraries from a JSON Schema (what `z.toJSONSchema` gives for a route's Zod schema): values the
 * schema accepts, filled with text that has broken other systems (control characters, right-to-left marks,
 * astral characters, lone surrogates, markup, SQL), and values that break the schema in one place. Only the
 * keywords below are understood; any other makes `SchemaNotGenerable`, so a new kind of schema is noticed
 * rather than generated wrongly.
 */
export type JsonSchema = { [keyword: string]: unknown };

export class SchemaNotGenerable extends Error {}

export type GenerateOptions = {
  /** Real values (ids from the running app) for a string under a property of this name, mixed in so that
   *  generated input reaches the handlers' rules rather than stopping at "not found". */
  hints?: (propertyName: string) => readonly string[];
};

type Node = {
  schema: JsonSchema;
  root: JsonSchema;
  path: string;
  property: string | undefined;
  refs?: number;
};
/** $refs followed on one path before a schema counts as recursive (z.lazy), which is not generated. */
const maxRefs = 8;

// Keywords that say nothing about which values are valid.
const annotations = ['$schema', '$id', 'id', 'title', 'description', 'default', 'examples', 'deprecated'];
const understood: Record<string, string[]> = {
  string: ['type', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'const'],
  integer: ['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum', 'const'],
  number: ['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'enum', 'const'],
  boolean: ['type', 'enum', 'const'],
  null: ['type', 'enum', 'const'],
  array: ['type', 'items', 'minItems', 'maxItems'],
  object: ['type', 'properties', 'required', 'additionalProperties', 'propertyNames'],
};

/** Longest string, in code points, worth building: a body over 1 MiB is refused before any schema. */
export const bodyLimit = 1024 * 1024;
const smallArrayLength = 4;

/** Values the schema accepts (by its keywords; formats as Zod checks them, roughly). */
export function validArbitrary(schema: JsonSchema, options: GenerateOptions = {}): fc.Arbitrary<unknown> {
  return fromNode({ schema, root: schema, path: '$', property: undefined }, options, true);
}

function fromNode(node: Node, options: GenerateOptions, big: boolean): fc.Arbitrary<unknown> {
  const schema = resolve(node);
  const { path } = node;
  if (schema.anyOf !== undefined || schema.oneOf !== undefined) {
    const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[];
    assertOnly(schema, ['anyOf', 'oneOf'], path);
    return fc.oneof(
      ...alternatives.map((alt, i) => fromNode({ ...node, schema: alt, path: `${path}|${i}` }, options, big)),
    );
  }
  if (schema.allOf !== undefined) throw new SchemaNotGenerable(`${path}: 'allOf' is not understood`);
  if (Array.isArray(schema.type)) {
    const types = schema.type as string[];
    return fc.oneof(...types.map((type) => fromNode({ ...node, schema: { ...schema, type } }, options, big)));
  }
  const type = schema.type as string | undefined;
  if (type === undefined) {
    if (Object.keys(schema).every((k) => annotations.includes(k))) return fc.jsonValue({ maxDepth: 2 });
    if (schema.enum !== undefined || schema.const !== undefined) return enumOrConst(schema, path);
    throw new SchemaNotGenerable(`${path}: a schema without 'type' (${Object.keys(schema).join(', ')})`);
  }
  const keywords = understood[type];
  if (!keywords) throw new SchemaNotGenerable(`${path}: type '${type}' is not understood`);
  assertOnly(schema, keywords, path);
  if (schema.enum !== undefined || schema.const !== undefined) return enumOrConst(schema, path);
  switch (type) {
    case 'string':
      return stringArbitrary(schema, node, options, big);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(schema, node, options, big);
    default:
      return objectArbitrary(schema, node, options, big);
  }
}

function resolve(node: Node): JsonSchema {
  const ref = node.schema.$ref;
  if (ref === undefined) return node.schema;
  node.refs = (node.refs ?? 0) + 1;
  if (node.refs > maxRefs)
    throw new SchemaNotGenerable(`${node.path}: a recursive schema ($ref ${String(ref)})`);
  const match = typeof ref === 'string' ? ref.match(/^#\/(\$defs|definitions)\/(.+)$/) : null;
  const target = match
    ? (node.root[match[1]!] as Record<string, JsonSchema> | undefined)?.[match[2]!]
    : undefined;
  if (!target) throw new SchemaNotGenerable(`${node.path}: cannot follow $ref ${String(ref)}`);
  return target;
}

function assertOnly(schema: JsonSchema, allowed: string[], path: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!allowed.includes(keyword) && !annotations.includes(keyword) && keyword !== '$defs')
      throw new SchemaNotGenerable(`${path}: keyword '${keyword}' is not understood`);
  }
}

function enumOrConst(schema: JsonSchema, path: string): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  const values = schema.enum as unknown[];
  if (!Array.isArray(values) || values.length === 0) throw new SchemaNotGenerable(`${path}: an empty enum`);
  return fc.constantFrom(...values);
}

// ---- strings ------------------------------------------------------------------------------------------------

/** Pieces of text that have broken parsers, databases, PDFs and pages elsewhere. */
const nastyPieces = [
  'Åsa Öberg',
  'Ärende för Märta',
  '\u0000',
  '\u0001\u0002\u0007\u0008\u001b[31m',
  '\t\r\n',
  '\u007f\u0085\u00a0',
  '\u2028\u2029',
  '\ufeff',
  '\u200b\u200d\u2060',
  '\u202e‮gnp.exe',
  '\u202b\u202a\u202c\u2066\u2069',
  'مرحبا بالعالم',
  'שלום עולם',
  'e\u0301\u0308\u0336',
  '👩‍👩‍👧‍👦',
  '🇸🇪😀',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u{10ffff}',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is the point of this text
  '{{7*7}}${7*7}<%= 7*7 %>',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '%_\\',
  '$1::text',
  '../../etc/passwd',
  'null',
  'NaN',
  '-0',
  '1e309',
  '19121212-1212',
  ' ',
];

/** What megabyte strings are made of: one, two and three bytes in UTF-8, and markup. */
const hugeFillers = ['x', 'å', '\u202e', '<'];

/** Strings of any length from the pieces above and random code units. */
export function nastyText(maxPieces = 6): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...nastyPieces) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map(toChar), maxLength: 4 }),
    },
  );
  return fc.array(piece, { minLength: 1, maxLength: maxPieces }).map((parts) => parts.join(''));
}
const toChar = (code: number) => String.fromCharCode(code);

/** Code points (Zod and JSON Schema count these, not UTF-16 code units; a lone surrogate is one). */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Brings a string to a length in [min, max] code points. */
function fitLength(text: string, min: number, max: number, filler: string): string {
  const fill = filler || 'x';
  let out = text;
  let length = codePoints(out);
  if (length < min) {
    const times = Math.ceil((min - length) / codePoints(fill));
    out += fill.repeat(times);
    length += times * codePoints(fill);
  }
  if (length <= max) return out;
  let end = 0;
  let kept = 0;
  for (const ch of out) {
    if (kept === max) break;
    end += ch.length;
    kept++;
  }
  return out.slice(0, end);
}

function stringArbitrary(schema: JsonSchema, node: Node, options: GenerateOptions, big: boolean) {
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = Math.min((schema.maxLength as number | undefined) ?? bodyLimit, bodyLimit);
  if (min > max) throw new SchemaNotGenerable(`${node.path}: minLength ${min} is above ${max}`);
  const format = schema.format as string | undefined;
  const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern as string);
  const fits = (s: string) =>
    s.length >= min && s.length <= max && (pattern === undefined || pattern.test(s));
  const choices: fc.WeightedArbitrary<string>[] = [];
  if (format !== undefined) choices.push({ weight: 4, arbitrary: formatted(format, node.path).filter(fits) });
  else if (pattern !== undefined)
    choices.push({ weight: 4, arbitrary: fc.stringMatching(pattern).filter(fits) });
  else {
    const text = fc
      .tuple(nastyText(), fc.constantFrom(...nastyPieces))
      .map(([t, filler]) => fitLength(t, min, max, filler));
    choices.push({ weight: 4, arbitrary: text });
    // The longest text the schema allows (up to the body limit): where a field's bound is missing or too
    // generous, this is what reaches the database.
    if (big)
      choices.push({
        weight: 1,
        arbitrary: fc
          .constantFrom(...(max > 10_000 ? hugeFillers : nastyPieces))
          .map((filler) => fitLength('', max, max, filler)),
      });
  }
  const hints = (node.property ? (options.hints?.(node.property) ?? []) : []).filter(fits);
  if (hints.length > 0) choices.push({ weight: 6, arbitrary: fc.constantFrom(...hints) });
  return fc.oneof(...choices);
}

// Zod's date: YYYY-MM-DD with a real day, any year 0000–9999; most near the clock the tests use, so the rules
// that compare dates run too.
const anyDay = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const nearDay = fc
  .date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const instant = fc.oneof({ weight: 3, arbitrary: nearDay }, { weight: 1, arbitrary: anyDay });
const offset = fc.constantFrom('Z', '+01:00', '+02:00', '-12:00', '+14:00', '-23:59', '+23:59');

function formatted(format: string, path: string): fc.Arbitrary<string> {
  if (format === 'date') return instant.map((iso) => iso.slice(0, 10));
  if (format === 'date-time')
    return fc
      .tuple(instant, offset, fc.boolean())
      .map(([iso, off, ms]) => (ms ? iso.slice(0, 23) : iso.slice(0, 19)) + off);
  if (format === 'uri')
    return fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom(
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'file:///etc/passwd',
      ),
    );
  if (format === 'email') return fc.emailAddress();
  if (format === 'uuid') return fc.uuid();
  throw new SchemaNotGenerable(`${path}: format '${format}' is not understood`);
}

// ---- numbers ------------------------------------------------------------------------------------------------

function bounds(schema: JsonSchema, integer: boolean): { min: number; max: number } {
  const step = integer ? 1 : Number.EPSILON;
  let min = (schema.minimum as number | undefined) ?? -Number.MAX_SAFE_INTEGER;
  let max = (schema.maximum as number | undefined) ?? Number.MAX_SAFE_INTEGER;
  if (typeof schema.exclusiveMinimum === 'number') min = schema.exclusiveMinimum + step;
  if (typeof schema.exclusiveMaximum === 'number') max = schema.exclusiveMaximum - step;
  if (integer) {
    min = Math.max(Math.ceil(min), -Number.MAX_SAFE_INTEGER);
    max = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
  }
  return { min, max };
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = bounds(schema, true);
  if (min > max) throw new SchemaNotGenerable(`integer between ${min} and ${max}`);
  const edges = [min, max, min + 1, max - 1, 0, 1, -1].filter((n) => n >= min && n <= max);
  const [smallMin, smallMax] = [Math.max(min, -1000), Math.min(max, 1000)];
  return fc.oneof(
    ...(smallMin <= smallMax ? [{ weight: 3, arbitrary: fc.integer({ min: smallMin, max: smallMax }) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
    { weight: 1, arbitrary: fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number) },
  );
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = bounds(schema, false);
  const hasBounds = schema.minimum !== undefined || schema.maximum !== undefined;
  const wide = hasBounds ? { min, max } : {};
  const edges = [0, -0, 1, -1, 0.1, 5e-324, 1e308, -1e308, Number.MAX_VALUE, 2 ** 53, 2 ** 64].filter(
    (n) => n >= min && n <= max,
  );
  const [smallMin, smallMax] = [Math.max(Math.ceil(min), -1000), Math.min(Math.floor(max), 1000)];
  return fc.oneof(
    fc.double({ ...wide, noNaN: true, noDefaultInfinity: true }),
    ...(smallMin <= smallMax ? [fc.integer({ min: smallMin, max: smallMax })] : []),
    ...(edges.length > 0 ? [fc.constantFrom(...edges)] : []),
  );
}

// ---- arrays and objects -------------------------------------------------------------------------------------

function arrayArbitrary(schema: JsonSchema, node: Node, options: GenerateOptions, big: boolean) {
  if (schema.items === undefined || Array.isArray(schema.items))
    throw new SchemaNotGenerable(`${node.path}: an array needs one 'items' schema`);
  const min = (schema.minItems as number | undefined) ?? 0;
  const max = (schema.maxItems as number | undefined) ?? 1000;
  const item = (b: boolean) =>
    fromNode({ ...node, schema: schema.items as JsonSchema, path: `${node.path}[]` }, options, b);
  const few = fc.array(item(big), {
    minLength: min,
    maxLength: Math.max(min, Math.min(max, smallArrayLength)),
  });
  // As many items as allowed, each small, so the bound itself is tried without building megabytes.
  const full = fc.array(item(false), { minLength: max, maxLength: max });
  return max > smallArrayLength
    ? fc.oneof({ weight: 5, arbitrary: few }, { weight: 1, arbitrary: full })
    : few;
}

function objectArbitrary(schema: JsonSchema, node: Node, options: GenerateOptions, big: boolean) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  for (const name of required)
    if (!(name in properties)) throw new SchemaNotGenerable(`${node.path}: required '${name}' has no schema`);
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, s]) => [
      name,
      fromNode(
        { schema: s, root: node.root, path: `${node.path}.${name}`, property: name, refs: node.refs },
        options,
        big,
      ),
    ]),
  );
  const record = fc.record(model, { requiredKeys: required });
  const extra = schema.additionalProperties;
  if (extra === undefined || typeof extra === 'boolean') return record;
  const keys = schema.propertyNames
    ? (fromNode(
        { ...node, schema: schema.propertyNames as JsonSchema, path: `${node.path}{key}` },
        options,
        false,
      ) as fc.Arbitrary<string>)
    : fc.string();
  const values = fromNode({ ...node, schema: extra as JsonSchema, path: `${node.path}{}` }, options, false);
  return fc
    .tuple(record, fc.dictionary(keys, values, { maxKeys: smallArrayLength }))
    .map(([fixed, more]) => ({ ...more, ...fixed }));
}

// ---- beyond the schema --------------------------------------------------------------------------------------

/** Keys that reach an object's prototype when code merges input carelessly. */
export const prototypeKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
];

/** A value nested `depth` times: arrays or objects inside each other. */
export const nested = (depth: number, kind: 'array' | 'object'): unknown => {
  let value: unknown = 'bunn';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
};

/** A value of (usually) the wrong type for wherever it is put. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, 2 ** 64, 5e-324),
  fc.constantFrom('', [], {}, [[]], [{}], { '': '' }, [null], ['a', 1, null]),
  nastyText(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(nastyText(2), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom(50, 1000).chain((d) => fc.constantFrom(nested(d, 'array'), nested(d, 'object'))),
);

/** Strings of about 1 MiB: just under the body limit (reaches validation), and just over it. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(bodyLimit - 512, bodyLimit + 1), fc.constantFrom(...hugeFillers))
  .map(([length, filler]) => fitLength('', length, length, filler));

type Location = { parent: unknown; key: string | number | undefined };

/** Every place in a JSON value where a mutation can land: the value itself and each member, at any depth. */
function locations(value: unknown): Location[] {
  const out: Location[] = [{ parent: undefined, key: undefined }];
  const walk = (v: unknown) => {
    if (Array.isArray(v))
      v.forEach((item, i) => {
        out.push({ parent: v, key: i });
        walk(item);
      });
    else if (v && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) {
        out.push({ parent: v, key: k });
        walk(item);
      }
  };
  walk(value);
  return out;
}

export type Mutation = { kind: string; value: unknown };

/** A valid value broken in one place: a member dropped, given the wrong type, made huge, or a prototype key
 *  added; or the whole value replaced by something of another shape. */
export function beyondArbitrary(schema: JsonSchema, options: GenerateOptions = {}): fc.Arbitrary<Mutation> {
  return validArbitrary(schema, options).chain((valid) => {
    const copy = JSON.parse(JSON.stringify(valid ?? null)) as unknown;
    const spots = locations(copy);
    return fc
      .record({
        spot: fc.integer({ min: 0, max: spots.length - 1 }).map((i) => spots[i]!),
        kind: mutationKind,
        wrong: wrongValue,
        huge: hugeString,
        key: fc.constantFrom(...prototypeKeys),
        keyValue: fc.constantFrom<unknown>({ polluted: true }, { prototype: { polluted: true } }, 'x', null),
      })
      .map((m) => applyMutation(copy, m, valid));
  });
}

const mutationKind = fc.oneof(
  { weight: 3, arbitrary: fc.constant('drop') },
  { weight: 4, arbitrary: fc.constant('wrongType') },
  { weight: 1, arbitrary: fc.constant('huge') },
  { weight: 2, arbitrary: fc.constant('prototypeKey') },
  { weight: 1, arbitrary: fc.constant('wrap') },
);

type MutationChoice = {
  spot: Location;
  kind: string;
  wrong: unknown;
  huge: string;
  key: string;
  keyValue: unknown;
};

function applyMutation(root: unknown, m: MutationChoice, valid: unknown): Mutation {
  // A fresh copy each time: fast-check may map the same generated value more than once while shrinking.
  const value = JSON.parse(JSON.stringify(root)) as unknown;
  const { spot } = m;
  const parent =
    spot.parent === undefined ? undefined : (locate(value, root, spot.parent) as Record<string, unknown>);
  const at = String(spot.key ?? '$');
  const set = (v: unknown) => {
    if (parent === undefined) return v;
    parent[spot.key as string] = v;
    return value;
  };
  if (m.kind === 'drop' && parent !== undefined && !Array.isArray(parent)) {
    delete parent[spot.key as string];
    return { kind: `${at} missing`, value };
  }
  if (m.kind === 'huge')
    return { kind: `${at}: a string of ${m.huge.length} characters`, value: set(m.huge) };
  if (m.kind === 'prototypeKey') {
    const holder = parent === undefined ? value : parent[spot.key as string];
    const obj = holder && typeof holder === 'object' && !Array.isArray(holder) ? holder : {};
    // An own property of that name (assigning to __proto__ would change the prototype instead).
    Object.defineProperty(obj, m.key, {
      value: m.keyValue,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return { kind: `${at}: prototype key ${m.key}`, value: holder === obj ? value : set(obj) };
  }
  if (m.kind === 'wrap') return { kind: 'an array where the object is', value: [valid, valid] };
  return { kind: `${at}: wrong type`, value: set(m.wrong) };
}

/** The object in `copy` that sits where `original` sits in `root`. */
function locate(copy: unknown, root: unknown, original: unknown): unknown {
  if (root === original) return copy;
  if (root && typeof root === 'object') {
    for (const [k, v] of Object.entries(root)) {
      const found = locate((copy as Record<string, unknown>)[k], v, original);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
