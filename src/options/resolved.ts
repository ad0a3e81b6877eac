import type { Coordinator } from '../coordinator/coordinator';
import type { ResolvedAuthOptions } from '../rules/auth/options';
import type { ResolvedCircuitBreakerOptions } from '../rules/circuit-breaker/options';
import type { ResolvedMultiStatusOptions } from '../rules/multi-status/options';
import type { ResolvedNotModifiedOptions } from '../rules/not-modified/options';
import type { ResolvedRateLimitOptions } from '../rules/rate-limit/options';
import type { ResolvedRedirectOptions } from '../rules/redirects/options';
import type { ResolvedRetryOptions } from '../rules/retry/options';
import type { BlockName } from '../rules/registry';
import type { AroundResend, AuthOptions, CircuitBreakerOptions, MultiStatusOptions, NotModifiedOptions, PolicyEvent, RateLimitOptions, RedirectOptions, RetryOptions } from '../types';

export type { BlockName } from '../rules/registry';

/** What the caller writes for each block, as an object (`true`/`false` aside). */
export interface BlockInputs {
  auth: AuthOptions;
  retry: RetryOptions;
  rateLimit: RateLimitOptions;
  redirects: RedirectOptions;
  notModified: NotModifiedOptions;
  /** Only on or off: no keys. */
  deleteNotFound: Record<never, never>;
  multiStatus: MultiStatusOptions;
  circuitBreaker: CircuitBreakerOptions;
}

/** Each block once read, every value filled in. */
export interface ResolvedBlocks {
  auth: ResolvedAuthOptions;
  retry: ResolvedRetryOptions;
  rateLimit: ResolvedRateLimitOptions;
  redirects: ResolvedRedirectOptions;
  notModified: ResolvedNotModifiedOptions;
  deleteNotFound: true;
  multiStatus: ResolvedMultiStatusOptions;
  circuitBreaker: ResolvedCircuitBreakerOptions;
}

/** Every block, `false` when turned off or not attached. A block missing from the maps above fails to compile. */
export type OptionBlocks = { [N in BlockName]: ResolvedBlocks[N] | false };

/** What attach reads besides the blocks. */
export interface SharedOptions {
  totalTimeoutMs: number;
  onEvent: ((event: PolicyEvent) => void) | undefined;
  aroundResend: AroundResend | undefined;
  coordinator: Coordinator;
}

/** Every option filled in: what the rules read. */
export type ResolvedOptions = OptionBlocks & SharedOptions;
