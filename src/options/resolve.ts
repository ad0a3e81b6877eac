import type { Coordinator } from '../coordinator/coordinator';
import { StatusPolicyConfigError } from '../config-error';
import { BLOCK_NAMES } from '../rules/registry';
import { putBlock, readBlock } from './block';
import type { BlockSpec } from './block';
import type { OptionBlocks, ResolvedOptions, SharedOptions } from './resolved';
import { check, fail, isObject } from './validate';
import type { Kind, Schema } from './validate';

/** Blocks are read by their own spec, so here they accept anything. */
const ANY: Kind = [() => true, ''];

const withBlocks = (more: Schema): Schema => {
  const schema: Record<string, Kind> = { totalTimeoutMs: 'ms', ...more };
  for (const name of BLOCK_NAMES) schema[name] = ANY;
  return schema;
};

const isCoordinator = (v: unknown): v is Coordinator => isObject(v) && typeof v.gate === 'function';
const isEventHook = (v: unknown): v is SharedOptions['onEvent'] => typeof v === 'function';
const isAroundResend = (v: unknown): v is SharedOptions['aroundResend'] => typeof v === 'function';

const SHARED: Schema = { onEvent: 'fn', aroundResend: 'fn', coordinator: [isCoordinator, 'a coordinator (memoryCoordinator(), redisCoordinator(…), tabsCoordinator(…))'] };
/** attachStatusPolicy: every block, and the shared options. */
const TOP = /* @__PURE__ */ withBlocks(SHARED);
/** attachPolicies' third argument: the shared options only (blocks come from the factories). */
const COMPOSED: Schema = { totalTimeoutMs: 'ms', ...SHARED };
/** Per request: every block and the total budget. */
const REQUEST = /* @__PURE__ */ withBlocks({});

/** Every block off: what a block not attached stays. A block added to the registry and missing here fails to compile. */
const blocksOff = (): OptionBlocks => ({
  auth: false,
  retry: false,
  rateLimit: false,
  redirects: false,
  notModified: false,
  deleteNotFound: false,
  multiStatus: false,
  circuitBreaker: false,
});

/**
 * Reads the options of an attach once, throwing on anything unknown or malformed. `inputs` pairs
 * each attached rule's spec with what the caller gave for its block; rules not attached are off.
 */
export function resolveOptions(
  inputs: ReadonlyArray<readonly [BlockSpec, unknown]>,
  shared: unknown,
  makeCoordinator: () => Coordinator,
  composed: boolean,
): ResolvedOptions {
  const o: unknown = shared ?? {};
  if (!isObject(o)) return fail('options', 'an object', o);
  check(o, composed ? COMPOSED : TOP, '');
  const blocks = blocksOff();
  for (const [spec, input] of inputs) putBlock(blocks, spec.name, readBlock(spec, input, spec.defaults ?? false, spec.name));
  // `check` has accepted each value (or its absence).
  const { totalTimeoutMs, onEvent, aroundResend, coordinator } = o;
  return {
    ...blocks,
    totalTimeoutMs: typeof totalTimeoutMs === 'number' ? totalTimeoutMs : 0,
    onEvent: isEventHook(onEvent) ? onEvent : undefined,
    aroundResend: isAroundResend(aroundResend) ? aroundResend : undefined,
    coordinator: isCoordinator(coordinator) ? coordinator : makeCoordinator(),
  };
}

/** Applies a request's `statusPolicy` overrides; the common case (none) allocates nothing. */
export function resolveRequestOptions(base: ResolvedOptions, override: unknown, specs: readonly BlockSpec[]): ResolvedOptions {
  if (override === undefined) return base;
  if (!isObject(override)) return fail('statusPolicy', 'an object or false', override);
  check(override, REQUEST, 'statusPolicy');
  const out: ResolvedOptions = { ...base };
  // Every block name, attached or not: an override of one that is not attached is an error, not a typo.
  for (const name of BLOCK_NAMES) {
    const input = override[name];
    if (input === undefined) continue;
    const path = `statusPolicy.${name}`;
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      if (input === false) continue;
      throw new StatusPolicyConfigError(`option "${path}": the ${name} rule is not attached to this instance`);
    }
    if (spec.instanceOnly && input !== false) fail(path, `false (${name} can only be turned off per request)`, input);
    putBlock(out, spec.name, readBlock(spec, input, base[spec.name], path));
  }
  const { totalTimeoutMs } = override;
  if (typeof totalTimeoutMs === 'number') out.totalTimeoutMs = totalTimeoutMs;
  return out;
}
