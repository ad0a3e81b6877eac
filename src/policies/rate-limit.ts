import { backoffDelay } from '../backoff';
import { waitFromHeaders } from '../http/retry-after';
import { originOf } from '../http/url';
import { NEXT, statusOf } from '../policy';
import type { Policy } from '../policy';

/**
 * 429 and 503: the server did not process the request, so any method is retried, after the wait
 * it asked for (Retry-After, else a rate-limit reset header, else backoff). While that wait is
 * pending the whole origin is held, so the app backs off as one instead of each request alone.
 */
export const rateLimitPolicy: Policy = {
  name: 'rateLimit',

  beforeRequest({ config, options, scope }) {
    // The happy path: no origin is held, so not even the origin string is computed.
    if (scope.gates.size === 0 || options.rateLimit === false || !(options.rateLimit.hold || options.rateLimit.proactive)) return undefined;
    const origin = originOf(config.url, config.baseURL);
    const gate = scope.gates.get(origin);
    if (!gate) return undefined;
    const now = scope.now();
    if (gate.idle(now)) {
      scope.gates.delete(origin);
      return undefined;
    }
    const waitMs = gate.remaining(now);
    const wait = gate.enter(config, scope, scope.now);
    if (wait) scope.emit({ type: 'hold', origin, waitMs, config });
    return wait;
  },

  decide(outcome, { config, state, options, scope }) {
    const opts = options.rateLimit;
    if (opts === false) return NEXT;
    const status = statusOf(outcome);
    if (status !== 429 && status !== 503) {
      // Any answer that is not "slow down" lets a paced origin speed up again.
      if (status !== undefined && scope.gates.size > 0) {
        const origin = originOf(config.url, config.baseURL);
        const gate = scope.gates.get(origin);
        gate?.success();
        if (gate?.idle(scope.now())) scope.gates.delete(origin);
      }
      return NEXT;
    }
    const now = scope.now();
    const asked = waitFromHeaders(outcome.response?.headers, now);
    if (asked !== undefined) state.retryAfterMs = asked;
    const done = state.retries.rateLimit ?? 0;
    if (done >= opts.maxRetries) return { type: 'stop', reason: 'max-retries', retryable: true };
    let wait = asked ?? backoffDelay(done + 1, opts.baseDelayMs, opts.maxRetryAfterMs);
    if (wait > opts.maxRetryAfterMs) {
      if (!opts.clampRetryAfter) return { type: 'stop', reason: 'retry-after-too-long', retryable: true };
      wait = opts.maxRetryAfterMs;
    }
    if (opts.hold) scope.gate(originOf(config.url, config.baseURL)).hold(now, wait);
    return { type: 'retry', delayMs: wait };
  },
};
