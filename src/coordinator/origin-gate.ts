import type { InternalAxiosRequestConfig } from 'axios';
import { MAX_TIMER_MS, abortable } from '../run/wait';
import type { TimeLimit, WaitHost } from '../run/wait';
import { sendRate } from './send-rate';

/** One origin's back-off, shared by every request of an instance to that origin. */
export interface OriginGate {
  /**
   * Nobody new goes before `waitMs` from now (at most 2^31−1 ms, the longest timer; a wait that
   * is not a number is 0). `paced`: this is a 429/503 asking for `waitMs`, so
   * the origin's allowed rate is cut (see `sendRate`) and what queues meanwhile is released
   * paced. Without it (a window that resets with a full quota: nothing was refused) the queue
   * drains at once, unless an earlier throttle still paces it.
   */
  hold(waitMs: number, paced?: boolean): void;
  /** Milliseconds a request arriving now would wait before the queue ahead of it (0 if none). */
  remaining(): number;
  /**
   * True when nothing is held or queued and the last throttle no longer matters: the scope can
   * forget this gate. `success`: an answer that was not "slow down" just came back from this
   * origin; it is measured, and may release the next queued request sooner.
   */
  idle(success?: boolean): boolean;
  /**
   * Waits for this request's turn. `undefined` when it may go at once (the common case: no
   * promise, no timer), else a promise that settles when it is released, or rejects when the
   * request is cancelled or the policy detached (it then leaves the queue). `throttled`: the
   * retry of a 429/503, which always takes its turn at the paced rate, even with nobody queued.
   * `limit`: the request's own time left; when it runs out first, the request leaves the queue
   * and the wait rejects with `limit.error()`.
   */
  enter(config: InternalAxiosRequestConfig, throttled?: boolean, limit?: TimeLimit): Promise<void> | undefined;
  /** Ends the pump timer (on detach: the waits themselves are ended through the host). */
  close(): void;
}

/** Seconds of the allowed rate that may go in one release turn (so fast rates are not held to one per timer tick). */
const TURN_S = 0.05;
/** Float slack, so a timer that fires on the dot is not rescheduled for a rounding error. */
const WHOLE = 1 - 1e-9;

/**
 * A 429/503 sets a deadline before which nobody new is sent: requests that arrive meanwhile
 * queue, first come first served, behind the throttled request's own retry. From the deadline the
 * queue is released through a token bucket filled at the rate `sendRate` allows (cut on each
 * throttle from the rate the client was really sending, grown back with time; see there), and
 * each answer re-times the next release. Only what was held is paced: once the queue is empty
 * and the deadline has passed, a new request goes at once, so a client sending one request at a
 * time is never slowed after the deadline. One timer per gate.
 */
export function originGate(host: WaitHost, now: () => number): OriginGate {
  const rate = sendRate();
  let until = 0;
  /** Releases available now; refilled at the allowed rate, at most one turn's worth. */
  let tokens = 0;
  let filledAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const queue: Array<() => void> = [];

  const refill = (at: number): void => {
    const perSecond = rate.allowed(at);
    if (perSecond === Infinity) {
      tokens = Infinity;
    } else {
      const elapsed = Math.max(0, at - filledAt);
      tokens = Math.min(Math.max(1, perSecond * TURN_S), tokens + (perSecond * elapsed) / 1000);
    }
    filledAt = Math.max(filledAt, at);
  };
  /** When the head of the queue may go. */
  const opensAt = (at: number): number => {
    refill(at);
    const ready = tokens >= WHOLE ? at : at + ((1 - tokens) * 1000) / rate.allowed(at);
    return Math.max(until, ready);
  };
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const schedule = (): void => {
    stop();
    if (!queue.length) return;
    const at = now();
    // Never past the longest timer: a longer one fires at once (TimeoutOverflowWarning) and
    // re-arming it would spin; one that fires early just re-times itself here.
    timer = setTimeout(pump, Math.min(MAX_TIMER_MS, Math.max(0, opensAt(at) - at)));
  };
  const pump = (): void => {
    const at = now();
    if (at >= until) {
      refill(at);
      while (queue.length && tokens >= WHOLE) {
        tokens -= 1;
        queue.shift()!();
      }
    }
    schedule();
  };

  return {
    hold(waitMs, paced) {
      const at = now();
      // `|| 0`: NaN would make every later comparison with `until` false.
      waitMs = Math.min(MAX_TIMER_MS, Math.max(0, waitMs) || 0);
      until = Math.max(until, at + waitMs);
      if (paced) {
        refill(at); // spend what accrued at the old rate first
        rate.throttled(at, waitMs, until);
        refill(at); // then no more than one turn of the new one
      }
      schedule();
    },
    remaining() {
      const at = now();
      return !queue.length && at >= until ? 0 : Math.max(0, opensAt(at) - at);
    },
    idle(success) {
      const at = now();
      if (success) {
        rate.answered(at);
        if (queue.length) schedule();
      }
      return !queue.length && at >= until && rate.recovered(at);
    },
    enter(config, throttled, limit) {
      const at = now();
      if (!queue.length && at >= until) {
        if (!throttled) return undefined;
        refill(at);
        if (tokens >= WHOLE) {
          tokens -= 1;
          return undefined;
        }
      }
      return abortable<void>(config, host, (release) => {
        queue.push(release);
        schedule();
        return () => {
          // Leaving early (abort, detach); a released request was already shifted out.
          const i = queue.indexOf(release);
          if (i >= 0) queue.splice(i, 1);
          if (!queue.length) stop();
        };
      }, limit);
    },
    close: stop,
  };
}
