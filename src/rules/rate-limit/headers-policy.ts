import type { Policy } from '../policy';
import { rateLimitHeadersRule } from './headers-rule';

/**
 * The IETF `RateLimit` and `X-RateLimit-*` headers of every answer, read into
 * `statusPolicy.rateLimit`; with `rateLimit.proactive`, the pause before the 429. Configured by the
 * `rateLimit` block, so it needs `rateLimit()` beside it. `attachStatusPolicy` always has it.
 */
export const rateLimitHeaders = (): Policy => ({ name: 'rateLimitHeaders', spec: undefined, rules: [rateLimitHeadersRule], options: undefined, needs: 'rateLimit' });
