import { errorDetails } from './error-details-policy';
import { authFromOptions } from './rules/auth/policy';
import { circuitBreaker } from './rules/circuit-breaker/policy';
import { deleteNotFound } from './rules/delete-not-found/policy';
import { multiStatus } from './rules/multi-status/policy';
import { notModified } from './rules/not-modified/policy';
import type { Policy } from './rules/policy';
import { rateLimitHeaders } from './rules/rate-limit/headers-policy';
import { rateLimit } from './rules/rate-limit/policy';
import { redirects } from './rules/redirects/policy';
import { retry } from './rules/retry/policy';

// Each factory lives in its rule's folder (src/rules/<name>/policy.ts) and imports no other rule,
// so an entry point that reaches one factory carries that rule only.
export { errorDetails } from './error-details-policy';
export { auth } from './rules/auth/policy';
export { circuitBreaker } from './rules/circuit-breaker/policy';
export { deleteNotFound } from './rules/delete-not-found/policy';
export { multiStatus } from './rules/multi-status/policy';
export { notModified } from './rules/not-modified/policy';
export type { Policy } from './rules/policy';
export { rateLimitHeaders } from './rules/rate-limit/headers-policy';
export { rateLimit } from './rules/rate-limit/policy';
export { redirects } from './rules/redirects/policy';
export { retry } from './rules/retry/policy';

/** Every policy, for `attachStatusPolicy`: each block's options are then read from its options object. */
export const everyPolicy = (): Policy[] => [
  retry(),
  rateLimit(),
  rateLimitHeaders(),
  authFromOptions(),
  redirects(),
  notModified(),
  deleteNotFound(),
  multiStatus(),
  // Off unless its block is given: its options are read like the others'.
  circuitBreaker(),
  errorDetails(),
];
