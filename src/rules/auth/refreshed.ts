import { StatusPolicyConfigError } from '../../config-error';
import type { RefreshedToken } from '../../types';
import type { RefreshResult } from './refresh-scope';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const isRefreshedToken = (v: unknown): v is RefreshedToken =>
  typeof v === 'object' && v !== null && 'accessToken' in v && typeof v.accessToken === 'string' && v.accessToken !== '';

/**
 * What `auth.refresh` returned, read into a result: nothing (the caller stored the token), the
 * token, or the token with its expiry (`expiresAt`, or `expiresInMs` from `now`). Anything else is
 * a mistake named in a `StatusPolicyConfigError`, which fails the refresh.
 */
export function readRefreshed(returned: unknown, now: number): RefreshResult {
  if (returned == null) return { token: undefined };
  if (typeof returned === 'string' && returned) return { token: returned };
  if (isRefreshedToken(returned)) {
    const { accessToken, expiresAt, expiresInMs } = returned;
    if (expiresAt !== undefined && !finite(expiresAt)) throw mistake(`expiresAt must be epoch milliseconds, got ${String(expiresAt)}`);
    if (expiresInMs !== undefined && !(finite(expiresInMs) && expiresInMs >= 0)) throw mistake(`expiresInMs must be a number of ms ≥ 0, got ${String(expiresInMs)}`);
    return { token: accessToken, expiresAt: expiresAt ?? (expiresInMs === undefined ? undefined : now + expiresInMs) };
  }
  const got = returned === '' ? 'an empty string' : typeof returned === 'object' ? 'an object without a non-empty accessToken' : typeof returned;
  throw mistake(`must return the new access token (a string, or { accessToken, expiresAt | expiresInMs }) or nothing, got ${got}`);
}

const mistake = (what: string): StatusPolicyConfigError => new StatusPolicyConfigError(`auth.refresh ${what}`);
