// `axios-status-policy/compose`: pay for what you use. A bundle that imports only
// `attachPolicies, retry, rateLimit` contains no code of the other rules.
export { attachPolicies } from './attach-policies';
export type { SharedPolicyOptions } from './attach-policies';
export { auth, deleteNotFound, multiStatus, notModified, rateLimit, redirects, retry } from './policies';
export type { Policy } from './policies';
export { memoryCoordinator } from './coordinator/memory';
export type { Coordinator } from './coordinator/coordinator';
export type { RetryBudget, RetryBudgetSettings } from './coordinator/retry-budget';
export type { RefreshScope, RefreshResult } from './rules/auth/refresh-scope';
export type { RateLimitOptions, RetryBudgetOptions, RetryContext, RetryOptions } from './types';
export type { Connectivity } from './rules/retry/connectivity';
// What a coordinator of your own implements against (see src/coordinator/coordinator.ts).
export type { OriginGate } from './coordinator/origin-gate';
export type { WaitHost } from './run/wait';
export type { ResolvedCacheOptions, ResolvedNotModifiedOptions } from './rules/not-modified/options';
export type { ValidatorCache } from './rules/not-modified/validator-cache';
