import type { AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { Coordinator } from './coordinator/coordinator';
import type { AuthScope } from './rules/auth/refresh-scope';

/** The policies, in the order they are consulted (see `src/rules/order.ts`). */
export type PolicyName =
  | 'redirects'
  | 'auth'
  | 'rateLimit'
  | 'retry'
  | 'notModified'
  | 'deleteNotFound'
  | 'multiStatus';

/**
 * What `retry.shouldRetry` and `retry.delay` see: the answer of the hop that answered (after a
 * redirect, the hop, not the first URL) and the retry about to be decided.
 */
export interface RetryContext {
  /** The retry being decided: 1 for the first retry (counted for the `retry` rule only). */
  attempt: number;
  /**
   * What axios rejected with; `undefined` when your `validateStatus` accepted the response (a 5xx
   * it let through is still the rule's to judge).
   */
  error: AxiosError | undefined;
  /** The response, when there was one. */
  response: AxiosResponse | undefined;
  /** Its status; absent when no response came (a network error). */
  status?: number | undefined;
  /** Method of the hop that answered, upper-case. */
  method: string;
  /** Absolute URL of the hop that answered. */
  url: string;
  /** The config that hop went out with. */
  config: InternalAxiosRequestConfig;
  /** The built-in backoff for this retry (`baseDelayMs · 2^(attempt−1)`, capped, equal jitter). */
  defaultMs: number;
}

/**
 * The per-origin retry budget: in any 10 s window, retries to an origin may number at most
 * `ratio` × the first attempts answered by it in that window, plus `minPerSecond × 10`.
 */
export interface RetryBudgetOptions {
  /** Retries allowed per first attempt (0.2: one retry for every five requests). @default 0.2 */
  ratio?: number;
  /** The reserve, per second of the 10 s window: what a quiet client may always retry. @default 10 */
  minPerSecond?: number;
}

/** Other 5xx and network errors: exponential backoff with equal jitter. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  maxRetries?: number;
  /** Nominal delay before retry n is `baseDelayMs · 2^(n−1)`. @default 500 */
  baseDelayMs?: number;
  /** Cap on one nominal delay. @default 30000 */
  maxDelayMs?: number;
  /**
   * Methods retried without an `Idempotency-Key` header (case-insensitive).
   * @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']
   */
  methods?: readonly string[];
  /** Retry requests that got no response at all (reset, refused, timed out). @default true */
  networkErrors?: boolean;
  /**
   * The statuses this rule retries (400–599), e.g. `[500, 502, 504, 408]`. A status belongs to one
   * rule: those in `rateLimit.statuses` are the rate-limit rule's while it is on for the request
   * (it is consulted first), so listing one here has no effect then.
   * @default every 5xx that `rateLimit.statuses` does not claim (all 5xx when `rateLimit` is off)
   */
  statuses?: readonly number[];
  /**
   * The final say on a failed answer: `true` retries, `false` does not, `undefined` keeps the
   * built-in decision (statuses, methods, network errors). May return a promise, which the
   * request's abort and `timeout` end. Never asked about a cancelled request (never retried), nor
   * once `maxRetries` is used up; a `true` still draws from the `budget`. A callback that throws,
   * rejects or times out counts as `false`: the request settles with its original error.
   * @default undefined (the built-in decision)
   */
  shouldRetry?: (context: RetryContext) => boolean | undefined | Promise<boolean | undefined>;
  /**
   * Milliseconds to wait before this retry; `context.defaultMs` is the built-in backoff. A result
   * that is not a finite number ≥ 0 (or a callback that throws) falls back to `defaultMs`; more
   * than 2147483647 is clamped to it.
   * @default undefined (the built-in backoff)
   */
  delay?: (context: RetryContext) => number;
  /**
   * The per-origin retry budget (Finagle's RetryBudget): bounds retries under an outage while a
   * lone failing request still gets all its retries. A retry it refuses is not made: the request
   * rejects with `statusPolicy.reason === 'retry-budget'`. `false` turns it off.
   * @default { ratio: 0.2, minPerSecond: 10 }
   */
  budget?: RetryBudgetOptions | false;
}

/** 429 and 503: wait what the server asked for, then retry (any method: it was not processed). */
export interface RateLimitOptions {
  /**
   * The statuses that mean "wait and retry" (400–599). A status belongs to one rule: one left out
   * here is an ordinary status for `retry` (503 then gets backoff, idempotent methods only).
   * @default [429, 503]
   */
  statuses?: readonly number[];
  /** Retries after the first attempt. @default 3 */
  maxRetries?: number;
  /** A longer `Retry-After` rejects at once (or is clamped, see `clampRetryAfter`). @default 60000 */
  maxRetryAfterMs?: number;
  /** Wait `maxRetryAfterMs` instead of rejecting when the server asks for longer. @default false */
  clampRetryAfter?: boolean;
  /** Backoff base when the server gives no hint at all. @default 1000 */
  baseDelayMs?: number;
  /**
   * Hold new requests to the same origin while a 429/503 wait is pending, then release them paced.
   * @default true
   */
  hold?: boolean;
  /**
   * Pace before the 429: when a response says no requests remain in the window (`remaining` 0 in
   * any of the rate-limit header forms), hold further requests to that origin until the window
   * resets (at most `maxRetryAfterMs`), then let them all go.
   * @default false
   */
  proactive?: boolean;
}

/** Handed to `auth.refresh`. */
export interface RefreshContext {
  /** `'unauthorized'`: a 401 started it; `'expiring'`: `auth.expiresAt` said the token is about to expire. */
  reason: 'unauthorized' | 'expiring';
  /** The 401 that started this refresh; `undefined` for a proactive one (or a 401 your `validateStatus` accepted). */
  error: AxiosError | undefined;
  /**
   * The request that started it. A token request sent before the refresh's first `await` is
   * recognised as its own; one sent later needs `statusPolicy: false` (docs/auth.md).
   */
  config: InternalAxiosRequestConfig;
  instance: AxiosInstance;
}

/** 401: refresh once for everyone, then repeat. */
export interface AuthOptions {
  /**
   * Gets a new access token. Return it (a string) and the plugin sends it as
   * `Authorization: <scheme> <token>` from then on; return nothing when you stored it yourself (your
   * request interceptor, `getAccessToken` or the instance defaults then supply it). Throwing fails the
   * refresh: every waiting request rejects with an `AuthError` whose `cause` is what you threw.
   * Its own token request, sent before the first `await`, is never held behind it; one sent after
   * an `await` through this instance needs `statusPolicy: false` (docs/auth.md).
   */
  refresh: (context: RefreshContext) => Promise<string | void | null> | string | void | null;
  /** Runs once per failed refresh: the place to log out. @default no-op */
  onFailure?: (error: unknown) => void;
  /**
   * The current access token, read before every request: the plugin then sets `Authorization` itself
   * (no request interceptor needed). Return `undefined`/`null` to send none.
   */
  getAccessToken?: () => string | undefined | null | Promise<string | undefined | null>;
  /** The `Authorization` scheme put before the token; `''` sends the bare token. @default 'Bearer' */
  scheme?: string;
  /**
   * Epoch milliseconds when the current token expires. With it the plugin refreshes
   * `refreshBeforeMs` ahead of time instead of waiting for a 401 (once per expiry value).
   */
  expiresAt?: () => number | undefined | null;
  /** How long before `expiresAt()` the proactive refresh starts. @default 30000 */
  refreshBeforeMs?: number;
  /**
   * A refresh that has not settled after this long fails (`AuthErrorCodes.REFRESH_TIMEOUT`), so no
   * request can wait forever, e.g. when the token request went through the same instance without
   * `statusPolicy: false` and is itself waiting for the refresh. 0 turns the limit off.
   * @default 30000
   */
  refreshTimeoutMs?: number;
  /**
   * The refresh state (`createAuthScope()`). Pass the same one to several `attachStatusPolicy` calls
   * so their instances share one refresh. @default a new scope per attach
   */
  scope?: AuthScope;
}

/** One redirect the plugin followed: the request that was answered with a 3xx. */
export interface RedirectHop {
  /** Method of that request, upper-case. */
  method: string;
  /** Absolute URL of that request (baseURL, url and params combined). */
  url: string;
  /** The 3xx it got. */
  status: number;
}

/** Handed to `redirects.onRedirect` before each hop. */
export interface RedirectContext {
  /** The 3xx response about to be followed. */
  response: AxiosResponse;
  status: number;
  /** Absolute URL that answered with the 3xx. */
  from: string;
  /** Absolute URL of the next request (the same URL for a 3xx without `Location`). */
  to: string;
  /** Method of the next request, upper-case. */
  method: string;
  /** The next request goes to another origin: credentials and `stripHeaders` are dropped. */
  crossOrigin: boolean;
  /** Hops already followed for this request. */
  hops: number;
}

/** 3xx: the redirect rules, followed by the plugin in Node. */
export interface RedirectOptions {
  /** Hops before a typed error (`ERR_STATUS_POLICY_TOO_MANY_REDIRECTS`). @default 10 */
  maxRedirects?: number;
  /**
   * Called before each hop; return `false` to stop there and settle with the 3xx as axios would
   * with `maxRedirects: 0` (your `validateStatus` decides). May be async.
   * @default undefined (every hop is followed)
   */
  onRedirect?: (context: RedirectContext) => boolean | void | Promise<boolean | void>;
  /**
   * Headers dropped on a cross-origin hop besides `Authorization`, `Proxy-Authorization`,
   * `Cookie` and `Host` (case-insensitive), e.g. `['X-API-Key']`.
   * @default []
   */
  stripHeaders?: readonly string[];
  /**
   * Forward a 307/308 request body to another origin. Off, such a hop rejects with
   * `ERR_STATUS_POLICY_REDIRECT_CROSS_ORIGIN_BODY` rather than leak or silently drop the body.
   * @default false
   */
  allowCrossOriginBody?: boolean;
}

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

/** 207 batch responses: how sub-response bodies are read. `true` takes every default. */
export interface MultiStatusOptions {
  /**
   * `JSON.parse` rounds integers beyond ±2^53 (RingCentral ids such as `conversationId` are
   * such integers). `'string'` returns them exact, as strings.
   * @default 'number'
   */
  largeIntegers?: 'number' | 'string';
  /** Parts in one body, nested ones included (or entries of a RingCentral JSON batch); more rejects. @default 100000 */
  maxParts?: number;
  /** Lines in one part's header block; more rejects (HEADERS_TOO_LARGE). @default 100 */
  maxHeaderLines?: number;
  /** Bytes in one part's header block; more rejects (HEADERS_TOO_LARGE). @default 65536 */
  maxHeaderBytes?: number;
}

/** The options of {@link attachStatusPolicy}. Every block accepts `false`. */
export interface StatusPolicyOptions {
  /** Off unless given: there is no refresh without your callback. */
  auth?: AuthOptions | false;
  retry?: RetryOptions | false;
  rateLimit?: RateLimitOptions | false;
  redirects?: RedirectOptions | false;
  notModified?: NotModifiedOptions | false;
  /** A DELETE answered 404 resolves (already deleted). @default true */
  deleteNotFound?: boolean;
  /** 207 multipart bodies become an array of sub-responses. @default true */
  multiStatus?: MultiStatusOptions | boolean;
  /**
   * Budget for all attempts and waits of one request, in ms; `timeout` stays per attempt.
   * @default 0 (no budget)
   */
  totalTimeoutMs?: number;
  /** One hook for logging and metrics: every retry, hold and policy decision. */
  onEvent?: (event: PolicyEvent) => void;
  /** Runs each re-send of a request (a retry, a redirect hop) inside a context of yours; see {@link AroundResend}. */
  aroundResend?: AroundResend;
  /**
   * Where state shared beyond one request lives (the token refresh, origin holds, the validator
   * cache): `memoryCoordinator()`, or one shared beyond this JS context: `redisCoordinator(…)` from
   * `axios-status-policy/redis` between processes, `tabsCoordinator()` from
   * `axios-status-policy/tabs` between browser tabs. Pass one coordinator to several attaches to
   * share it between their instances.
   * @default memoryCoordinator(), one per attach
   */
  coordinator?: Coordinator;
}

/** Per request, under `config.statusPolicy`: `false` turns everything off, a block overrides one. */
export interface StatusPolicyRequestOptions {
  auth?: false;
  retry?: RetryOptions | false;
  rateLimit?: RateLimitOptions | false;
  redirects?: RedirectOptions | false;
  notModified?: NotModifiedOptions | false;
  deleteNotFound?: boolean;
  multiStatus?: MultiStatusOptions | boolean;
  totalTimeoutMs?: number;
}

/** Why the policy stopped retrying, when it did. */
export type StopReason =
  | 'max-retries'
  | 'not-idempotent'
  | 'not-retryable'
  | 'body-not-replayable'
  | 'retry-after-too-long'
  | 'budget-exhausted'
  /** The origin's retry budget (`retry.budget`) had no retry left. */
  | 'retry-budget'
  | 'detached';

/** What the policy did for one request; on `response.statusPolicy` and `error.statusPolicy`. */
export interface StatusPolicyInfo {
  /** Requests sent for this call, the first included. */
  attempts: number;
  /** Milliseconds waited before each retry, in order. */
  delays: number[];
  /** The last wait the server asked for (Retry-After or a reset header), in ms. */
  retryAfterMs: number | undefined;
  /** A DELETE answered 404: the resource was already gone. */
  alreadyDeleted?: boolean;
  /** A 304 answered from the validator cache: body and status are the cached 200's. */
  fromCache?: boolean;
  /** The last rate-limit headers seen for this request, whatever their dialect. */
  rateLimit?: RateLimitInfo;
  /**
   * The 3xx answers this request went through, in order (on an error, the refused one last);
   * absent when there were none.
   */
  redirectChain?: RedirectHop[] | undefined;
  /** Absolute URL the final response came from, when a redirect was followed (or seen in a browser). */
  finalUrl?: string | undefined;
  /** A 207 RingCentral batch: the parsed manifest (its first part), which is not in `response.data`. */
  manifest?: unknown;
}

/** Rate-limit headers (`RateLimit`, `RateLimit-*`, `X-RateLimit-*`, `X-Rate-Limit-*`), normalised. */
export interface RateLimitInfo {
  /** Requests allowed per window. */
  limit: number | undefined;
  /** Requests left in the current window. */
  remaining: number | undefined;
  /** Milliseconds until the window resets (for RingCentral's `X-Rate-Limit-Window`: at most). */
  resetMs: number | undefined;
  /** Length of the window in ms, when the server says. */
  windowMs: number | undefined;
  /** The policy or group name (`RateLimit` item name, `X-Rate-Limit-Group`). */
  policy: string | undefined;
  /** Which header family the values came from (the first one present). */
  source: 'ietf' | 'x-ratelimit' | 'x-rate-limit';
}

/** What a rejection carries on `error.statusPolicy`. */
export interface StatusPolicyErrorInfo extends StatusPolicyInfo {
  category: 'client' | 'server' | 'network' | 'cancelled';
  /** Whether the failure was of a kind the policy retries (it may have run out of tries). */
  retryable: boolean;
  /** Why no further retry was made, when one could have been. */
  reason: StopReason | undefined;
  /** From the error body: `code`, `errorCode`, `error.code`, OAuth's `error` or a problem's `type`. */
  serverCode: string | undefined;
  /**
   * From the error body: `message`, `error.message`, OAuth's `error_description`, a problem's
   * `detail`/`title`, or a short plain-text body.
   */
  serverMessage: string | undefined;
}

interface EventBase {
  config: InternalAxiosRequestConfig;
}

/**
 * Wraps each send after the first of one request (a retry, a redirect hop, the repeat after a
 * refresh): call `send()` synchronously, inside whatever context that send should see.
 * `resendCount` is the number of sends of this request before it (1 for the second); `config` is
 * what goes out. It is how a tracer's HTTP client span learns `http.request.resend_count`
 * (`otelResends()` from `axios-status-policy/otel`, docs/telemetry.md): the core knows nothing of
 * tracing. Exactly one send goes out whatever the wrapper does: one that throws or never calls
 * `send` is ignored and the send is made without it.
 */
export type AroundResend = (send: () => void, resendCount: number, config: InternalAxiosRequestConfig) => void;

/** Emitted to `onEvent`. */
export type PolicyEvent =
  | (EventBase & {
      type: 'retry';
      policy: PolicyName;
      /** The attempt about to be made (2 for the first retry). */
      attempt: number;
      delayMs: number;
      status: number | undefined;
      code: string | undefined;
    })
  | (EventBase & { type: 'hold'; origin: string; waitMs: number })
  | (EventBase & { type: 'resolve'; policy: PolicyName; status: number })
  | (EventBase & { type: 'giveUp'; reason: StopReason; status: number | undefined })
  /** A token refresh started, or ended (`done`/`failed`); `config` is the request that started it. */
  | (EventBase & { type: 'refresh'; phase: 'start' | 'done' | 'failed'; reason: RefreshContext['reason'] })
  | (EventBase & { type: 'redirect'; status: number; method: string; from: string; to: string })
  /**
   * The coordinator's shared store (Redis, the other tabs) became unreachable and the plugin went
   * on with local coordination (`degraded`), or it is back (`restored`); or its shared refresh
   * state was found lost or overwritten and was started again (`reset`: Redis restarted without
   * persistence, flushed, evicted, or held something else under its key). No request config: it
   * is about the instance, not one request.
   */
  | { type: 'coordinator'; state: 'degraded' | 'restored' | 'reset'; reason: string };

/** What {@link attachStatusPolicy} returns. */
export interface StatusPolicyHandle {
  /** Ejects exactly our interceptors and ends pending waits; calling it again does nothing. */
  detach(): void;
}

/** Re-exported so the response type is at hand when writing hooks. */
export type { AxiosResponse };
