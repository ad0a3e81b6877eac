import type { Coordinator } from '../coordinator/coordinator';
import type { ResolvedAuthOptions } from '../rules/auth/options';
import type { ResolvedMultiStatusOptions } from '../rules/multi-status/options';
import type { ResolvedNotModifiedOptions } from '../rules/not-modified/options';
import type { ResolvedRateLimitOptions } from '../rules/rate-limit/options';
import type { ResolvedRedirectOptions } from '../rules/redirects/options';
import type { ResolvedRetryOptions } from '../rules/retry/options';
import type { AroundResend, PolicyEvent } from '../types';

/** Every option filled in: what the rules read. A block is `false` when turned off or not attached. */
export interface ResolvedOptions {
  auth: ResolvedAuthOptions | false;
  retry: ResolvedRetryOptions | false;
  rateLimit: ResolvedRateLimitOptions | false;
  redirects: ResolvedRedirectOptions | false;
  notModified: ResolvedNotModifiedOptions | false;
  deleteNotFound: boolean;
  multiStatus: ResolvedMultiStatusOptions | false;
  totalTimeoutMs: number;
  onEvent: ((event: PolicyEvent) => void) | undefined;
  aroundResend: AroundResend | undefined;
  coordinator: Coordinator;
}

/** The blocks: one per rule, named like the option keys. */
export type BlockName = 'auth' | 'retry' | 'rateLimit' | 'redirects' | 'notModified' | 'deleteNotFound' | 'multiStatus';
