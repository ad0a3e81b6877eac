import type { InternalAxiosRequestConfig } from 'axios';
import { abortable } from '../run/wait';
import type { WaitHost } from '../run/wait';

/** One origin's back-off, shared by every request of an instance to that origin. */
export interface OriginGate {
  /**
   * Nobody goes before `waitMs` from now. `paced` (after a 429/503): the release is then paced,
   * starting from that wait, or twice the current spacing. Without it (a window that resets with
   * a full quota, so there is no rate to learn) the queue drains at once.
   */
  hold(waitMs: number, paced?: boolean): void;
  /** Milliseconds a request arriving now would wait before the queue ahead of it (0 if none). */
  remaining(): number;
  /**
   * True when nothing is held, paced or waiting: the scope can forget this gate. `success`: a
   * request to this origin just got an answer that was not "slow down", so first speed up.
   */
  idle(success?: boolean): boolean;
  /**
   * Waits for this request's turn. `undefined` when it may go at once (the common case: no
   * promise, no timer), else a promise that settles when it is released, or rejects when the
   * request is cancelled or the policy detached (it then leaves the queue).
   */
  enter(config: InternalAxiosRequestConfig): Promise<void> | undefined;
  /** Ends the pump timer (on detach: the waits themselves are ended through the host). */
  close(): void;
}

/** Below this spacing the origin is back at full speed. */
const FULL_SPEED_MS = 20;

/**
 * A 429/503 sets a deadline before which nobody is sent. When it passes, waiting requests are
 * released one at a time, first come first served, one `spacing` apart, rather than all at once
 * (that just re-trips the limiter). The first spacing is the server's own wait, the one rate it has
 * promised to accept; each success shortens it by a quarter, another 429 doubles it (never beyond
 * the new wait), until the origin is back at full speed. Releasing one at a time (not booking every
 * slot up front) lets each success speed up the very next release. One timer per gate.
 */
export function originGate(host: WaitHost, now: () => number): OriginGate {
  let until = 0;
  let spacing = 0;
  let lastRelease = 0;
  let timer: unknown;
  const queue: Array<() => void> = [];

  const opensAt = (): number => Math.max(until, spacing && lastRelease + spacing);
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const schedule = (): void => {
    stop();
    if (queue.length) timer = setTimeout(pump, Math.max(0, opensAt() - now()));
  };
  const pump = (): void => {
    // One release per turn while paced; once back at full speed (spacing 0) nothing is left to
    // pace, so the whole backlog goes now instead of one request per timer tick.
    while (queue.length && now() >= opensAt()) {
      lastRelease = now();
      queue.shift()!();
    }
    schedule();
  };

  return {
    hold(waitMs, paced) {
      until = Math.max(until, now() + waitMs);
      if (paced) spacing = Math.max(FULL_SPEED_MS, Math.min(spacing * 2 || waitMs, waitMs));
      schedule();
    },
    remaining: () => Math.max(0, opensAt() - now()),
    idle(success) {
      if (success) {
        spacing *= 0.75;
        if (spacing < FULL_SPEED_MS) spacing = 0;
      }
      return !queue.length && !spacing && until <= now();
    },
    enter(config) {
      if (!queue.length && now() >= opensAt()) {
        lastRelease = now();
        return undefined;
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
      });
    },
    close: stop,
  };
}
