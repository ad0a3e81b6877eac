import { getHeader } from '../http/headers';
import type { CachedResponse, ValidatorStore } from '../types';

type Maybe<T> = T | Promise<T>;

export const isThenable = <T>(v: unknown): v is Promise<T> =>
  typeof (v as { then?: unknown } | null)?.then === 'function';

const noop = (): undefined => undefined;

/** Calls a store method; a throw or a rejection is swallowed: a broken store is just a miss. */
function quietly(run: () => unknown): void {
  try {
    const r = run();
    if (isThenable(r)) r.then(noop, noop);
  } catch {
    // deliberately ignored
  }
}

const isEntry = (v: unknown, key: string): v is CachedResponse =>
  typeof v === 'object' && v !== null && (v as CachedResponse).key === key && typeof (v as CachedResponse).status === 'number';

/** The `Vary` names of a response, lower-case and sorted; `undefined` for `Vary: *` (never reusable). */
export function varyNames(vary: string | undefined): string[] | undefined {
  if (!vary) return [];
  const names = new Set<string>();
  for (const part of vary.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '*') return undefined;
    if (name) names.add(name);
  }
  return [...names].sort();
}

/**
 * ETag/Last-Modified entries per URL and `Vary` variant, bounded by count and bytes (least recently
 * used evicted first). The bounds are kept by an in-memory index in front of the store, so any
 * key-value store (sync or async) works; entries a persistent store kept from an earlier session
 * join the index when first read.
 */
export class ValidatorCache {
  /** key → size, least recently used first (Map keeps insertion order). */
  private readonly lru = new Map<string, number>();
  private bytes = 0;
  /** URL → the request headers its responses vary on, so a lookup can build the variant key. */
  private readonly varyOf = new Map<string, string[]>();

  constructor(
    private readonly store: ValidatorStore,
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  /** The variant key a request to `url` with these headers would be stored under. */
  keyFor(url: string, requestHeaders: unknown, names: readonly string[] | undefined = this.varyOf.get(url)): string {
    if (!names || names.length === 0) return url;
    return `${url}\n${names.map((n) => `${n}:${getHeader(requestHeaders, n) ?? ''}`).join('\n')}`;
  }

  get(key: string): Maybe<CachedResponse | undefined> {
    let found: unknown;
    try {
      found = this.store.get(key);
    } catch {
      return undefined;
    }
    if (isThenable(found)) return found.then((v) => this.touch(key, v), noop);
    return this.touch(key, found);
  }

  private touch(key: string, value: unknown): CachedResponse | undefined {
    if (!isEntry(value, key)) return undefined;
    this.track(key, value.size);
    return value;
  }

  /** Remembers a 200 for `url`, varying on `names` of `requestHeaders`. */
  put(url: string, names: string[], requestHeaders: unknown, entry: Omit<CachedResponse, 'key'>): void {
    const key = this.keyFor(url, requestHeaders, names);
    if (entry.size > this.maxBytes) return this.delete(key);
    // Newest Vary wins for the URL; the map is bounded like the entries themselves.
    this.varyOf.delete(url);
    if (names.length) this.varyOf.set(url, names);
    if (this.varyOf.size > this.maxEntries) this.varyOf.delete(this.varyOf.keys().next().value ?? '');
    quietly(() => this.store.set(key, { ...entry, key }));
    this.track(key, entry.size);
  }

  delete(key: string): void {
    this.untrack(key);
    quietly(() => this.store.delete(key));
  }

  private untrack(key: string): void {
    const size = this.lru.get(key);
    if (size === undefined) return;
    this.lru.delete(key);
    this.bytes -= size;
  }

  private track(key: string, size: number): void {
    this.untrack(key);
    this.lru.set(key, size);
    this.bytes += size;
    while (this.lru.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.lru.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
  }
}

/** The default store: a Map, so `notModified: { cache: true }` needs nothing else. */
export const memoryStore = (): ValidatorStore => new Map<string, CachedResponse>();
