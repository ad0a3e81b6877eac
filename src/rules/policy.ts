import type { BlockSpec } from '../options/block';
import type { BlockName } from './registry';
import type { Extensions } from './extensions';
import type { Rule } from './rule';

/**
 * One factory's part, ready to attach with `attachPolicies`: its rules, how its options are read,
 * and the options given. Made by the factories (one per rule folder, `src/rules/<name>/policy.ts`),
 * most named like their option block.
 */
export interface Policy<N extends BlockName = BlockName> {
  /** The factory's name: a policy given twice is a mistake. */
  readonly name: string;
  /** How its option block is read; `undefined` for one without a block of its own (rateLimitHeaders, errorDetails). */
  readonly spec: BlockSpec<N> | undefined;
  readonly rules: readonly Rule[];
  /** The block's options as given (checked on attach). */
  readonly options: unknown;
  /** The block it works under when it has none of its own: attaching it without that policy does nothing, so it is refused. */
  readonly needs?: BlockName;
  /** What it lends the run and the other rules (errorDetails, rateLimitHeaders). */
  readonly extensions?: Partial<Extensions>;
}

/** A policy of one option block. */
export const blockPolicy = <N extends BlockName>(spec: BlockSpec<N>, rules: readonly Rule[], options: unknown): Policy<N> => ({
  name: spec.name,
  spec,
  rules,
  options: options ?? {},
});
