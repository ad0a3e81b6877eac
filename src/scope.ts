import type { AxiosInstance } from 'axios';
import type { WaitHost } from './delay';
import type { ResolvedOptions } from './options';
import { originGate } from './origin-gate';
import type { OriginGate } from './origin-gate';
import type { Policy } from './policy';
import type { PolicyEvent } from './types';

/** Everything one `attachStatusPolicy` call owns; `detach()` tears it down. */
export class Scope implements WaitHost {
  readonly waits = new Set<() => void>();
  /** Origin gates exist only while an origin is held or paced; empty on the happy path. */
  readonly gates = new Map<string, OriginGate>();
  detached = false;

  constructor(
    readonly instance: AxiosInstance,
    readonly options: ResolvedOptions,
    readonly policies: readonly Policy[],
    readonly now: () => number = Date.now,
  ) {}

  /** The gate of `origin`, made on first use. */
  gate(origin: string): OriginGate {
    let gate = this.gates.get(origin);
    if (!gate) this.gates.set(origin, (gate = originGate(this, this.now)));
    return gate;
  }

  /** The hook must never break a request: a throwing logger is ignored. */
  emit(event: PolicyEvent): void {
    const hook = this.options.onEvent;
    if (!hook) return;
    try {
      hook(event);
    } catch {
      // deliberately ignored
    }
  }

  detach(): void {
    this.detached = true;
    for (const end of [...this.waits]) end();
    for (const gate of this.gates.values()) gate.close();
    this.gates.clear();
  }
}
