import type { ValidatorCache } from '../rules/not-modified/validator-cache';
import type { WaitHost } from '../run/wait';
import type { Coordinator } from './coordinator';
import type { OriginGate } from './origin-gate';
import type { RetryBudget } from './retry-budget';

/** Past this many origins, budgets with nothing in their window are forgotten (a crawler's thousands of hosts). */
const BUDGETS_KEPT = 256;

/**
 * Shared state in this JS context only: the default. Pass one coordinator to several attaches to
 * share holds and the validator cache between their instances (the refresh is shared with
 * `auth.scope`).
 */
export function memoryCoordinator(now: () => number = Date.now): Coordinator {
  /** Origin gates exist only while an origin is held or paced; empty on the happy path. */
  const gates = new Map<string, OriginGate>();
  const caches = new Map<object, ValidatorCache>();
  const budgets = new Map<string, RetryBudget>();
  /** The budget asked for last: most instances talk to one origin, and a Map lookup hashes the string anew. */
  let lastOrigin: string | undefined;
  let lastBudget: RetryBudget | undefined;
  const ownStore = {};
  /** Waits on gates, ended when the last attach using this coordinator is detached. */
  const waits: WaitHost = { waits: new Set() };
  /** The attaches using this coordinator: detaching one must not end another's waits. */
  const owners = new Set<object>();

  return {
    refreshScope: (scope) => scope,
    gate(origin, create) {
      let gate = gates.get(origin);
      if (!gate) gates.set(origin, (gate = create(waits, now)));
      return gate;
    },
    busyGate(origin, success) {
      const gate = gates.get(origin);
      if (gate && !gate.idle(success)) return gate;
      gates.delete(origin);
      return undefined;
    },
    get holding() {
      return gates.size > 0;
    },
    retryBudget(origin, create) {
      if (origin === lastOrigin && lastBudget) return lastBudget;
      let budget = budgets.get(origin);
      if (!budget) {
        if (budgets.size >= BUDGETS_KEPT) {
          lastOrigin = undefined;
          for (const [key, idle] of budgets) if (idle.idle()) budgets.delete(key);
        }
        budgets.set(origin, (budget = create(now)));
      }
      lastOrigin = origin;
      return (lastBudget = budget);
    },
    validatorCache(options, create) {
      const owner = options.store || ownStore;
      let cache = caches.get(owner);
      if (!cache) caches.set(owner, (cache = create(options)));
      return cache;
    },
    connect(owner) {
      owners.add(owner);
    },
    detach(owner) {
      owners.delete(owner);
      if (owners.size) return;
      for (const end of [...waits.waits]) end();
      for (const gate of gates.values()) gate.close();
      gates.clear();
    },
  };
}
