import type { Coordinator } from '../coordinator/coordinator';
import { StatusPolicyConfigError } from '../errors';
import { readBlock } from './block';
import type { BlockSpec } from './block';
import type { BlockName, ResolvedOptions } from './resolved';
import { check, fail, isObject } from './validate';
import type { Kind, Schema } from './validate';

/** Every block name, attached or not: a per-request override of one that is not attached is an error, not a typo. */
const BLOCK_NAMES: readonly BlockName[] = ['auth', 'retry', 'rateLimit', 'redirects', 'notModified', 'deleteNotFound', 'multiStatus'];

/** Blocks are read by their own spec, so here they accept anything. */
const ANY: Kind = [() => true, ''];

const withBlocks = (more: Schema): Schema => {
  const schema: Record<string, Kind> = { totalTimeoutMs: 'ms', ...more };
  for (const name of BLOCK_NAMES) schema[name] = ANY;
  return schema;
};

const SHARED: Schema = { onEvent: 'fn', aroundResend: 'fn', coordinator: [(v) => isObject(v) && typeof v.gate === 'function', 'a coordinator (memoryCoordinator(), redisCoordinator(…), tabsCoordinator(…))'] };
/** attachStatusPolicy: every block, and the shared options. */
const TOP = /* @__PURE__ */ withBlocks(SHARED);
/** attachPolicies' third argument: the shared options only (blocks come from the factories). */
const COMPOSED: Schema = { totalTimeoutMs: 'ms', ...SHARED };
/** Per request: every block and the total budget. */
const REQUEST = /* @__PURE__ */ withBlocks({});

/** What attach reads besides the blocks. */
interface SharedOptions {
  totalTimeoutMs: number;
  onEvent: ResolvedOptions['onEvent'];
  aroundResend: ResolvedOptions['aroundResend'];
  coordinator: Coordinator;
}

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
  const resolved: Record<string, unknown> = {};
  for (const name of BLOCK_NAMES) resolved[name] = false;
  for (const [spec, input] of inputs) {
    const base = spec.onByDefault ? spec.defaults! : false;
    resolved[spec.name] = readBlock(spec, input, base, spec.name);
  }
  const rest: SharedOptions = {
    totalTimeoutMs: (o.totalTimeoutMs as number | undefined) ?? 0,
    onEvent: o.onEvent as ResolvedOptions['onEvent'],
    aroundResend: o.aroundResend as ResolvedOptions['aroundResend'],
    coordinator: (o.coordinator as Coordinator | undefined) ?? makeCoordinator(),
  };
  return { ...(resolved as Omit<ResolvedOptions, keyof SharedOptions>), ...rest };
}

/** Applies a request's `statusPolicy` overrides; the common case (none) allocates nothing. */
export function resolveRequestOptions(base: ResolvedOptions, override: unknown, specs: readonly BlockSpec[]): ResolvedOptions {
  if (override === undefined) return base;
  if (!isObject(override)) return fail('statusPolicy', 'an object or false', override);
  check(override, REQUEST, 'statusPolicy');
  const out: Record<string, unknown> = { ...base };
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
    out[name] = readBlock(spec, input, base[name], path);
  }
  if (override.totalTimeoutMs !== undefined) out.totalTimeoutMs = override.totalTimeoutMs;
  return out as unknown as ResolvedOptions;
}
