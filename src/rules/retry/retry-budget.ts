/** The budget's settings, as `retry.budget` resolves them. */
export interface RetryBudgetSettings {
  readonly ratio: number;
  readonly minPerSecond: number;
}

/**
 * One origin's retry budget: first attempts earn retries, retries spend them. Only the counts
 * live here; the settings come with each withdrawal, so a request that overrides `retry.budget`
 * judges the same history by its own settings.
 */
export interface RetryBudget {
  /** A first attempt was answered by this origin. O(1), allocates nothing: it runs for every request. */
  deposit(): void;
  /** Takes one retry if the window allows it under `settings`; `false` leaves the budget untouched. */
  tryWithdraw(settings: RetryBudgetSettings): boolean;
  /** Nothing counted in the current window: the coordinator may forget this budget. */
  idle(): boolean;
}

/** Seconds in the window: deposits and withdrawals older than this no longer count (Finagle's TTL). */
export const WINDOW_SECONDS = 10;

/**
 * Counts per second in a ring of `WINDOW_SECONDS` buckets, so "the last 10 s" is a sum over ten
 * slots and moving on in time only clears the slots that went stale. Finagle keeps a leaky token
 * bucket over the same window; separate counts let the ratio be applied at withdrawal instead.
 */
export function retryBudget(now: () => number): RetryBudget {
  const deposits = new Float64Array(WINDOW_SECONDS);
  const withdrawals = new Float64Array(WINDOW_SECONDS);
  /** The second the newest slot stands for. */
  let second = Math.floor(now() / 1000);

  /** Moves the ring on to the current second, clearing the slots of seconds that passed. */
  const slot = (): number => {
    const current = Math.floor(now() / 1000);
    if (current !== second) {
      // A clock that went back counts into the newest slot rather than rewriting history.
      const steps = current > second ? Math.min(current - second, WINDOW_SECONDS) : 0;
      for (let step = 1; step <= steps; step++) {
        const index = (second + step) % WINDOW_SECONDS;
        deposits[index] = 0;
        withdrawals[index] = 0;
      }
      if (steps) second = current;
    }
    return ((second % WINDOW_SECONDS) + WINDOW_SECONDS) % WINDOW_SECONDS;
  };
  const sum = (counts: Float64Array): number => {
    let total = 0;
    for (let i = 0; i < WINDOW_SECONDS; i++) total += counts[i]!;
    return total;
  };

  return {
    deposit() {
      deposits[slot()]! += 1;
    },
    tryWithdraw({ ratio, minPerSecond }) {
      const index = slot();
      const allowed = ratio * sum(deposits) + minPerSecond * WINDOW_SECONDS;
      // One retry costs one whole unit: the balance must cover it, as in Finagle. The epsilon
      // keeps 0.2 × 200 + 100 from refusing the 140th retry to a rounding error.
      if (sum(withdrawals) + 1 > allowed + 1e-9) return false;
      withdrawals[index]! += 1;
      return true;
    },
    idle() {
      slot();
      return sum(deposits) === 0 && sum(withdrawals) === 0;
    },
  };
}
