import type { Circuit, CircuitSettings } from '../rules/circuit-breaker/circuit';

/** What a circuit tells the other processes or tabs: it opened for `openMs`, or it closed. */
export type CircuitNotice = { state: 'open'; openMs: number } | { state: 'closed' };

/**
 * `circuit` whose own moves (a window that failed, a probe's verdict) are published; moves
 * received from elsewhere (`trip`, `reset`) are not, so nothing echoes. Made once per origin.
 */
export function publishingCircuit(circuit: Circuit, publish: (notice: CircuitNotice) => void): Circuit {
  return {
    get state() {
      return circuit.state;
    },
    admit: (settings) => circuit.admit(settings),
    settle(outcome, probe, settings: CircuitSettings) {
      const moved = circuit.settle(outcome, probe, settings);
      if (moved === 'open') publish({ state: 'open', openMs: settings.openMs });
      else if (moved === 'closed') publish({ state: 'closed' });
      return moved;
    },
    trip: (openMs) => circuit.trip(openMs),
    reset: () => circuit.reset(),
    idle: () => circuit.idle(),
  };
}
