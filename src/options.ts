import { SharedRefresh } from './auth/scope';
import { StatusPolicyConfigError } from './errors';
import type {
  AuthOptions,
  MultiStatusOptions,
  NotModifiedOptions,
  PolicyEvent,
  RateLimitOptions,
  RedirectOptions,
  RetryOptions,
  StatusPolicyOptions,
  StatusPolicyRequestOptions,
  ValidatorCacheOptions,
  ValidatorStore,
} from './types';

/** The validator cache's settings, filled in (`store` undefined: an in-memory Map). */
export interface ResolvedCacheOptions {
  store: ValidatorStore | undefined;
  maxEntries: number;
  maxBytes: number;
}

/** Every option filled in: what the policies read. A block is `false` when turned off. */
/** The auth block filled in; the two optional callbacks stay optional. */
export type ResolvedAuthOptions = Required<Omit<AuthOptions, 'getAccessToken' | 'expiresAt' | 'scope'>> &
  Pick<AuthOptions, 'getAccessToken' | 'expiresAt'> & { scope: SharedRefresh };

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

// ---- Defaults: the one place they live. -------------------------------------------------------

const RETRY: Required<RetryOptions> = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'],
  networkErrors: true,
};

const RATE_LIMIT: Required<RateLimitOptions> = {
  maxRetries: 3,
  maxRetryAfterMs: 60_000,
  clampRetryAfter: false,
  baseDelayMs: 1000,
  hold: true,
  proactive: false,
};

const AUTH_DEFAULTS: Omit<ResolvedAuthOptions, 'refresh' | 'scope'> = {
  onFailure: () => undefined,
  scheme: 'Bearer',
  refreshBeforeMs: 30_000,
  refreshTimeoutMs: 30_000,
};

const REDIRECTS: Required<RedirectOptions> = {
  maxRedirects: 10,
  onRedirect: () => undefined,
  stripHeaders: [],
  allowCrossOriginBody: false,
};

const NOT_MODIFIED: Required<NotModifiedOptions> = { cache: false };
const VALIDATOR_CACHE: ResolvedCacheOptions = { store: undefined, maxEntries: 500, maxBytes: 5_000_000 };

const MULTI_STATUS: Required<MultiStatusOptions> = { largeIntegers: 'number', maxParts: 100_000 };

// ---- Checks ---------------------------------------------------------------------------------

type Check = (value: unknown, path: string) => void;

const fail = (path: string, want: string, value: unknown): never => {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  throw new StatusPolicyConfigError(`option "${path}" must be ${want}, got ${shown}`);
};
const count: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(p, 'a whole number ≥ 0', v);
};
const ms: Check = (v, p) => {
  // setTimeout fires at once for anything above 2^31−1 ms, so larger waits are refused here.
  if (typeof v !== 'number' || !(v >= 0 && v <= 2_147_483_647)) fail(p, 'milliseconds from 0 to 2147483647', v);
};
const bool: Check = (v, p) => {
  if (typeof v !== 'boolean') fail(p, 'true or false', v);
};
const fn: Check = (v, p) => {
  if (typeof v !== 'function') fail(p, 'a function', v);
};
const str: Check = (v, p) => {
  if (typeof v !== 'string') fail(p, 'a string', v);
};
const authScope: Check = (v, p) => {
  if (!(v instanceof SharedRefresh)) fail(p, 'an auth scope from createAuthScope()', v);
};
const largeIntegers: Check = (v, p) => {
  if (v !== 'number' && v !== 'string') fail(p, '"number" or "string"', v);
};
const strings: Check = (v, p) => {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) fail(p, 'an array of strings', v);
};
const positive: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(p, 'a whole number ≥ 1', v);
};
const store: Check = (v, p) => {
  const s = v as Partial<Record<keyof ValidatorStore, unknown>> | null;
  if (typeof s !== 'object' || s === null || [s.get, s.set, s.delete].some((f) => typeof f !== 'function')) {
    fail(p, 'an object with get, set and delete methods', v);
  }
};
const CACHE_CHECKS: Checks<ValidatorCacheOptions> = { store, maxEntries: positive, maxBytes: count };
const cache: Check = (v, p) => {
  if (typeof v === 'boolean') return;
  if (!isObject(v)) fail(p, 'true, false or { store, maxEntries, maxBytes }', v);
  else checkKeys(v, CACHE_CHECKS, p);
};

type Checks<T> = { readonly [K in keyof T]-?: Check };

const CHECKS = {
  retry: { maxRetries: count, baseDelayMs: ms, maxDelayMs: ms, methods: strings, networkErrors: bool },
  rateLimit: { maxRetries: count, maxRetryAfterMs: ms, clampRetryAfter: bool, baseDelayMs: ms, hold: bool, proactive: bool },
  auth: {
    refresh: fn,
    onFailure: fn,
    getAccessToken: fn,
    scheme: str,
    expiresAt: fn,
    refreshBeforeMs: ms,
    refreshTimeoutMs: ms,
    scope: authScope,
  },
  redirects: { maxRedirects: count, onRedirect: fn, stripHeaders: strings, allowCrossOriginBody: bool },
  notModified: { cache },
  multiStatus: { largeIntegers, maxParts: count },
} satisfies {
  retry: Checks<RetryOptions>;
  rateLimit: Checks<RateLimitOptions>;
  auth: Checks<AuthOptions>;
  redirects: Checks<RedirectOptions>;
  notModified: Checks<NotModifiedOptions>;
  multiStatus: Checks<MultiStatusOptions>;
};

const TOP_LEVEL: Checks<StatusPolicyOptions> = {
  auth: () => undefined,
  retry: () => undefined,
  rateLimit: () => undefined,
  redirects: () => undefined,
  notModified: () => undefined,
  deleteNotFound: bool,
  multiStatus: () => undefined,
  totalTimeoutMs: ms,
  onEvent: fn,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rejects keys we do not know, naming them: a typo must never silently do nothing. */
function checkKeys(input: Record<string, unknown>, checks: Record<string, Check>, path: string): void {
  for (const key of Object.keys(input)) {
    const check = checks[key];
    const where = path ? `${path}.${key}` : key;
    if (!check) {
      throw new StatusPolicyConfigError(
        `unknown option "${where}"; known: ${Object.keys(checks).join(', ')}`,
      );
    }
    if (input[key] !== undefined) check(input[key], where);
  }
}

/** A block: `false` stays off, `undefined` takes `base`, an object overrides `base` key by key. */
function block<T extends object>(
  name: string,
  input: unknown,
  base: T | false,
  defaults: T,
  checks: Record<string, Check>,
): T | false {
  if (input === false) return false;
  if (input === undefined) return base;
  if (!isObject(input)) return fail(name, 'an object or false', input);
  checkKeys(input, checks, name);
  const out: T = { ...(base === false ? defaults : base) };
  for (const [key, value] of Object.entries(input)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** `cache: true` takes the defaults, an object fills the gaps; idempotent, so overrides can re-run it. */
function withCache(n: Required<NotModifiedOptions> | ResolvedOptions['notModified']): ResolvedOptions['notModified'] {
  if (n === false) return false;
  const c = n.cache;
  if (c === false) return { cache: false };
  if (c === true) return { cache: { ...VALIDATOR_CACHE } };
  const out = { ...VALIDATOR_CACHE };
  if (c.store !== undefined) out.store = c.store;
  if (c.maxEntries !== undefined) out.maxEntries = c.maxEntries;
  if (c.maxBytes !== undefined) out.maxBytes = c.maxBytes;
  return { cache: out };
}

/** `multiStatus` also takes `true`: on, with the base (or default) settings. */
function multiStatusBlock(path: string, input: unknown, base: Required<MultiStatusOptions> | false): Required<MultiStatusOptions> | false {
  if (input === true) return base === false ? MULTI_STATUS : base;
  return block(path, input, base, MULTI_STATUS, CHECKS.multiStatus);
}

function methodsUpper<T extends Required<RetryOptions>>(r: T | false): T | false {
  return r === false ? r : { ...r, methods: r.methods.map((m) => m.toUpperCase()) };
}

/** Normalises the options of `attachStatusPolicy` once, throwing on anything unknown or malformed. */
export function resolveOptions(options: StatusPolicyOptions | undefined): ResolvedOptions {
  const input: unknown = options ?? {};
  if (!isObject(input)) return fail('options', 'an object', input);
  checkKeys(input, TOP_LEVEL, '');
  const o = input as StatusPolicyOptions;
  let auth: ResolvedOptions['auth'] = false;
  if (o.auth !== undefined && o.auth !== false) {
    if (!isObject(o.auth) || typeof o.auth.refresh !== 'function') fail('auth.refresh', 'a function', undefined);
    // A scope of its own per attach unless the caller shares one.
    const defaults: ResolvedAuthOptions = { ...AUTH_DEFAULTS, refresh: o.auth.refresh, scope: new SharedRefresh() };
    auth = block('auth', o.auth, false, defaults, CHECKS.auth);
  }
  return {
    auth,
    retry: methodsUpper(block('retry', o.retry, RETRY, RETRY, CHECKS.retry)),
    rateLimit: block('rateLimit', o.rateLimit, RATE_LIMIT, RATE_LIMIT, CHECKS.rateLimit),
    redirects: block('redirects', o.redirects, REDIRECTS, REDIRECTS, CHECKS.redirects),
    notModified: withCache(block('notModified', o.notModified, NOT_MODIFIED, NOT_MODIFIED, CHECKS.notModified)),
    deleteNotFound: o.deleteNotFound ?? true,
    multiStatus: multiStatusBlock('multiStatus', o.multiStatus, MULTI_STATUS),
    totalTimeoutMs: o.totalTimeoutMs ?? 0,
    onEvent: o.onEvent,
  };
}

const REQUEST_LEVEL: Checks<StatusPolicyRequestOptions> = {
  auth: (v, p) => {
    if (v !== false) fail(p, 'false (auth can only be turned off per request)', v);
  },
  retry: () => undefined,
  rateLimit: () => undefined,
  redirects: () => undefined,
  notModified: () => undefined,
  deleteNotFound: bool,
  multiStatus: () => undefined,
  totalTimeoutMs: ms,
};

/** Applies a request's `statusPolicy` overrides; the common case (none) allocates nothing. */
export function resolveRequestOptions(base: ResolvedOptions, override: unknown): ResolvedOptions {
  if (override === undefined) return base;
  if (!isObject(override)) return fail('statusPolicy', 'an object or false', override);
  checkKeys(override, REQUEST_LEVEL, 'statusPolicy');
  const o = override as StatusPolicyRequestOptions;
  return {
    ...base,
    auth: o.auth === false ? false : base.auth,
    retry: methodsUpper(block('statusPolicy.retry', o.retry, base.retry, RETRY, CHECKS.retry)),
    rateLimit: block('statusPolicy.rateLimit', o.rateLimit, base.rateLimit, RATE_LIMIT, CHECKS.rateLimit),
    redirects: block('statusPolicy.redirects', o.redirects, base.redirects, REDIRECTS, CHECKS.redirects),
    notModified: withCache(
      block<Required<NotModifiedOptions> | { cache: ResolvedCacheOptions | false }>(
        'statusPolicy.notModified',
        o.notModified,
        base.notModified,
        NOT_MODIFIED,
        CHECKS.notModified,
      ),
    ),
    deleteNotFound: o.deleteNotFound ?? base.deleteNotFound,
    multiStatus: multiStatusBlock('statusPolicy.multiStatus', o.multiStatus, base.multiStatus),
    totalTimeoutMs: o.totalTimeoutMs ?? base.totalTimeoutMs,
  };
}
