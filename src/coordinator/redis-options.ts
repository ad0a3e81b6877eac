import { fail } from '../options/validate';
import type { OnSharedToken } from './redis-refresh';

/** `redisCoordinator(client, options)`. */
export interface RedisCoordinatorOptions {
  /**
   * Prefix of every key and of the channel. Processes that share a namespace share one token (one
   * OAuth client), their origin holds and their validator cache.
   * @default 'axios-status-policy'
   */
  namespace?: string;
  /** Longest wait for one Redis call; past it the request goes on with local coordination. @default 200 */
  commandTimeoutMs?: number;
  /**
   * Longest wait for a call of the refresh lock (on the 401 path only); past it this process
   * refreshes alone. Longer than `commandTimeoutMs` because a false alarm there means a second
   * refresh, which rotating OAuth servers punish. @default 2000
   */
  lockTimeoutMs?: number;
  /**
   * Expiry of the refresh lock: a process that dies while refreshing holds the others up this
   * long at most. Keep it above your token endpoint's slowest answer. @default 10000
   */
  lockTtlMs?: number;
  /** How long Redis keeps a validator cache entry after it was stored. @default 86400000 (a day) */
  cacheTtlMs?: number;
  /**
   * Called in a process that takes a token another process refreshed (with its `expiresAt` when
   * the refresher's `expiresAt` knew it), before its requests are repeated. Required in effect
   * when you use `auth.getAccessToken`: store the token where it reads, or this process repeats
   * its 401s with its old token. Without `getAccessToken` the policy sends the published token itself.
   */
  onToken?: OnSharedToken;
  /**
   * The expiry of the token your `auth.refresh` just stored (pass the same function as
   * `auth.expiresAt`): published with the token, handed to `onToken` in the other processes.
   */
  expiresAt?: () => number | undefined | null;
}

const positive = (path: string, value: unknown, fallback: number): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) fail(path, 'a positive number of milliseconds', value);
  return value as number;
};

/** The options filled in and checked (a bad one is a StatusPolicyConfigError). */
export function resolveRedisOptions(options: RedisCoordinatorOptions) {
  if (typeof options !== 'object' || options === null) fail('redisCoordinator options', 'an object', options);
  const { namespace = 'axios-status-policy', onToken, expiresAt } = options;
  if (typeof namespace !== 'string' || !namespace) fail('redisCoordinator.namespace', 'a non-empty string', namespace);
  if (onToken !== undefined && typeof onToken !== 'function') fail('redisCoordinator.onToken', 'a function', onToken);
  if (expiresAt !== undefined && typeof expiresAt !== 'function') fail('redisCoordinator.expiresAt', 'a function', expiresAt);
  return {
    namespace,
    onToken,
    expiresAt,
    commandTimeoutMs: positive('redisCoordinator.commandTimeoutMs', options.commandTimeoutMs, 200),
    lockTimeoutMs: positive('redisCoordinator.lockTimeoutMs', options.lockTimeoutMs, 2000),
    lockTtlMs: positive('redisCoordinator.lockTtlMs', options.lockTtlMs, 10_000),
    cacheTtlMs: positive('redisCoordinator.cacheTtlMs', options.cacheTtlMs, 86_400_000),
  };
}
