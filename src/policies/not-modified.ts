import { AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { ValidatorCache, isThenable, memoryStore, varyNames } from '../cache/validator-cache';
import { cachedBody, plainHeaders, storableBody } from '../cache/entry';
import { waitFor } from '../delay';
import { getHeader } from '../http/headers';
import { requestUri } from '../http/url';
import type { ResolvedCacheOptions } from '../options';
import { NEXT, methodOf } from '../policy';
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
  seen: Record<string, string>;
  /** Cache key of this request. */
  key: string;
  /** The validators we added (not the caller's own). */
  sent?: { etag: string | undefined; lastModified: string | undefined } | undefined;
  /** The once-only re-send without validators has been made. */
  resent?: boolean;
}
const MARK = new StateSlot<Mark>('notModified');

// One cache per instance, or per store object so instances given the same store share one index.
const caches = new WeakMap<object, ValidatorCache>();
function cacheFor(scope: Scope, opts: ResolvedCacheOptions): ValidatorCache {
  const owner = opts.store ?? scope;
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new ValidatorCache(opts.store ?? memoryStore(), opts.maxEntries, opts.maxBytes)));
  return cache;
}

const ownValidators = (config: InternalAxiosRequestConfig): boolean =>
  getHeader(config.headers, 'if-none-match') !== undefined || getHeader(config.headers, 'if-modified-since') !== undefined;

function addValidators(config: InternalAxiosRequestConfig, mark: Mark, entry: CachedResponse | undefined): undefined {
  if (!entry) return undefined;
  if (entry.etag) config.headers.set('If-None-Match', entry.etag);
  if (entry.lastModified) config.headers.set('If-Modified-Since', entry.lastModified);
  mark.sent = { etag: entry.etag, lastModified: entry.lastModified };
  return undefined;
}

function remember(cache: ValidatorCache, response: AxiosResponse, ctx: PolicyContext): void {
  const { headers } = response;
  const etag = getHeader(headers, 'etag');
  const lastModified = getHeader(headers, 'last-modified');
  if (etag === undefined && lastModified === undefined) return;
  if (/no-store/i.test(getHeader(headers, 'cache-control') ?? '')) return;
  const names = varyNames(getHeader(headers, 'vary'));
  const body = storableBody(response.data);
  if (!names || !body) return;
  const plain = plainHeaders(headers);
  const mark = ctx.state.get(MARK);
  const url = mark?.url ?? requestUri(ctx.scope.instance, ctx.config);
  const entry: Omit<CachedResponse, 'key'> = {
    status: response.status,
    statusText: response.statusText,
    headers: plain,
    ...body,
    size: url.length + (body.json ?? body.text ?? '').length + JSON.stringify(plain).length,
  };
  if (etag !== undefined) entry.etag = etag;
  if (lastModified !== undefined) entry.lastModified = lastModified;
  cache.put(url, names, mark?.seen ?? ctx.config.headers, entry);
}

/** A 304 for validators we sent: answer from the entry they came from, else re-send once without them. */
function answer(response: AxiosResponse, mark: Mark, entry: CachedResponse | undefined): Decision {
  const sent = mark.sent;
  if (entry && sent && entry.etag === sent.etag && entry.lastModified === sent.lastModified) {
    // The 304's headers are the fresher ones (RFC 9111 §4.3.4), all but its empty body's length.
    const headers = new AxiosHeaders(entry.headers);
    for (const [name, value] of Object.entries(plainHeaders(response.headers))) if (name !== 'content-length') headers.set(name, value);
    const cached: AxiosResponse = { ...response, status: entry.status, statusText: entry.statusText, headers, data: cachedBody(entry) };
    return { type: 'resolve', response: cached, info: { fromCache: true } };
  }
  // Evicted (or replaced) while in flight: the 304 says nothing we can use. Once, never again.
  mark.sent = undefined;
  mark.resent = true;
  return {
    type: 'retry',
    delayMs: 0,
    prepare: (config) => {
      config.headers.delete('If-None-Match');
      config.headers.delete('If-Modified-Since');
    },
  };
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
    if (opts === false || opts.cache === false || methodOf(config) !== 'GET') return undefined;
    // A retry carries our validators over in its copied headers; the re-send goes without.
    if (state.get(MARK)) return undefined;
    const cache = cacheFor(scope, opts.cache);
    // Every GET passes here: getUri's second mergeConfig was most of this policy's cost.
    const url = requestUri(scope.instance, config);
    const seen = plainHeaders(config.headers);
    const mark: Mark = { url, seen, key: cache.keyFor(url, seen) };
    state.set(MARK, mark);
    if (ownValidators(config)) return undefined;
    const found = cache.get(mark.key);
    if (!isThenable<CachedResponse | undefined>(found)) return addValidators(config, mark, found);
    return waitFor(found, config, scope).then((entry) => addValidators(config, mark, entry));
  },

  decide(outcome, ctx) {
    const opts = ctx.options.notModified;
    const { response } = outcome;
    if (opts === false || !response) return NEXT;
    if (response.status === 200) {
      if (opts.cache && outcome.error === undefined && methodOf(ctx.config) === 'GET') remember(cacheFor(ctx.scope, opts.cache), response, ctx);
      return NEXT;
    }
    if (response.status !== 304) return NEXT;
    const mark = ctx.state.get(MARK);
    // No cache, or validators that were the caller's own: the 304 is theirs to interpret.
    if (!opts.cache || !mark?.sent) return { type: 'resolve', response };
    const found = cacheFor(ctx.scope, opts.cache).get(mark.key);
    return isThenable<CachedResponse | undefined>(found) ? found.then((entry) => answer(response, mark, entry)) : answer(response, mark, found);
  },
};
