import type { AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { Coordinator, CoordinatorEvent } from './coordinator/coordinator';
import type { AuthOptions, RefreshContext } from './rules/auth/types';
import type { CircuitBreakerOptions } from './rules/circuit-breaker/types';
import type { MultiStatusOptions } from './rules/multi-status/types';
import type { NotModifiedOptions } from './rules/not-modified/types';
import type { RateLimitOptions } from './rules/rate-limit/types';
import type { RedirectHop, RedirectOptions } from './rules/redirects/types';
import type { RetryOptions } from './rules/retry/types';
import type { BlockName } from './rules/registry';

/**
 * The policies, in the order they are consulted: `'circuitBreaker' | 'redirects' | 'auth' | 'rateLimit' |
 * 'retry' | 'notModified' | 'deleteNotFound' | 'multiStatus'` (one per option block, src/rules/registry.ts).
 */
export type PolicyName = BlockName;

// Each rule's option types live beside it (src/rules/<name>/types.ts); the public API is here.
export type { AuthOptions, RefreshContext, RefreshedToken } from './rules/auth/types';
export type { CircuitBreakerOptions } from './rules/circuit-breaker/types';
export type { MultiStatusOptions } from './rules/multi-status/types';
export type { CachedResponse, NotModifiedOptions, ValidatorCacheOptions, ValidatorStore } from './rules/not-modified/types';
export type { RateLimitOptions } from './rules/rate-limit/types';
export type { RedirectContext, RedirectHop, RedirectOptions } from './rules/redirects/types';
export type { RetryBudgetOptions, RetryContext, RetryOptions } from './rules/retry/types';

/** The options of {@link attachStatusPolicy}. Every block accepts `false`. */
export interface StatusPolicyOptions {
  /** Off unless given: there is no refresh without your callback. */
  auth?: AuthOptions | false;
  retry?: RetryOptions | false;
  rateLimit?: RateLimitOptions | false;
  redirects?: RedirectOptions | false;
  notModified?: NotModifiedOptions | false;
  /** A DELETE answered 404 resolves (already deleted). @default true */
  deleteNotFound?: boolean;
  /** 207 multipart bodies become an array of sub-responses. @default true */
  multiStatus?: MultiStatusOptions | boolean;
  /** Refuse requests at once while their origin fails. @default false */
  circuitBreaker?: CircuitBreakerOptions | boolean;
  /**
   * Budget for all attempts and waits of one request, in ms; `timeout` stays per attempt.
   * @default 0 (no budget)
   */
  totalTimeoutMs?: number;
  /** One hook for logging and metrics: every retry, hold and policy decision. */
  onEvent?: (event: PolicyEvent) => void;
  /** Runs each re-send of a request (a retry, a redirect hop) inside a context of yours; see {@link AroundResend}. */
  aroundResend?: AroundResend;
  /**
   * Where state shared beyond one request lives (the token refresh, origin holds, the validator
   * cache): `memoryCoordinator()`, or one shared beyond this JS context: `redisCoordinator(…)` from
   * `axios-status-policy/redis` between processes, `tabsCoordinator()` from
   * `axios-status-policy/tabs` between browser tabs. Pass one coordinator to several attaches to
   * share it between their instances.
   * @default memoryCoordinator(), one per attach
   */
  coordinator?: Coordinator;
}

/** Per request, under `config.statusPolicy`: `false` turns everything off, a block overrides one. */
export interface StatusPolicyRequestOptions {
  auth?: false;
  retry?: RetryOptions | false;
  rateLimit?: RateLimitOptions | false;
  redirects?: RedirectOptions | false;
  notModified?: NotModifiedOptions | false;
  deleteNotFound?: boolean;
  multiStatus?: MultiStatusOptions | boolean;
  /** `false` bypasses the circuit breaker (a health check); it is not counted either. */
  circuitBreaker?: false;
  totalTimeoutMs?: number;
}

/** Why the policy stopped retrying, when it did. */
export type StopReason =
  | 'max-retries'
  | 'not-idempotent'
  | 'not-retryable'
  | 'body-not-replayable'
  | 'retry-after-too-long'
  | 'budget-exhausted'
  /** The origin's retry budget (`retry.budget`) had no retry left. */
  | 'retry-budget'
  /** The origin's circuit is open (`circuitBreaker`): refused, nothing sent. */
  | 'circuit-open'
  | 'detached';

/** What the policy did for one request; on `response.statusPolicy` and `error.statusPolicy`. */
export interface StatusPolicyInfo {
  /** Requests sent for this call, the first included. */
  attempts: number;
  /** Milliseconds waited before each retry, in order. */
  delays: number[];
  /** The last wait the server asked for (Retry-After or a reset header), in ms. */
  retryAfterMs: number | undefined;
  /** A DELETE answered 404: the resource was already gone. */
  alreadyDeleted?: boolean;
  /** A 304 answered from the validator cache: body and status are the cached 200's. */
  fromCache?: boolean;
  /** The last rate-limit headers seen for this request, whatever their dialect. */
  rateLimit?: RateLimitInfo;
  /**
   * The 3xx answers this request went through, in order (on an error, the refused one last);
   * absent when there were none.
   */
  redirectChain?: RedirectHop[] | undefined;
  /** Absolute URL the final response came from, when a redirect was followed (or seen in a browser). */
  finalUrl?: string | undefined;
  /** A 207 RingCentral batch: the parsed manifest (its first part), which is not in `response.data`. */
  manifest?: unknown;
  /**
   * Milliseconds spent waiting for the connection (`retry.connectivity`), in all; absent when the
   * request never waited. Each wait ended in a resend that spent no retry: `attempts` counts it,
   * `delays` does not.
   */
  offlineMs?: number;
}

/** Rate-limit headers (`RateLimit`, `RateLimit-*`, `X-RateLimit-*`, `X-Rate-Limit-*`), normalised. */
export interface RateLimitInfo {
  /** Requests allowed per window. */
  limit: number | undefined;
  /** Requests left in the current window. */
  remaining: number | undefined;
  /** Milliseconds until the window resets (for RingCentral's `X-Rate-Limit-Window`: at most). */
  resetMs: number | undefined;
  /** Length of the window in ms, when the server says. */
  windowMs: number | undefined;
  /** The policy or group name (`RateLimit` item name, `X-Rate-Limit-Group`). */
  policy: string | undefined;
  /** Which header family the values came from (the first one present). */
  source: 'ietf' | 'x-ratelimit' | 'x-rate-limit';
}

/** What a rejection carries on `error.statusPolicy`. */
export interface StatusPolicyErrorInfo extends StatusPolicyInfo {
  category: 'client' | 'server' | 'network' | 'cancelled';
  /** Whether the failure was of a kind the policy retries (it may have run out of tries). */
  retryable: boolean;
  /** Why no further retry was made, when one could have been. */
  reason: StopReason | undefined;
  /** From the error body: `code`, `errorCode`, `error.code`, OAuth's `error` or a problem's `type`. */
  serverCode: string | undefined;
  /**
   * From the error body: `message`, `error.message`, OAuth's `error_description`, a problem's
   * `detail`/`title`, or a short plain-text body.
   */
  serverMessage: string | undefined;
}

interface EventBase {
  config: InternalAxiosRequestConfig;
}

/**
 * Wraps each send after the first of one request (a retry, a redirect hop, the repeat after a
 * refresh): call `send()` synchronously, inside whatever context that send should see.
 * `resendCount` is the number of sends of this request before it (1 for the second); `config` is
 * what goes out. It is how a tracer's HTTP client span learns `http.request.resend_count`
 * (`otelResends()` from `axios-status-policy/otel`, docs/telemetry.md): the core knows nothing of
 * tracing. Exactly one send goes out whatever the wrapper does: one that throws or never calls
 * `send` is ignored and the send is made without it.
 */
export type AroundResend = (send: () => void, resendCount: number, config: InternalAxiosRequestConfig) => void;

/** Emitted to `onEvent`. */
export type PolicyEvent =
  | (EventBase & {
      type: 'retry';
      policy: PolicyName;
      /** The attempt about to be made (2 for the first retry). */
      attempt: number;
      delayMs: number;
      status: number | undefined;
      code: string | undefined;
    })
  | (EventBase & { type: 'hold'; origin: string; waitMs: number })
  /** The connection came back after `waitMs` offline: the request goes out again, no retry spent. */
  | (EventBase & { type: 'offline'; waitMs: number })
  | (EventBase & { type: 'resolve'; policy: PolicyName; status: number })
  | (EventBase & { type: 'giveUp'; reason: StopReason; status: number | undefined })
  /** A token refresh started, or ended (`done`/`failed`); `config` is the request that started it. */
  | (EventBase & { type: 'refresh'; phase: 'start' | 'done' | 'failed'; reason: RefreshContext['reason'] })
  | (EventBase & { type: 'redirect'; status: number; method: string; from: string; to: string })
  /** An origin's circuit moved (`circuitBreaker`); `config` is the request that moved it. */
  | (EventBase & { type: 'circuit'; origin: string; state: 'open' | 'half-open' | 'closed' })
  /** The coordinator's shared store was lost or is back (src/coordinator/coordinator.ts). */
  | CoordinatorEvent;

/** What {@link attachStatusPolicy} returns. */
export interface StatusPolicyHandle {
  /** Ejects exactly our interceptors and ends pending waits; calling it again does nothing. */
  detach(): void;
  /**
   * Refreshes the token through the same single flight as 401s and early refreshes (across
   * processes and tabs with a shared coordinator) and resolves to the new access token: for code
   * that needs a fresh token outside axios (a WebSocket connect). Rejects with `AuthError`
   * (`REFRESH_FAILED`) when the refresh fails, and with `StatusPolicyConfigError` when no `auth`
   * policy is attached or the new token cannot be read (refresh returned none and there is no
   * `getAccessToken`).
   */
  refresh(): Promise<string>;
}

/** Re-exported so the response type is at hand when writing hooks. */
export type { AxiosResponse };
