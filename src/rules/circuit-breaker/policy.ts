import type { Policy } from '../../policies';
import type { CircuitBreakerOptions } from '../../types';
import { circuitBreakerOptions } from './options';
import { circuitBreakerRule } from './rule';

/**
 * A circuit breaker per origin: while an origin fails, requests to it are refused at once with
 * nothing sent; one probe after `openMs` (docs/circuit-breaker.md). `true` takes the defaults.
 */
export const circuitBreaker = (options?: CircuitBreakerOptions | true): Policy<'circuitBreaker'> => ({
  spec: circuitBreakerOptions,
  rules: [circuitBreakerRule],
  options: options ?? {},
});
