import type { Decision } from './rule';

/**
 * Exponential backoff with "equal jitter": nominal `base · 2^(n−1)` capped at `max`, then a
 * random point in its upper half. Never below half the nominal delay, so a retry storm is spread
 * out without any client retrying sooner than the schedule promises. Pure; `random` is injectable.
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const half = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1)) / 2;
  return Math.round(half + random() * half);
}

/** The decision of a retrying policy that has used up its `maxRetries`. */
export const MAX_RETRIES: Decision = { type: 'stop', reason: 'max-retries', retryable: true };
