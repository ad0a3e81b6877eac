// The options of this rule and what its callbacks see; re-exported by src/types.ts (the public API).
/**
 * Where the validator cache keeps its entries: anything with `get/set/delete`, sync or async
 * (a `Map`, a wrapper over `localStorage` or React Native's `AsyncStorage`). Values are plain
 * JSON-safe objects; a store that serialises them (`JSON.stringify`) works as is. A store that
 * throws or rejects is treated as a miss, never as a failed request.
 */
export interface ValidatorStore {
  get(key: string): CachedResponse | undefined | null | Promise<CachedResponse | undefined | null>;
  set(key: string, value: CachedResponse): unknown;
  delete(key: string): unknown;
}

/** One remembered 200 (what a {@link ValidatorStore} holds, one per URL and `Vary` variant). */
export interface CachedResponse {
  /** Full URL (params included) plus the values of the request headers named in `Vary`. */
  key: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** The body: `json` when axios had parsed it, `text` when it was a string. */
  json?: string;
  text?: string;
  etag?: string;
  lastModified?: string;
  /** Approximate size in bytes, counted against `maxBytes`. */
  size: number;
  /**
   * Digest of the credentials (`Authorization`, `Proxy-Authorization`, `Cookie`, axios `auth`) the
   * request that stored it was sent with; `''` for none. Never the credentials themselves.
   */
  credentials?: string;
}

/** The validator cache's settings (`notModified.cache: true` takes all the defaults). */
export interface ValidatorCacheOptions {
  /** Where entries live. @default an in-memory Map */
  store?: ValidatorStore;
  /** Entries kept (least recently used go first). @default 500 */
  maxEntries?: number;
  /** Approximate bytes of bodies and headers kept. @default 5000000 */
  maxBytes?: number;
}

/** 304: resolve, optionally from a validator cache. */
export interface NotModifiedOptions {
  /**
   * Remember `ETag`/`Last-Modified` of 200 GETs and revalidate with them: `true` for the defaults,
   * or the cache's settings. One cache per instance, or per `store` object when you give one.
   * @default false
   */
  cache?: boolean | ValidatorCacheOptions;
}
