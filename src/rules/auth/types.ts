// The options of this rule and what its callbacks see; re-exported by src/types.ts (the public API).
import type { AxiosError, AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import type { AuthScope } from './refresh-scope';

/** What `auth.refresh` may return instead of the bare token: the token and when it expires. */
export interface RefreshedToken {
  accessToken: string;
  /** Epoch milliseconds when `accessToken` expires. */
  expiresAt?: number;
  /** Or how long it stays valid from now, in ms (an OAuth `expires_in` × 1000). */
  expiresInMs?: number;
}

/** Handed to `auth.refresh`. */
export interface RefreshContext {
  /**
   * `'unauthorized'`: a 401 started it; `'expiring'`: the token is inside `refreshAheadMs` of its
   * expiry, or past it; `'requested'`: `policy.refresh()` was called.
   */
  reason: 'unauthorized' | 'expiring' | 'requested';
  /** The 401 that started this refresh; `undefined` for a proactive one (or a 401 your `validateStatus` accepted). */
  error: AxiosError | undefined;
  /**
   * The request that started it (for `'requested'`, an empty config: no request
   * started it). A token request sent before the refresh's first `await` is recognised as its own;
   * one sent later needs `statusPolicy: false` (docs/auth.md).
   */
  config: InternalAxiosRequestConfig;
  instance: AxiosInstance;
}

/** 401: refresh once for everyone, then repeat. */
export interface AuthOptions {
  /**
   * Gets a new access token. Return it (a string) and the plugin sends it as
   * `Authorization: <scheme> <token>` from then on; return nothing when you stored it yourself (your
   * request interceptor, `getAccessToken` or the instance defaults then supply it). Throwing fails the
   * refresh: every waiting request rejects with an `AuthError` whose `cause` is what you threw.
   * Its own token request, sent before the first `await`, is never held behind it; one sent after
   * an `await` through this instance needs `statusPolicy: false` (docs/auth.md).
   */
  refresh: (context: RefreshContext) => Promise<string | RefreshedToken | void | null> | string | RefreshedToken | void | null;
  /** Runs once per failed refresh: the place to log out. @default no-op */
  onFailure?: (error: unknown) => void;
  /**
   * The current access token, read before every request: the plugin then sets `Authorization` itself
   * (no request interceptor needed). Return `undefined`/`null` to send none.
   */
  getAccessToken?: () => string | undefined | null | Promise<string | undefined | null>;
  /** The `Authorization` scheme put before the token; `''` sends the bare token. @default 'Bearer' */
  scheme?: string;
  /**
   * Epoch milliseconds when the current token expires. Known expiry means no 401: inside
   * `refreshAheadMs` of it a request goes out with the current token and starts the refresh in the
   * background; after it a request waits for the refresh. @default the expiry `refresh` returned
   * (`{ accessToken, expiresAt | expiresInMs }`), else the `exp` claim when the token is a JWT
   */
  expiresAt?: () => number | undefined | null;
  /**
   * How long before expiry the refresh starts, at most half the token's known lifetime.
   * @default 30000
   */
  refreshAheadMs?: number;
  /**
   * A refresh that has not settled after this long fails (`AuthErrorCodes.REFRESH_TIMEOUT`), so no
   * request can wait forever, e.g. when the token request went through the same instance without
   * `statusPolicy: false` and is itself waiting for the refresh. 0 turns the limit off.
   * @default 30000
   */
  refreshTimeoutMs?: number;
  /**
   * The refresh state (`createAuthScope()`). Pass the same one to several `attachStatusPolicy` calls
   * so their instances share one refresh. @default a new scope per attach
   */
  scope?: AuthScope;
}
