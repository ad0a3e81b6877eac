/**
 * Every slot a rule keeps per run, in one list (as `RULE_ORDER` lists the rules): a slot's place
 * in a run's slot list is its index here, so the list is made at its size once, never grown, and
 * nothing is counted at module load.
 */
export const SLOT_NAMES = ['auth', 'auth.tokenRequest', 'rateLimit.released', 'redirects.caller', 'notModified', 'circuitBreaker'] as const;

export type SlotName = (typeof SLOT_NAMES)[number];

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
