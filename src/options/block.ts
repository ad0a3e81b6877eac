import type { BlockInputs, BlockName, OptionBlocks, ResolvedBlocks } from './resolved';
import { check, fail, isObject, overlay } from './validate';
import type { Overlaid, SchemaOf } from './validate';

/** A block as the caller's values laid over its defaults leave it, before `finish` makes it whole. */
export type OverlaidBlock<N extends BlockName> = Overlaid<ResolvedBlocks[N], BlockInputs[N]>;

/**
 * How one rule's option block is read: its table of keys, its defaults, and what its values
 * become once read. Each rule defines its own in `src/rules/<name>/options.ts`, so a bundle that
 * leaves a rule out leaves its validation out too.
 */
export interface BlockSpecOf<N extends BlockName> {
  readonly name: N;
  /** Every key of the block's options type, with what it accepts. */
  readonly schema: SchemaOf<BlockInputs[N]>;
  /**
   * The block filled in, on when the caller does not mention it. Absent: off unless given, and
   * `start` builds it (auth needs the caller's callback).
   */
  readonly defaults?: ResolvedBlocks[N];
  /** `true` turns the block on with its defaults (multiStatus, deleteNotFound). */
  readonly acceptsTrue?: boolean;
  /** The block is only `true` or `false`, never an object (deleteNotFound). */
  readonly switchOnly?: boolean;
  /** Per request the block can only be turned off (auth: the refresh belongs to the instance). */
  readonly instanceOnly?: boolean;
  /** Builds the values the block needs on attach beyond its defaults (auth: the callback, the refresh scope). */
  start?(input: BlockInputs[N], path: string): ResolvedBlocks[N];
  /**
   * What the values become once read (upper-case methods, a filled-in cache block); may throw for
   * values that are each valid but contradict each other, naming them under `path`.
   */
  finish(block: OverlaidBlock<N>, path: string): ResolvedBlocks[N];
}

/** Each block's spec. */
export type BlockSpecs = { [N in BlockName]: BlockSpecOf<N> };

/**
 * The spec of block `N`; without `N`, any one block's (a union, so each spec keeps its own types:
 * `BlockSpecOf<BlockName>` would mix every block's values in one).
 */
export type BlockSpec<N extends BlockName = BlockName> = BlockSpecs[N];

/**
 * One block: `false` stays off, `undefined` keeps `base`, `true` (where accepted) or an object
 * overrides `base` (or the defaults when `base` is off) key by key.
 */
export function readBlock<N extends BlockName>(spec: BlockSpecs[N], input: unknown, base: ResolvedBlocks[N] | false, path: string): ResolvedBlocks[N] | false {
  if (input === false) return false;
  if (input === undefined) return base;
  if (spec.switchOnly) return input === true && spec.defaults !== undefined ? spec.defaults : fail(path, 'true or false', input);
  const given = input === true && spec.acceptsTrue ? {} : input;
  if (!isObject(given)) return fail(path, spec.acceptsTrue ? 'an object, true or false' : 'an object or false', input);
  // `check` throws on anything the table does not accept; returning, it has proved `given` a block input.
  if (!check<BlockInputs[N]>(given, spec.schema, path)) return base;
  const start = base !== false ? base : spec.start ? spec.start(given, path) : spec.defaults;
  if (start === undefined) throw new TypeError(`the ${spec.name} block has neither defaults nor start`);
  return spec.finish(overlay<ResolvedBlocks[N], BlockInputs[N]>(start, given), path);
}

/** Sets one block of `blocks` (a typed write for a name known only at run time). */
export function putBlock<N extends BlockName>(blocks: OptionBlocks, name: N, value: OptionBlocks[N]): void {
  blocks[name] = value;
}
