import { AxiosHeaders } from 'axios';
import type { AxiosResponse } from 'axios';
import { getHeader } from '../../http/headers';
import { Slot } from '../../run/run-state';
import { waitFor } from '../../run/wait';
import type { CachedResponse } from './types';
import { NEXT, isThenable } from '../rule';
import type { Decision, Rule, RuleContext } from '../rule';
import { credentialsOf } from './credentials';
import { validatorCache } from './validator-cache';
import type { ValidatorCache } from './validator-cache';

interface Mark {
  /**
   * The caller's request as this rule saw it before it went out. Request interceptors registered
   * before attaching run after ours and may still add headers (a token): lookup and storage both
   * key on this snapshot, and what was actually sent is checked when a 304 comes back.
   */
  url: string;
  seen: object;
  seenAuth: { username?: string; password?: string } | undefined;
  /** The digest of the snapshot's credentials, made once a lookup or a store needs it. */
  seenCredentials?: string | undefined;
  /** Cache key of the caller's request, set when it was looked up. */
  key?: string | undefined;
  /** The validators we added (not the caller's own), as `validators()` spells them. */
  sent?: string | undefined;
}
const MARK = /* @__PURE__ */ new Slot<Mark>('notModified');

/** Most GETs are never looked up nor stored: the digest is made only when needed, from the snapshot. */
const credentialsSeen = (mark: Mark): string => (mark.seenCredentials ??= credentialsOf(mark.seen, mark.seenAuth));

const validators = (entry: CachedResponse): string => `${entry.etag}\n${entry.lastModified}`;

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

function addValidators(config: { headers: AxiosHeaders }, mark: Mark, entry: CachedResponse | undefined): undefined {
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
 * Whether any header name matches `names` (any case): one pass over the names, where each
 * `getHeader` miss makes one. Most requests carry no conditions, most 200s no validators.
 */
const named = (headers: object, names: RegExp): boolean => Object.keys(headers || 0).some((name) => names.test(name));

/**
 * Remembers a 200 under the URL that served it (after a redirect, the hop's), keyed by the headers
 * and credentials it was actually sent with: request interceptors registered before attaching run
 * after our hook and may have added a token we did not see.
 */
function remember(cache: ValidatorCache, response: AxiosResponse, { hop, state }: RuleContext): void {
  const { headers, data, status, statusText } = response;
  const etag = getHeader(headers, 'etag');
  const lastModified = getHeader(headers, 'last-modified');
  // no-store forbids keeping it at all. `private` is allowed: entries are scoped to the credentials sent.
  if ((etag === undefined && lastModified === undefined) || /no-store/i.test(getHeader(headers, 'cache-control') || '')) return;
  const names = varyNames(getHeader(headers, 'vary'));
  const body = storable(data);
  if (!names || !body) return;
  const plain = plainHeaders(headers);
  const sent = response.config || hop.config;
  const url = hop.url;
  const size = url.length + (body.json || body.text || '').length + JSON.stringify(plain).length;
  const entry: Omit<CachedResponse, 'key'> = { status, statusText, headers: plain, ...body, size, credentials: credentialsOf(sent.headers, sent.auth) };
  if (etag !== undefined) entry.etag = etag;
  if (lastModified !== undefined) entry.lastModified = lastModified;
  const mark = hop.redirected ? undefined : state.get(MARK);
  if (mark) cache.put(mark.url, names, mark.seen, credentialsSeen(mark), entry);
  else cache.put(url, names, sent.headers, entry.credentials!, entry);
}

/**
 * A 304 for validators we sent: answer from the entry they came from, if the request went out with
 * the credentials that entry was stored for (judged on the headers as sent, after every
 * interceptor); else re-send once without validators.
 */
function answer(response: AxiosResponse, mark: Mark, entry: CachedResponse | undefined): Decision {
  const sent = response.config;
  const sameCredentials = !!entry && (entry.credentials ?? '') === (sent ? credentialsOf(sent.headers, sent.auth) : '');
  if (entry && sameCredentials && mark.sent === validators(entry)) {
    // The 304's headers are the fresher ones (RFC 9111 §4.3.4), all but its empty body's length.
    const fresh = plainHeaders(response.headers);
    delete fresh['content-length'];
    const headers = new AxiosHeaders({ ...entry.headers, ...fresh });
    const data: unknown = entry.json !== undefined ? JSON.parse(entry.json) : entry.text;
    return { type: 'resolve', response: { ...response, status: entry.status, statusText: entry.statusText, headers, data }, info: { fromCache: true } };
  }
  // Evicted (or replaced) while in flight: the 304 says nothing we can use. Once, never again.
  mark.sent = undefined;
  return { type: 'retry', delayMs: 0, prepare: (config) => dropValidators(config.headers) };
}

const dropValidators = (headers: AxiosHeaders): void => {
  headers.delete(['If-None-Match', 'If-Modified-Since']);
};

/**
 * 304 Not Modified resolves (axios's default validateStatus rejects it) and nothing more is sent.
 * With `cache` on, 200 GETs carrying `ETag`/`Last-Modified` are remembered per URL, `Vary` variant
 * and credentials, later GETs revalidate with them, and a 304 resolves with the remembered body.
 * No cache-busting header is ever added: those turn simple CORS requests into preflighted ones.
 */
export const notModifiedRule: Rule = {
  id: 'notModified',
  name: 'notModified',

  beforeSend({ state, hop, options, services }) {
    const opts = options.notModified;
    if (!opts || !opts.cache || hop.method !== 'GET') return undefined;
    const mark = state.get(MARK);
    if (mark) {
      // Our validators belong to the URL we looked up: never to a redirect target.
      if (hop.redirected && mark.sent) {
        dropValidators(hop.config.headers);
        mark.sent = undefined;
      }
      // A retry carries our validators over in its copied headers.
      return undefined;
    }
    if (hop.redirected) return undefined;
    const { config } = hop;
    const cache = services.coordinator.validatorCache(opts.cache, validatorCache);
    const { auth } = config;
    // Every GET passes here: a shallow copy is the cheapest snapshot (getHeader reads any case).
    const headers = { ...config.headers };
    const url = hop.url;
    const fresh: Mark = { url, seen: headers, seenAuth: auth && { username: auth.username, password: auth.password } };
    state.set(MARK, fresh);
    // Nothing stored for this URL (the server sent no validators): no key, no lookup.
    if (cache.mayHold && !cache.mayHold(url)) return undefined;
    // The caller's own validators win: the 304 is then theirs to interpret.
    if (named(headers, CONDITIONS) && (getHeader(headers, 'if-none-match') !== undefined || getHeader(headers, 'if-modified-since') !== undefined)) return undefined;
    fresh.key = cache.key(url, headers, credentialsSeen(fresh));
    const found = cache.get(fresh.key);
    if (!isThenable<CachedResponse | undefined>(found)) return addValidators(config, fresh, found);
    return waitFor(found, config, services).then((entry) => addValidators(config, fresh, entry));
  },

  decide({ response, error }, ctx) {
    const opts = ctx.options.notModified;
    const status = response && response.status;
    if (!opts || !response || (status !== 200 && status !== 304)) return NEXT;
    const { cache } = opts;
    const coordinator = ctx.services.coordinator;
    if (status === 200) {
      // Most 200s carry no validators: nothing to remember, and the cache is not even looked up.
      const remembers = cache && error === undefined && ctx.hop.method === 'GET' && named(response.headers, VALIDATORS);
      if (remembers) remember(coordinator.validatorCache(cache, validatorCache), response, ctx);
      return NEXT;
    }
    const mark = ctx.state.get(MARK);
    // Validators we sent were looked up under this key.
    const key = mark && mark.sent ? mark.key : undefined;
    // No cache, or validators that were the caller's own: the 304 is theirs to interpret.
    if (!cache || !mark || key === undefined || ctx.hop.redirected) return { type: 'resolve', response };
    const found = coordinator.validatorCache(cache, validatorCache).get(key);
    return isThenable<CachedResponse | undefined>(found) ? found.then((e) => answer(response, mark, e)) : answer(response, mark, found);
  },
};
