// The options of this rule and what its callbacks see; re-exported by src/types.ts (the public API).
import type { AxiosError, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { Connectivity } from '../../network/connectivity';

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
  /**
   * Whether the device is online. A network error (no response) while `isOnline()` is `false`
   * spends no retry: the request waits for `onOnline` (bounded by `timeout`, `totalTimeoutMs` and
   * its signal), then goes out again. Only for a request that may be retried. `false` turns it off.
   * @default the browser's `navigator.onLine` and `online` event; none in Node and React Native
   */
  connectivity?: Connectivity | false;
}
