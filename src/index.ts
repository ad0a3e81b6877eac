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
export { multipartBoundary, parseMultipart } from './http/multipart';
export type { MultipartInput, MultipartOptions, MultipartPart } from './http/multipart';
export { MultipartParseError } from './http/multipart-error';
export type { MultipartErrorCode } from './http/multipart-error';
export type { HeaderMap } from './http/multipart-headers';
export { parseHttpMessage } from './http/http-message';
export type { HttpMessage } from './http/http-message';
export { parseBatchResponse } from './http/batch';
export type { Batch, BatchOptions, SubResponse } from './http/batch';
export { MultiStatusError, isMultiStatusError } from './policies/multi-status-error';
export type { ServerErrorDetails } from './http/server-error';
export type {
  AuthOptions,
  CachedResponse,
  MultiStatusOptions,
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
