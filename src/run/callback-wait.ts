import type { InternalAxiosRequestConfig } from 'axios';
import { CALLBACK_TIMEOUT, StatusPolicyError } from '../errors';
import { abortable } from './wait';
import type { WaitHost } from './wait';

/**
 * Waits for what a caller's callback returned (`auth.getAccessToken`, `redirects.onRedirect`), as
 * every built-in wait does: the request's signal and cancel token end it, a detach ends it, and
 * so does the request's `timeout` (a callback that never settles must not hold a request forever).
 */
export function waitForCallback<T>(result: Promise<T>, config: InternalAxiosRequestConfig, host: WaitHost, what: string): Promise<T> {
  const { timeout } = config;
  return abortable<T>(config, host, (settle, fail) => {
    result.then(settle, fail);
    if (!timeout) return () => undefined;
    const timer = setTimeout(() => {
      // A code of its own: this is not a connection that timed out, and must not be retried as one.
      fail(new StatusPolicyError(`timeout of ${timeout}ms exceeded waiting for ${what}`, CALLBACK_TIMEOUT, config));
    }, timeout);
    return () => clearTimeout(timer);
  });
}
