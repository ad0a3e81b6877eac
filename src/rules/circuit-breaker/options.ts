import type { BlockSpec } from '../../options/block';
import type { CircuitSettings } from './circuit';

/** `circuitBreaker` with every value filled in. */
export type ResolvedCircuitBreakerOptions = CircuitSettings;

const isShare = (v: unknown): boolean => typeof v === 'number' && v > 0 && v <= 1;

export const circuitBreakerOptions: BlockSpec<'circuitBreaker'> = {
  name: 'circuitBreaker',
  // Refusing requests nobody asked to refuse is a choice the app makes.
  onByDefault: false,
  acceptsTrue: true,
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
  defaults: { failureRatio: 0.5, minRequests: 10, windowMs: 10_000, openMs: 30_000 },
};
