/** What `circuitBreaker` resolves to: every setting filled in. */
export interface CircuitSettings {
  /** Failed share of the settled requests in the window at which the circuit opens. */
  readonly failureRatio: number;
  /** Settled requests the window must hold before the ratio is judged. */
  readonly minRequests: number;
  /** How far back settled requests count. */
  readonly windowMs: number;
  /** How long the circuit stays open before one probe may go. */
  readonly openMs: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** How a logical request ended, as the breaker counts it. */
export type Outcome = 'success' | 'failure' | 'neither';

/**
 * Whether a request may go: `'pass'`, `'probe'` (it is the one request of the half-open state), or
 * the milliseconds the circuit stays open (refused).
 */
export type Admission = 'pass' | 'probe' | number;

/**
 * One origin's breaker (cockatiel's SamplingBreaker and opossum's states, counted per origin). The
 * coordinator decides where it lives; the rule brings this code (`MakeCircuit`).
 */
export interface Circuit {
  readonly state: CircuitState;
  /** Before a send. Moving to half-open happens here: the caller that gets `'probe'` reports it. */
  admit(settings: CircuitSettings): Admission;
  /**
   * A logical request this circuit admitted has settled; `probe` when it was the probe. Returns
   * the state it moved to, if it moved.
   */
  settle(outcome: Outcome, probe: boolean, settings: CircuitSettings): CircuitState | undefined;
  /**
   * Opens it for `openMs` (another process or tab opened it), at most the `openMs` this one was last
   * used with (30 s before any use): a received notice is anyone's. Whether it moved.
   */
  trip(openMs: number): boolean;
  /** Closes it (another process or tab closed it); whether it moved. */
  reset(): boolean;
  /** Closed with nothing counted, or open with its time over: the coordinator may forget it. */
  idle(): boolean;
}

/** `circuitBreaker.openMs`'s default: how long a received open lasts at most before this circuit is used. */
const DEFAULT_OPEN_MS = 30_000;

/** Slots the window is counted in: "the last windowMs" is a sum over them, as in the retry budget. */
const BUCKETS = 10;

/**
 * A sampling breaker on `now`. Settled requests are counted per bucket of `windowMs / 10` (of the
 * first settings it sees: the circuit is shared by every attach on its coordinator, and their
 * windows cannot all be honoured by one count), so judging the window is a sum over ten slots.
 */
export function circuit(now: () => number): Circuit {
  const totals = new Float64Array(BUCKETS);
  const failures = new Float64Array(BUCKETS);
  let width = 0;
  /** The bucket number (time / width) the newest slot stands for. */
  let newest = 0;
  let state: CircuitState = 'closed';
  /** While open: when the probe may go. */
  let openUntil = 0;
  /** While half-open: when the probe went, or 0 when none is out. */
  let probeSince = 0;
  /** The longest a received open may last: the `openMs` of the last local use. */
  let knownOpenMs = DEFAULT_OPEN_MS;

  const clear = (): void => {
    totals.fill(0);
    failures.fill(0);
  };
  /** Moves the ring on to now, clearing the buckets that went stale; returns the current slot. */
  const slot = (windowMs: number): number => {
    if (!width) {
      width = Math.max(1, windowMs / BUCKETS);
      newest = Math.floor(now() / width);
    }
    const current = Math.floor(now() / width);
    if (current > newest) {
      const steps = Math.min(current - newest, BUCKETS);
      for (let step = 1; step <= steps; step++) {
        const index = (newest + step) % BUCKETS;
        totals[index] = 0;
        failures[index] = 0;
      }
      newest = current;
    }
    // A clock that went back counts into the newest slot rather than rewriting history.
    return newest % BUCKETS;
  };
  const sum = (counts: Float64Array): number => {
    let total = 0;
    for (let i = 0; i < BUCKETS; i++) total += counts[i]!;
    return total;
  };
  const open = (openMs: number): void => {
    state = 'open';
    openUntil = now() + openMs;
    probeSince = 0;
    clear();
  };
  const close = (): void => {
    state = 'closed';
    probeSince = 0;
    clear();
  };

  return {
    get state() {
      return state;
    },
    admit(settings) {
      knownOpenMs = settings.openMs;
      if (state === 'closed') return 'pass';
      const at = now();
      if (state === 'open') {
        if (at < openUntil) return openUntil - at;
        state = 'half-open';
      }
      // Half-open: one probe at a time. A probe that has not settled within openMs (a request
      // with no timeout to a server that hangs) no longer blocks the next one.
      if (probeSince && at - probeSince < settings.openMs) return Math.max(1, probeSince + settings.openMs - at);
      probeSince = at;
      return 'probe';
    },
    settle(outcome, probe, settings) {
      if (probe) {
        if (state !== 'half-open') return undefined;
        if (outcome === 'neither') {
          // A cancelled probe proved nothing: the next request probes.
          probeSince = 0;
          return undefined;
        }
        if (outcome === 'failure') open(settings.openMs);
        else close();
        return state;
      }
      // Requests admitted before the circuit opened settle while it is open: they count no more.
      if (state !== 'closed' || outcome === 'neither') return undefined;
      const index = slot(settings.windowMs);
      totals[index]! += 1;
      if (outcome === 'failure') failures[index]! += 1;
      const total = sum(totals);
      if (total < settings.minRequests || total === 0) return undefined;
      // The epsilon keeps 5 of 10 at a ratio of 0.5 from being judged below it by rounding.
      if (sum(failures) / total + 1e-9 < settings.failureRatio) return undefined;
      open(settings.openMs);
      return state;
    },
    trip(openMs) {
      const ms = Math.min(openMs, knownOpenMs);
      if (state === 'open' && now() + ms <= openUntil) return false;
      const moved = state !== 'open';
      open(ms);
      return moved;
    },
    reset() {
      if (state === 'closed') return false;
      close();
      return true;
    },
    idle() {
      // An open circuit whose time is over is forgotten as well: it would let a probe go now.
      if (state === 'open') return now() >= openUntil;
      if (state !== 'closed') return false;
      if (!width) return true;
      slot(width * BUCKETS);
      return sum(totals) === 0;
    },
  };
}
