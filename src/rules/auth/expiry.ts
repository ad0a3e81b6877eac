import { field } from '../../field';
import type { ResolvedAuthOptions } from './options';
import type { Expiry, RefreshScope } from './refresh-scope';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The `exp` (and `iat`) claims of a JWT (RFC 7519 §4.1.4, §4.1.6); `undefined` for anything else.
 * The token is not verified: the server does that. Its expiry only decides when to refresh, and a
 * wrong one costs at most a 401, answered by the same refresh.
 */
export function jwtExpiry(token: unknown): Expiry | undefined {
  if (typeof token !== 'string') return undefined;
  const payload = token.split('.')[1];
  // atob: every browser, Node ≥ 16 and Hermes have it; where one does not, no JWT expiry is read.
  const atob = field(globalThis, 'atob');
  if (!payload || typeof atob !== 'function') return undefined;
  try {
    const json: unknown = atob.call(globalThis, payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(String(json));
    if (typeof claims !== 'object' || claims === null || !('exp' in claims) || !finite(claims.exp)) return undefined;
    const iat = 'iat' in claims && finite(claims.iat) ? claims.iat : undefined;
    return { at: claims.exp * 1000, lifetimeMs: iat === undefined ? undefined : (claims.exp - iat) * 1000 };
  } catch {
    return undefined;
  }
}

/**
 * When the token in use expires: the caller's `expiresAt()`, else what the last refresh said,
 * else the JWT's `exp`. `token` is what a synchronous `getAccessToken` gave (or the scope's).
 */
export function knownExpiry(auth: ResolvedAuthOptions, shared: RefreshScope, token: unknown): Expiry | undefined {
  let own: unknown;
  try {
    own = auth.expiresAt ? auth.expiresAt() : undefined;
  } catch {
    // A throwing hook says nothing; a 401 still refreshes.
  }
  if (finite(own)) return { at: own, lifetimeMs: undefined };
  const refreshed = shared.expiresAt;
  if (refreshed !== undefined) return { at: refreshed, lifetimeMs: shared.lifetimeMs };
  if (typeof token !== 'string') return undefined;
  const last = shared.decodedJwt;
  if (last && last.token === token) return last.expiry;
  const expiry = jwtExpiry(token);
  shared.decodedJwt = { token, expiry };
  return expiry;
}

/** Where the token in use stands: well before its expiry, inside the refresh window, or past it. */
export type TokenState = 'fresh' | 'ahead' | 'expired' | 'unknown';

/**
 * `refreshAheadMs` before expiry the refresh starts, but no earlier than half the token's known
 * lifetime: a 60 s token is not refreshed on every other request because the window is 30 s.
 */
export function tokenState(expiry: Expiry | undefined, now: number, aheadMs: number): TokenState {
  if (!expiry) return 'unknown';
  if (now >= expiry.at) return 'expired';
  const ahead = expiry.lifetimeMs === undefined ? aheadMs : Math.min(aheadMs, expiry.lifetimeMs / 2);
  return now >= expiry.at - ahead ? 'ahead' : 'fresh';
}
