import { isCancel } from 'axios';
import type { ResolvedOptions } from '../../options/resolved';
import type { Answer } from '../rule';
import type { Outcome } from './circuit';
import { connectivityOf, saysOffline } from '../../network/connectivity';
import { failedConnection } from '../../network/failed-connection';
import { isRefusal } from './error';

/** The device says it is offline now (`retry.connectivity`; not known counts as online). */
function deviceOffline(options: ResolvedOptions): boolean {
  const connectivity = connectivityOf(options.retry ? options.retry.connectivity : undefined);
  return !!connectivity && saysOffline(connectivity);
}

/**
 * How a settled logical request counts for its origin's circuit (DESIGN §1): a failure is what
 * `retry` would have retried (a status of `retry.statuses`, by default every 5xx that
 * `rateLimit.statuses` does not claim, or a failed connection), after its retries. 429/503 are
 * holds and 4xx answers: the origin is up. A cancel, a refusal of our own (an open circuit), an
 * error no server produced (a callback, a bad option) and a failed connection while the device is
 * offline (`retry.connectivity` says so: a phone in a tunnel must not open every circuit it has)
 * are neither.
 */
export function outcomeOf({ response, error }: Answer, options: ResolvedOptions): Outcome {
  if (error !== undefined && (isCancel(error) || isRefusal(error))) return 'neither';
  // Offline, the device is down, not the origin (`retry.connectivity`, the browser's own by default).
  if (failedConnection({ response, error })) return deviceOffline(options) ? 'neither' : 'failure';
  if (!response) return 'neither';
  const { status } = response;
  const retry = options.retry;
  if (retry && retry.statuses) return retry.statuses.includes(status) ? 'failure' : 'success';
  const rateLimit = options.rateLimit;
  return status >= 500 && status <= 599 && !(rateLimit && rateLimit.statuses.includes(status)) ? 'failure' : 'success';
}
