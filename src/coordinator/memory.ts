import { originOf } from '../http/url';
import type { ValidatorCache } from '../rules/not-modified/validator-cache';
import type { WaitHost } from '../run/wait';
import type { Circuit } from '../rules/circuit-breaker/circuit';
import type { Coordinator, MakeCircuit, MakeOriginGate } from './coordinator';
import { OriginTable } from './origin-table';
import type { OriginGate } from '../rules/rate-limit/origin-gate';
import type { RetryBudget } from '../rules/retry/retry-budget';

/** Past this many origins, budgets and circuits with nothing in their window are forgotten (a crawler's thousands of hosts). */
const ORIGINS_KEPT = 256;

/** The longest received hold when no attach connected has rateLimit on: rateLimit's default `maxRetryAfterMs`. */
const DEFAULT_MAX_HOLD_MS = 60_000;
/**
 * Origins held at once past which a hold received for one more is ignored: each costs a gate
 * (about 1.5 KB), and a hostile publisher would otherwise grow memory without end. Far above the
 * origins one app talks to; the origins beyond it are still held by their own 429s.
 */
export const MAX_HELD_ORIGINS = 10_000;
/** How often gates are looked at, while any exist after a received hold, to forget those that are over. */
const SWEEP_MS = 1000;
/** Longer than any origin (scheme, host, port) a request of ours goes to. */
const MAX_ORIGIN_LENGTH = 2048;

/** `scheme://host:port` as `originOf` writes it (the gates' key), or `''`, the page's own origin. */
const isOrigin = (origin: unknown): origin is string =>
  typeof origin === 'string' && origin.length <= MAX_ORIGIN_LENGTH && originOf({ url: origin }) === origin;

/** The in-memory coordinator, with what the shared ones (Redis, tabs) build on. */
export interface LocalCoordinator extends Coordinator {
  /**
   * Applies a hold another process or tab placed on `origin` for `waitMs`, as the local mirror.
   * Nothing there is trusted: a hold that is not a finite positive wait on something shaped like
   * an origin is ignored, the wait is clamped to the longest hold an attach connected here would
   * place itself, and beyond `MAX_HELD_ORIGINS` origins a hold for another is ignored. Mirrored
   * gates are forgotten once their hold is over and nobody waits. Returns whether it was applied.
   */
  mirror(origin: unknown, waitMs: unknown, paced: boolean, create: MakeOriginGate): boolean;
  /**
   * Applies a circuit move another process or tab made on `origin`: open for `openMs` (clamped by
   * the circuit to the `openMs` it is used with here) or closed. Checked like a received hold:
   * shaped like an origin, a finite positive wait, at most `MAX_HELD_ORIGINS` origins. Whether it moved.
   */
  mirrorCircuit(origin: unknown, state: unknown, openMs: unknown, create: MakeCircuit): boolean;
  /** `circuit`, always there. */
  circuit(origin: string, create: MakeCircuit): Circuit;
}

/**
 * Shared state in this JS context only: the default. Pass one coordinator to several attaches to
 * share holds and the validator cache between their instances (the refresh is shared with
 * `auth.scope`).
 */
export function memoryCoordinator(now: () => number = Date.now): Coordinator {
  return localCoordinator(now);
}

/** {@link memoryCoordinator}, with `mirror` for the shared coordinators; `maxHeld` bounds mirrored origins. */
export function localCoordinator(now: () => number = Date.now, maxHeld = MAX_HELD_ORIGINS): LocalCoordinator {
  /** Origin gates exist only while an origin is held or paced; empty on the happy path. */
  const gates = new Map<string, OriginGate>();
  const caches = new Map<object, ValidatorCache>();
  const budgets = new OriginTable<RetryBudget>(ORIGINS_KEPT, now);
  /** Circuit breakers by origin, made on first use (only with `circuitBreaker` on). */
  const circuits = new OriginTable<Circuit>(ORIGINS_KEPT, now);
  const ownStore = {};
  /** Waits on gates, ended when the last attach using this coordinator is detached. */
  const waits: WaitHost = { waits: new Set() };
  /** The attaches using this coordinator (detaching one must not end another's waits), and the longest hold each places. */
  const owners = new Map<object, number | undefined>();
  /** The longest hold received from elsewhere is held: the largest of the owners' own. */
  let mirrorLimitMs = DEFAULT_MAX_HOLD_MS;
  /** Forgets gates that are over, while any exist after a received hold (busyGate forgets only those requests go to). */
  let sweeper: ReturnType<typeof setTimeout> | undefined;

  const forgetIdle = (): void => {
    for (const [origin, gate] of gates) {
      if (!gate.idle()) continue;
      gate.close();
      gates.delete(origin);
    }
  };
  const sweep = (): void => {
    sweeper = undefined;
    forgetIdle();
    if (gates.size) armSweep();
  };
  const armSweep = (): void => {
    if (sweeper !== undefined) return;
    const timer: unknown = (sweeper = setTimeout(sweep, SWEEP_MS));
    // In Node, a hold is no reason to keep the process alive (browsers' timers are numbers).
    if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') timer.unref();
  };
  const circuitOf = (origin: string, create: MakeCircuit): Circuit => circuits.get(origin, create);
  const learnLimits = (): void => {
    const limits = [...owners.values()].filter((ms): ms is number => ms !== undefined);
    mirrorLimitMs = limits.length ? Math.max(...limits) : DEFAULT_MAX_HOLD_MS;
  };

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
    retryBudget: (origin, create) => budgets.get(origin, create),
    validatorCache(options, create) {
      const owner = options.store || ownStore;
      let cache = caches.get(owner);
      if (!cache) caches.set(owner, (cache = create(options)));
      return cache;
    },
    circuit: circuitOf,
    mirrorCircuit(origin, state, openMs, create) {
      if (!isOrigin(origin)) return false;
      if (state === 'closed') return circuits.peek(origin)?.reset() ?? false;
      if (state !== 'open' || typeof openMs !== 'number' || !Number.isFinite(openMs) || openMs <= 0) return false;
      // Full: a notice for one more origin is ignored (that origin still opens by its own failures).
      if (!circuits.peek(origin) && circuits.size >= maxHeld) return false;
      return circuitOf(origin, create).trip(openMs);
    },
    mirror(origin, waitMs, paced, create) {
      if (!isOrigin(origin) || typeof waitMs !== 'number' || !Number.isFinite(waitMs) || waitMs <= 0) return false;
      let gate = gates.get(origin);
      if (!gate) {
        // Full: the sweep frees the places of holds that are over; nothing is scanned per message.
        if (gates.size >= maxHeld) return false;
        gates.set(origin, (gate = create(waits, now)));
      }
      gate.hold(Math.min(waitMs, mirrorLimitMs), paced);
      armSweep();
      return true;
    },
    connect(owner, _emit, limits) {
      owners.set(owner, limits?.maxHoldMs);
      learnLimits();
    },
    detach(owner) {
      owners.delete(owner);
      learnLimits();
      if (owners.size) return;
      clearTimeout(sweeper);
      sweeper = undefined;
      for (const end of [...waits.waits]) end();
      for (const gate of gates.values()) gate.close();
      gates.clear();
    },
  };
}
