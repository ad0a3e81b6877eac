import type { RetryBudgetSettings } from './retry-budget';
import type { BlockSpecFor } from '../../options/spec';
import { StatusPolicyConfigError } from '../../config-error';
import { check, isObject } from '../../options/validate';
import type { SchemaOf } from '../../options/validate';
import type { RetryBudgetOptions, RetryOptions } from './types';
import { isConnectivity } from '../../network/connectivity';
import type { Connectivity } from '../../network/connectivity';

/** `retry` with every value filled in; the tuning callbacks and `statuses` stay `undefined` when not given. */
export interface ResolvedRetryOptions {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  methods: readonly string[];
  networkErrors: boolean;
  /** `undefined`: every 5xx that `rateLimit.statuses` does not claim. */
  statuses: readonly number[] | undefined;
  shouldRetry: RetryOptions['shouldRetry'];
  delay: RetryOptions['delay'];
  budget: RetryBudgetSettings | false;
  /** Absent: the browser's `navigator.onLine`, where there is one. */
  connectivity?: Connectivity | false;
}

/** The methods axios knows; anything else in `retry.methods` is a typo (`'FETCH'`). */
const METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', 'POST', 'PATCH', 'PURGE', 'LINK', 'UNLINK', 'CONNECT'];

/** Finagle's defaults: 20 % of the traffic, plus 10 retries a second over the 10 s window. */
const DEFAULT_BUDGET: RetryBudgetSettings = { ratio: 0.2, minPerSecond: 10 };

const BUDGET_SCHEMA: SchemaOf<RetryBudgetOptions> = {
  ratio: 'ratio',
  minPerSecond: [(v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a finite number ≥ 0'],
};

export const retryOptions: BlockSpecFor<'retry', RetryOptions, ResolvedRetryOptions> = {
  name: 'retry',
  schema: {
    maxRetries: 'count',
    baseDelayMs: 'ms',
    maxDelayMs: 'ms',
    methods: [
      (v) => Array.isArray(v) && v.every((m) => typeof m === 'string' && METHODS.includes(m.toUpperCase())),
      `an array of HTTP methods (${METHODS.join(', ')})`,
    ],
    networkErrors: 'bool',
    statuses: 'statuses',
    shouldRetry: 'fn',
    delay: 'fn',
    // The inner check throws for a bad key or value, naming it (`retry.budget.ratio`).
    budget: [(v) => v === false || (isObject(v) && check(v, BUDGET_SCHEMA, 'retry.budget')), 'false or { ratio, minPerSecond }'],
    connectivity: [(v) => v === false || isConnectivity(v), 'false or { isOnline(), onOnline(listener) }'],
  },
  defaults: {
    maxRetries: 3,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'],
    networkErrors: true,
    statuses: undefined,
    shouldRetry: undefined,
    delay: undefined,
    budget: DEFAULT_BUDGET,
  },
  finish: (block, path) => {
    // Each delay would be capped to maxDelayMs: the base the caller asked for would never be used.
    if (block.baseDelayMs > block.maxDelayMs) {
      throw new StatusPolicyConfigError(
        `option "${path}.baseDelayMs" (${block.baseDelayMs}) must not be above "${path}.maxDelayMs" (${block.maxDelayMs})`,
      );
    }
    const { budget } = block;
    return {
      ...block,
      methods: block.methods.map((m) => m.toUpperCase()),
      // Copies: a caller changing its own array or object later does not change the policy.
      statuses: block.statuses && [...block.statuses],
      budget: budget && { ratio: budget.ratio ?? DEFAULT_BUDGET.ratio, minPerSecond: budget.minPerSecond ?? DEFAULT_BUDGET.minPerSecond },
    };
  },
};
