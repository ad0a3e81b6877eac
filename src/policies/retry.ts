import { backoffDelay } from '../backoff';
import { getHeader } from '../http/headers';
import { NEXT, methodOf, statusOf } from '../policy';
import type { Outcome, Policy } from '../policy';

/**
 * Failures with no response that are worth another try: the connection, not the request, failed.
 * An allow-list, so config errors (bad URL, bad option) and cancellations are never retried.
 */
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN',
  'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'ERR_NETWORK',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function isNetworkFailure(outcome: Outcome): boolean {
  if (outcome.response || typeof outcome.error !== 'object' || outcome.error === null) return false;
  const { code, message, isAxiosError } = outcome.error as { code?: unknown; message?: unknown; isAxiosError?: unknown };
  if (typeof code === 'string') return NETWORK_CODES.has(code);
  // Older adapters (and mocks) report a dropped connection as a code-less "Network Error".
  return isAxiosError === true && message === 'Network Error';
}

/**
 * A body cut off mid-transfer (connection reset after the headers): axios rejects with the response
 * it had begun to read, so there is a status (often 200), but the connection failed, not the
 * request. Matched narrowly: a JSON parse error or maxContentLength also say ERR_BAD_RESPONSE and
 * must not be retried.
 */
export function isCutOff(outcome: Outcome): boolean {
  if (!outcome.response || typeof outcome.error !== 'object' || outcome.error === null) return false;
  const { code, message } = outcome.error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return false;
  return NETWORK_CODES.has(code) || (code === 'ERR_BAD_RESPONSE' && message === 'stream has been aborted');
}

/**
 * Other 5xx (503 belongs to rateLimit) and network errors: retried with exponential backoff and
 * equal jitter, for idempotent methods or requests carrying an `Idempotency-Key`.
 */
export const retryPolicy: Policy = {
  name: 'retry',
  decide(outcome, { config, state, options }) {
    const opts = options.retry;
    if (opts === false) return NEXT;
    const cutOff = isCutOff(outcome);
    const status = cutOff ? undefined : statusOf(outcome);
    if (status === undefined ? !(opts.networkErrors && (cutOff || isNetworkFailure(outcome))) : status < 500 || status > 599 || status === 503) {
      return NEXT;
    }
    // A non-idempotent request may have been applied before the failure; sending it again could
    // apply it twice. The caller vouches for it with an Idempotency-Key.
    if (!opts.methods.includes(methodOf(config)) && getHeader(config.headers, 'idempotency-key') === undefined) {
      return { type: 'stop', reason: 'not-idempotent', retryable: false };
    }
    const done = state.retries.retry ?? 0;
    if (done >= opts.maxRetries) return { type: 'stop', reason: 'max-retries', retryable: true };
    return { type: 'retry', delayMs: backoffDelay(done + 1, opts.baseDelayMs, opts.maxDelayMs) };
  },
};
