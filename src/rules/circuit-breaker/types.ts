// The options of this rule; re-exported by src/types.ts (the public API).

/**
 * A sampling circuit breaker per origin (docs/circuit-breaker.md): open when, within `windowMs`, at
 * least `minRequests` requests settled and `failureRatio` of them failed (what `retry` retries,
 * after its retries); open refuses at once, nothing sent; after `openMs` one probe.
 */
export interface CircuitBreakerOptions {
  /** Failed share of the settled requests that opens the circuit: above 0, at most 1. @default 0.5 */
  failureRatio?: number;
  /** Requests that must have settled in the window before it is judged. @default 10 */
  minRequests?: number;
  /** How far back settled requests count, in ms. @default 10000 */
  windowMs?: number;
  /** How long it stays open before one probe, in ms. @default 30000 */
  openMs?: number;
}
