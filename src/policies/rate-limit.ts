import { backoffDelay } from '../backoff';
import { waitFromHeaders } from '../http/retry-after';
import { originOf } from '../http/url';
import { NEXT, statusOf } from '../policy';
import type { Policy } from '../policy';
import { StateSlot } from '../state';

/** Set when a retry was released by the gate itself, so `beforeRequest` does not queue it twice. */
const RELEASED = new StateSlot<boolean>('rateLimit.released');

/**
 * 429 and 503: the server did not process the request, so any method is retried, after the wait
 * it asked for (Retry-After, else a rate-limit reset header, else backoff). While that wait is
 * pending the whole origin is held, so the app backs off as one instead of each request alone.
 */
export const rateLimitPolicy: Policy = {
  name: 'rateLimit',

  beforeRequest({ config, state, options, scope }) {
    if (state.get(RELEASED)) {
      state.set(RELEASED, false);
      return undefined;
    }
    // The happy path: no origin is held, so not even the origin string is computed.
    if (scope.gates.size === 0 || options.rateLimit === false || !(options.rateLimit.hold || options.rateLimit.proactive)) return undefined;
    const origin = originOf(config.url, config.baseURL);
    const gate = scope.gates.get(origin);
    if (!gate) return undefined;
    if (gate.idle()) {
      scope.gates.delete(origin);
      return undefined;
    }
    const waitMs = gate.remaining();
    const wait = gate.enter(config);
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
        if (gate?.idle()) scope.gates.delete(origin);
      }
      return NEXT;
    }
    const asked = waitFromHeaders(outcome.response?.headers, scope.now());
    if (asked !== undefined) state.retryAfterMs = asked;
    const done = state.retries.rateLimit ?? 0;
    if (done >= opts.maxRetries) return { type: 'stop', reason: 'max-retries', retryable: true };
    let delayMs = asked ?? backoffDelay(done + 1, opts.baseDelayMs, opts.maxRetryAfterMs);
    if (delayMs > opts.maxRetryAfterMs) {
      if (!opts.clampRetryAfter) return { type: 'stop', reason: 'retry-after-too-long', retryable: true };
      delayMs = opts.maxRetryAfterMs;
    }
    if (!opts.hold) return { type: 'retry', delayMs };
    const gate = scope.gate(originOf(config.url, config.baseURL));
    gate.hold(delayMs);
    // The retry queues at the gate now, ahead of requests that arrive later, and is released
    // with them, paced; it then skips the gate in beforeRequest.
    const released = (): void => state.set(RELEASED, true);
    return {
      type: 'retry',
      delayMs,
      wait: () => {
        const turn = gate.enter(config);
        if (!turn) return void released();
        return turn.then(released);
      },
    };
  },
};
