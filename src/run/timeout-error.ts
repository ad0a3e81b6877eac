import { AxiosError } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';

/**
 * The error axios's own adapters reject with when `config.timeout` runs out
 * (node_modules/axios/lib/adapters/http.js, createTimeoutError): the same message, the caller's
 * `timeoutErrorMessage` if set, and ETIMEDOUT instead of ECONNABORTED under
 * `transitional.clarifyTimeoutError`. For a request whose time ran out before it was sent, so the
 * caller handles it as the timeout it is.
 */
export function timeoutError(config: InternalAxiosRequestConfig): AxiosError {
  const ms = config.timeout;
  const message = config.timeoutErrorMessage || (ms ? `timeout of ${ms}ms exceeded` : 'timeout exceeded');
  const code = config.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
  return new AxiosError(message, code, config);
}
