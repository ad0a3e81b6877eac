import { isAxiosError } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { isObject } from '../../options/validate';
import { abortable } from '../../run/wait';
import type { TimeLimit, WaitHost } from '../../run/wait';
import type { Answer, Decision, RuleContext } from '../rule';
import { Slot } from '../../run/run-state';

/**
 * Where the plugin learns whether the device is online (`retry.connectivity`): the browser's
 * `navigator.onLine` by default, React Native's NetInfo passed in (docs/offline.md).
 */
export interface Connectivity {
  /** `false`: offline. `true` or `undefined` (not known): a network error is an ordinary failure. */
  isOnline(): boolean | undefined;
  /** Calls `listener` when the connection comes back; returns what removes the listener. */
  onOnline(listener: () => void): () => void;
}

/** What `retry.connectivity` accepts: an object with both methods (a class instance too). */
export const isConnectivity = (value: unknown): value is Connectivity =>
  isObject(value) && typeof value.isOnline === 'function' && typeof value.onOnline === 'function';

/**
 * The part of a browser (or web worker) global scope read here; src/ compiles without DOM
 * typings. Where there is `addEventListener` there is `removeEventListener`.
 */
interface OnlineScope {
  navigator: { onLine: boolean };
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

const isOnlineScope = (scope: object): scope is OnlineScope =>
  'navigator' in scope &&
  isObject(scope.navigator) &&
  // Node ≥ 21 has a `navigator` too, without `onLine`: no detection there, as intended.
  typeof scope.navigator.onLine === 'boolean' &&
  'addEventListener' in scope &&
  typeof scope.addEventListener === 'function';

/**
 * The browser's own view: `navigator.onLine` and the `online` event of the global scope (a page or
 * a worker). `undefined` where there is none: Node, React Native (pass NetInfo in), Hermes.
 */
export function browserConnectivity(): Connectivity | undefined {
  const scope: object = globalThis;
  if (!isOnlineScope(scope)) return undefined;
  return {
    // Read at each call: the value changes while the page lives.
    isOnline: () => scope.navigator.onLine,
    onOnline: (listener) => {
      scope.addEventListener('online', listener);
      return () => scope.removeEventListener('online', listener);
    },
  };
}

/**
 * Our own `timeout` ran out (axios's ECONNABORTED, or ETIMEDOUT under `clarifyTimeoutError`): the
 * request's time is spent, whatever the connection does, so it is not waited on.
 */
const TIMED_OUT = /^E(CONNABORTED|TIMEDOUT)$/;

/** Milliseconds this request has waited for the connection so far (`statusPolicy.offlineMs`). */
const OFFLINE_MS = /* @__PURE__ */ new Slot<number>('retry.offlineMs');

/** `false` only when the source says so; one that throws knows nothing. */
function saysOffline(connectivity: Connectivity): boolean {
  try {
    return connectivity.isOnline() === false;
  } catch {
    return false;
  }
}

/**
 * A request that failed with no response while the device is offline spends no retry: it waits
 * for the connection, then goes out again (a decision the run does not count as a retry). The
 * caller has checked that the request may be sent again (method, `Idempotency-Key`). `undefined`
 * when this is not such a failure, or no connectivity is known (`false`, or none detected).
 */
export function offlineResend(answer: Answer, ctx: RuleContext, setting: Connectivity | false | undefined): Decision | undefined {
  if (setting === false || answer.response) return undefined;
  const { error } = answer;
  if (isAxiosError(error) && TIMED_OUT.test(error.code ?? '')) return undefined;
  const connectivity = setting ?? browserConnectivity();
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
