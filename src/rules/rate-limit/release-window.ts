/**
 * How many held requests a throttled origin may be sent, learned from its answers rather than
 * from the clock (issue 21). It is TCP's congestion control applied to a rate limiter:
 *
 * - **allowance**: at most this many releases in any `period` (the wait the last 429/503 asked
 *   for, at least `MIN_PERIOD_MS`: a limiter counts per window, and the wait it names is the best
 *   guess of that window's length). Releases are counted over a sliding window of that length.
 * - **slow start**: each round (from a deadline) opens with one probe. While no threshold is
 *   known, once every release of the round has been answered with success the allowance
 *   doubles: 1, 1, 2, 4, 8… released per round trip, so a backlog behind a server that is ready
 *   again drains in a few round trips. A lost answer only stops the doubling; the window still
 *   lets `allowance` go per period.
 * - **threshold**: a 429/503 to a request sent in a running round restarts the round at one probe
 *   and sets the threshold to the successes of that round within the last period: what the server
 *   took before it refused (but no less than half the allowance it refused). A refused probe (no
 *   success in the round) says the server is not ready yet, not what it takes, and leaves the
 *   threshold alone. So do the refusals of requests that were out before the deadline (the first
 *   burst, or a round already refused): they arrive while held, and only extend the hold.
 * - **at the threshold**: once the probe succeeds, the allowance is the threshold, released spread
 *   evenly (`period / allowance` apart), not back to back: a limiter may count per fraction of its
 *   window (nginx `limit_req`: one per 1/rate), and spread releases never put more than
 *   `allowance` in any window of `period`. The allowance grows by one per clean period, first after
 *   `HOLD_OFF_PERIODS`, so a steady limiter is tested once in a while rather than every period.
 *
 * Every `at` is the caller's clock in ms, never going backwards.
 */
export interface ReleaseWindow {
  /**
   * A 429/503 came back at `at` asking for `waitMs`. `running`: a round was running (its deadline
   * had passed), so this refuses a request of that round and narrows the threshold.
   */
  throttled(at: number, waitMs: number, running: boolean): void;
  /** An answer that was not "slow down" came back at `at`, in a running round. */
  answered(at: number): void;
  /** A held request is released at `at`. */
  sent(at: number): void;
  /** When the next release may go (`at` itself if now). */
  opensAt(at: number): number;
  /**
   * Whether anything was released within the last period: until then its answers may still
   * come, and a refusal among them must narrow what this round learned.
   */
  recent(at: number): boolean;
  /** Above the threshold: releases are spread, the next opening is a clock time, not an answer. */
  readonly spread: boolean;
  /** Expected milliseconds between the first release of a round and that of the request `ahead` places behind it. */
  backlogMs(ahead: number): number;
}

/** The shortest period: a 429/503 asking for less still counts releases per second. */
export const MIN_PERIOD_MS = 1000;
/**
 * A 429/503 asking for a shorter wait ("retry now", or a few ms of backoff) holds the origin for
 * that wait but says nothing of its rate: it neither starts nor restarts a round. Scattered
 * throttles of that kind would otherwise cut the release down to a probe at a time.
 */
export const RATE_SIGNAL_MS = 100;
/** Clean periods at the threshold before the allowance probes one above it. */
export const HOLD_OFF_PERIODS = 5;

/** The release window of one origin, from its first throttle on. */
export function releaseWindow(): ReleaseWindow {
  let periodMs = MIN_PERIOD_MS;
  let allowance = 1;
  let threshold = Infinity;
  /** Answers since the round began that were not a refusal (slow start doubles when they reach the allowance). */
  let roundOk = 0;
  /** Release times within the last period, oldest first. */
  const sentAt: number[] = [];
  /** Success times of this round within the last period, oldest first. */
  const okAt: number[] = [];
  /** When the allowance may next grow above the threshold. */
  let growAt = Infinity;

  const prune = (times: number[], at: number): void => {
    let drop = 0;
    while (drop < times.length && times[drop]! <= at - periodMs) drop++;
    if (drop) times.splice(0, drop);
  };
  const spreading = (): boolean => allowance >= threshold;
  /** A release of the running round was answered, not refused. */
  const grow = (at: number): void => {
    roundOk++;
    // Back-to-back releases up to the threshold would trip a limiter that counts per fraction of
    // its window: once the probe succeeds, the threshold is released spread (`opensAt`).
    if (allowance < threshold && roundOk >= allowance) allowance = threshold === Infinity ? 2 * allowance : threshold;
    // The hold-off counts from the round's first success at the threshold.
    if (spreading() && growAt === Infinity) growAt = at + HOLD_OFF_PERIODS * periodMs;
  };

  return {
    throttled(at, waitMs, running) {
      if (waitMs < RATE_SIGNAL_MS) {
        // Not a refusal of the rate: it answers a release as a success does, for slow start.
        if (running) grow(at);
        return;
      }
      periodMs = Math.max(MIN_PERIOD_MS, waitMs);
      if (running) {
        prune(okAt, at);
        // At least half the allowance refused (TCP's multiplicative decrease), so a refusal that
        // comes early in a round does not take the rate down to the few answers in by then.
        if (okAt.length) threshold = Math.max(okAt.length, Math.ceil(allowance / 2));
      }
      allowance = 1;
      roundOk = 0;
      okAt.length = 0;
      growAt = Infinity;
    },
    answered(at) {
      okAt.push(at);
      prune(okAt, at);
      grow(at);
    },
    sent(at) {
      if (spreading() && at >= growAt) {
        allowance++;
        growAt = at + periodMs;
      }
      sentAt.push(at);
    },
    opensAt(at) {
      prune(sentAt, at);
      let open = at;
      // The release that must leave the window before one more fits in it.
      if (sentAt.length >= allowance) open = sentAt[sentAt.length - allowance]! + periodMs;
      const last = sentAt[sentAt.length - 1];
      if (spreading() && last !== undefined) open = Math.max(open, last + periodMs / allowance);
      return open;
    },
    recent(at) {
      prune(sentAt, at);
      return sentAt.length > 0;
    },
    get spread() {
      return spreading();
    },
    // Slow start drains any backlog within round trips; at the threshold, releases are spread.
    backlogMs: (ahead) => (threshold === Infinity ? 0 : (ahead * periodMs) / Math.max(allowance, threshold)),
  };
}
