import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { ResolvedOptions } from '../options/resolved';
import type { Host } from '../run/host';
import type { Hop, NextHop } from '../run/hop';
import type { Run } from '../run/run';
import type { RuleId } from './order';
import type { PolicyName, StatusPolicyInfo, StopReason } from '../types';

/** What one send produced: a response axios accepted, or a rejection (with a response or not). */
export interface Answer {
  response: AxiosResponse | undefined;
  /** `undefined` when axios resolved; anything thrown otherwise (usually an `AxiosError`). */
  error: unknown;
}

/** A rule's verdict on an answer. The first rule that does not say `next` decides. */
export type Decision =
  /** Not mine: ask the next rule. */
  | { type: 'next' }
  /** Settle successfully with this response (a 304, a DELETE 404, a parsed 207). */
  | { type: 'resolve'; response: AxiosResponse; info?: Partial<StatusPolicyInfo> }
  /**
   * Send the hop that answered again after `delayMs`; `prepare` edits its config first (a new
   * token, say). `wait` replaces the plain sleep when the rule queues the retry itself (the
   * origin gate, a refresh in flight); `delayMs` is then what is reported.
   */
  | {
      type: 'retry';
      delayMs: number;
      prepare?: (config: InternalAxiosRequestConfig) => void;
      wait?: () => Promise<void> | undefined;
      /** `false`: a resend that spends no retry (after the offline wait): not in `delays`, no `retry` event. */
      countsAsRetry?: false;
    }
  /** Send the next hop of a redirect (only the redirects rule answers this). */
  | { type: 'follow'; next: NextHop }
  /** Mine, but no further retry: settle with the answer as it is, saying why. */
  | { type: 'stop'; reason: StopReason; retryable: boolean }
  /** Fail with this error (a typed error the rule built). */
  | { type: 'reject'; error: unknown };

/**
 * What a rule sees: the run (the whole logical request), the hop that is about to go out or that
 * produced the answer, and the options in force for this request.
 */
export interface RuleContext {
  readonly run: Run;
  /** The request that went out (or is about to): the caller's, or a redirect hop. */
  readonly hop: Hop;
  /** Shorthand for `hop.config`. */
  readonly config: InternalAxiosRequestConfig;
  /** The options in force for this request (per-request overrides applied). */
  readonly options: ResolvedOptions;
  readonly host: Host;
}

/**
 * One status rule. Small and mostly pure: it reads the answer and returns a decision; the run does
 * the waiting, the sending and the settling. Its options live beside it in `src/rules/<name>/`.
 */
export interface Rule {
  /** Its place in `RULE_ORDER` (src/rules/order.ts). */
  readonly id: RuleId;
  /** Also the option key that turns it off (`options[name] === false`). */
  readonly name: PolicyName;
  /** Runs before every send, hops included; may return a promise to hold the request back. */
  beforeSend?(ctx: RuleContext): Promise<void> | undefined;
  decide(answer: Answer, ctx: RuleContext): Decision | Promise<Decision>;
}

export const NEXT: Decision = { type: 'next' };

/** The HTTP status of an answer, whether axios resolved or rejected it. */
export const statusOf = (answer: Answer): number | undefined => answer.response?.status;

/** A promise or any other thenable: sync and async answers (stores, rules) share one code path. */
export const isThenable = <T>(v: unknown): v is Promise<T> => !!v && typeof (v as { then?: unknown }).then === 'function';
