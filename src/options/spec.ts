import type { Overlaid, SchemaOf } from './validate';

// The shape of a rule's option block, written with the rule's own types (its folder's `types.ts`
// and `options.ts`), so a rule's options import nothing that lists every rule (src/options/resolved.ts).

/**
 * How one rule's option block is read: its table of keys, its defaults, and what its values become
 * once read (`Input`: what the caller writes; `Resolved`: what the rule reads). Each rule defines
 * its own in `src/rules/<name>/options.ts`, so a bundle that leaves a rule out leaves its
 * validation out too.
 */
export interface BlockSpecFor<N extends string, Input, Resolved> {
  readonly name: N;
  /** Every key of the block's options type, with what it accepts. */
  readonly schema: SchemaOf<Input>;
  /**
   * The block filled in, on when the caller does not mention it. Absent: off unless given, and
   * `start` builds it (auth needs the caller's callback).
   */
  readonly defaults?: Resolved;
  /** `true` turns the block on with its defaults (multiStatus, deleteNotFound). */
  readonly acceptsTrue?: boolean;
  /** The block is only `true` or `false`, never an object (deleteNotFound). */
  readonly switchOnly?: boolean;
  /** Per request the block can only be turned off (auth: the refresh belongs to the instance). */
  readonly instanceOnly?: boolean;
  /** Builds the values the block needs on attach beyond its defaults (auth: the callback, the refresh scope). */
  start?(input: Input, path: string): Resolved;
  /**
   * What the values become once read (upper-case methods, a filled-in cache block); may throw for
   * values that are each valid but contradict each other, naming them under `path`.
   */
  finish(block: Overlaid<Resolved, Input>, path: string): Resolved;
}
