import { parseRateLimitHeaders } from '../http/rate-limit-headers';
import { originOf } from '../http/url';
import { NEXT } from '../policy';
import type { Policy } from '../policy';
import type { RateLimitOpts } from './rate-limit';

/**
 * Reads the rate-limit headers of every attempt into `statusPolicy.rateLimit` (responses and
 * errors alike) and, with `rateLimit.proactive`, pauses the origin when nothing remains in the
 * window, so the next request waits for the reset instead of earning a 429. It never decides:
 * first in the order so it sees every outcome, whichever policy then claims it.
 */
export const rateLimitInfoPolicy: Policy = {
  name: 'rateLimit',
  decide({ response }, { config, state, options, scope }) {
    const rateLimit = response && parseRateLimitHeaders(response.headers, scope.now);
    const opts = options.rateLimit as RateLimitOpts;
    if (rateLimit) {
      state.note({ rateLimit });
      if (opts.proactive && rateLimit.remaining === 0 && rateLimit.resetMs) {
        scope.gate(originOf(config)).hold(Math.min(rateLimit.resetMs, opts.maxRetryAfterMs));
      }
    }
    return NEXT;
  },
};
