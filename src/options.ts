import { SharedRefresh } from './auth/scope';
import { StatusPolicyConfigError } from './errors';
import type {
  AuthOptions,
  MultiStatusOptions,
  PolicyEvent,
  RateLimitOptions,
  RedirectOptions,
  RetryOptions,
  StatusPolicyOptions,
  ValidatorStore,
} from './types';

/** The validator cache's settings, filled in (`store` undefined: an in-memory Map). */
export interface ResolvedCacheOptions {
  store: ValidatorStore | undefined;
  maxEntries: number;
  maxBytes: number;
}

/** The auth block filled in; the two optional callbacks stay optional. */
export type ResolvedAuthOptions = Required<Omit<AuthOptions, 'getAccessToken' | 'expiresAt' | 'scope'>> &
  Pick<AuthOptions, 'getAccessToken' | 'expiresAt'> & { scope: SharedRefresh };

/** Every option filled in: what the policies read. A block is `false` when turned off. */
export interface ResolvedOptions {
  auth: ResolvedAuthOptions | false;
  retry: Required<RetryOptions> | false;
  rateLimit: Required<RateLimitOptions> | false;
  redirects: Required<RedirectOptions> | false;
  notModified: { cache: ResolvedCacheOptions | false } | false;
  deleteNotFound: boolean;
  multiStatus: Required<MultiStatusOptions> | false;
  totalTimeoutMs: number;
  onEvent: ((event: PolicyEvent) => void) | undefined;
}

// ---- What each option accepts -----------------------------------------------------------------
//
// One table per block: a key's kind, or a custom [test, what it must be]. The same table rejects
// unknown keys (naming them and the known ones) and malformed values (naming the option).

type Test = (value: unknown) => boolean;
type Kind = keyof typeof KINDS | readonly [Test, string];
type Schema = Readonly<Record<string, Kind>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const whole = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

const KINDS = {
  count: [whole, 'a whole number ≥ 0'],
  positive: [(v) => whole(v) && v > 0, 'a whole number ≥ 1'],
  // setTimeout fires at once for anything above 2^31−1 ms, so larger waits are refused here.
  ms: [(v) => typeof v === 'number' && v >= 0 && v <= 2_147_483_647, 'milliseconds from 0 to 2147483647'],
  bool: [(v) => typeof v === 'boolean', 'true or false'],
  fn: [(v) => typeof v === 'function', 'a function'],
  str: [(v) => typeof v === 'string', 'a string'],
  strings: [(v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), 'an array of strings'],
} as const satisfies Record<string, readonly [Test, string]>;

const STORE: Kind = [
  (v) => isObject(v) && typeof v.get === 'function' && typeof v.set === 'function' && typeof v.delete === 'function',
  'an object with get, set and delete methods',
];
const CACHE: Schema = { store: STORE, maxEntries: 'positive', maxBytes: 'count' };

const SCHEMA = {
  retry: { maxRetries: 'count', baseDelayMs: 'ms', maxDelayMs: 'ms', methods: 'strings', networkErrors: 'bool' },
  rateLimit: {
    maxRetries: 'count',
    maxRetryAfterMs: 'ms',
    clampRetryAfter: 'bool',
    baseDelayMs: 'ms',
    hold: 'bool',
    proactive: 'bool',
  },
  auth: {
    refresh: 'fn',
    onFailure: 'fn',
    getAccessToken: 'fn',
    scheme: 'str',
    expiresAt: 'fn',
    refreshBeforeMs: 'ms',
    refreshTimeoutMs: 'ms',
    scope: [(v) => v instanceof SharedRefresh, 'an auth scope from createAuthScope()'],
  },
  redirects: { maxRedirects: 'count', onRedirect: 'fn', stripHeaders: 'strings', allowCrossOriginBody: 'bool' },
  notModified: {
    cache: [(v) => typeof v === 'boolean' || (isObject(v) && check(v, CACHE, 'notModified.cache')), 'true, false or { store, maxEntries, maxBytes }'],
  },
  multiStatus: {
    largeIntegers: [(v) => v === 'number' || v === 'string', '"number" or "string"'],
    maxParts: 'count',
    maxHeaderLines: 'count',
    maxHeaderBytes: 'count',
  },
} satisfies Record<string, Schema>;

/** Blocks are checked by `block()` itself, so here they accept anything. */
const ANY: Kind = [() => true, ''];
/** The keys valid both on attach and per request; `auth` differs between the two. */
const topLevel = (auth: Kind, more: Schema): Schema => ({
  auth,
  retry: ANY,
  rateLimit: ANY,
  redirects: ANY,
  notModified: ANY,
  multiStatus: ANY,
  deleteNotFound: 'bool',
  totalTimeoutMs: 'ms',
  ...more,
});
// Marked pure: a module-level call would otherwise keep this module in every tree-shaken bundle.
const TOP = /* @__PURE__ */ topLevel(ANY, { onEvent: 'fn' });
// Per request, auth can only be turned off: the refresh belongs to the instance.
const REQUEST = /* @__PURE__ */ topLevel([(v) => v === false, 'false (auth can only be turned off per request)'], {});

function fail(path: string, want: string, value: unknown): never {
  throw new StatusPolicyConfigError(
    `option "${path}" must be ${want}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
  );
}

/** Checks every key of `input` against `schema`; a typo must never silently do nothing. */
function check(input: Record<string, unknown>, schema: Schema, path: string): true {
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

// ---- Defaults: the one place they live. -------------------------------------------------------

const DEFAULTS = {
  retry: {
    maxRetries: 3,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'],
    networkErrors: true,
  },
  rateLimit: { maxRetries: 3, maxRetryAfterMs: 60_000, clampRetryAfter: false, baseDelayMs: 1000, hold: true, proactive: false },
  auth: { onFailure: () => undefined, scheme: 'Bearer', refreshBeforeMs: 30_000, refreshTimeoutMs: 30_000 },
  redirects: { maxRedirects: 10, onRedirect: () => undefined, stripHeaders: [], allowCrossOriginBody: false },
  notModified: { cache: false },
  multiStatus: { largeIntegers: 'number', maxParts: 100_000, maxHeaderLines: 100, maxHeaderBytes: 65_536 },
} as const;
const CACHE_DEFAULTS: ResolvedCacheOptions = { store: undefined, maxEntries: 500, maxBytes: 5_000_000 };

type Blocks = Omit<ResolvedOptions, 'deleteNotFound' | 'totalTimeoutMs' | 'onEvent'>;

/** `defaults` with every key `input` defines laid over it (an `undefined` value keeps the default). */
function overlay<T extends object>(defaults: T, input: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...(defaults as object) };
  for (const key in input) if (input[key] !== undefined) out[key] = input[key];
  return out as T;
}

/** What a block's values become once read: upper-case methods, a filled-in cache block. */
const FINISH: { [K in keyof Blocks]?: (block: Record<string, unknown>) => void } = {
  retry: (b) => (b.methods = (b.methods as string[]).map((m) => m.toUpperCase())),
  notModified: (b) => (b.cache = cacheOptions(b.cache as boolean | Record<string, unknown>)),
};

/**
 * One block: `false` stays off, `undefined` keeps `base`, an object overrides `base` (or the
 * defaults when `base` is off) key by key.
 */
function block<K extends keyof Blocks>(name: K, input: unknown, base: Blocks[K], path: string): Blocks[K] {
  if (input === false || input === undefined) return input === false ? false : base;
  if (!isObject(input)) return fail(path, 'an object or false', input);
  check(input, SCHEMA[name], path);
  const out = overlay((base || DEFAULTS[name]) as Record<string, unknown>, input);
  FINISH[name]?.(out);
  return out as Blocks[K];
}

/** `cache: true` takes the defaults, an object fills the gaps. */
function cacheOptions(cache: boolean | Record<string, unknown>): ResolvedCacheOptions | false {
  if (cache === false) return false;
  return overlay(CACHE_DEFAULTS, cache === true ? {} : cache);
}

/** Reads the blocks shared by attach-level and per-request options over `base`. */
function blocks(o: Record<string, unknown>, base: Blocks, prefix: string): Blocks {
  return {
    auth: base.auth,
    retry: block('retry', o.retry, base.retry, `${prefix}retry`),
    rateLimit: block('rateLimit', o.rateLimit, base.rateLimit, `${prefix}rateLimit`),
    redirects: block('redirects', o.redirects, base.redirects, `${prefix}redirects`),
    notModified: block('notModified', o.notModified, base.notModified, `${prefix}notModified`),
    // `multiStatus: true` turns it on with the base (or default) settings: an empty override.
    multiStatus: block('multiStatus', o.multiStatus === true ? {} : o.multiStatus, base.multiStatus, `${prefix}multiStatus`),
  };
}

/** Normalises the options of `attachStatusPolicy` once, throwing on anything unknown or malformed. */
export function resolveOptions(options: StatusPolicyOptions | undefined): ResolvedOptions {
  const o: unknown = options ?? {};
  if (!isObject(o)) return fail('options', 'an object', o);
  check(o, TOP, '');
  const resolved: ResolvedOptions = {
    ...blocks(o, { ...DEFAULTS, auth: false }, ''),
    deleteNotFound: (o.deleteNotFound as boolean | undefined) ?? true,
    totalTimeoutMs: (o.totalTimeoutMs as number | undefined) ?? 0,
    onEvent: o.onEvent as ResolvedOptions['onEvent'],
  };
  const auth = o.auth;
  if (auth !== undefined && auth !== false) {
    if (!isObject(auth) || typeof auth.refresh !== 'function') fail('auth.refresh', 'a function', undefined);
    const base: ResolvedAuthOptions = { ...DEFAULTS.auth, refresh: auth.refresh as AuthOptions['refresh'], scope: new SharedRefresh() };
    resolved.auth = block('auth', auth, base, 'auth');
  }
  return resolved;
}

/** Applies a request's `statusPolicy` overrides; the common case (none) allocates nothing. */
export function resolveRequestOptions(base: ResolvedOptions, override: unknown): ResolvedOptions {
  if (override === undefined) return base;
  if (!isObject(override)) return fail('statusPolicy', 'an object or false', override);
  check(override, REQUEST, 'statusPolicy');
  return {
    ...base,
    ...blocks(override, base, 'statusPolicy.'),
    auth: override.auth === false ? false : base.auth,
    deleteNotFound: (override.deleteNotFound as boolean | undefined) ?? base.deleteNotFound,
    totalTimeoutMs: (override.totalTimeoutMs as number | undefined) ?? base.totalTimeoutMs,
  };
}
