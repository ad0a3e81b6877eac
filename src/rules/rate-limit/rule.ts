import { MAX_RETRIES, backoffDelay } from '../backoff';
import { getHeader } from '../../http/headers';
import { originGate } from './origin-gate';
import { parseRetryAfter } from './retry-after';
import { Slot } from '../../run/run-state';
import type { StatusPolicyInfo } from '../../types';
import { NEXT, statusOf } from '../rule';
import type { Decision, Rule } from '../rule';
import { GateTicket } from './gate-ticket';

/** The retry's turn at its origin's gate, so `beforeSend` does not queue what the gate released. */
const TICKET = /* @__PURE__ */ new Slot<GateTicket>('rateLimit.ticket');

/**
 * 429 and 503: the server did not process the request, so any method is retried, after the wait
 * it asked for (Retry-After, else a rate-limit reset header, else backoff). While that wait is
 * pending the origin that answered is held, so the app backs off as one instead of each request
 * alone. After a redirect that is the hop's origin, not the caller's.
 */
export const rateLimitRule: Rule = {
  id: 'rateLimit',
  name: 'rateLimit',

  beforeSend(ctx) {
    const { hop, services } = ctx;
    const opts = ctx.options.rateLimit;
    const { coordinator } = services;
    // The happy path: no origin is held, so not even the origin string is computed.
    if (!opts || !coordinator.holding || !(opts.hold || opts.proactive)) return undefined;
    // Only a retry (attempts > 1) can hold a ticket: a first attempt skips the lookup.
    if (ctx.attempts > 1) {
      const ticket = ctx.state.get(TICKET);
      if (ticket && ticket.spend()) return undefined;
    }
    const origin = hop.origin;
    const gate = coordinator.busyGate(origin);
    if (!gate) return undefined;
    const waitMs = gate.remaining();
    // Held time is the request's own: its `timeout` and `totalTimeoutMs` run on while it waits.
    const wait = gate.enter(hop.config, false, ctx.timeLimit());
    if (wait) services.emit({ type: 'hold', origin, waitMs: Math.round(waitMs), config: ctx.callerConfig });
    return wait;
  },

  decide(answer, ctx): Decision {
    const { hop, services } = ctx;
    const opts = ctx.options.rateLimit;
    const status = statusOf(answer);
    const { coordinator } = services;
    if (!opts) return NEXT;
    // `rateLimit.statuses` (429 and 503 by default): a status left out is `retry`'s to judge.
    if (status === undefined || !opts.statuses.includes(status)) {
      // Any answer that is not "slow down" lets a paced origin speed up again.
      if (status && coordinator.holding) coordinator.busyGate(hop.origin, true);
      return NEXT;
    }
    // Retry-After; failing that, the reset of the rate-limit headers when rateLimitHeaders() is attached.
    const { headers } = answer.response!;
    const now = services.now();
    const asked = parseRetryAfter(getHeader(headers, 'retry-after'), now) ?? services.extensions.rateLimitReset?.(headers, now);
    // What the server asked for is reported (`statusPolicy.retryAfterMs`) whatever is decided.
    const note: Partial<StatusPolicyInfo> | undefined = asked === undefined ? undefined : { retryAfterMs: asked };
    const done = ctx.retries.rateLimit ?? 0;
    const max = opts.maxRetryAfterMs;
    if (done >= opts.maxRetries) return { ...MAX_RETRIES, note };
    let delayMs = asked === undefined ? backoffDelay(done + 1, opts.baseDelayMs, max) : asked;
    if (delayMs > max) {
      if (!opts.clampRetryAfter) return { type: 'stop', reason: 'retry-after-too-long', retryable: true, note };
      delayMs = max;
    }
    if (!opts.hold) return { type: 'retry', delayMs, note };
    const gate = coordinator.gate(hop.origin, originGate);
    gate.hold(delayMs, true);
    // The retry queues at the gate when its wait starts and is released with the others, paced;
    // the ticket then lets its send skip the gate in beforeSend.
    const ticket = new GateTicket(gate, hop.config);
    ctx.state.set(TICKET, ticket);
    return { type: 'retry', delayMs, note, wait: () => ticket.wait(ctx.retryLimit()) };
  },
};
