import type { InternalAxiosRequestConfig } from 'axios';
import { MAX_TIMER_MS, abortable } from '../../run/wait';
import type { TimeLimit, WaitHost } from '../../run/wait';
import { RATE_SIGNAL_MS, releaseWindow } from './release-window';
import type { ReleaseWindow } from './release-window';

/** One origin's back-off, shared by every request of an instance to that origin. */
export interface OriginGate {
  /**
   * Nobody new goes before `waitMs` from now (at most 2^31−1 ms, the longest timer; a wait that
   * is not a number is 0). `paced`: this is a 429/503 asking for `waitMs`, so what queues is
   * released by the origin's answers (see `releaseWindow`): one probe at the deadline, more per
   * round trip while they succeed. Without it (a window that resets with a full quota: nothing
   * was refused) the queue drains at once, unless an earlier throttle still paces it.
   */
  hold(waitMs: number, paced?: boolean): void;
  /** Milliseconds a request arriving now would wait before the queue ahead of it (0 if none). */
  remaining(): number;
  /**
   * True when nothing is held or queued, and nothing was released for a period (whose answers
   * could still teach the release something): the scope can forget this gate. `success`: an
   * answer that was not "slow down" just came back from this origin; it widens the release, and
   * may release the next queued requests at once.
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

/**
 * A 429/503 sets a deadline before which nobody new is sent: requests that arrive meanwhile
 * queue, first come first served, behind the throttled request's own retry. From the deadline the
 * queue is released as the origin's answers allow (`releaseWindow`): one probe, then twice as many
 * per round trip while they succeed, or, once a round was refused, what the server took per
 * period before it refused, spread over the period. Only what
 * was held is paced: once the queue is empty and the deadline has passed, a new request goes at
 * once, so a client sending one request at a time is never slowed after the deadline. One timer
 * per gate, set only while something is queued.
 */
export function originGate(host: WaitHost, now: () => number): OriginGate {
  let until = 0;
  /** From the first throttle on; without one (a window reset) the queue drains at once. */
  let pacing: ReleaseWindow | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const queue: Array<() => void> = [];

  /** When the head of the queue may go. */
  const opensAt = (at: number): number => Math.max(until, pacing ? pacing.opensAt(at) : at);
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const pump = (): void => {
    stop();
    const at = now();
    while (queue.length && opensAt(at) <= at) {
      pacing?.sent(at);
      queue.shift()!();
    }
    if (!queue.length) return;
    // Never past the longest timer: a longer one fires at once (TimeoutOverflowWarning) and
    // re-arming it would spin; one that fires early just re-times itself here. Never 0 either:
    // the head cannot go now, so its opening is ahead (ceil: a whole ms on jest's clock too).
    timer = setTimeout(pump, Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(opensAt(at) - at))));
  };

  return {
    hold(waitMs, paced) {
      const at = now();
      // `|| 0`: NaN would make every later comparison with `until` false.
      waitMs = Math.min(MAX_TIMER_MS, Math.max(0, waitMs) || 0);
      // The deadline had passed: this refuses a request sent in the running round.
      const running = pacing !== undefined && at >= until;
      until = Math.max(until, at + waitMs);
      // A short wait ("retry now") starts no release window of its own (see RATE_SIGNAL_MS).
      if (paced && (pacing || waitMs >= RATE_SIGNAL_MS)) (pacing ??= releaseWindow()).throttled(at, waitMs, running);
      if (queue.length) pump();
    },
    remaining() {
      const at = now();
      if (!queue.length && at >= until) return 0;
      // In slow start the next opening is an answer away (a round trip), not the window's end.
      const start = pacing?.spread && queue.length ? opensAt(at) : Math.max(until, at);
      return start - at + (pacing ? pacing.backlogMs(queue.length) : 0);
    },
    idle(success) {
      const at = now();
      if (success && pacing && at >= until) {
        pacing.answered(at);
        if (queue.length) pump();
      }
      return !queue.length && at >= until && !pacing?.recent(at);
    },
    enter(config, throttled, limit) {
      const at = now();
      if (!queue.length && at >= until) {
        if (!throttled || !pacing) return undefined;
        if (pacing.opensAt(at) <= at) {
          pacing.sent(at);
          return undefined;
        }
      }
      return abortable<void>(config, host, (release) => {
        queue.push(release);
        if (queue.length === 1) pump();
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
