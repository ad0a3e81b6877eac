import { RunSlot } from '../../run/run-slot';
import type { Run } from '../../run/run';
import { NEXT } from '../rule';
import type { Decision, Rule } from '../rule';
import { circuit } from './circuit';
import type { Circuit, CircuitState } from './circuit';
import { circuitOpenError, isCircuitOpen } from './error';
import type { ResolvedCircuitBreakerOptions } from './options';
import { outcomeOf } from './outcome';

/** The circuit a run was admitted by, counted once when the run settles. */
interface Admitted {
  origin: string;
  circuit: Circuit;
  /** The run is its circuit's one half-open probe: its own retries still go. */
  probe: boolean;
  settings: ResolvedCircuitBreakerOptions;
}

const ADMITTED = new RunSlot<Admitted>('circuitBreaker');

/** Refused by an open circuit, or failed while it is open: settles as it is, saying why (no other rule may retry it). */
const OPEN: Decision = { type: 'stop', reason: 'circuit-open', retryable: true };

/** Tells `onEvent` that `origin`'s circuit moved, when it did; `run` is the request that moved it. */
const report = (run: Run, origin: string, state: CircuitState | undefined): void => {
  if (state) run.host.emit({ type: 'circuit', origin, state, config: run.config });
};

/** Counts the run's outcome for the circuit that admitted it; runs once, when it settles. */
function count(run: Run): void {
  const admitted = run.get(ADMITTED);
  if (!admitted || !run.outcome) return;
  const { origin, circuit: breaker, probe, settings } = admitted;
  report(run, origin, breaker.settle(outcomeOf(run.outcome, run.options), probe, settings));
}

/**
 * A sampling circuit breaker per origin (DESIGN §1 "Circuit breaker"). Before every send (hops
 * and retries included) it asks the circuit of the hop's origin: open refuses at once, nothing
 * sent; half-open lets exactly one probe go. On answers it decides only to stop: its own refusal,
 * a failed probe, a failure while its circuit is open (no retry into it). The run's outcome is
 * counted once, when it settles, after every other rule is done with it.
 */
export const circuitBreakerRule: Rule = {
  id: 'circuitBreaker',
  name: 'circuitBreaker',
  beforeSend(ctx) {
    // Never `false` here: the run does not consult a rule that is turned off.
    const settings = ctx.options.circuitBreaker || undefined;
    const coordinator = ctx.host.options.coordinator;
    // A coordinator of your own without the seam: nowhere to keep the circuits (docs/circuit-breaker.md).
    if (!settings || !coordinator.circuit) return undefined;
    const { run, hop } = ctx;
    const origin = hop.origin;
    const admitted = run.get(ADMITTED);
    if (admitted && admitted.origin === origin && admitted.probe) return undefined;
    const breaker = coordinator.circuit(origin, circuit);
    const admission = breaker.admit(settings);
    if (typeof admission === 'number') {
      run.retryAfterMs = admission;
      return Promise.reject(circuitOpenError(hop.config, origin, admission));
    }
    const probe = admission === 'probe';
    if (probe) report(run, origin, 'half-open');
    if (admitted && admitted.origin === origin) {
      // A retry that found the circuit half-open went as its probe.
      if (probe) admitted.probe = true;
      return undefined;
    }
    if (admitted) {
      // A redirect to another origin: the one that redirected answered (a 3xx), and is counted so.
      report(run, admitted.origin, admitted.circuit.settle('success', admitted.probe, admitted.settings));
    } else {
      run.whenSettled(count);
    }
    run.set(ADMITTED, { origin, circuit: breaker, probe, settings });
    return undefined;
  },
  decide(answer, { run, options }) {
    if (isCircuitOpen(answer.error)) return OPEN;
    // The common case: an answer below 400 that axios accepted is never a failure.
    if (answer.error === undefined && answer.response && answer.response.status < 400) return NEXT;
    const admitted = run.get(ADMITTED);
    if (!admitted || outcomeOf(answer, options) !== 'failure') return NEXT;
    // A failed probe is the verdict: no retry keeps the circuit half-open meanwhile. And a request
    // whose circuit opened while it was out is not retried into it: it settles with its answer.
    return admitted.probe || admitted.circuit.state !== 'closed' ? OPEN : NEXT;
  },
};
