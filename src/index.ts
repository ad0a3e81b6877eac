import './augment';

export { attachStatusPolicy } from './attach';
export {
  ErrorCodes,
  StatusPolicyConfigError,
  StatusPolicyError,
  isRetryExhausted,
  isStatusPolicyError,
} from './errors';
export { RedirectError, isRedirectError } from './redirect/error';
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
} from './types';
