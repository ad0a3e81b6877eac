// The options of this rule and what its callbacks see; re-exported by src/types.ts (the public API).
import type { AxiosError, AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import type { AuthScope } from './refresh-scope';

/** Handed to `auth.refresh`. */
export interface RefreshContext {
  /** `'unauthorized'`: a 401 started it; `'expiring'`: `auth.expiresAt` said the token is about to expire. */
  reason: 'unauthorized' | 'expiring';
  /** The 401 that started this refresh; `undefined` for a proactive one (or a 401 your `validateStatus` accepted). */
  error: AxiosError | undefined;
  /**
   * The request that started it. A token request sent before the refresh's first `await` is
   * recognised as its own; one sent later needs `statusPolicy: false` (docs/auth.md).
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
  refresh: (context: RefreshContext) => Promise<string | void | null> | string | void | null;
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
   * Epoch milliseconds when the current token expires. With it the plugin refreshes
   * `refreshBeforeMs` ahead of time instead of waiting for a 401 (once per expiry value).
   */
  expiresAt?: () => number | undefined | null;
  /** How long before `expiresAt()` the proactive refresh starts. @default 30000 */
  refreshBeforeMs?: number;
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
