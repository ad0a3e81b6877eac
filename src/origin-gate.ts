import type { InternalAxiosRequestConfig } from 'axios';
import { sleep } from './delay';
import type { WaitHost } from './delay';

/** Below this spacing the origin is back at full speed. */
const FULL_SPEED_MS = 20;
/** Each success shortens the spacing by this factor; each new 429/503 doubles it. */
const SHRINK = 0.75;

/**
 * One origin's back-off, shared by every request of an instance to that origin.
 *
 * A 429/503 sets a deadline before which nobody is sent. When it passes, the waiting requests are
 * released one `spacing` apart rather than all at once (that just re-trips the limiter). The first
 * spacing is the server's own wait, the one rate it has promised to accept; each success shortens
 * it and another 429 lengthens it again, until the origin is back at full speed.
 */
export class OriginGate {
  private holdUntil = 0;
  private spacing = 0;
  private nextSlot = 0;

  /** The server asked for `waitMs` more; extends the hold and slows the release. */
  hold(now: number, waitMs: number): void {
    this.holdUntil = Math.max(this.holdUntil, now + waitMs);
    const slower = this.spacing === 0 ? waitMs : this.spacing * 2;
    this.spacing = Math.max(FULL_SPEED_MS, Math.min(slower, Math.max(waitMs, FULL_SPEED_MS)));
  }

  /**
   * Nobody goes before `now + waitMs`, then everyone at once: the server said its window resets
   * then with a full quota, so unlike after a 429 there is no pacing to learn.
   */
  pause(now: number, waitMs: number): void {
    this.holdUntil = Math.max(this.holdUntil, now + waitMs);
  }

  /** A request to this origin got through. */
  success(): void {
    if (this.spacing === 0) return;
    this.spacing *= SHRINK;
    if (this.spacing < FULL_SPEED_MS) this.spacing = 0;
  }

  /** Milliseconds until the hold ends (0 when there is none). */
  remaining(now: number): number {
    return Math.max(0, this.holdUntil - now, this.spacing === 0 ? 0 : this.nextSlot - now);
  }

  /** True when nothing is held or paced: the origin can forget this gate. */
  idle(now: number): boolean {
    return this.spacing === 0 && this.holdUntil <= now && this.nextSlot <= now;
  }

  /**
   * Waits for this request's turn. Returns `undefined` when it may go at once (the common case,
   * no promise made), else a promise for the end of its wait.
   */
  enter(config: InternalAxiosRequestConfig, host: WaitHost, now: () => number): Promise<void> | undefined {
    const t = now();
    if (this.holdUntil > t) {
      // Re-check after the hold: a new 429 may have extended it meanwhile.
      return sleep(this.holdUntil - t, config, host).then(() => this.enter(config, host, now));
    }
    const slot = Math.max(t, this.nextSlot);
    this.nextSlot = slot + this.spacing;
    if (slot <= t) return undefined;
    return sleep(slot - t, config, host).then(() => {
      // A hold set while this request waited for its slot still applies to it.
      if (this.holdUntil > now()) return this.enter(config, host, now);
      return undefined;
    });
  }
}
