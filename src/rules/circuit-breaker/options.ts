import type { BlockSpecFor } from '../../options/spec';
import type { CircuitSettings } from './circuit';
import type { CircuitBreakerOptions } from './types';

/** `circuitBreaker` with every value filled in. */
export type ResolvedCircuitBreakerOptions = CircuitSettings;

const DEFAULTS: ResolvedCircuitBreakerOptions = { failureRatio: 0.5, minRequests: 10, windowMs: 10_000, openMs: 30_000 };

const isShare = (v: unknown): boolean => typeof v === 'number' && v > 0 && v <= 1;

export const circuitBreakerOptions: BlockSpecFor<'circuitBreaker', CircuitBreakerOptions, ResolvedCircuitBreakerOptions> = {
  name: 'circuitBreaker',
  acceptsTrue: true,
  // No `defaults`, so it is off unless given (refusing requests nobody asked to refuse is a choice
  // the app makes); `start` fills the block in once it is given.
  start: () => DEFAULTS,
  // Per request it can only be bypassed (a health check): the circuit is the origin's, shared by
  // every request to it, and one request's settings must not judge the others.
  instanceOnly: true,
  schema: {
    // 0 would open the circuit on a window of successes.
    failureRatio: [isShare, 'a number above 0, at most 1'],
    minRequests: 'positive',
    windowMs: [(v) => typeof v === 'number' && v >= 10 && v <= 2_147_483_647, 'milliseconds from 10 to 2147483647'],
    openMs: 'ms',
  },
  finish: (block) => block,
};
