import { CanceledError } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';

/** Rejection reason of a wait ended by `detach()`; the engine then settles with what it had. */
export const DETACHED: unique symbol = Symbol('axios-status-policy detached');

/** Rejection reason of a wait before a retry that outlived `totalTimeoutMs`: the run settles as `budget-exhausted`. */
export const BUDGET_SPENT: unique symbol = Symbol('axios-status-policy budget spent');

/** Where pending waits register, so `detach()` can end them all. */
export interface WaitHost {
  readonly waits: Set<() => void>;
}

/** The longest delay `setTimeout` keeps (2^31−1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** How long a wait may last at most, and the error it rejects with when that time is up. */
export interface TimeLimit {
  readonly ms: number;
  readonly error: () => unknown;
}

type Start<T> = (settle: (value: T) => void, fail: (error: unknown) => void) => () => void;

/**
 * Runs `start` until it settles, or until the request is cancelled (`config.signal` or the older
 * `cancelToken`) or the policy is detached. Whichever comes first wins; every timer and listener
 * is removed before the promise settles, so nothing outlives the wait. With `limit`, the wait also
 * ends when `limit.ms` have passed, rejecting with `limit.error()` (a limit past the longest timer
 * is no limit: nothing held here lasts that long).
 */
export function abortable<T>(config: InternalAxiosRequestConfig, host: WaitHost, start: Start<T>, limit?: TimeLimit): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const { signal, cancelToken } = config;
    // axios answers an aborted signal with a CanceledError whatever the abort reason; so do we.
    if (signal?.aborted) return reject(new CanceledError(undefined, config));
    if (cancelToken?.reason) return reject(cancelToken.reason);

    let stop: () => void = () => undefined;
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      stop();
      clearTimeout(timer);
      host.waits.delete(onDetach);
      signal?.removeEventListener?.('abort', onAbort);
      cancelToken?.unsubscribe(onToken);
      return true;
    };
    const onAbort = (): void => {
      if (finish()) reject(new CanceledError(undefined, config));
    };
    const onToken = (reason: unknown): void => {
      if (finish()) reject(reason);
    };
    const onDetach = (): void => {
      if (finish()) reject(DETACHED);
    };

    signal?.addEventListener?.('abort', onAbort);
    cancelToken?.subscribe(onToken);
    host.waits.add(onDetach);
    if (limit && limit.ms <= MAX_TIMER_MS) {
      timer = setTimeout(() => {
        if (finish()) reject(limit.error());
      }, Math.max(0, limit.ms));
    }
    stop = start(
      (value) => {
        if (finish()) resolve(value);
      },
      (error) => {
        if (finish()) reject(error);
      },
    );
    if (done) stop();
  });
}

/** An abortable sleep. A wait of 0 still honours an abort that already happened. */
export function sleep(ms: number, config: InternalAxiosRequestConfig, host: WaitHost): Promise<void> {
  return abortable<void>(config, host, (settle) => {
    if (ms <= 0) {
      settle();
      return () => undefined;
    }
    const timer = setTimeout(settle, ms);
    return () => clearTimeout(timer);
  });
}

/** Waits for a shared promise (a refresh, say) without letting one caller's abort cancel it. */
export function waitFor<T>(promise: Promise<T>, config: InternalAxiosRequestConfig, host: WaitHost): Promise<T> {
  return abortable<T>(config, host, (settle, fail) => {
    promise.then(settle, fail);
    return () => undefined;
  });
}
