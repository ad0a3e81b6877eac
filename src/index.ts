import './augment';

export { attachStatusPolicy } from './attach';
export {
  ErrorCodes,
  StatusPolicyConfigError,
  StatusPolicyError,
  isRetryExhausted,
  isStatusPolicyError,
} from './errors';
export { AuthError, AuthErrorCodes, isAuthError } from './auth/errors';
export type { AuthErrorCode } from './auth/errors';
export { createAuthScope } from './auth/scope';
export type { AuthScope } from './auth/scope';
export { backoffDelay } from './backoff';
export { parseHttpDate, parseRetryAfter, waitFromHeaders } from './http/retry-after';
export { serverErrorDetails } from './http/server-error';
export type { ServerErrorDetails } from './http/server-error';
export type {
  AuthOptions,
  NotModifiedOptions,
  PolicyEvent,
  PolicyName,
  RateLimitOptions,
  RedirectOptions,
  RefreshContext,
  RetryOptions,
  StatusPolicyErrorInfo,
  StatusPolicyHandle,
  StatusPolicyInfo,
  StatusPolicyOptions,
  StatusPolicyRequestOptions,
  StopReason,
} from './types';
