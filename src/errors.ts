import { AxiosError } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { ErrorDescriber, ResponseDetails } from './error-details';
import { redactUrl } from './http/redact';
import type { StatusPolicyErrorInfo, StatusPolicyInfo, StopReason } from './types';

// In a file of its own, which imports nothing: `axios-status-policy/otel` throws it without
// loading axios (and `http` with it) before the tracing instrumentation is registered.
export { StatusPolicyConfigError } from './config-error';

/**
 * A failure the policy itself produced (not a plain HTTP status). Still an `AxiosError`:
 * `axios.isAxiosError(e)` holds and `e.response` is kept when there was one.
 */
export class StatusPolicyError<T = unknown> extends AxiosError<T> {
  override readonly name: string = 'StatusPolicyError';
  /**
   * Its `statusPolicy.category` when neither a response nor a failed connection explains it: a
   * request the policy refused without sending (an open circuit is the server's failing, not the
   * network's). Absent: read from the response like any error's.
   */
  declare readonly category?: StatusPolicyErrorInfo['category'];
  constructor(
    message: string,
    code: string,
    config?: InternalAxiosRequestConfig,
    response?: AxiosResponse<T>,
    cause?: unknown,
  ) {
    super(message, code, config, undefined, response);
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, configurable: true, writable: true });
  }
}

/**
 * The core's own code: a callback of yours the plugin waited for (`auth.getAccessToken`,
 * `redirects.onRedirect`) outlived the request's `timeout`. Each rule's codes are beside its error;
 * `ErrorCodes` (src/error-codes.ts) gathers them for the public API.
 */
export const CALLBACK_TIMEOUT = 'ERR_STATUS_POLICY_CALLBACK_TIMEOUT';

const NO_DETAILS: ResponseDetails = { phrase: undefined, code: undefined, message: undefined };

/** An error axios made (or one made like it): `isAxiosError` is its own mark, across copies of axios. */
const isAxiosError = (error: unknown): error is AxiosError =>
  error instanceof Error && 'isAxiosError' in error && error.isAxiosError === true;

/** axios's code for a cancelled request (signal or cancel token). */
const CANCELED = 'ERR_CANCELED';

function categorise(error: AxiosError): StatusPolicyErrorInfo['category'] {
  if (error instanceof StatusPolicyError && error.category) return error.category;
  if (error.code === CANCELED) return 'cancelled';
  const status = error.response?.status;
  if (status === undefined) return 'network';
  return status >= 500 ? 'server' : 'client';
}

/**
 * `GET https://api.example.com/x`, as the request actually went out, minus what a pasted message
 * must not carry: userinfo and secret-looking query values (`redactUrl`).
 */
export function describeRequest(config: InternalAxiosRequestConfig | undefined): string {
  if (!config) return 'request';
  const method = (config.method ?? 'get').toUpperCase();
  const url = config.url ?? '';
  const base = config.baseURL;
  const full = base && !/^[a-z][a-z\d+.-]*:/i.test(url) ? `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : url;
  return `${method} ${redactUrl(full)}`;
}

/**
 * The one place a rejection is enriched: attaches `error.statusPolicy` and rewrites the message
 * to name method, URL, status and the server's message. Returns the same error object.
 */
export function enrichError(
  error: unknown,
  info: StatusPolicyInfo,
  retryable: boolean,
  reason: StopReason | undefined,
  describe: ErrorDescriber | undefined,
): unknown {
  if (!isAxiosError(error)) return error;
  const e = error;
  const category = categorise(e);
  const response = e.response;
  const details = response && describe ? describe(response) : NO_DETAILS;
  e.statusPolicy = {
    ...info,
    category,
    retryable,
    reason,
    serverCode: details.code,
    serverMessage: details.message,
  };
  if (category !== 'cancelled' && !(e instanceof StatusPolicyError)) {
    // Without errorDetails the status alone: the reason phrase comes off the wire and is read there.
    const what = response ? `${response.status}${details.phrase ? ` ${details.phrase}` : ''}` : (e.code ?? e.message);
    const tries = info.attempts > 1 ? ` after ${info.attempts} attempts` : '';
    const server = details.message ? `: ${details.message}` : '';
    e.message = `${describeRequest(e.config)} failed with ${what}${tries}${server}`;
  }
  return e;
}

/** True for any error that passed through the policy (it carries `statusPolicy`). */
export function isStatusPolicyError(error: unknown): error is AxiosError & { statusPolicy: StatusPolicyErrorInfo } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'isAxiosError' in error &&
    error.isAxiosError === true &&
    'statusPolicy' in error &&
    typeof error.statusPolicy === 'object'
  );
}

/** True when the policy retried and ran out of tries (or time) on a retryable failure. */
export function isRetryExhausted(error: unknown): error is AxiosError & { statusPolicy: StatusPolicyErrorInfo } {
  return isStatusPolicyError(error) && error.statusPolicy.retryable && error.statusPolicy.reason !== undefined;
}
