import type { RedisLink } from './redis-link';

/** A token as Redis keeps it: the fence of the refresh that produced it orders it. */
export interface TokenRecord {
  fence: number;
  token: string | undefined;
  expiresAt: number | undefined;
}

/** What trying to take the refresh lock found. */
export type LockStep =
  /** A newer token than the caller's is already stored: use it, refresh nothing. */
  | { kind: 'newer'; record: TokenRecord }
  /** The lock is ours; `fence` numbers this refresh (INCR, so always above every earlier one). */
  | { kind: 'acquired'; fence: number; value: string }
  /** Another process holds it, for `ttlMs` more at most. */
  | { kind: 'held'; ttlMs: number };

// KEYS: token record (hash), lock, fence counter. ARGV: the caller's fence, lock value, lock TTL.
// One round trip, atomic: a newer stored token wins over taking the lock.
const ACQUIRE = `
local stored = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
if stored > tonumber(ARGV[1]) then
  return {1, stored, redis.call('HGET', KEYS[1], 'token') or '', redis.call('HGET', KEYS[1], 'expiresAt') or ''}
end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then
  return {2, redis.call('INCR', KEYS[3])}
end
return {3, redis.call('PTTL', KEYS[2])}`;

// KEYS: token record, lock. ARGV: fence, token, expiresAt, lock value, channel, message.
// Stores the token only when no newer refresh stored one (the fence: a winner whose lock expired
// while it refreshed cannot overwrite a later winner's token), releases the lock if still ours,
// and publishes. Refused: returns the newer record instead.
const STORE = `
local stored = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
if stored >= tonumber(ARGV[1]) then
  return {0, stored, redis.call('HGET', KEYS[1], 'token') or '', redis.call('HGET', KEYS[1], 'expiresAt') or ''}
end
redis.call('HSET', KEYS[1], 'fence', ARGV[1], 'token', ARGV[2], 'expiresAt', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('DEL', KEYS[2]) end
redis.call('PUBLISH', ARGV[5], ARGV[6])
return {1}`;

// KEYS: lock. ARGV: lock value, channel, message. A failed refresh: release if still ours, tell the waiters.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1`;

const number = (value: unknown): number => (typeof value === 'number' ? value : Number(value) || 0);

function record(reply: unknown[]): TokenRecord {
  const expiresAt = Number(reply[3]);
  return { fence: number(reply[1]), token: String(reply[2] ?? '') || undefined, expiresAt: reply[3] && expiresAt ? expiresAt : undefined };
}

/** A random lock value: only its owner may release the lock. */
const lockValue = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;

/**
 * The refresh lock of one namespace, with its fencing counter and the stored token. Its calls get
 * their own, longer time box: they are made on the 401 path, which waits for a token endpoint
 * anyway, and taking a slow answer for a lost Redis there would refresh locally, a second refresh
 * that a rotating OAuth server answers by revoking the first.
 */
export function refreshLock(link: RedisLink, namespace: string, channel: string, ttlMs: number, timeoutMs: number) {
  const keys = { record: `${namespace}:refresh:token`, lock: `${namespace}:refresh:lock`, fence: `${namespace}:refresh:fence` };
  const asArray = (reply: unknown): unknown[] => (Array.isArray(reply) ? reply : []);
  return {
    async acquire(known: number): Promise<LockStep> {
      const value = lockValue();
      const reply = asArray(await link.command('EVAL', [ACQUIRE, 3, keys.record, keys.lock, keys.fence, known, value, ttlMs], timeoutMs));
      const kind = number(reply[0]);
      if (kind === 1) return { kind: 'newer', record: record(reply) };
      if (kind === 2) return { kind: 'acquired', fence: number(reply[1]), value };
      // PTTL is -1 (no expiry: cannot happen, we always set one) or -2 (just released): retry soon.
      return { kind: 'held', ttlMs: Math.max(0, number(reply[1])) };
    },
    /** `undefined` when stored and published; else the newer record that won. */
    async store(next: TokenRecord, value: string, message: string): Promise<TokenRecord | undefined> {
      const args = [next.fence, next.token ?? '', next.expiresAt ?? '', value, channel, message];
      const reply = asArray(await link.command('EVAL', [STORE, 2, keys.record, keys.lock, ...args], timeoutMs));
      return number(reply[0]) === 1 ? undefined : record(reply);
    },
    release(value: string, message: string): Promise<unknown> {
      return link.command('EVAL', [RELEASE, 1, keys.lock, value, channel, message], timeoutMs);
    },
  };
}

export type RefreshLock = ReturnType<typeof refreshLock>;
