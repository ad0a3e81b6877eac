import type { RefreshScope } from '../rules/auth/refresh-scope';
import type { Circuit } from '../rules/circuit-breaker/circuit';
import type { ResolvedCacheOptions, ValidatorCache } from '../rules/not-modified/validator-cache';
import type { WaitHost } from '../run/wait';
import type { OriginGate } from '../rules/rate-limit/origin-gate';
import type { RetryBudget } from '../rules/retry/retry-budget';

/*
 * The pieces below are made by the rule that needs them and handed to the coordinator as a
 * factory: the coordinator decides where each lives and for how long, the rule brings its code.
 * So a bundle without rateLimit carries no gate, one without retry no budget, one without
 * notModified no validator cache, whichever coordinator it uses.
 */
/**
 * The coordinator's shared store (Redis, the other tabs) became unreachable and the plugin went on
 * with local coordination (`degraded`), or it is back (`restored`); or its shared refresh state was
 * found lost or overwritten and was started again (`reset`: Redis restarted without persistence,
 * flushed, evicted, or held something else under its key). No request config: it is about the
 * instance, not one request. One of the `PolicyEvent`s `onEvent` gets.
 */
export interface CoordinatorEvent {
  type: 'coordinator';
  state: 'degraded' | 'restored' | 'reset';
  reason: string;
}

/** Makes an origin's gate: its waits end through `waits` on detach; `now` is the coordinator's clock. */
export type MakeOriginGate = (waits: WaitHost, now: () => number) => OriginGate;
/** Makes an origin's retry budget on the coordinator's clock. */
export type MakeRetryBudget = (now: () => number) => RetryBudget;
/** Makes an origin's circuit breaker on the coordinator's clock. */
export type MakeCircuit = (now: () => number) => Circuit;
/** Makes a validator cache for these settings. */
export type MakeValidatorCache = (options: ResolvedCacheOptions) => ValidatorCache;

/** What an attach tells the coordinator it connects to about itself. */
export interface AttachLimits {
  /**
   * The longest origin hold the attach would place itself (its `rateLimit.maxRetryAfterMs`);
   * `undefined` with `rateLimit: false`. A hold received from elsewhere is clamped to the largest
   * of these among the attaches connected (docs/rate-limit.md).
   */
  readonly maxHoldMs: number | undefined;
}

/**
 * Where the state that outlives one request lives: the token refresh in flight and its token,
 * origin holds and their paced release, the retry budgets, and the validator cache. The rules reach all of it through
 * this seam only, so an implementation that shares it across processes (Redis) or browser tabs
 * replaces the in-memory one without touching a rule. `memoryCoordinator()` is the default: one
 * per attach, unless the same one is passed to several.
 */
export interface Coordinator {
  /** The refresh state of `scope` (an `auth.scope`), as this coordinator shares it. */
  refreshScope(scope: RefreshScope): RefreshScope;
  /** The gate of `origin` (hold and paced release), made with `create` on first use. */
  gate(origin: string, create: MakeOriginGate): OriginGate;
  /**
   * The gate of `origin` while it still holds, paces or queues anything; an idle one is forgotten.
   * `success`: a request to it just got an answer that was not "slow down".
   */
  busyGate(origin: string, success?: boolean): OriginGate | undefined;
  /** Whether any origin has a gate: on the happy path none does, and no origin is even computed. */
  readonly holding: boolean;
  /**
   * The retry budget of `origin` (first attempts earn retries, `retry.budget`), made with `create`
   * on first use. Called for every first attempt: it must be cheap (no round trip, no allocation
   * once made).
   */
  retryBudget(origin: string, create: MakeRetryBudget): RetryBudget;
  /**
   * The validator cache for these settings (one per `store` object, or one of the coordinator's
   * own), made with `create` on first use.
   */
  validatorCache(options: ResolvedCacheOptions, create: MakeValidatorCache): ValidatorCache;
  /**
   * The circuit breaker of `origin` (`circuitBreaker`), made with `create` on first use; every
   * request to the origin asks it, so it must be cheap. A coordinator without it has no breaker:
   * the rule lets every request go.
   */
  circuit?(origin: string, create: MakeCircuit): Circuit;
  /**
   * An attach starts using this coordinator; `emit` reaches its `onEvent` (a coordinator reports
   * losing or regaining its shared store there), and `limits` are its own, which bound what it
   * accepts from other processes or tabs on the attach's behalf.
   */
  connect?(owner: object, emit: (event: CoordinatorEvent) => void, limits?: AttachLimits): void;
  /** An attach that uses this coordinator was detached: end what is pending for it. */
  detach(owner: object): void;
}
