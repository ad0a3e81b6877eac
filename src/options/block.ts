import type { BlockName, ResolvedOptions } from './resolved';
import { check, fail, isObject, overlay } from './validate';
import type { Schema } from './validate';

/**
 * How one rule's option block is read: its table of keys, its defaults, and what its values
 * become once read. Each rule defines its own in `src/rules/<name>/options.ts`, so a bundle that
 * leaves a rule out leaves its validation out too.
 */
export interface BlockSpec<N extends BlockName = BlockName> {
  readonly name: N;
  readonly schema: Schema;
  /** The block filled in (absent where `start` builds it). */
  readonly defaults?: Exclude<ResolvedOptions[N], false>;
  /** Whether the block is on when the caller does not mention it (auth needs a callback: off). */
  readonly onByDefault: boolean;
  /** `true` turns the block on with its defaults (multiStatus, deleteNotFound). */
  readonly acceptsTrue?: boolean;
  /** Per request the block can only be turned off (auth: the refresh belongs to the instance). */
  readonly instanceOnly?: boolean;
  /** Builds the values the block needs on attach beyond its defaults (auth: the callback, the refresh scope). */
  readonly start?: (input: Record<string, unknown>, path: string) => Exclude<ResolvedOptions[N], false>;
  /**
   * What the values become once read (upper-case methods, a filled-in cache block); may throw for
   * values that are each valid but contradict each other, naming them under `path`.
   */
  readonly finish?: (block: Record<string, unknown>, path: string) => void;
}

/**
 * One block: `false` stays off, `undefined` keeps `base`, `true` (where accepted) or an object
 * overrides `base` (or the defaults when `base` is off) key by key.
 */
export function readBlock<N extends BlockName>(spec: BlockSpec<N>, input: unknown, base: ResolvedOptions[N], path: string): ResolvedOptions[N] {
  if (input === false || input === undefined) return input === false ? (false as ResolvedOptions[N]) : base;
  // A block that is only on or off (deleteNotFound).
  if (typeof spec.defaults === 'boolean') return input === true ? (true as ResolvedOptions[N]) : fail(path, 'true or false', input);
  const given = input === true && spec.acceptsTrue ? {} : input;
  if (!isObject(given)) return fail(path, spec.acceptsTrue ? 'an object, true or false' : 'an object or false', input);
  check(given, spec.schema, path);
  const start = base || (spec.start ? spec.start(given, path) : spec.defaults);
  const out = overlay(start as Record<string, unknown>, given);
  spec.finish?.(out, path);
  return out as ResolvedOptions[N];
}
