import type { Policy } from '../policy';
import { blockPolicy } from '../policy';
import { circuitBreakerOptions } from './options';
import { circuitBreakerRule } from './rule';
import type { CircuitBreakerOptions } from './types';

/**
 * A circuit breaker per origin: while an origin fails, requests to it are refused at once with
 * nothing sent; one probe after `openMs` (docs/circuit-breaker.md). `true` takes the defaults.
 */
export const circuitBreaker = (options?: CircuitBreakerOptions | true): Policy<'circuitBreaker'> =>
  blockPolicy(circuitBreakerOptions, [circuitBreakerRule], options);
