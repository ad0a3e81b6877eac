import './augment';

export { attachStatusPolicy } from './attach';
export { attachPolicies } from './attach-policies';
export type { SharedPolicyOptions } from './attach-policies';
export { memoryCoordinator } from './coordinator/memory';
export type { Coordinator, CoordinatorEvent } from './coordinator/coordinator';
export type { RetryBudget, RetryBudgetSettings } from './rules/retry/retry-budget';
export type { RefreshScope, RefreshResult } from './rules/auth/refresh-scope';
export { ErrorCodes } from './error-codes';
export {
  StatusPolicyConfigError,
  StatusPolicyError,
  isRetryExhausted,
  isStatusPolicyError,
} from './errors';
export { AuthError, AuthErrorCodes, isAuthError } from './rules/auth/errors';
export type { AuthErrorCode } from './rules/auth/errors';
export { createAuthScope } from './rules/auth/refresh-scope';
export type { AuthScope } from './rules/auth/refresh-scope';
export { isAlreadyDeleted, isFromCache } from './guards';
export { RedirectError, isRedirectError } from './rules/redirects/error';
export type { RedirectErrorCode } from './rules/redirects/error';
export { isCircuitOpen } from './rules/circuit-breaker/error';
export { backoffDelay } from './rules/backoff';
export type { Connectivity } from './network/connectivity';
export { parseHttpDate, parseRetryAfter } from './rules/rate-limit/retry-after';
export { waitFromHeaders } from './rules/rate-limit/rate-limit-headers';
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
export { MultiStatusError, isMultiStatusError } from './rules/multi-status/error';
export type { ServerErrorDetails } from './http/server-error';
export type {
  AroundResend,
  AuthOptions,
  CachedResponse,
  CircuitBreakerOptions,
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
  RefreshedToken,
  RetryBudgetOptions,
  RetryContext,
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
// What a coordinator of your own implements against (see src/coordinator/coordinator.ts).
export type { OriginGate } from './rules/rate-limit/origin-gate';
export type { WaitHost } from './run/wait';
export type { ResolvedCacheOptions, ResolvedNotModifiedOptions } from './rules/not-modified/options';
export type { ValidatorCache } from './rules/not-modified/validator-cache';
