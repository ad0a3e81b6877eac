import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { ResolvedOptions } from './options';
import type { Scope } from './scope';
import type { RequestState } from './state';
import type { PolicyName, StatusPolicyInfo, StopReason } from './types';

/** What one attempt produced: a response axios accepted, or a rejection (with a response or not). */
export interface Outcome {
  response: AxiosResponse | undefined;
  /** `undefined` when axios resolved; anything thrown otherwise (usually an `AxiosError`). */
  error: unknown;
}

/** A policy's verdict on an outcome. The first policy that does not say `next` decides. */
export type Decision =
  /** Not mine: ask the next policy. */
  | { type: 'next' }
  /** Settle successfully with this response (a 304, a DELETE 404, a parsed 207). */
  | { type: 'resolve'; response: AxiosResponse; info?: Partial<StatusPolicyInfo> }
  /**
   * Send again after `delayMs`; `prepare` edits the config first (a new token, say). `wait`
   * replaces the plain sleep when the policy queues the retry itself (the origin gate);
   * `delayMs` is then what is reported.
   */
  | {
      type: 'retry';
      delayMs: number;
      prepare?: (config: InternalAxiosRequestConfig) => void;
      wait?: () => Promise<void> | undefined;
    }
  /** Mine, but no further retry: settle with the outcome as it is, saying why. */
  | { type: 'stop'; reason: StopReason; retryable: boolean }
  /** Fail with this error (a typed error the policy built). */
  | { type: 'reject'; error: unknown };

export interface PolicyContext {
  readonly config: InternalAxiosRequestConfig;
  readonly state: RequestState;
  /** The options in force for this request (per-request overrides applied). */
  readonly options: ResolvedOptions;
  readonly scope: Scope;
}

/**
 * One status rule. Small and mostly pure: it reads the outcome and answers with a decision;
 * the engine does the waiting, the re-sending and the settling.
 */
export interface Policy {
  /** Also the option key that turns it off (`options[name] === false`). */
  readonly name: PolicyName;
  /** Runs before every attempt; may return a promise to hold the request back. */
  beforeRequest?(ctx: PolicyContext): Promise<void> | undefined;
  decide(outcome: Outcome, ctx: PolicyContext): Decision | Promise<Decision>;
}

export const NEXT: Decision = { type: 'next' };

/** The HTTP status of an outcome, whether axios resolved or rejected it. */
export const statusOf = (outcome: Outcome): number | undefined => outcome.response?.status;

/** The request method, upper-case. */
export const methodOf = ({ method }: InternalAxiosRequestConfig): string =>
  // axios lower-cases the method: the usual GET needs no new string.
  method == null || method === 'get' ? 'GET' : method.toUpperCase();

/** A promise or any other thenable: sync and async answers (stores, policies) share one code path. */
export const isThenable = <T>(v: unknown): v is Promise<T> => !!v && typeof (v as { then?: unknown }).then === 'function';
