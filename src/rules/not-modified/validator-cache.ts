import { getHeader } from '../../http/headers';
import { isRecord } from '../../http/record';
import { isThenable } from '../../thenable';
import type { CachedResponse, ValidatorStore } from './types';

const noop = (): undefined => undefined;

/** What a store hands back is input like any other: only an entry stored under this key counts. */
const isEntry = (v: unknown, key: string): v is CachedResponse =>
  isRecord(v) && v.key === key && typeof v.status === 'number' && typeof v.size === 'number';

/** Runs a store call; a throw or a rejection is only a miss: a broken store never fails a request. */
function quietly(run: () => unknown): unknown {
  try {
    const r = run();
    return isThenable(r) ? r.then(undefined, noop) : r;
  } catch {
    return undefined;
  }
}

export interface ValidatorCache {
  /**
   * The key a request to `url` with these headers has: URL, the values of its `Vary` names, and
   * the digest of its credentials (`credentials.ts`), so an entry is never shared between them.
   */
  key(url: string, headers: object, credentials: string, names?: readonly string[]): string;
  get(key: string): CachedResponse | undefined | Promise<CachedResponse | undefined>;
  /**
   * `false` when no lookup for `url` can hit, so a request needs no key at all (most GETs, where
   * the server sends no validators). Optional for caches of other makers: absent means maybe.
   */
  mayHold?(url: string): boolean;
  /** Remembers a 200 for `url`, varying on `names` of the request `headers`, under the key for `credentials`. */
  put(url: string, names: readonly string[], headers: object, credentials: string, entry: Omit<CachedResponse, 'key'>): void;
}

/** The validator cache's settings, filled in (`store` undefined: an in-memory Map). */
export interface ResolvedCacheOptions {
  store: ValidatorStore | undefined;
  maxEntries: number;
  maxBytes: number;
}

/**
 * ETag/Last-Modified entries per URL and `Vary` variant, bounded by count and bytes (least recently
 * used evicted first). The bounds are kept by an in-memory index in front of the store, so any
 * key-value store (sync or async) works; entries a persistent store kept from an earlier session
 * join the index when first read.
 */
export function validatorCache({ store: given, maxEntries, maxBytes }: ResolvedCacheOptions): ValidatorCache {
  // Without a store of the caller's, entries live in a Map of ours: a lookup is a plain Map.get
  // (every GET makes one), without the guards an unknown store needs.
  const own = given ? undefined : new Map<string, CachedResponse>();
  const store: ValidatorStore = given || own!;
  /**
   * key → its size and URL, least recently used first (a Map keeps insertion order). The URL is
   * known for what was put in this session; a store's entries from an earlier one have none.
   */
  const lru = new Map<string, { size: number; url: string | undefined }>();
  /** URL → how many tracked keys it has: our own Map holds only tracked entries, so no count, no hit. */
  const keysOf = new Map<string, number>();
  /** URL → the request headers its responses vary on (the newest response's `Vary` wins). */
  const varyOf = new Map<string, readonly string[]>();
  let bytes = 0;

  const untrack = (key: string): void => {
    const known = lru.get(key);
    if (!known) return;
    bytes -= known.size;
    lru.delete(key);
    const { url } = known;
    if (url === undefined) return;
    const left = keysOf.get(url)! - 1;
    if (left) keysOf.set(url, left);
    else keysOf.delete(url);
  };
  const drop = (key: string): void => {
    untrack(key);
    quietly(() => store.delete(key));
  };
  const track = (key: string, size: number, url: string | undefined): void => {
    untrack(key);
    lru.set(key, { size, url });
    if (url !== undefined) keysOf.set(url, (keysOf.get(url) || 0) + 1);
    bytes += size;
    for (const old of lru.keys()) {
      if (lru.size <= maxEntries && bytes <= maxBytes) break;
      drop(old);
    }
  };
  const touch = (key: string, v: unknown): CachedResponse | undefined => {
    if (!isEntry(v, key)) return undefined;
    const known = lru.get(key);
    track(key, v.size, known && known.url);
    return v;
  };
  const key = (url: string, headers: object, credentials: string, names = varyOf.get(url)): string =>
    (names ? url + names.map((n) => `\n${n}:${getHeader(headers, n) || ''}`).join('') : url) + (credentials && `\n@${credentials}`);

  return {
    key,
    // A store of the caller's may hold entries from an earlier session that no count knows of.
    mayHold: (url) => !own || keysOf.has(url),
    get(k) {
      if (own) return touch(k, own.get(k));
      const found = quietly(() => store.get(k));
      return isThenable(found) ? found.then((v) => touch(k, v)) : touch(k, found);
    },
    put(url, names, headers, credentials, entry) {
      const k = key(url, headers, credentials, names);
      if (entry.size > maxBytes) return drop(k);
      varyOf.delete(url);
      if (names.length) varyOf.set(url, names);
      const oldest = varyOf.keys().next();
      if (varyOf.size > maxEntries && !oldest.done) varyOf.delete(oldest.value);
      quietly(() => store.set(k, { ...entry, key: k }));
      track(k, entry.size, url);
    },
  };
}
