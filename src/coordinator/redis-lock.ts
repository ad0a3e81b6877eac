import type { RedisLink } from './redis-link';

/** A token as Redis keeps it: the fence of the refresh that produced it orders it. */
export interface TokenRecord {
  fence: number;
  token: string | undefined;
  expiresAt: number | undefined;
}

/**
 * What the scripts found of the shared record before they used it: `ok`, `created` (it was not
 * there: first use, expiry, or data lost to a restart without persistence, FLUSHALL or eviction),
 * or `repaired` (it held something that was not ours, and was replaced).
 */
export type RecordState = 'ok' | 'created' | 'repaired';

/** What trying to take the refresh lock found. */
export type LockStep = { state: RecordState } & (
  /** A newer token than the caller's is already stored: use it, refresh nothing. */
  | { kind: 'newer'; record: TokenRecord }
  /** The lock is ours; `fence` numbers this refresh, above every fence issued before. */
  | { kind: 'acquired'; fence: number; value: string }
  /** Another process (`holder`, its lock value) holds it, for `ttlMs` more at most. */
  | { kind: 'held'; ttlMs: number; holder: string }
);

// One hash holds the fence counter (`next`) and the stored token (`fence`, `token`, `expiresAt`),
// so eviction or expiry takes them together: a counter lost alone would number new refreshes
// below the stored token's fence and have them refused. A record created anew starts its counter
// at Redis's clock in microseconds (and never below the caller's fence), so fences keep rising
// through a restart without persistence or a FLUSHALL: processes that remember an old fence take
// the new tokens. Anything that is not such a record (another type, fields that are not plain
// integers, which HINCRBY and PEXPIREAT would fail on) is deleted and counted as lost.
const CHECK = `
local state = 0
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'hash' and kind ~= 'none' then redis.call('DEL', KEYS[1]); state = 2 end
local next = redis.call('HGET', KEYS[1], 'next')
local fence = redis.call('HGET', KEYS[1], 'fence')
local expiresAt = redis.call('HGET', KEYS[1], 'expiresAt') or ''
local digits = function (value) return value and string.match(value, '^%d+$') ~= nil end
if (next and not digits(next)) or (fence and not digits(fence)) or (fence and not next) or (expiresAt ~= '' and not digits(expiresAt)) then
  redis.call('DEL', KEYS[1]); state = 2; next = false; fence = false
end
if not next then
  local now = redis.call('TIME')
  next = now[1] .. string.format('%06d', tonumber(now[2]))
  if tonumber(next) < tonumber(ARGV[1]) then next = ARGV[1] end
  redis.call('HSET', KEYS[1], 'next', next)
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  if state == 0 then state = 1 end
end
`;

// KEYS: record (hash), lock. ARGV: the caller's fence, lock value, lock TTL, (unused: CHECK, shared
// with STORE, reads the record TTL from ARGV[5] in both), record TTL.
// One round trip, atomic: a newer stored token wins over taking the lock.
const ACQUIRE = `${CHECK}
local stored = tonumber(fence or '0')
if stored > tonumber(ARGV[1]) then
  return {1, state, stored, redis.call('HGET', KEYS[1], 'token') or '', expiresAt}
end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then
  if tonumber(next) < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'next', ARGV[1]) end
  return {2, state, redis.call('HINCRBY', KEYS[1], 'next', 1)}
end
return {3, state, redis.call('PTTL', KEYS[2]), redis.call('GET', KEYS[2]) or ''}`;

// KEYS: record, lock. ARGV: fence, token, expiresAt, lock value, record TTL, channel, notice.
// Stores the token only when no newer refresh stored one (the fence: a winner whose lock expired
// while it refreshed cannot overwrite a later winner's token), releases the lock if still ours,
// and publishes the notice. The record expires with the token when its expiry is known.
// Refused: returns the newer record instead.
const STORE = `${CHECK}
local stored = tonumber(fence or '0')
if stored >= tonumber(ARGV[1]) then
  return {0, state, stored, redis.call('HGET', KEYS[1], 'token') or '', expiresAt}
end
if tonumber(next) < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'next', ARGV[1]) end
redis.call('HSET', KEYS[1], 'fence', ARGV[1], 'token', ARGV[2], 'expiresAt', ARGV[3])
local now = redis.call('TIME')
if ARGV[3] ~= '' and tonumber(ARGV[3]) > tonumber(now[1]) * 1000 then
  redis.call('PEXPIREAT', KEYS[1], ARGV[3])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
end
if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('DEL', KEYS[2]) end
redis.call('PUBLISH', ARGV[6], ARGV[7])
return {1, state}`;

// KEYS: lock. ARGV: lock value, channel, message. A failed refresh: release if still ours, tell the waiters.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1`;

// KEYS: lock. ARGV: lock value, lock TTL. Extends the lock while its refresh runs, only while ours.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const STATES: readonly RecordState[] = ['ok', 'created', 'repaired'];

const number = (value: unknown): number => (typeof value === 'number' ? value : Number(value) || 0);
const state = (reply: unknown[]): RecordState => STATES[number(reply[1])] ?? 'ok';

/** A stored record from `fence, token, expiresAt` replies; `undefined` when none is stored. */
function record(fence: unknown, token: unknown, expiresAt: unknown): TokenRecord {
  const expiry = Number(expiresAt);
  return { fence: number(fence), token: typeof token === 'string' && token ? token : undefined, expiresAt: expiresAt && expiry > 0 ? expiry : undefined };
}

/** A random lock value: only its owner may release or renew the lock. */
const lockValue = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;

export interface RefreshLockOptions {
  /** The namespace's hash tag, `{namespace}`: every key of one namespace lands on one cluster slot. */
  tag: string;
  channel: string;
  ttlMs: number;
  /** How long a record whose token's expiry is unknown is kept. */
  recordTtlMs: number;
  timeoutMs: number;
}

/**
 * The refresh lock of one namespace, with the record that numbers refreshes and keeps the token.
 * Its calls get their own, longer time box: they are made on the 401 path, which waits for a token
 * endpoint anyway, and taking a slow answer for a lost Redis there would refresh locally, a second
 * refresh that a rotating OAuth server answers by revoking the first.
 */
export function refreshLock(link: RedisLink, { tag, channel, ttlMs, recordTtlMs, timeoutMs }: RefreshLockOptions) {
  const keys = { record: `${tag}:refresh`, lock: `${tag}:refresh:lock` };
  const asArray = (reply: unknown): unknown[] => (Array.isArray(reply) ? reply : []);
  // A script Redis refuses (out of memory, an ACL without one of its commands) leaves nothing to
  // coordinate with: this process goes on locally, and says so, like with Redis unreachable.
  const refused = (error: unknown): never => {
    if (error instanceof Error && /ReplyError|ErrorReply/.test(error.name)) link.setUp(false, `Redis refused the refresh script: ${error.message}`);
    throw error;
  };
  const run = (script: string, keyCount: number, args: ReadonlyArray<string | number>): Promise<unknown[]> =>
    link.attempt('EVAL', [script, keyCount, ...args], timeoutMs).then(asArray, refused);
  return {
    async acquire(known: number): Promise<LockStep> {
      const value = lockValue();
      const reply = await run(ACQUIRE, 2, [keys.record, keys.lock, known, value, ttlMs, '', recordTtlMs]);
      const kind = number(reply[0]);
      if (kind === 1) return { kind: 'newer', state: state(reply), record: record(reply[2], reply[3], reply[4]) };
      if (kind === 2) return { kind: 'acquired', state: state(reply), fence: number(reply[2]), value };
      // PTTL -2: just released; retry soon.
      return { kind: 'held', state: state(reply), ttlMs: Math.max(0, number(reply[2])), holder: String(reply[3] ?? '') };
    },
    /** `undefined` when stored and the notice published; else the newer record that won. */
    async store(next: TokenRecord, value: string, notice: string): Promise<TokenRecord | undefined> {
      // Whole milliseconds: PEXPIREAT takes nothing else.
      const args = [next.fence, next.token ?? '', next.expiresAt === undefined ? '' : Math.round(next.expiresAt), value, recordTtlMs, channel, notice];
      const reply = await run(STORE, 2, [keys.record, keys.lock, ...args]);
      return number(reply[0]) === 1 ? undefined : record(reply[2], reply[3], reply[4]);
    },
    /** The stored record as it is now (a notice names only its fence); `undefined` when none. */
    async read(): Promise<TokenRecord | undefined> {
      const reply = asArray(await link.attempt('HMGET', [keys.record, 'fence', 'token', 'expiresAt'], timeoutMs));
      return reply[0] == null ? undefined : record(reply[0], reply[1], reply[2]);
    },
    release(value: string, message: string): Promise<unknown> {
      return run(RELEASE, 1, [keys.lock, value, channel, message]);
    },
    /** Extends the lock by its TTL; false when it is no longer ours. */
    renew(value: string): Promise<boolean> {
      return link.attempt('EVAL', [RENEW, 1, keys.lock, value, ttlMs], timeoutMs).then((reply) => number(reply) === 1);
    },
  };
}

export type RefreshLock = ReturnType<typeof refreshLock>;
