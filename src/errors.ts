import { AxiosError } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { COMMON_PHRASES } from './http/phrases';
import { redactUrl, safeText } from './http/redact';
import { serverErrorDetails } from './http/server-error';
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
 * `ErrorCodes.CALLBACK_TIMEOUT`, also on its own: the core's wait for a callback is the only code
 * most bundles need, and importing the object would carry every code of every rule.
 */
export const CALLBACK_TIMEOUT = 'ERR_STATUS_POLICY_CALLBACK_TIMEOUT';

/** Codes of the errors the policy creates. */
export const ErrorCodes = {
  BODY_NOT_REPLAYABLE: 'ERR_STATUS_POLICY_BODY_NOT_REPLAYABLE',
  TOO_MANY_REDIRECTS: 'ERR_STATUS_POLICY_TOO_MANY_REDIRECTS',
  REDIRECT_LOOP: 'ERR_STATUS_POLICY_REDIRECT_LOOP',
  REDIRECT_BAD_LOCATION: 'ERR_STATUS_POLICY_REDIRECT_BAD_LOCATION',
  REDIRECT_CROSS_ORIGIN_BODY: 'ERR_STATUS_POLICY_REDIRECT_CROSS_ORIGIN_BODY',
  /** axios's `beforeRedirect` threw for this hop (`cause` is what it threw). */
  REDIRECT_REFUSED: 'ERR_STATUS_POLICY_REDIRECT_REFUSED',
  OPAQUE_REDIRECT: 'ERR_STATUS_POLICY_OPAQUE_REDIRECT',
  /** A callback of yours the plugin waited for (`auth.getAccessToken`, `redirects.onRedirect`) outlived the request's `timeout`. */
  CALLBACK_TIMEOUT,
  /** A 207 batch body that could not be read (see `MultiStatusError`). */
  MULTI_STATUS: 'ERR_STATUS_POLICY_MULTI_STATUS',
} as const;

/** axios's code for a cancelled request (signal or cancel token). */
const CANCELED = 'ERR_CANCELED';

function categorise(error: AxiosError): StatusPolicyErrorInfo['category'] {
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
): unknown {
  if (!(error instanceof Error) || (error as Partial<AxiosError>).isAxiosError !== true) return error;
  const e = error as AxiosError;
  const category = categorise(e);
  const response = e.response;
  const details = response ? serverErrorDetails(response.data) : { code: undefined, message: undefined };
  e.statusPolicy = {
    ...info,
    category,
    retryable,
    reason,
    serverCode: details.code,
    serverMessage: details.message,
  };
  if (category !== 'cancelled' && !(e instanceof StatusPolicyError)) {
    // HTTP/2 and some fetch adapters give no statusText: name the status anyway.
    // The reason phrase comes off the wire too: printed only once made safe.
    const phrase = response && (safeText(response.statusText || '', 100) || COMMON_PHRASES[response.status]);
    const what = response ? `${response.status}${phrase ? ` ${phrase}` : ''}` : (e.code ?? e.message);
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
    (error as Partial<AxiosError>).isAxiosError === true &&
    typeof (error as { statusPolicy?: unknown }).statusPolicy === 'object'
  );
}

/** True when the policy retried and ran out of tries (or time) on a retryable failure. */
export function isRetryExhausted(error: unknown): error is AxiosError & { statusPolicy: StatusPolicyErrorInfo } {
  return isStatusPolicyError(error) && error.statusPolicy.retryable && error.statusPolicy.reason !== undefined;
}
