import { StatusPolicyConfigError } from '../config-error';
import { fail } from '../options/validate';
import type { OnSharedToken } from './redis-refresh';

/** `redisCoordinator(client, options)`. */
export interface RedisCoordinatorOptions {
  /**
   * Required. Names what the processes that pass it share: one access token (one API and OAuth
   * client), their origin holds and their validator cache. Every key is `{namespace}:…` (the hash
   * tag keeps a namespace on one Redis Cluster slot), the channel is `{namespace}:events`. Two apps
   * on one Redis must use two namespaces, or each would send the other's token.
   */
  namespace: string;
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
   * long at most. The refreshing process extends it every third of it while `auth.refresh` runs,
   * so a slow token endpoint does not let a second process in. @default 10000
   */
  lockTtlMs?: number;
  /**
   * How long Redis keeps the shared token when its expiry is unknown (no `expiresAt`); a token
   * whose expiry is known is kept until then. @default 3600000 (an hour)
   */
  recordTtlMs?: number;
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
export function resolveRedisOptions(options: RedisCoordinatorOptions | undefined) {
  // No default namespace: two apps on one Redis that both left it out would share a token, and
  // each would send the other's to its own API.
  if (options === undefined || (typeof options === 'object' && options !== null && options.namespace === undefined)) {
    throw new StatusPolicyConfigError(
      "redisCoordinator(client, { namespace }) needs a namespace naming the API and OAuth client whose token the processes share, e.g. redisCoordinator(redis, { namespace: 'billing-api' }); processes of another app on the same Redis must use another",
    );
  }
  if (typeof options !== 'object' || options === null) fail('redisCoordinator options', 'an object', options);
  const { namespace, onToken, expiresAt } = options;
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
    recordTtlMs: positive('redisCoordinator.recordTtlMs', options.recordTtlMs, 3_600_000),
    cacheTtlMs: positive('redisCoordinator.cacheTtlMs', options.cacheTtlMs, 86_400_000),
  };
}
