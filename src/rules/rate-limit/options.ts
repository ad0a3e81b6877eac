import type { BlockSpecFor } from '../../options/spec';
import type { RateLimitOptions } from './types';

export type ResolvedRateLimitOptions = Required<RateLimitOptions>;

export const rateLimitOptions: BlockSpecFor<'rateLimit', RateLimitOptions, ResolvedRateLimitOptions> = {
  name: 'rateLimit',
  schema: {
    maxRetries: 'count',
    maxRetryAfterMs: 'ms',
    clampRetryAfter: 'bool',
    baseDelayMs: 'ms',
    hold: 'bool',
    proactive: 'bool',
    statuses: 'statuses',
  },
  defaults: { maxRetries: 3, maxRetryAfterMs: 60_000, clampRetryAfter: false, baseDelayMs: 1000, hold: true, proactive: false, statuses: [429, 503] },
  // A copy: a caller changing its own array later does not change the policy.
  finish: (block) => ({ ...block, statuses: [...block.statuses] }),
};
