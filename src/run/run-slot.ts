let slots = 0;

/** How many slots the loaded rules made: a run's list is made this long at once, not grown. */
export const slotCount = (): number => slots;

/** A typed slot for a rule's own per-run data (`run.get(slot)`); `name` says whose it is. */
export class RunSlot<T> {
  /** Its place in a run's slot list, fixed when the rule's module loads. */
  readonly index = slots++;
  constructor(readonly name: string) {}
}
