import { AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { validatorCache } from '../cache/validator-cache';
import type { ValidatorCache } from '../cache/validator-cache';
import { waitFor } from '../delay';
import { getHeader } from '../http/headers';
import { requestUri } from '../http/url';
import type { ResolvedCacheOptions } from '../options';
import { NEXT, isThenable, methodOf } from '../policy';
import type { Decision, Policy, PolicyContext } from '../policy';
import type { Scope } from '../scope';
import { StateSlot } from '../state';
import type { CachedResponse } from '../types';

interface Mark {
  /**
   * URL and request headers as this policy saw them. Request interceptors added before attaching
   * run after ours and may still change both, so storing and looking up both use this snapshot.
   */
  url: string;
  seen: object;
  /** Cache key of this request. */
  key: string;
  /** The validators we added (not the caller's own), as `validators()` spells them. */
  sent?: string | undefined;
}
const MARK = /* @__PURE__ */ new StateSlot<Mark>('notModified');

const validators = (entry: CachedResponse): string => `${entry.etag}\n${entry.lastModified}`;

// One cache per instance, or per store object so instances given the same store share one index.
const caches = new WeakMap<object, ValidatorCache>();
function cacheFor(scope: Scope, { store, maxEntries, maxBytes }: ResolvedCacheOptions): ValidatorCache {
  const owner = store || scope;
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = validatorCache(store, maxEntries, maxBytes)));
  return cache;
}

/** Headers as a plain lower-case record of strings (`set-cookie` is never kept). */
function plainHeaders(headers: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    const v: unknown = Array.isArray(value) ? value.join(', ') : typeof value === 'number' ? String(value) : value;
    if (typeof v === 'string' && key !== 'set-cookie') out[key] = v;
  }
  return out;
}

/**
 * A body in a form any store can keep and every hit can rebuild afresh (so a caller mutating one
 * hit's data never changes the next): strings as text, plain JSON values as JSON. Bytes, blobs and
 * streams are not cached.
 */
function storable(data: unknown): Pick<CachedResponse, 'json' | 'text'> | undefined {
  if (typeof data === 'string') return { text: data };
  const proto: unknown = data && typeof data === 'object' && Object.getPrototypeOf(data);
  if (proto && proto !== Object.prototype && !Array.isArray(data)) return undefined;
  try {
    const json = JSON.stringify(data);
    return json === undefined ? {} : { json };
  } catch {
    return undefined;
  }
}

/** The `Vary` names of a response, lower-case, unique and sorted; `undefined` for `Vary: *` (never reusable). */
function varyNames(vary: string | undefined): string[] | undefined {
  const names = (vary || '')
    .toLowerCase()
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.includes('*') ? undefined : [...new Set(names)].sort();
}

function addValidators(config: InternalAxiosRequestConfig, mark: Mark, entry: CachedResponse | undefined): undefined {
  if (entry) {
    if (entry.etag) config.headers.set('If-None-Match', entry.etag);
    if (entry.lastModified) config.headers.set('If-Modified-Since', entry.lastModified);
    mark.sent = validators(entry);
  }
  return undefined;
}

const VALIDATORS = /^(etag|last-modified)$/i;
const CONDITIONS = /^if-(none-match|modified-since)$/i;

/**
 * Whether any header name matches `names` (any case), whose names all start with one of the
 * letters `a`, `b` (lower-case char codes): one pass over the names, where each `getHeader` miss
 * makes one, and the regex only for names with such a first letter. Most requests carry no
 * conditions, most 200s no validators.
 */
function named(headers: object, names: RegExp, a: number, b: number): boolean {
  for (const k of Object.keys(headers || 0)) {
    const c = k.charCodeAt(0) | 32;
    if ((c === a || c === b) && names.test(k)) return true;
  }
  return false;
}

function remember(cache: ValidatorCache, response: AxiosResponse, ctx: PolicyContext): void {
  const { headers, data, status, statusText } = response;
  if (!named(headers, VALIDATORS, 101, 108)) return;
  const etag = getHeader(headers, 'etag');
  const lastModified = getHeader(headers, 'last-modified');
  if ((etag === undefined && lastModified === undefined) || /no-store/i.test(getHeader(headers, 'cache-control') || '')) return;
  const names = varyNames(getHeader(headers, 'vary'));
  const body = storable(data);
  if (!names || !body) return;
  const plain = plainHeaders(headers);
  const mark = ctx.state.get(MARK);
  const url = mark ? mark.url : requestUri(ctx.scope.instance, ctx.config);
  const size = url.length + (body.json || body.text || '').length + JSON.stringify(plain).length;
  const entry: Omit<CachedResponse, 'key'> = { status, statusText, headers: plain, ...body, size };
  if (etag !== undefined) entry.etag = etag;
  if (lastModified !== undefined) entry.lastModified = lastModified;
  cache.put(url, names, mark ? mark.seen : ctx.config.headers, entry);
}

/** A 304 for validators we sent: answer from the entry they came from, else re-send once without them. */
function answer(response: AxiosResponse, mark: Mark, entry: CachedResponse | undefined): Decision {
  if (entry && mark.sent === validators(entry)) {
    // The 304's headers are the fresher ones (RFC 9111 §4.3.4), all but its empty body's length.
    const fresh = plainHeaders(response.headers);
    delete fresh['content-length'];
    const headers = new AxiosHeaders({ ...entry.headers, ...fresh });
    const data: unknown = entry.json !== undefined ? JSON.parse(entry.json) : entry.text;
    return { type: 'resolve', response: { ...response, status: entry.status, statusText: entry.statusText, headers, data }, info: { fromCache: true } };
  }
  // Evicted (or replaced) while in flight: the 304 says nothing we can use. Once, never again.
  mark.sent = undefined;
  return { type: 'retry', delayMs: 0, prepare: (config) => config.headers.delete(['If-None-Match', 'If-Modified-Since']) };
}

/**
 * 304 Not Modified resolves (axios's default validateStatus rejects it) and nothing more is sent.
 * With `cache` on, 200 GETs carrying `ETag`/`Last-Modified` are remembered per URL and `Vary`
 * variant, later GETs revalidate with them, and a 304 resolves with the remembered body.
 * No cache-busting header is ever added: those turn simple CORS requests into preflighted ones.
 */
export const notModifiedPolicy: Policy = {
  name: 'notModified',

  beforeRequest({ config, options, state, scope }) {
    const opts = options.notModified;
    // A retry carries our validators over in its copied headers; the re-send goes without.
    if (!opts || !opts.cache || methodOf(config) !== 'GET' || state.get(MARK)) return undefined;
    const cache = cacheFor(scope, opts.cache);
    // Every GET passes here: a shallow copy is the cheapest snapshot (getHeader reads any case).
    const seen = { ...config.headers };
    const url = requestUri(scope.instance, config);
    const mark: Mark = { url, seen, key: cache.key(url, seen) };
    state.set(MARK, mark);
    // The caller's own validators win: the 304 is then theirs to interpret.
    if (named(seen, CONDITIONS, 105, 105) && (getHeader(seen, 'if-none-match') !== undefined || getHeader(seen, 'if-modified-since') !== undefined)) return undefined;
    const found = cache.get(mark.key);
    if (!isThenable<CachedResponse | undefined>(found)) return addValidators(config, mark, found);
    return waitFor(found, config, scope).then((entry) => addValidators(config, mark, entry));
  },

  decide({ response, error }, ctx) {
    const opts = ctx.options.notModified;
    const status = response && response.status;
    if (!opts || !response || (status !== 200 && status !== 304)) return NEXT;
    const { cache } = opts;
    if (status === 200) {
      if (cache && error === undefined && methodOf(ctx.config) === 'GET') remember(cacheFor(ctx.scope, cache), response, ctx);
      return NEXT;
    }
    const mark = ctx.state.get(MARK);
    // No cache, or validators that were the caller's own: the 304 is theirs to interpret.
    if (!cache || !mark || !mark.sent) return { type: 'resolve', response };
    const found = cacheFor(ctx.scope, cache).get(mark.key);
    return isThenable<CachedResponse | undefined>(found) ? found.then((e) => answer(response, mark, e)) : answer(response, mark, found);
  },
};
