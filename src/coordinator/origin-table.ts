/**
 * Per-origin state that lives as long as it is useful (retry budgets, circuit breakers): made on
 * first use, and past `kept` origins the idle entries are forgotten before a new one is added.
 */
export class OriginTable<T extends { idle(): boolean }> {
  private readonly entries = new Map<string, T>();
  /** The entry asked for last: most instances talk to one origin, and a Map lookup hashes the string anew. */
  private lastOrigin: string | undefined;
  private last: T | undefined;

  constructor(
    private readonly kept: number,
    /** The coordinator's clock, handed to what makes an entry. */
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry of `origin` if there is one; never makes one. */
  peek(origin: string): T | undefined {
    return this.entries.get(origin);
  }

  /** The entry of `origin`, made with `create` on the coordinator's clock on first use. */
  get(origin: string, create: (now: () => number) => T): T {
    if (origin === this.lastOrigin && this.last) return this.last;
    let entry = this.entries.get(origin);
    if (!entry) {
      if (this.entries.size >= this.kept) {
        this.lastOrigin = undefined;
        for (const [key, known] of this.entries) if (known.idle()) this.entries.delete(key);
      }
      this.entries.set(origin, (entry = create(this.now)));
    }
    this.lastOrigin = origin;
    return (this.last = entry);
  }
}
