import type { CachedResponse, ValidatorStore } from '../types';
import type { RedisLink } from './redis-link';

/**
 * The validator cache's entries in Redis, shared by every process of the namespace. Entries carry
 * the credentials digest the cache keys them by (never the credentials). Each process bounds what
 * it tracks; Redis forgets an entry `ttlMs` after it was last stored. A failed or slow call is a
 * miss (the cache treats a rejection as one), never a failed request.
 */
export function redisValidatorStore(link: RedisLink, namespace: string, ttlMs: number): ValidatorStore {
  const key = (entry: string): string => `${namespace}:cache:${entry}`;
  return {
    get: (entry) =>
      link.command('GET', [key(entry)]).then((text) => (typeof text === 'string' ? (JSON.parse(text) as CachedResponse) : undefined)),
    set: (entry, value) => link.command('SET', [key(entry), JSON.stringify(value), 'PX', ttlMs]),
    delete: (entry) => link.command('DEL', [key(entry)]),
  };
}
