import type { ResolvedOptions } from './options';
import type { Outcome } from './policy';
import type { PolicyName, StatusPolicyInfo } from './types';

/**
 * The config key our per-request state lives under. A string, not a symbol: axios rebuilds the
 * config on every send (mergeConfig) and keeps only own string keys. The value is a class
 * instance, which mergeConfig passes by reference, so every re-send shares one state.
 */
export const STATE_KEY = 'axiosStatusPolicyState';

/** A typed slot for a policy's own per-request data; `name` is its key, unique among slots. */
export class StateSlot<T> {
  constructor(readonly name: string) {}
}

/** What the policy knows about one logical request across all its attempts. */
export class RequestState {
  attempts = 1;
  readonly delays: number[] = [];
  retryAfterMs: number | undefined = undefined;
  /** Retries made so far, per policy. */
  readonly retries: Partial<Record<PolicyName, number>> = {};
  /** Set while a re-send is in flight: the nested attempt hands its raw outcome here. */
  resend: ((outcome: Outcome) => void) | undefined = undefined;
  /** A `beforeRequest` wait started by `runWhen`, awaited by the request interceptor. */
  pending: Promise<void> | undefined = undefined;
  /** Once settled, a config carrying this state starts afresh if the user sends it again. */
  settled = false;
  /** Facts policies add to `statusPolicy` on the final response or error (cache hit, rate limits…). */
  notes: Partial<StatusPolicyInfo> | undefined = undefined;
  /** Slot values by slot name: a plain object, cheaper to make per request than a Map. */
  private slots: Record<string, unknown> | undefined;

  constructor(
    readonly scopeId: object,
    readonly options: ResolvedOptions,
    /** The body before `transformRequest`; each attempt transforms it once, from scratch. */
    readonly data: unknown,
    /** The user's per-attempt timeout, before any budget clamps it. */
    readonly timeout: number | undefined,
    /** Epoch ms when all attempts must be over; 0 for no budget. */
    readonly deadline: number,
  ) {}

  get<T>(slot: StateSlot<T>): T | undefined {
    return this.slots?.[slot.name] as T | undefined;
  }

  set<T>(slot: StateSlot<T>, value: T): void {
    (this.slots ??= {})[slot.name] = value;
  }

  /** Adds facts to what `info()` reports; later notes win. */
  note(facts: Partial<StatusPolicyInfo>): void {
    this.notes = this.notes ? { ...this.notes, ...facts } : facts;
  }

  info(): StatusPolicyInfo {
    const base = { attempts: this.attempts, delays: this.delays.slice(), retryAfterMs: this.retryAfterMs };
    return this.notes ? { ...this.notes, ...base } : base;
  }
}

export function readState(config: object, scopeId: object): RequestState | undefined {
  const state = (config as Record<string, unknown>)[STATE_KEY];
  return state instanceof RequestState && state.scopeId === scopeId && !state.settled ? state : undefined;
}

export function writeState(config: object, state: RequestState): void {
  (config as Record<string, unknown>)[STATE_KEY] = state;
}
