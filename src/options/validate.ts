import { StatusPolicyConfigError } from '../config-error';

// What an option accepts, as data: a key's kind, or a custom [test, what it must be]. The same
// table rejects unknown keys (naming them and the known ones) and malformed values (naming the
// option). Each rule keeps its own table beside it (src/rules/<name>/options.ts).

export type Test = (value: unknown) => boolean;
export type Kind = keyof typeof KINDS | readonly [Test, string];
export type Schema = Readonly<Record<string, Kind>>;

/**
 * A table for the options type `T`: every key of `T`, each with its kind, and no other key. A key
 * missing from the table, or one the type does not have (a misspelling), fails to compile.
 */
export type SchemaOf<T> = { readonly [K in keyof T]-?: Kind };

/** `R` with each key `I` also has laid over it: what `overlay(defaults, input)` returns. */
export type Overlaid<R, I> = { [K in keyof R]: R[K] | (K extends keyof I ? Exclude<I[K], undefined> : never) };

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const whole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const KINDS = {
  count: [whole, 'a whole number ≥ 0'],
  positive: [(v) => whole(v) && v > 0, 'a whole number ≥ 1'],
  // setTimeout fires at once for anything above 2^31−1 ms, so larger waits are refused here.
  ms: [(v) => typeof v === 'number' && v >= 0 && v <= 2_147_483_647, 'milliseconds from 0 to 2147483647'],
  ratio: [(v) => typeof v === 'number' && v >= 0 && v <= 1000, 'a number from 0 to 1000'],
  bool: [(v) => typeof v === 'boolean', 'true or false'],
  fn: [(v) => typeof v === 'function', 'a function'],
  str: [(v) => typeof v === 'string', 'a string'],
  strings: [(v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), 'an array of strings'],
  // Only error statuses: the rules that take a list (retry, rateLimit) never act on a 2xx or 3xx.
  statuses: [(v) => Array.isArray(v) && v.every((s) => Number.isInteger(s) && s >= 400 && s <= 599), 'an array of HTTP error statuses (400–599)'],
} as const satisfies Record<string, readonly [Test, string]>;

/** A value as an error message shows it: strings quoted, so `got "retry"` and `got ""` read as values. */
export const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (isObject(value)) return `{ ${Object.keys(value).join(', ')} }`;
  return typeof value === 'function' ? 'a function' : String(value);
};

export function fail(path: string, want: string, value: unknown): never {
  throw new StatusPolicyConfigError(`option "${path}" must be ${want}, got ${show(value)}`);
}

/**
 * Checks every key of `input` against `schema`; a typo must never silently do nothing. Returns
 * normally only when every value is what its key accepts: `input` is then a `T`.
 */
export function check<T extends object>(input: Record<string, unknown>, schema: SchemaOf<T>, path: string): input is Record<string, unknown> & T;
export function check(input: Record<string, unknown>, schema: Schema, path: string): true;
export function check(input: Record<string, unknown>, schema: Schema, path: string): true {
  for (const key in input) {
    const where = path ? `${path}.${key}` : key;
    const kind = schema[key];
    if (!kind) throw new StatusPolicyConfigError(`unknown option "${where}"; known: ${Object.keys(schema).join(', ')}`);
    const [test, want] = typeof kind === 'string' ? KINDS[kind] : kind;
    const value = input[key];
    if (value !== undefined && !test(value)) fail(where, want, value);
  }
  return true;
}

/** `defaults` with every key `input` defines laid over it (an `undefined` value keeps the default). */
export function overlay<R, I extends object>(defaults: R, input: I): Overlaid<R, I> {
  const given: Record<string, unknown> = {};
  for (const key in input) if (input[key] !== undefined) given[key] = input[key];
  return { ...defaults, ...given };
}
