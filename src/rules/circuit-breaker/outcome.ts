import { isAxiosError, isCancel } from 'axios';
import type { ResolvedOptions } from '../../options/resolved';
import type { Answer } from '../rule';
import type { Outcome } from './circuit';
import { field } from '../../field';
import { isRefusal } from './error';

/**
 * The connection, not the request, failed: the codes the retry rule retries (src/rules/retry/platform.ts
 * keeps the same list for its own decision; one request must count as the failure it was retried as).
 */
const NETWORK =
  /^(E(CONN(RESET|REFUSED|ABORTED)|TIMEDOUT|PIPE|AI_AGAIN|(NET|HOST)(UNREACH|DOWN))|ERR_NETWORK|UND_ERR_(SOCKET|CONNECT_TIMEOUT)|ERR_SOCKET_CONNECTION_TIMEOUT)$/;

/** The device is known to be offline now (`retry.connectivity`; unknown counts as online). */
function deviceOffline(options: ResolvedOptions): boolean {
  const connectivity = options.retry ? options.retry.connectivity : undefined;
  if (!connectivity) return false;
  try {
    return connectivity.isOnline() === false;
  } catch {
    return false;
  }
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
  const code = field(error, 'code');
  const message = field(error, 'message');
  // A body cut off mid-transfer: axios rejects with the response it had begun to read.
  const cut = !!response && code === 'ERR_BAD_RESPONSE' && message === 'stream has been aborted';
  if (!response || cut) {
    const failed = typeof code === 'string' ? NETWORK.test(code) || cut : isAxiosError(error) && message === 'Network Error';
    return failed && !deviceOffline(options) ? 'failure' : 'neither';
  }
  const { status } = response;
  const retry = options.retry;
  if (retry && retry.statuses) return retry.statuses.includes(status) ? 'failure' : 'success';
  const rateLimit = options.rateLimit;
  return status >= 500 && status <= 599 && !(rateLimit && rateLimit.statuses.includes(status)) ? 'failure' : 'success';
}
