/**
 * The rate at which a held backlog may be released to one origin, learned from its answers.
 *
 * The model is the one the AWS SDKs use in their "adaptive" retry mode, itself TCP CUBIC's
 * congestion window applied to a request rate:
 * - **measured**: how fast the origin's answers come back, as an exponentially decaying count of
 *   answers with a one-second time constant (N answers within the last second read as about N/s).
 *   It is only counted while the origin has a gate, so the happy path measures nothing; the
 *   throttle that creates a gate is its first answer.
 * - **cut**: a throttle (429/503) takes the rate in force, the lower of the measured and the
 *   allowed rate, as the `ceiling` the server refused, and cuts the allowed rate to `BETA` of it.
 *   Every throttle cuts again: when most of a burst is refused, the rate falls a long way. A cut
 *   never goes below one request per the wait the throttle came with (never raising the rate
 *   either): a server that says "retry now", or names a short wait, is not asking for a slower
 *   rate, and scattered throttles of that kind would otherwise ratchet a backlog down to the
 *   floor; and an origin measured only by the throttle itself starts from the rate its own wait
 *   implies (Retry-After: 1 → one a second) rather than from nothing.
 * - **growth**: with the time t since the last throttle's wait ended, the allowed rate follows
 *   `ceiling + GROWTH·(t − plateau)³`, the plateau chosen so the curve starts at `BETA·ceiling`:
 *   it climbs back quickly, flattens near the ceiling (where the server last said no), then
 *   probes faster and faster beyond it. The clock starts when the server's wait (Retry-After)
 *   is over, not at the throttle: nothing is sent while held, so a wait as long as the climb
 *   would otherwise bring the rate straight back to the one just refused.
 * - **bounds**: never above twice the rate measured at the last answer (no credit for a rate the
 *   client has not used), never below `FLOOR` (a backlog always drains). The bound is read at the
 *   last answer, not decayed since: a hold sends nothing, and that silence says nothing about the
 *   rate the origin takes.
 */
export interface SendRate {
  /** An answer that was not "slow down" came back at `at`. */
  answered(at: number): void;
  /**
   * A 429/503 came back at `at`, asking for `waitMs`: it is measured like any answer, and the
   * allowed rate is cut; it grows back from `resumeAt` (when the wait is over: by default
   * `at + waitMs`).
   */
  throttled(at: number, waitMs: number, resumeAt?: number): void;
  /** Requests per second the origin may be sent at `at`; `Infinity` until its first throttle. */
  allowed(at: number): number;
  /**
   * True once the last cut no longer matters: the curve is back above twice the rate measured now
   * (which decays while the client is quiet, so a quiet origin is soon forgotten).
   */
  recovered(at: number): boolean;
}

/** The fraction of the refused rate kept after a throttle (CUBIC's multiplicative decrease). */
const BETA = 0.7;
/** How steeply the rate grows back, in requests/s per s³ (CUBIC's scaling constant). */
const GROWTH = 0.4;
/**
 * Requests/s below which the allowed rate never falls: it keeps a backlog moving, and cannot
 * hammer an origin that wants less, since each further refusal brings its own hold.
 */
const FLOOR = 0.5;
/** Time constant of the measured rate, in ms. */
const WINDOW_MS = 1000;

/** A fresh rate for one origin; `at` is always the caller's clock, in ms. */
export function sendRate(): SendRate {
  /** Answers counted so far, each decayed by its age at `countedAt`. */
  let answers = 0;
  let countedAt = 0;
  /** The rate measured at the last answer. */
  let lastMeasured = 0;
  /** When the rate starts growing back after the last throttle; `undefined` while there has been none. */
  let growsFrom: number | undefined;
  let ceiling = 0;
  let plateauS = 0;

  const decayed = (at: number): number => answers * Math.exp(-Math.max(0, at - countedAt) / WINDOW_MS);
  const measured = (at: number): number => (decayed(at) * 1000) / WINDOW_MS;
  const curve = (at: number, since: number): number => {
    const beyond = Math.max(0, at - since) / 1000 - plateauS;
    return ceiling + GROWTH * beyond * beyond * beyond;
  };
  const count = (at: number): void => {
    const before = decayed(at);
    answers = before + 1;
    countedAt = Math.max(countedAt, at);
    // Halfway between the count just before and just after this answer: at a steady rate that is
    // the true rate (within 10 % from 1/s up), where either end alone is off by a whole answer.
    lastMeasured = ((before + 0.5) * 1000) / WINDOW_MS;
  };
  const allowed = (at: number): number =>
    growsFrom === undefined ? Infinity : Math.max(FLOOR, Math.min(curve(at, growsFrom), 2 * lastMeasured));

  return {
    answered: count,
    throttled(at, waitMs, resumeAt = at + waitMs) {
      const inForce = allowed(at);
      count(at);
      const perWait = waitMs > 0 ? 1000 / waitMs : Infinity;
      const cutTo = Math.min(inForce, Math.max(BETA * Math.min(lastMeasured, inForce), perWait));
      if (cutTo >= inForce) return;
      ceiling = cutTo / BETA;
      plateauS = Math.cbrt((ceiling * (1 - BETA)) / GROWTH);
      growsFrom = Math.max(at, resumeAt);
    },
    allowed,
    recovered: (at) => growsFrom === undefined || curve(at, growsFrom) >= 2 * measured(at),
  };
}
