import type { InternalAxiosRequestConfig } from 'axios';
import type { Answer } from './answer';

/** A typed key for a rule's own per-request state (`ctx.state.get(slot)`); `name` says whose it is. */
export class Slot<T> {
  constructor(readonly name: string) {}
  /** Only for the type: a slot of `T` is not a slot of another type. */
  declare readonly valueType?: T;
}

/** The state a rule keeps for one request, from its first send to its settle. */
export interface RunState {
  get<T>(slot: Slot<T>): T | undefined;
  set<T>(slot: Slot<T>, value: T | undefined): void;
  /**
   * Runs `cleanup` once the request settles, before the caller sees the result, with the config
   * the caller's result carries (to put back values the rule changed for the adapter) and what it
   * settled with (`outcome`: the circuit breaker counts each request once, after every retry and
   * every other rule's verdict, which no single answer it decides on tells it).
   */
  whenSettled(cleanup: (config: InternalAxiosRequestConfig, state: RunState, outcome: Answer) => void): void;
}
