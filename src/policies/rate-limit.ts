import { MAX_RETRIES, backoffDelay } from '../backoff';
import { waitFromHeaders } from '../http/retry-after';
import { originOf } from '../http/url';
import type { ResolvedOptions } from '../options';
import type { OriginGate } from '../origin-gate';
import { NEXT, statusOf } from '../policy';
import type { Policy } from '../policy';
import type { Scope } from '../scope';
import type { RequestState } from '../state';

/** The engine never consults a policy whose option is `false`, so in here it is an object. */
export type RateLimitOpts = Exclude<ResolvedOptions['rateLimit'], false>;

/** Retries the gate itself released, so `beforeRequest` does not queue them twice. */
const released = new WeakSet<RequestState>();

/** The origin's gate while it still holds, paces or queues anything; an idle one is forgotten. */
function gateOf(scope: Scope, origin: string, success?: boolean): OriginGate | undefined {
  const gate = scope.gates.get(origin);
  if (gate && !gate.idle(success)) return gate;
  scope.gates.delete(origin);
  return undefined;
}

/**
 * 429 and 503: the server did not process the request, so any method is retried, after the wait
 * it asked for (Retry-After, else a rate-limit reset header, else backoff). While that wait is
 * pending the whole origin is held, so the app backs off as one instead of each request alone.
 */
export const rateLimitPolicy: Policy = {
  name: 'rateLimit',

  beforeRequest({ config, state, options, scope }) {
    const opts = options.rateLimit as RateLimitOpts;
    // The happy path: no origin is held, so not even the origin string is computed.
    // Only a retry (attempts > 1) can have been released: a first attempt skips the WeakSet.
    if ((state.attempts > 1 && released.delete(state)) || !scope.gates.size || !(opts.hold || opts.proactive)) return undefined;
    const origin = originOf(config);
    const gate = gateOf(scope, origin);
    if (!gate) return undefined;
    const waitMs = gate.remaining();
    const wait = gate.enter(config);
    if (wait) scope.emit({ type: 'hold', origin, waitMs, config });
    return wait;
  },

  decide(outcome, { config, state, options, scope }) {
    const opts = options.rateLimit as RateLimitOpts;
    const status = statusOf(outcome);
    if (status !== 429 && status !== 503) {
      // Any answer that is not "slow down" lets a paced origin speed up again.
      if (status && scope.gates.size) gateOf(scope, originOf(config), true);
      return NEXT;
    }
    const asked = waitFromHeaders(outcome.response!.headers, scope.now());
    if (asked !== undefined) state.retryAfterMs = asked;
    const done = state.retries.rateLimit || 0;
    const max = opts.maxRetryAfterMs;
    if (done >= opts.maxRetries) return MAX_RETRIES;
    let delayMs = asked === undefined ? backoffDelay(done + 1, opts.baseDelayMs, max) : asked;
    if (delayMs > max) {
      if (!opts.clampRetryAfter) return { type: 'stop', reason: 'retry-after-too-long', retryable: true };
      delayMs = max;
    }
    if (!opts.hold) return { type: 'retry', delayMs };
    const gate = scope.gate(originOf(config));
    gate.hold(delayMs, true);
    // The retry queues at the gate when its wait starts, ahead of requests that arrive later, and
    // is released with them, paced; it then skips the gate in beforeRequest.
    return { type: 'retry', delayMs, wait: () => (released.add(state), gate.enter(config, true)) };
  },
};
