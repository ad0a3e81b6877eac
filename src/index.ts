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
export { isAlreadyDeleted, isFromCache } from './guards';
export { RedirectError, isRedirectError } from './redirect/error';
export { backoffDelay } from './backoff';
export { parseHttpDate, parseRetryAfter, waitFromHeaders } from './http/retry-after';
export { serverErrorDetails } from './http/server-error';
export type { ServerErrorDetails } from './http/server-error';
export type {
  AuthOptions,
  CachedResponse,
  NotModifiedOptions,
  PolicyEvent,
  PolicyName,
  RateLimitInfo,
  RateLimitOptions,
  RedirectContext,
  RedirectHop,
  RedirectOptions,
  RefreshContext,
  RetryOptions,
  StatusPolicyErrorInfo,
  StatusPolicyHandle,
  StatusPolicyInfo,
  StatusPolicyOptions,
  StatusPolicyRequestOptions,
  StopReason,
  ValidatorCacheOptions,
  ValidatorStore,
} from './types';
