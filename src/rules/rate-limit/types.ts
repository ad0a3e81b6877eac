// The options of this rule and what its callbacks see; re-exported by src/types.ts (the public API).
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
