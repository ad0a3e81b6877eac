import { originGate } from './origin-gate';
import { parseRateLimitHeaders } from './rate-limit-headers';
import { NEXT } from '../rule';
import type { Rule } from '../rule';

/**
 * Reads the rate-limit headers of every answer into `statusPolicy.rateLimit` (responses and
 * errors alike) and, with `rateLimit.proactive`, pauses the origin that answered when nothing
 * remains in the window, so the next request waits for the reset instead of earning a 429. It
 * never decides: first in the order so it sees every answer, whichever rule then claims it.
 */
export const rateLimitHeadersRule: Rule = {
  id: 'rateLimitHeaders',
  name: 'rateLimit',
  decide({ response }, { hop, options, services }) {
    const rateLimit = response && parseRateLimitHeaders(response.headers, services.now);
    const opts = options.rateLimit;
    if (!rateLimit || !opts) return NEXT;
    if (opts.proactive && rateLimit.remaining === 0 && rateLimit.resetMs) {
      services.coordinator.gate(hop.origin, originGate).hold(Math.min(rateLimit.resetMs, opts.maxRetryAfterMs));
    }
    return { type: 'next', note: { rateLimit } };
  },
};
