import { MAX_RETRIES, backoffDelay } from '../../backoff';
import { getHeader } from '../../http/headers';
import { NEXT } from '../rule';
import type { Rule } from '../rule';

/**
 * Failure codes worth another try: the connection, not the request, failed. An allow-list, so
 * config errors (bad URL, bad option) and cancellations are never retried.
 */
const NETWORK =
  /^(E(CONN(RESET|REFUSED|ABORTED)|TIMEDOUT|PIPE|AI_AGAIN|(NET|HOST)(UNREACH|DOWN))|ERR_NETWORK|UND_ERR_(SOCKET|CONNECT_TIMEOUT)|ERR_SOCKET_CONNECTION_TIMEOUT)$/;

/**
 * Other 5xx (503 belongs to rateLimit) and network errors: retried with exponential backoff and
 * equal jitter, for idempotent methods or requests carrying an `Idempotency-Key`. The method and
 * headers are those of the hop that answered: after POST → 303 → GET, a 500 is the GET's.
 */
export const retryRule: Rule = {
  id: 'retry',
  name: 'retry',
  decide({ response, error }, { hop, run, options }) {
    // The common case first: an answer axios accepted, below 500, is never ours.
    if (error === undefined && response && response.status < 500) return NEXT;
    // Never `false` here: the run does not consult a rule that is turned off.
    const opts = options.retry || undefined;
    if (!opts) return NEXT;
    const { code, message, isAxiosError } = (error || 0) as { code?: unknown; message?: unknown; isAxiosError?: unknown };
    // A failed connection, with no response, or (code-less) axios's "Network Error" of older
    // adapters and mocks; or a body cut off mid-transfer: axios then rejects with the response it
    // had begun to read (often a 200). Matched narrowly: a JSON parse error or maxContentLength
    // also say ERR_BAD_RESPONSE and must not be retried.
    const failed =
      typeof code === 'string'
        ? NETWORK.test(code) || (!!response && code === 'ERR_BAD_RESPONSE' && message === 'stream has been aborted')
        : !response && isAxiosError === true && message === 'Network Error';
    const status = failed || !response ? undefined : response.status;
    if (status === undefined ? !(failed && opts.networkErrors) : status < 500 || status > 599 || status === 503) return NEXT;
    // A non-idempotent request may have been applied before the failure; sending it again could
    // apply it twice. The caller vouches for it with an Idempotency-Key.
    if (!opts.methods.includes(hop.method) && getHeader(hop.config.headers, 'idempotency-key') === undefined) {
      return { type: 'stop', reason: 'not-idempotent', retryable: false };
    }
    const done = run.retries.retry || 0;
    return done < opts.maxRetries ? { type: 'retry', delayMs: backoffDelay(done + 1, opts.baseDelayMs, opts.maxDelayMs) } : MAX_RETRIES;
  },
};
