// `axios-status-policy/compose`: pay for what you use. A bundle that imports only
// `attachPolicies, retry, rateLimit` contains no code of the other rules.
export { attachPolicies } from './attach-policies';
export type { SharedPolicyOptions } from './attach-policies';
// Each factory from its own file, which imports no other rule (src/rules/<name>/policy.ts).
export { auth } from './rules/auth/policy';
export { circuitBreaker } from './rules/circuit-breaker/policy';
export { deleteNotFound } from './rules/delete-not-found/policy';
export { multiStatus } from './rules/multi-status/policy';
export { notModified } from './rules/not-modified/policy';
export { rateLimit } from './rules/rate-limit/policy';
export { rateLimitHeaders } from './rules/rate-limit/headers-policy';
export { redirects } from './rules/redirects/policy';
export { retry } from './rules/retry/policy';
// Opt-in: attachStatusPolicy always has it; a composed instance without it names status and request only.
export { errorDetails } from './error-details-policy';
export type { ErrorDescriber, ResponseDetails } from './error-details';
export type { Policy } from './rules/policy';
export { memoryCoordinator } from './coordinator/memory';
export type { Coordinator } from './coordinator/coordinator';
export type { RetryBudget, RetryBudgetSettings } from './rules/retry/retry-budget';
export type { RefreshScope, RefreshResult } from './rules/auth/refresh-scope';
export type { RateLimitOptions, RetryBudgetOptions, RetryContext, RetryOptions } from './types';
export type { Connectivity } from './network/connectivity';
// What a coordinator of your own implements against (see src/coordinator/coordinator.ts).
export type { OriginGate } from './rules/rate-limit/origin-gate';
export type { WaitHost } from './run/wait';
export type { ResolvedCacheOptions, ResolvedNotModifiedOptions } from './rules/not-modified/options';
export type { ValidatorCache } from './rules/not-modified/validator-cache';
