import { AxiosHeaders } from 'axios';
import type { AxiosError, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { DETACHED, sleep } from './delay';
import { enrichError } from './errors';
import { isReplayable } from './http/body';
import { resolveRequestOptions } from './options';
import type { ResolvedOptions } from './options';
import { isThenable } from './policy';
import type { Decision, Outcome, Policy, PolicyContext } from './policy';
import type { Scope } from './scope';
import { RequestState, readState, writeState } from './state';
import type { PolicyName, StatusPolicyInfo, StopReason } from './types';

const configOf = (error: unknown): InternalAxiosRequestConfig | undefined => {
  const config = (error as Partial<AxiosError> | null)?.config;
  return typeof config === 'object' && config !== null ? config : undefined;
};

/**
 * The two interceptors and the decision loop. Each attempt's outcome is shown to the policies in
 * order; the first that does not answer `next` decides. A retry re-sends through the instance, so
 * user request interceptors run again for it.
 */
export function createEngine(scope: Scope) {
  // The policies in force, and those of them with a `beforeRequest` hook, filtered once for the
  // instance's options: most requests carry no per-request override, and looking each policy's
  // name up in the options on every request and response is measurable on the happy path.
  const inForce = (options: ResolvedOptions): Policy[] => scope.policies.filter((p) => options[p.name] !== false);
  const all = inForce(scope.options);
  const hooked = all.filter((p) => p.beforeRequest);
  const policiesOf = ({ options }: RequestState): readonly Policy[] => (options === scope.options ? all : inForce(options));
  const hooksOf = ({ options }: RequestState): readonly Policy[] =>
    options === scope.options ? hooked : inForce(options).filter((p) => p.beforeRequest);

  const ctxOf = (config: InternalAxiosRequestConfig, state: RequestState): PolicyContext => ({
    config,
    state,
    options: state.options,
    scope,
  });

  // ---- request side ---------------------------------------------------------------------
  //
  // axios asks `runWhen(config)` whether to put our request interceptor in the chain at all.
  // We do the per-request work right there, synchronously: create the state (capturing the body
  // before transformRequest) and run the policies' `beforeRequest` hooks. Only when one of them
  // has to wait (an origin hold, a refresh in flight) is the interceptor included, to await it.
  // On the happy path it is left out, and axios keeps its synchronous request path.

  function runWhen(config: InternalAxiosRequestConfig): boolean {
    // `statusPolicy: false` is never queued, retried or refreshed: this is how a token request
    // made from inside auth.refresh goes straight through.
    if (scope.detached || config.statusPolicy === false) return false;
    let state: RequestState;
    try {
      state = stateFor(config);
    } catch {
      return true; // a malformed per-request option: onRequest throws it in the chain
    }
    const wait = before(ctxOf(config, state), 0);
    if (!wait) return false;
    // Marked handled now: a user interceptor that runs before ours may take a while.
    wait.catch(() => undefined);
    state.pending = wait;
    return true;
  }

  function onRequest(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig | Promise<InternalAxiosRequestConfig> {
    const state = readState(config, scope);
    if (!state) {
      if (!scope.detached && config.statusPolicy !== false) stateFor(config); // throws the config error
      return config;
    }
    const wait = state.pending;
    state.pending = undefined;
    return wait ? wait.then(() => config) : config;
  }

  /** The request's state, created on its first attempt. Throws on a malformed `statusPolicy`. */
  function stateFor(config: InternalAxiosRequestConfig): RequestState {
    const existing = readState(config, scope);
    if (existing) return existing;
    const options = resolveRequestOptions(scope.options, config.statusPolicy);
    const deadline = options.totalTimeoutMs > 0 ? scope.now() + options.totalTimeoutMs : 0;
    const state = new RequestState(scope, options, config.data, config.timeout, deadline);
    writeState(config, state);
    if (deadline) config.timeout = budgetTimeout(state);
    return state;
  }

  /**
   * Runs the `beforeRequest` hooks from index `from`; synchronous until one has to wait. One
   * context for all of them: this runs for every request, and each object is garbage to collect.
   */
  function before(ctx: PolicyContext, from: number): Promise<void> | undefined {
    const { state } = ctx;
    const hooks = hooksOf(state);
    for (let i = from; i < hooks.length; i++) {
      const wait = hooks[i]!.beforeRequest!(ctx);
      if (wait) {
        return wait.then(
          () => before(ctx, i + 1),
          (error: unknown) => {
            // Detached while held: the request goes out as if the policy had never been there.
            if (error === DETACHED) return;
            throw enrichError(error, state.info(), false, undefined);
          },
        );
      }
    }
    return undefined;
  }

  function budgetTimeout(state: RequestState): number {
    const left = Math.max(1, state.deadline - scope.now());
    return state.timeout ? Math.min(state.timeout, left) : left;
  }

  // ---- response side --------------------------------------------------------------------

  function onFulfilled(response: AxiosResponse): AxiosResponse | Promise<AxiosResponse> {
    return handle(response.config, { response, error: undefined });
  }

  function onRejected(error: unknown): AxiosResponse | Promise<AxiosResponse> {
    const config = configOf(error);
    if (!config) throw error;
    return handle(config, { response: (error as AxiosError).response, error });
  }

  function handle(config: InternalAxiosRequestConfig, outcome: Outcome): AxiosResponse | Promise<AxiosResponse> {
    let state = readState(config, scope);
    if (!state) {
      if (scope.detached || config.statusPolicy === false) return passThrough(outcome);
      // A request interceptor replaced the config object and our state with it: start one now.
      // The body is already transformed; axios's default transforms leave such a body as it is.
      state = stateFor(config);
    }
    const handOver = state.resend;
    if (handOver) {
      // This is a re-send: the outer call is waiting for the raw outcome and will decide.
      // The nested chain is abandoned with a promise that never settles (a fresh one, so it
      // is collected with the chain), so interceptors registered after ours run once per
      // logical request, on its final result, not once per attempt.
      handOver(outcome);
      return new Promise<never>(() => undefined);
    }
    return drive(config, state, outcome);
  }

  /** Asks the policies from index `from` on; synchronous until one of them answers with a promise. */
  function drive(config: InternalAxiosRequestConfig, state: RequestState, outcome: Outcome, from = 0): AxiosResponse | Promise<AxiosResponse> {
    if (scope.detached) return settle(config, state, outcome, false, 'detached');
    const ctx = ctxOf(config, state);
    const policies = policiesOf(state);
    for (let i = from; i < policies.length; i++) {
      const policy = policies[i]!;
      const decision = policy.decide(outcome, ctx);
      if (isThenable(decision)) {
        return decision.then((d) => (d.type === 'next' ? drive(config, state, outcome, i + 1) : act(config, state, outcome, d, policy.name)));
      }
      if (decision.type !== 'next') return act(config, state, outcome, decision, policy.name);
    }
    return settle(config, state, outcome, false, undefined);
  }

  function act(
    config: InternalAxiosRequestConfig,
    state: RequestState,
    outcome: Outcome,
    decision: Exclude<Decision, { type: 'next' }>,
    policy: PolicyName,
  ): AxiosResponse | Promise<AxiosResponse> {
    switch (decision.type) {
      case 'resolve':
        // The status the policy ruled on (a 304), not the one it resolved with (the cached 200).
        scope.emit({ type: 'resolve', policy, status: outcome.response?.status ?? decision.response.status, config });
        return resolveWith(state, decision.response, decision.info);
      case 'reject':
        state.settled = true;
        throw enrichError(decision.error, state.info(), false, undefined);
      case 'stop':
        return settle(config, state, outcome, decision.retryable, decision.reason);
      case 'retry':
        return retry(config, state, outcome, decision, policy);
    }
  }

  async function retry(
    config: InternalAxiosRequestConfig,
    state: RequestState,
    outcome: Outcome,
    decision: Extract<Decision, { type: 'retry' }>,
    policy: PolicyName,
  ): Promise<AxiosResponse> {
    if (!isReplayable(state.data)) return settle(config, state, outcome, true, 'body-not-replayable');
    const { delayMs } = decision;
    if (state.deadline && scope.now() + delayMs >= state.deadline) return settle(config, state, outcome, true, 'budget-exhausted');

    state.retries[policy] = (state.retries[policy] ?? 0) + 1;
    state.attempts += 1;
    state.delays.push(delayMs);
    scope.emit({
      type: 'retry',
      policy,
      attempt: state.attempts,
      delayMs,
      status: outcome.response?.status,
      code: (outcome.error as Partial<AxiosError> | undefined)?.code,
      config,
    });
    try {
      await (decision.wait ? decision.wait() : sleep(delayMs, config, scope));
    } catch (error) {
      if (error === DETACHED) return settle(config, state, outcome, true, 'detached');
      state.settled = true;
      throw enrichError(error, state.info(), false, undefined);
    }
    // A copy, so the config of the failed attempt (on its error, in a mock's history) stays as
    // it was sent; and the body as the caller gave it, since transformRequest already ran on
    // config.data and must run once per attempt, not twice.
    const nextConfig: InternalAxiosRequestConfig = { ...config, data: state.data, headers: new AxiosHeaders(config.headers) };
    if (state.deadline) nextConfig.timeout = budgetTimeout(state);
    decision.prepare?.(nextConfig);
    const next = await resend(nextConfig, state);
    return drive(next.response?.config ?? configOf(next.error) ?? nextConfig, state, next);
  }

  /** Sends `config` again through the instance and resolves with the raw outcome of that attempt. */
  function resend(config: InternalAxiosRequestConfig, state: RequestState): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const handOver = (outcome: Outcome): void => {
        if (state.resend !== handOver) return;
        state.resend = undefined;
        resolve(outcome);
      };
      state.resend = handOver;
      // Outcomes that never reach our interceptor (one thrown by an interceptor registered
      // before ours, say) still settle the attempt through these handlers.
      scope.instance.request(config).then(
        (response) => handOver({ response, error: undefined }),
        (error: unknown) => handOver({ response: (error as Partial<AxiosError> | null)?.response, error }),
      );
    });
  }

  // ---- settling -------------------------------------------------------------------------

  function resolveWith(state: RequestState, response: AxiosResponse, extra?: Partial<StatusPolicyInfo>): AxiosResponse {
    state.settled = true;
    response.statusPolicy = extra ? { ...state.info(), ...extra } : state.info();
    return response;
  }

  /** Ends with the outcome as it stands: axios's own verdict, enriched. */
  function settle(
    config: InternalAxiosRequestConfig,
    state: RequestState,
    outcome: Outcome,
    retryable: boolean,
    reason: StopReason | undefined,
  ): AxiosResponse {
    if (reason) scope.emit({ type: 'giveUp', reason, status: outcome.response?.status, config });
    if (outcome.error === undefined && outcome.response) return resolveWith(state, outcome.response);
    state.settled = true;
    throw enrichError(outcome.error, state.info(), retryable, reason);
  }

  function passThrough(outcome: Outcome): AxiosResponse {
    if (outcome.error === undefined && outcome.response) return outcome.response;
    throw outcome.error;
  }

  return { runWhen, onRequest, onFulfilled, onRejected };
}
