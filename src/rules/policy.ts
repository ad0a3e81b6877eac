import type { ErrorDescriber } from '../error-details';
import type { BlockSpec } from '../options/block';
import type { BlockName } from './registry';
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

/**
 * Work an opt-in policy lends to others, so a bundle without it carries none of its code. Absent,
 * each has a plainer fallback in its user.
 */
export interface Extensions {
  /** Reads a failed response for its error message (errorDetails); absent: status and request line only. */
  describeError: ErrorDescriber;
  /**
   * The wait the rate-limit reset headers ask for, when a 429/503 has no `Retry-After`
   * (rateLimitHeaders); absent: backoff.
   */
  rateLimitReset: (headers: unknown, now: number) => number | undefined;
}

/** A policy of one option block. */
export const blockPolicy = <N extends BlockName>(spec: BlockSpec<N>, rules: readonly Rule[], options: unknown): Policy<N> => ({
  name: spec.name,
  spec,
  rules,
  options: options ?? {},
});
