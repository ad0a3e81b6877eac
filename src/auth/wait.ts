import type { InternalAxiosRequestConfig } from 'axios';
import { abortable } from '../delay';
import type { WaitHost } from '../delay';
import { waitTimedOut } from './errors';
import type { RefreshResult } from './scope';

/**
 * Waits for a shared refresh without being able to cancel it: the request's abort signal, cancel
 * token or `timeoutMs` (0 for none) end only this request's wait.
 */
export function waitForRefresh(
  flight: Promise<RefreshResult>,
  config: InternalAxiosRequestConfig,
  host: WaitHost,
  timeoutMs: number,
): Promise<RefreshResult> {
  return abortable<RefreshResult>(config, host, (settle, fail) => {
    flight.then(settle);
    if (!(timeoutMs > 0)) return () => undefined;
    const timer = setTimeout(() => fail(waitTimedOut(config, config.timeout || timeoutMs)), timeoutMs);
    return () => clearTimeout(timer);
  });
}
