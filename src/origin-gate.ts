import type { InternalAxiosRequestConfig } from 'axios';
import { abortable } from './delay';
import type { WaitHost } from './delay';

/** Below this spacing the origin is back at full speed. */
const FULL_SPEED_MS = 20;
/** Each success shortens the spacing by this factor; each new 429/503 doubles it. */
const SHRINK = 0.75;

/**
 * One origin's back-off, shared by every request of an instance to that origin.
 *
 * A 429/503 sets a deadline before which nobody is sent. When it passes, waiting requests are
 * released one at a time, first come first served, one `spacing` apart, rather than all at once
 * (that just re-trips the limiter). The first spacing is the server's own wait, the one rate it has
 * promised to accept; each success shortens it, another 429 doubles it, until the origin is back at
 * full speed. Releasing one at a time (not booking every slot up front) lets each success speed up
 * the very next release.
 */
export class OriginGate {
  private holdUntil = 0;
  private spacing = 0;
  private lastRelease = 0;
  private readonly queue: Array<() => void> = [];
  private timer: unknown = undefined;

  constructor(
    private readonly host: WaitHost,
    private readonly now: () => number,
  ) {}

  /** The server asked for `waitMs` more: extend the hold and slow the release. */
  hold(waitMs: number): void {
    this.holdUntil = Math.max(this.holdUntil, this.now() + waitMs);
    const slower = this.spacing === 0 ? waitMs : this.spacing * 2;
    this.spacing = Math.max(FULL_SPEED_MS, Math.min(slower, Math.max(waitMs, FULL_SPEED_MS)));
    this.schedule();
  }

  /**
   * Nobody goes before `waitMs` from now; then the queue drains with no pacing: the server said
   * its window resets then with a full quota, so unlike after a 429 there is no rate to learn.
   */
  pause(waitMs: number): void {
    this.holdUntil = Math.max(this.holdUntil, this.now() + waitMs);
    this.schedule();
  }

  /** A request to this origin got an answer that was not "slow down". */
  success(): void {
    if (this.spacing === 0) return;
    this.spacing *= SHRINK;
    if (this.spacing < FULL_SPEED_MS) this.spacing = 0;
  }

  /** Milliseconds a request arriving now would wait before the queue ahead of it (0 if none). */
  remaining(): number {
    return Math.max(0, this.opensAt() - this.now());
  }

  /** True when nothing is held, paced or waiting: the scope can forget this gate. */
  idle(): boolean {
    return this.queue.length === 0 && this.spacing === 0 && this.holdUntil <= this.now();
  }

  /**
   * Waits for this request's turn. Returns `undefined` when it may go at once (the common case:
   * no promise, no timer), else a promise that settles when it is released, or rejects when the
   * request is cancelled or the policy detached (it then leaves the queue).
   */
  enter(config: InternalAxiosRequestConfig): Promise<void> | undefined {
    const now = this.now();
    if (this.queue.length === 0 && now >= this.opensAt()) {
      this.lastRelease = now;
      return undefined;
    }
    return abortable<void>(config, this.host, (release) => {
      this.queue.push(release);
      this.schedule();
      return () => {
        const i = this.queue.indexOf(release);
        if (i >= 0) this.queue.splice(i, 1);
        if (this.queue.length === 0) this.stopTimer();
      };
    });
  }

  /** Ends the pump timer (on detach: the waits themselves are ended through the host). */
  close(): void {
    this.stopTimer();
  }

  private opensAt(): number {
    return Math.max(this.holdUntil, this.spacing === 0 ? 0 : this.lastRelease + this.spacing);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One timer per gate, whatever the queue length. */
  private schedule(): void {
    this.stopTimer();
    if (this.queue.length === 0) return;
    this.timer = setTimeout(() => this.pump(), Math.max(0, this.opensAt() - this.now()));
  }

  private pump(): void {
    this.timer = undefined;
    // One release per turn while paced; once the origin is back at full speed (spacing 0) nothing
    // is left to pace, so the whole backlog goes now instead of one request per timer tick.
    while (this.queue.length > 0 && this.now() >= this.opensAt()) {
      const next = this.queue.shift();
      this.lastRelease = this.now();
      // Removing itself from the queue on settle is a no-op now: it was shifted.
      next?.();
    }
    this.schedule();
  }
}
