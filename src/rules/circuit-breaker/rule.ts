import type { InternalAxiosRequestConfig } from 'axios';
import type { ResolvedOptions } from '../../options/resolved';
import { Slot } from '../../run/run-state';
import type { RunState } from '../../run/run-state';
import { NEXT } from '../rule';
import type { Answer, Decision, Rule, RuleServices } from '../rule';
import { circuit } from './circuit';
import type { Circuit, CircuitState } from './circuit';
import { circuitOpenError, isRefusal } from './error';
import type { ResolvedCircuitBreakerOptions } from './options';
import { outcomeOf } from './outcome';

/** The circuit a request was admitted by, counted once when it settles. */
interface Admitted {
  readonly origin: string;
  readonly circuit: Circuit;
  /** The request is its circuit's one half-open probe: its own retries still go. */
  readonly probe: boolean;
  readonly settings: ResolvedCircuitBreakerOptions;
  /** What the count at settle needs and its callback is not given: the options and the event hook. */
  readonly options: ResolvedOptions;
  readonly services: RuleServices;
}

const ADMITTED = /* @__PURE__ */ new Slot<Admitted>('circuitBreaker');

/** Refused by an open circuit, or failed while it is open: settles as it is, saying why (no other rule may retry it). */
const OPEN: Decision = { type: 'stop', reason: 'circuit-open', retryable: true };

/** Tells `onEvent` that `origin`'s circuit moved, when it did; `config` is the request that moved it. */
const report = (services: RuleServices, config: InternalAxiosRequestConfig, origin: string, state: CircuitState | undefined): void => {
  if (state) services.emit({ type: 'circuit', origin, state, config });
};

/** Counts the request's outcome for the circuit that admitted it; runs once, when it settles. */
function count(config: InternalAxiosRequestConfig, state: RunState, outcome: Answer): void {
  const admitted = state.get(ADMITTED);
  if (!admitted) return;
  const { origin, circuit: breaker, probe, settings, options, services } = admitted;
  report(services, config, origin, breaker.settle(outcomeOf(outcome, options), probe, settings));
}

/**
 * A sampling circuit breaker per origin (DESIGN §1 "Circuit breaker"). Before every send (hops
 * and retries included) it asks the circuit of the hop's origin: open refuses at once, nothing
 * sent; half-open lets exactly one probe go. On answers it decides only to stop: its own refusal,
 * a failed probe, a failure while its circuit is open (no retry into it). The request's outcome is
 * counted once, when it settles, after every other rule is done with it (`whenSettled`).
 */
export const circuitBreakerRule: Rule = {
  id: 'circuitBreaker',
  name: 'circuitBreaker',
  beforeSend(ctx) {
    // Never `false` here: the run does not consult a rule that is turned off.
    const settings = ctx.options.circuitBreaker || undefined;
    const { coordinator } = ctx.services;
    // A coordinator of your own without the seam: nowhere to keep the circuits (docs/circuit-breaker.md).
    if (!settings || !coordinator.circuit) return undefined;
    const { hop, state, services, callerConfig } = ctx;
    const origin = hop.origin;
    const admitted = state.get(ADMITTED);
    if (admitted && admitted.origin === origin && admitted.probe) return undefined;
    const breaker = coordinator.circuit(origin, circuit);
    const admission = breaker.admit(settings);
    if (typeof admission === 'number') return Promise.reject(circuitOpenError(hop.config, origin, admission));
    const probe = admission === 'probe';
    if (probe) report(services, callerConfig, origin, 'half-open');
    if (admitted && admitted.origin === origin) {
      // A retry that found the circuit half-open went as its probe.
      if (probe) state.set(ADMITTED, { ...admitted, probe });
      return undefined;
    }
    if (admitted) {
      // A redirect to another origin: the one that redirected answered (a 3xx), and is counted so.
      report(services, callerConfig, admitted.origin, admitted.circuit.settle('success', admitted.probe, admitted.settings));
    } else {
      state.whenSettled(count);
    }
    state.set(ADMITTED, { origin, circuit: breaker, probe, settings, options: ctx.options, services });
    return undefined;
  },
  decide(answer, { state, options }) {
    // Our refusal: how long the circuit stays open is what the caller should wait.
    if (isRefusal(answer.error)) return { ...OPEN, note: { retryAfterMs: answer.error.openForMs } };
    // The common case: an answer below 400 that axios accepted is never a failure.
    if (answer.error === undefined && answer.response && answer.response.status < 400) return NEXT;
    const admitted = state.get(ADMITTED);
    if (!admitted || outcomeOf(answer, options) !== 'failure') return NEXT;
    // A failed probe is the verdict: no retry keeps the circuit half-open meanwhile. And a request
    // whose circuit opened while it was out is not retried into it: it settles with its answer.
    return admitted.probe || admitted.circuit.state !== 'closed' ? OPEN : NEXT;
  },
};
