import type { Policy } from '../policy';
import { parseRateLimitHeaders } from './rate-limit-headers';
import { rateLimitHeadersRule } from './headers-rule';

/**
 * The IETF `RateLimit` and `X-RateLimit-*` headers of every answer, read into
 * `statusPolicy.rateLimit`; with `rateLimit.proactive`, the pause before the 429. Configured by the
 * `rateLimit` block, so it needs `rateLimit()` beside it; with it, a 429/503 without `Retry-After`
 * waits for the reset the headers name. `attachStatusPolicy` always has it.
 */
export const rateLimitHeaders = (): Policy => ({
  name: 'rateLimitHeaders',
  spec: undefined,
  rules: [rateLimitHeadersRule],
  options: undefined,
  needs: 'rateLimit',
  // A 429/503 without Retry-After then waits for the window's reset instead of backing off.
  extensions: { rateLimitReset: (headers, now) => parseRateLimitHeaders(headers, now)?.resetMs },
});
