import { isAxiosError } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { abortable } from '../../run/wait';
import type { TimeLimit, WaitHost } from '../../run/wait';
import type { Answer, Decision, RuleContext } from '../rule';
import { Slot } from '../../run/run-state';
import { connectivityOf, saysOffline } from '../../network/connectivity';
import type { Connectivity } from '../../network/connectivity';

/**
 * Our own `timeout` ran out (axios's ECONNABORTED, or ETIMEDOUT under `clarifyTimeoutError`): the
 * request's time is spent, whatever the connection does, so it is not waited on.
 */
const TIMED_OUT = /^E(CONNABORTED|TIMEDOUT)$/;

/** Milliseconds this request has waited for the connection so far (`statusPolicy.offlineMs`). */
const OFFLINE_MS = /* @__PURE__ */ new Slot<number>('retry.offlineMs');

/**
 * A request that failed with no response while the device is offline spends no retry: it waits
 * for the connection, then goes out again (a decision the run does not count as a retry). The
 * caller has checked that the request may be sent again (method, `Idempotency-Key`). `undefined`
 * when this is not such a failure, or no connectivity is known (`false`, or none detected).
 */
export function offlineResend(answer: Answer, ctx: RuleContext, setting: Connectivity | false | undefined): Decision | undefined {
  if (answer.response) return undefined;
  const { error } = answer;
  if (isAxiosError(error) && TIMED_OUT.test(error.code ?? '')) return undefined;
  const connectivity = connectivityOf(setting);
  if (!connectivity || !saysOffline(connectivity)) return undefined;
  const { services, hop } = ctx;
  return {
    type: 'retry',
    delayMs: 0,
    countsAsRetry: false,
    wait: () => {
      const started = services.now();
      // Like a hold, the wait is the request's own time: `timeout` and `totalTimeoutMs` run on.
      return waitOnline(connectivity, hop.config, services, ctx.timeLimit()).then(() => {
        const waitMs = Math.round(services.now() - started);
        // The total over the request's waits, kept in the rule's own state; the run applies the note.
        const offlineMs = (ctx.state.get(OFFLINE_MS) ?? 0) + waitMs;
        ctx.state.set(OFFLINE_MS, offlineMs);
        services.emit({ type: 'offline', waitMs, config: ctx.callerConfig });
        return { note: { offlineMs } };
      });
    },
  };
}

/**
 * Waits for `connectivity.onOnline`, as every wait does: the request's signal and cancel token,
 * `detach()` and `limit` end it, and the listener is removed whichever comes first.
 */
function waitOnline(connectivity: Connectivity, config: InternalAxiosRequestConfig, host: WaitHost, limit?: TimeLimit): Promise<void> {
  return abortable<void>(
    config,
    host,
    (settle, fail) => {
      let off: (() => void) | undefined;
      try {
        off = connectivity.onOnline(() => settle());
      } catch (error) {
        // The request rejects with what it threw; nothing of the wait is left registered.
        fail(error);
        return () => undefined;
      }
      // Back online between the failure and the listener (a source that reports late, NetInfo).
      if (!saysOffline(connectivity)) settle();
      return () => {
        if (typeof off === 'function') off();
      };
    },
    limit,
  );
}
