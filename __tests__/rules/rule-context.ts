import { AxiosError, AxiosHeaders } from 'axios';
import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { memoryCoordinator } from '../../src/coordinator/memory';
import { resolveOptions } from '../../src/options/resolve';
import type { ResolvedOptions } from '../../src/options/resolved';
import { everyPolicy } from '../../src/policies';
import type { Answer, Decision, Rule, RuleContext, RuleServices } from '../../src/rules/rule';
import type { Hop } from '../../src/run/hop';
import type { RunState, Slot } from '../../src/run/run-state';
import type { PolicyEvent, PolicyName, RedirectHop, StatusPolicyOptions } from '../../src/types';

/*
 * A rule's decisions without axios: the hop, the answer and the context are plain objects (only
 * axios's AxiosHeaders and AxiosError classes, as a response carries them), no instance, no adapter.
 */

export const A = 'https://api.test';

interface HopInit {
  headers?: Record<string, string>;
  body?: unknown;
  redirected?: boolean;
  credentialsDropped?: boolean;
  config?: Partial<InternalAxiosRequestConfig>;
}

/** A hop that went out: `method` upper-case, `url` absolute. */
export function hop(method = 'GET', url = `${A}/items/1`, init: HopInit = {}): Hop {
  const config: InternalAxiosRequestConfig = { method: method.toLowerCase(), url, headers: new AxiosHeaders(init.headers), data: init.body, ...init.config };
  const made: Hop = {
    config,
    method,
    url,
    origin: new URL(url).origin,
    redirected: init.redirected ?? false,
    credentialsDropped: init.credentialsDropped ?? false,
    body: init.body,
    again: (next) => ({ ...made, config: next }),
  };
  return made;
}

/** A response to `sent`, as axios resolves or rejects with it. */
export function response(sent: Hop, status: number, headers: Record<string, string> = {}, data?: unknown): AxiosResponse {
  return { status, statusText: '', headers: new AxiosHeaders(headers), data, config: sent.config, request: {} };
}

/** The answer: resolved below 400 (axios's default validateStatus), else rejected with the response. */
export function answer(sent: Hop, status: number, headers: Record<string, string> = {}, data?: unknown): Answer {
  const res = response(sent, status, headers, data);
  if (status < 400) return { response: res, error: undefined };
  return { response: res, error: new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_RESPONSE', sent.config, {}, res) };
}

/** A network failure of `sent`: no response. */
export function failure(sent: Hop, code: string): Answer {
  return { response: undefined, error: new AxiosError('socket hang up', code, sent.config, {}) };
}

/** Every policy's options as `attachStatusPolicy` would read `given`. */
export function optionsOf(given: StatusPolicyOptions = {}, now: () => number = () => 0): ResolvedOptions {
  const blocks: Record<string, unknown> = { ...given };
  return resolveOptions(
    everyPolicy().flatMap((p) => (p.spec ? [[p.spec, blocks[p.spec.name]] as const] : [])),
    { ...given },
    () => memoryCoordinator(now),
    false,
  );
}

/** A run's rule state, as a plain map; `settled` runs the cleanups as the run does. */
export class PlainState implements RunState {
  readonly values = new Map<Slot<unknown>, unknown>();
  readonly cleanups: Array<Parameters<RunState['whenSettled']>[0]> = [];
  get<T>(slot: Slot<T>): T | undefined {
    return this.values.get(slot) as T | undefined;
  }
  set<T>(slot: Slot<T>, value: T | undefined): void {
    this.values.set(slot, value);
  }
  whenSettled(cleanup: Parameters<RunState['whenSettled']>[0]): void {
    this.cleanups.push(cleanup);
  }
  /** `outcome`: what the request settled with (the circuit breaker counts it). */
  settled(config: InternalAxiosRequestConfig, outcome: Answer = { response: undefined, error: undefined }): void {
    for (const cleanup of this.cleanups) cleanup(config, this, outcome);
  }
}

export interface ContextInit {
  options?: ResolvedOptions;
  attempts?: number;
  retries?: Partial<Record<PolicyName, number>>;
  chain?: RedirectHop[];
  state?: PlainState;
  now?: () => number;
  /** `instance.defaults.headers`, for auth. */
  defaults?: Record<string, unknown>;
}

export interface TestContext extends RuleContext {
  readonly events: PolicyEvent[];
  readonly state: PlainState;
}

/** The context a rule sees for `sent`; events it emits are collected. */
export function contextFor(sent: Hop, init: ContextInit = {}): TestContext {
  const now = init.now ?? (() => 0);
  const options = init.options ?? optionsOf({}, now);
  const events: PolicyEvent[] = [];
  // Only what auth reads of an instance: its default headers.
  const instance = { defaults: { headers: init.defaults ?? {} } } as unknown as AxiosInstance;
  const services: RuleServices = {
    coordinator: options.coordinator,
    instance,
    redirectHandling: new WeakMap(),
    now,
    waits: new Set(),
    extensions: {},
    emit: (event) => events.push(event),
  };
  return {
    hop: sent,
    options,
    callerConfig: sent.config,
    attempts: init.attempts ?? 1,
    retries: init.retries ?? {},
    chain: init.chain ?? [],
    state: init.state ?? new PlainState(),
    services,
    events,
    timeLimit: () => undefined,
    retryLimit: () => undefined,
  };
}

/** What `rule` decides, awaited when it answers with a promise. */
export const decided = async (rule: Rule, given: Answer, ctx: RuleContext): Promise<Decision> => rule.decide(given, ctx);
