import type { BlockSpecFor } from '../../options/spec';
import { fail } from '../../options/validate';
import type { AuthOptions } from './types';
import { RefreshScope } from './refresh-scope';

/** The auth block filled in; the two optional callbacks stay optional. */
export type ResolvedAuthOptions = Required<Omit<AuthOptions, 'getAccessToken' | 'expiresAt' | 'scope'>> &
  Pick<AuthOptions, 'getAccessToken' | 'expiresAt'> & { scope: RefreshScope };

const DEFAULTS = { onFailure: () => undefined, scheme: 'Bearer', refreshAheadMs: 30_000, refreshTimeoutMs: 30_000 };

export const authOptions: BlockSpecFor<'auth', AuthOptions, ResolvedAuthOptions> = {
  name: 'auth',
  // No `defaults`: there is no refresh without the caller's callback, so the block is off unless given.
  instanceOnly: true,
  schema: {
    refresh: 'fn',
    onFailure: 'fn',
    getAccessToken: 'fn',
    scheme: 'str',
    expiresAt: 'fn',
    refreshAheadMs: 'ms',
    refreshTimeoutMs: 'ms',
    scope: [(v) => v instanceof RefreshScope, 'an auth scope from createAuthScope()'],
  },
  start: (input, path) => {
    // JavaScript callers can leave it out; the type cannot say so.
    if (typeof input.refresh !== 'function') fail(`${path}.refresh`, 'a function', input.refresh);
    return { ...DEFAULTS, refresh: input.refresh, scope: new RefreshScope() };
  },
  finish: ({ scope, ...block }, path) => ({ ...block, scope: scope instanceof RefreshScope ? scope : fail(`${path}.scope`, 'an auth scope from createAuthScope()', scope) }),
};
