let slots = 0;

/** A typed slot for a rule's own per-run data (`run.get(slot)`); `name` says whose it is. */
export class RunSlot<T> {
  /** Its place in a run's slot list, fixed when the rule's module loads. */
  readonly index = slots++;
  constructor(readonly name: string) {}
}
