import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyError, describeRequest } from '../../errors';

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
export const isAuthError = (error: unknown): error is AuthError => error instanceof AuthError;

/** An `AuthError` whose message starts with the request (`GET https://…: what`) when there is one. */
export const authError = (
  code: AuthErrorCode,
  what: string,
  config?: InternalAxiosRequestConfig,
  response?: AxiosResponse,
  cause?: unknown,
): AuthError => new AuthError(config ? `${describeRequest(config)}: ${what}` : what, code, config, response, cause);

/** The refresh failed: every request that waited for it (and `policy.refresh()`) rejects with this. */
export const refreshFailed = (error: unknown, config?: InternalAxiosRequestConfig, response?: AxiosResponse): AuthError =>
  authError(AuthErrorCodes.REFRESH_FAILED, `token refresh failed (${error instanceof Error ? error.message : String(error)})`, config, response, error);
