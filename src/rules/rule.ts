import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { Coordinator } from '../coordinator/coordinator';
import type { ResolvedOptions } from '../options/resolved';
import type { Answer } from '../run/answer';
import type { Hop } from '../run/hop';
import type { RunState } from '../run/run-state';
import type { TimeLimit, WaitHost } from '../run/wait';
import type { Extensions } from './extensions';
import type { RuleId } from './registry';
import type { RedirectHandling } from './redirects/platform';
import type { PolicyEvent, PolicyName, RedirectHop as ChainEntry, StatusPolicyInfo, StopReason } from '../types';

export type { Answer } from '../run/answer';

/**
 * What a rule learned from an answer, whatever it decides: the run applies it (a rule never
 * writes into the run).
 */
export interface Learned {
  /** Facts for `statusPolicy` (rate-limit headers, Retry-After, where an XHR landed…). */
  readonly note?: Partial<StatusPolicyInfo> | undefined;
  /** This answer was a 3xx of the redirect chain (`statusPolicy.redirectChain`). */
  readonly redirect?: ChainEntry | undefined;
}

/** A rule's verdict on an answer. The first rule that does not say `next` decides. */
export type Decision = Verdict & Learned;

type Verdict =
  /** Not mine: ask the next rule. */
  | { type: 'next' }
  /** Settle successfully with this response (a 304, a DELETE 404, a parsed 207). */
  | { type: 'resolve'; response: AxiosResponse; info?: Partial<StatusPolicyInfo> }
  /**
   * Send the hop that answered again after `delayMs`; `prepare` edits its config first (a new
   * token, say). `wait` replaces the plain sleep when the rule queues the retry itself (the
   * origin gate, a refresh in flight); `delayMs` is then what is reported. What the wait learned
   * (how long it lasted: the offline wait's `offlineMs`) it resolves with; the run applies it.
   */
  | {
      type: 'retry';
      delayMs: number;
      prepare?: (config: InternalAxiosRequestConfig) => void;
      wait?: () => Promise<Learned | void> | undefined;
      /**
       * `false`: a resend that spends no retry (after the offline wait): not in `retries` or
       * `delays`, no `retry` event; `attempts` counts it once it goes out. A field of the
       * decision because only the run counts (a rule writes nothing into the run).
       */
      countsAsRetry?: false;
    }
  /**
   * Send this hop next, built whole by the rule (the redirects rule's next hop), through axios
   * without interceptors; the run adds only its transport settings (adapter, time left).
   */
  | { type: 'follow'; next: Hop }
  /** Mine, but no further retry: settle with the answer as it is, saying why. */
  | { type: 'stop'; reason: StopReason; retryable: boolean }
  /** Fail with this error (a typed error the rule built). */
  | { type: 'reject'; error: unknown };

/**
 * What one attachment lends its rules: the storage seam (state that outlives a request), the
 * clock, the event hook, the instance (auth reads its defaults), what each adapter does with
 * redirects, and where waits register so `detach()` can end them.
 */
export interface RuleServices extends WaitHost {
  readonly coordinator: Coordinator;
  readonly instance: AxiosInstance;
  readonly redirectHandling: WeakMap<object, RedirectHandling>;
  readonly now: () => number;
  /** What the opt-in policies lend (errorDetails, rateLimitHeaders). */
  readonly extensions: Partial<Extensions>;
  emit(event: PolicyEvent): void;
}

/**
 * What a rule may read: the hop that is about to go out or that produced the answer, the options
 * in force, the counts of the request so far, its own per-request state and what the attachment
 * lends. A rule does not write into the run: what it learned travels in its `Decision`.
 */
export interface RuleContext {
  /** The request that went out (or is about to): the caller's, or a redirect hop. */
  readonly hop: Hop;
  /** The options in force for this request (per-request overrides applied). */
  readonly options: ResolvedOptions;
  /** The config of the caller's current attempt: what `response.config`, errors and events carry. */
  readonly callerConfig: InternalAxiosRequestConfig;
  /** Sends of the caller's request so far (1 on the first), redirect hops not counted. */
  readonly attempts: number;
  /** Retries made so far, per policy. */
  readonly retries: Readonly<Partial<Record<PolicyName, number>>>;
  /** The 3xx answers of the current attempt so far (`statusPolicy.redirectChain`). */
  readonly chain: readonly ChainEntry[];
  /** The rules' own per-request state. */
  readonly state: RunState;
  readonly services: RuleServices;
  /**
   * The bound of a wait before this hop's send (an origin hold): when the request's own time runs
   * out first, it settles with axios's timeout error. `undefined` with no time set.
   */
  timeLimit(): TimeLimit | undefined;
  /** The bound of a retry's wait at its origin's gate: what is left of `totalTimeoutMs`. */
  retryLimit(): TimeLimit | undefined;
}

/**
 * One status rule. Small and mostly pure: it reads the answer and returns a decision; the run does
 * the waiting, the sending and the settling. Its options live beside it in `src/rules/<name>/`.
 */
export interface Rule {
  /** Its place in the order (src/rules/registry.ts). */
  readonly id: RuleId;
  /** Also the option key that turns it off (`options[name] === false`). */
  readonly name: PolicyName;
  /** Runs before every send, hops included; may return a promise to hold the request back. */
  beforeSend?(ctx: RuleContext): Promise<void> | undefined;
  decide(answer: Answer, ctx: RuleContext): Decision | Promise<Decision>;
  /** `policy.refresh()` (the auth rule only): refresh through its single flight, resolve to the token. */
  refreshNow?(services: RuleServices, options: ResolvedOptions): Promise<string>;
}

export const NEXT: Decision = { type: 'next' };

/** The HTTP status of an answer, whether axios resolved or rejected it. */
export const statusOf = (answer: Answer): number | undefined => answer.response?.status;

export { isThenable } from '../thenable';
