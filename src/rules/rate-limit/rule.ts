import { MAX_RETRIES, backoffDelay } from '../retry/backoff';
import { originGate } from './origin-gate';
import { waitFromHeaders } from './retry-after';
import { RunSlot } from '../../run/run-slot';
import { NEXT, statusOf } from '../rule';
import type { Rule } from '../rule';

/** Set on a retry the gate itself released, so `beforeSend` does not queue it twice. */
const RELEASED = /* @__PURE__ */ new RunSlot<boolean>('rateLimit.released');

/**
 * 429 and 503: the server did not process the request, so any method is retried, after the wait
 * it asked for (Retry-After, else a rate-limit reset header, else backoff). While that wait is
 * pending the origin that answered is held, so the app backs off as one instead of each request
 * alone. After a redirect that is the hop's origin, not the caller's.
 */
export const rateLimitRule: Rule = {
  id: 'rateLimit',
  name: 'rateLimit',

  beforeSend({ run, hop, options, host }) {
    const opts = options.rateLimit;
    const { coordinator } = host.options;
    // The happy path: no origin is held, so not even the origin string is computed.
    // Only a retry (attempts > 1) can have been released: a first attempt skips the slot.
    if (!opts || !coordinator.holding || !(opts.hold || opts.proactive)) return undefined;
    if (run.attempts > 1 && run.get(RELEASED)) {
      run.set(RELEASED, false);
      return undefined;
    }
    const origin = hop.origin;
    const gate = coordinator.busyGate(origin);
    if (!gate) return undefined;
    const waitMs = gate.remaining();
    // Held time is the request's own: its `timeout` and `totalTimeoutMs` run on while it waits.
    const wait = gate.enter(hop.config, false, run.timeLimit(hop.config));
    if (wait) host.emit({ type: 'hold', origin, waitMs: Math.round(waitMs), config: run.config });
    return wait;
  },

  decide(answer, { run, hop, options, host }) {
    const opts = options.rateLimit;
    const status = statusOf(answer);
    const { coordinator } = host.options;
    if (!opts) return NEXT;
    // `rateLimit.statuses` (429 and 503 by default): a status left out is `retry`'s to judge.
    if (status === undefined || !opts.statuses.includes(status)) {
      // Any answer that is not "slow down" lets a paced origin speed up again.
      if (status && coordinator.holding) coordinator.busyGate(hop.origin, true);
      return NEXT;
    }
    const asked = waitFromHeaders(answer.response!.headers, host.now());
    if (asked !== undefined) run.retryAfterMs = asked;
    const done = run.retries.rateLimit || 0;
    const max = opts.maxRetryAfterMs;
    if (done >= opts.maxRetries) return MAX_RETRIES;
    let delayMs = asked === undefined ? backoffDelay(done + 1, opts.baseDelayMs, max) : asked;
    if (delayMs > max) {
      if (!opts.clampRetryAfter) return { type: 'stop', reason: 'retry-after-too-long', retryable: true };
      delayMs = max;
    }
    if (!opts.hold) return { type: 'retry', delayMs };
    const gate = coordinator.gate(hop.origin, originGate);
    gate.hold(delayMs, true);
    // The retry queues at the gate when its wait starts, ahead of requests that arrive later, and
    // is released with them, paced; it then skips the gate in beforeSend.
    const config = hop.config;
    return { type: 'retry', delayMs, wait: () => (run.set(RELEASED, true), gate.enter(config, true, run.retryLimit())) };
  },
};
