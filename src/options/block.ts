import type { BlockInputs, BlockName, OptionBlocks, ResolvedBlocks } from './resolved';
import { check, fail, isObject, overlay } from './validate';
import type { Overlaid } from './validate';
import type { BlockSpecFor } from './spec';

/** A block as the caller's values laid over its defaults leave it, before `finish` makes it whole. */
export type OverlaidBlock<N extends BlockName> = Overlaid<ResolvedBlocks[N], BlockInputs[N]>;

/** The spec of block `N`, typed by the maps of src/options/resolved.ts. */
export type BlockSpecOf<N extends BlockName> = BlockSpecFor<N, BlockInputs[N], ResolvedBlocks[N]>;

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
