import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyError, describeRequest } from '../errors';

/** Codes of the errors the auth policy creates (also on `error.code`). */
export const AuthErrorCodes = {
  /** The refresh threw, returned something that is not a token, or timed out; `cause` says which. */
  REFRESH_FAILED: 'ERR_STATUS_POLICY_AUTH_REFRESH_FAILED',
  /** `auth.refresh` did not settle within `refreshTimeoutMs` (the `cause` of a REFRESH_FAILED). */
  REFRESH_TIMEOUT: 'ERR_STATUS_POLICY_AUTH_REFRESH_TIMEOUT',
  /** The request was repeated with a fresh token and got 401 again; it is not repeated twice. */
  STILL_UNAUTHORIZED: 'ERR_STATUS_POLICY_AUTH_STILL_UNAUTHORIZED',
  /** The request's `timeout` ran out while it waited for a refresh, before it was sent. */
  WAIT_TIMEOUT: 'ERR_STATUS_POLICY_AUTH_WAIT_TIMEOUT',
} as const;

export type AuthErrorCode = (typeof AuthErrorCodes)[keyof typeof AuthErrorCodes];

/**
 * A 401 the policy could not cure. Still an `AxiosError` (and a `StatusPolicyError`): `response` is
 * the 401 when there was one, `cause` the refresh's own failure or the last 401's error.
 */
export class AuthError<T = unknown> extends StatusPolicyError<T> {
  override readonly name: string = 'AuthError';
  declare readonly code: AuthErrorCode;
}

/** True for the errors of the auth policy; switch on `error.code` against `AuthErrorCodes`. */
export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}

export function refreshFailed(
  config: InternalAxiosRequestConfig,
  response: AxiosResponse | undefined,
  cause: unknown,
): AuthError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new AuthError(
    `${describeRequest(config)}: the token refresh failed (${why})`,
    AuthErrorCodes.REFRESH_FAILED,
    config,
    response,
    cause,
  );
}

export function stillUnauthorized(
  config: InternalAxiosRequestConfig,
  response: AxiosResponse | undefined,
  cause: unknown,
): AuthError {
  return new AuthError(
    `${describeRequest(config)} was answered 401 again after the token refresh; not repeated again`,
    AuthErrorCodes.STILL_UNAUTHORIZED,
    config,
    response,
    cause,
  );
}

export function waitTimedOut(config: InternalAxiosRequestConfig, timeoutMs: number): AuthError {
  return new AuthError(
    `${describeRequest(config)}: timeout of ${timeoutMs}ms exceeded while waiting for the token refresh (not sent)`,
    AuthErrorCodes.WAIT_TIMEOUT,
    config,
  );
}

export function refreshTimedOut(timeoutMs: number): AuthError {
  return new AuthError(
    `auth.refresh did not settle within ${timeoutMs} ms. If it sends its token request through the ` +
      'same axios instance, pass `statusPolicy: false` on that request (see auth.refreshTimeoutMs)',
    AuthErrorCodes.REFRESH_TIMEOUT,
  );
}
