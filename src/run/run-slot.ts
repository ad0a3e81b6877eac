import { SLOT_NAMES } from '../rules/registry';
import type { SlotName } from '../rules/registry';

// Every slot a rule keeps per run is listed with its rule in src/rules/registry.ts: a slot's place
// in a run's slot list is its index in SLOT_NAMES, so the list is made at its size once, never grown.
export { SLOT_NAMES };
export type { SlotName };

/** A typed slot for a rule's own per-run data (`run.get(slot)`); `name` says whose it is. */
export class RunSlot<T> {
  /** Its place in a run's slot list. */
  readonly index: number;
  constructor(readonly name: SlotName) {
    this.index = SLOT_NAMES.indexOf(name);
  }
  /** Only for the type: a slot of `T` is not a slot of another type. */
  declare readonly valueType?: T;
}
