import type { BlockSpec } from '../../options/block';
import { check, isObject, overlay } from '../../options/validate';
import type { Schema } from '../../options/validate';
import type { ResolvedCacheOptions } from './validator-cache';

export type { ResolvedCacheOptions } from './validator-cache';

export interface ResolvedNotModifiedOptions {
  cache: ResolvedCacheOptions | false;
}

const CACHE: Schema = {
  store: [
    (v) => isObject(v) && typeof v.get === 'function' && typeof v.set === 'function' && typeof v.delete === 'function',
    'an object with get, set and delete methods',
  ],
  maxEntries: 'positive',
  maxBytes: 'count',
};
const CACHE_DEFAULTS: ResolvedCacheOptions = { store: undefined, maxEntries: 500, maxBytes: 5_000_000 };

/** `cache: true` takes the defaults, an object fills the gaps. */
function cacheOptions(cache: boolean | Record<string, unknown>): ResolvedCacheOptions | false {
  if (cache === false) return false;
  return overlay(CACHE_DEFAULTS, cache === true ? {} : cache);
}

export const notModifiedOptions: BlockSpec<'notModified'> = {
  name: 'notModified',
  onByDefault: true,
  schema: {
    cache: [(v) => typeof v === 'boolean' || (isObject(v) && check(v, CACHE, 'notModified.cache')), 'true, false or { store, maxEntries, maxBytes }'],
  },
  defaults: { cache: false },
  finish: (block) => {
    block.cache = cacheOptions(block.cache as boolean | Record<string, unknown>);
  },
};
