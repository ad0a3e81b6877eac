import type { Policy } from '../policy';
import { blockPolicy } from '../policy';
import type { RateLimitOptions } from './types';
import { rateLimitOptions } from './options';
import { rateLimitRule } from './rule';

/**
 * 429/503: wait Retry-After, hold the origin, release it paced. Rate-limit headers
 * (`statusPolicy.rateLimit`, `proactive`) are read by `rateLimitHeaders()`, attached beside it.
 */
export const rateLimit = (options?: RateLimitOptions): Policy<'rateLimit'> => blockPolicy(rateLimitOptions, [rateLimitRule], options);
