import type { BlockSpec } from './options/block';
import type { BlockName } from './options/resolved';
import { authOptions } from './rules/auth/options';
import { authRule } from './rules/auth/rule';
import { circuitBreaker } from './rules/circuit-breaker/policy';
import { deleteNotFoundOptions } from './rules/delete-not-found/options';
import { deleteNotFoundRule } from './rules/delete-not-found/rule';
import { multiStatusOptions } from './rules/multi-status/options';
import { multiStatusRule } from './rules/multi-status/rule';
import { notModifiedOptions } from './rules/not-modified/options';
import { notModifiedRule } from './rules/not-modified/rule';
import { rateLimitHeadersRule } from './rules/rate-limit/headers-rule';
import { rateLimitOptions } from './rules/rate-limit/options';
import { rateLimitRule } from './rules/rate-limit/rule';
import { redirectOptions } from './rules/redirects/options';
import { redirectsRule } from './rules/redirects/rule';
import { retryOptions } from './rules/retry/options';
import { retryRule } from './rules/retry/rule';
import type { Rule } from './rules/rule';
import type { AuthOptions, MultiStatusOptions, NotModifiedOptions, RateLimitOptions, RedirectOptions, RetryOptions } from './types';

/**
 * One rule, ready to attach with `attachPolicies`: its rules, how its options are read, and the
 * options given. Made by the factories below, one per option block, named like the block.
 */
export interface Policy<N extends BlockName = BlockName> {
  readonly spec: BlockSpec<N>;
  readonly rules: readonly Rule[];
  /** The block's options as given (checked on attach). */
  readonly options: unknown;
}

const policy = <N extends BlockName>(spec: BlockSpec<N>, rules: readonly Rule[], options: unknown): Policy<N> => ({ spec, rules, options: options ?? {} });

/** Other 5xx and network errors: backoff with jitter, idempotent requests only. */
export const retry = (options?: RetryOptions): Policy<'retry'> => policy(retryOptions, [retryRule], options);
/** 429/503: wait Retry-After, hold the origin, release it paced. */
export const rateLimit = (options?: RateLimitOptions): Policy<'rateLimit'> => policy(rateLimitOptions, [rateLimitHeadersRule, rateLimitRule], options);
/** 401: one refresh for every concurrent 401, then repeat. */
export const auth = (options: AuthOptions): Policy<'auth'> => policy(authOptions, [authRule], options);
/** 3xx: the redirect method rules, hop by hop. */
export const redirects = (options?: RedirectOptions): Policy<'redirects'> => policy(redirectOptions, [redirectsRule], options);
/** 304: resolve, optionally from the validator cache. */
export const notModified = (options?: NotModifiedOptions): Policy<'notModified'> => policy(notModifiedOptions, [notModifiedRule], options);
/** DELETE → 404 resolves as already deleted. */
export const deleteNotFound = (): Policy<'deleteNotFound'> => policy(deleteNotFoundOptions, [deleteNotFoundRule], true);
/** 207 multipart batches become an array of sub-responses. */
export const multiStatus = (options?: MultiStatusOptions): Policy<'multiStatus'> => policy(multiStatusOptions, [multiStatusRule], options);

/** Every policy, for `attachStatusPolicy`: each block's options are then read from its options object. */
export const everyPolicy = (): Policy[] => [
  retry(),
  rateLimit(),
  policy(authOptions, [authRule], undefined),
  redirects(),
  notModified(),
  deleteNotFound(),
  multiStatus(),
  circuitBreaker(),
];
