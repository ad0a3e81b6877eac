/** A typed slot for a rule's own per-run data (`run.get(slot)`); `name` is its key, unique among slots. */
export class RunSlot<T> {
  constructor(readonly name: string) {}
}
