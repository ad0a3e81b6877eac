import { isCancel } from 'axios';
import { StatusPolicyConfigError } from '../../config-error';
import { show } from '../../options/validate';
import { DETACHED } from '../../run/wait';
import type { WaitHost } from '../../run/wait';
import { waitForCallback } from '../../run/callback-wait';
import type { RetryContext, RetryOptions } from './types';
import { isThenable } from '../rule';
import type { Decision } from '../rule';

/** setTimeout fires at once for anything longer. */
const MAX_DELAY_MS = 2_147_483_647;

type ShouldRetry = NonNullable<RetryOptions['shouldRetry']>;

/**
 * Asks `retry.shouldRetry` and hands its verdict to `conclude`: `true`, `false`, or `undefined`
 * (keep the built-in decision). A callback that throws, rejects or outlives the request's
 * `timeout` counts as `false`, so the request settles with its own error, never with the
 * callback's, and never leaves a rejection unhandled. An abort while it runs rejects with axios's
 * `CanceledError`, as every wait does; `detach()` settles with the answer as it stands.
 */
export function askShouldRetry(
  shouldRetry: ShouldRetry,
  context: RetryContext,
  waits: WaitHost,
  conclude: (verdict: boolean | undefined) => Decision,
): Decision | Promise<Decision> {
  let said: ReturnType<ShouldRetry>;
  try {
    said = shouldRetry(context);
  } catch {
    return conclude(false);
  }
  if (!isThenable<boolean | undefined>(said)) return judge(said, conclude);
  return waitForCallback(said, context.config, waits, 'retry.shouldRetry').then(
    (value) => judge(value, conclude),
    (error: unknown): Decision => {
      if (error === DETACHED) return { type: 'stop', reason: 'detached', retryable: true };
      if (isCancel(error)) return { type: 'reject', error };
      return conclude(false);
    },
  );
}

/**
 * `true` and `false` decide, `undefined` keeps the default. Anything else (`'yes'`, `1`, `null`) is
 * a mistake that would otherwise keep the default silently: the request rejects with a
 * `StatusPolicyConfigError` naming it.
 */
function judge(value: unknown, conclude: (verdict: boolean | undefined) => Decision): Decision {
  if (value === true || value === false || value === undefined) return conclude(value);
  return {
    type: 'reject',
    error: new StatusPolicyConfigError(`retry.shouldRetry must return true, false or undefined (or a promise of one), got ${show(value)}`),
  };
}

/**
 * The wait `retry.delay` asks for, or `context.defaultMs` when it throws or answers something
 * that is not a finite number ≥ 0; never longer than a timer can wait.
 */
export function delayOf(delay: NonNullable<RetryOptions['delay']>, context: RetryContext): number {
  let ms: unknown;
  try {
    ms = delay(context);
  } catch {
    return context.defaultMs;
  }
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return context.defaultMs;
  return Math.min(Math.round(ms), MAX_DELAY_MS);
}
