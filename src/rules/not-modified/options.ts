import type { BlockSpecFor } from '../../options/spec';
import { check, isObject, overlay } from '../../options/validate';
import type { SchemaOf } from '../../options/validate';
import type { NotModifiedOptions, ValidatorCacheOptions } from './types';
import type { ResolvedCacheOptions } from './validator-cache';

export type { ResolvedCacheOptions } from './validator-cache';

export interface ResolvedNotModifiedOptions {
  cache: ResolvedCacheOptions | false;
}

const CACHE: SchemaOf<ValidatorCacheOptions> = {
  store: [
    (v) => isObject(v) && typeof v.get === 'function' && typeof v.set === 'function' && typeof v.delete === 'function',
    'an object with get, set and delete methods',
  ],
  maxEntries: 'positive',
  maxBytes: 'count',
};
const CACHE_DEFAULTS: ResolvedCacheOptions = { store: undefined, maxEntries: 500, maxBytes: 5_000_000 };

/** `cache: true` takes the defaults, an object fills the gaps. */
function cacheOptions(cache: boolean | ValidatorCacheOptions | ResolvedCacheOptions): ResolvedCacheOptions | false {
  if (cache === false) return false;
  return overlay(CACHE_DEFAULTS, cache === true ? {} : cache);
}

export const notModifiedOptions: BlockSpecFor<'notModified', NotModifiedOptions, ResolvedNotModifiedOptions> = {
  name: 'notModified',
  schema: {
    cache: [(v) => typeof v === 'boolean' || (isObject(v) && check(v, CACHE, 'notModified.cache')), 'true, false or { store, maxEntries, maxBytes }'],
  },
  defaults: { cache: false },
  finish: (block) => ({ cache: cacheOptions(block.cache) }),
};
