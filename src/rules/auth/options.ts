import type { BlockSpec } from '../../options/block';
import { fail } from '../../options/validate';
import type { AuthOptions } from '../../types';
import { RefreshScope } from './refresh-scope';

/** The auth block filled in; the two optional callbacks stay optional. */
export type ResolvedAuthOptions = Required<Omit<AuthOptions, 'getAccessToken' | 'expiresAt' | 'scope'>> &
  Pick<AuthOptions, 'getAccessToken' | 'expiresAt'> & { scope: RefreshScope };

const DEFAULTS = { onFailure: () => undefined, scheme: 'Bearer', refreshAheadMs: 30_000, refreshTimeoutMs: 30_000 };

export const authOptions: BlockSpec<'auth'> = {
  name: 'auth',
  // There is no refresh without the caller's callback.
  onByDefault: false,
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
    if (typeof input.refresh !== 'function') fail(`${path}.refresh`, 'a function', input.refresh);
    return { ...DEFAULTS, refresh: input.refresh as AuthOptions['refresh'], scope: new RefreshScope() };
  },
};
