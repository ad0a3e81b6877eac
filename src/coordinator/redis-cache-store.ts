import type { CachedResponse, ValidatorStore } from '../types';
import type { RedisLink } from './redis-link';

/**
 * An entry as stored, or `undefined` (a miss) for anything that is not JSON: whoever may write
 * the key can put anything there. The cache checks the entry's shape and key before using it.
 */
function parsed(text: unknown): CachedResponse | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as CachedResponse;
  } catch {
    return undefined;
  }
}

/**
 * The validator cache's entries in Redis, shared by every process of the namespace. Entries carry
 * the credentials digest the cache keys them by (never the credentials). Each process bounds what
 * it tracks; Redis forgets an entry `ttlMs` after it was last stored. A failed or slow call is a
 * miss (the cache treats a rejection as one), never a failed request.
 */
export function redisValidatorStore(link: RedisLink, prefix: string, ttlMs: number): ValidatorStore {
  const key = (entry: string): string => `${prefix}:cache:${entry}`;
  return {
    get: (entry) => link.command('GET', [key(entry)]).then(parsed),
    set: (entry, value) => link.command('SET', [key(entry), JSON.stringify(value), 'PX', ttlMs]),
    delete: (entry) => link.command('DEL', [key(entry)]),
  };
}
