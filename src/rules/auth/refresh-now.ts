import { AxiosHeaders } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyConfigError } from '../../config-error';
import type { ResolvedOptions } from '../../options/resolved';
import { refreshFailed } from './errors';
import type { ResolvedAuthOptions } from './options';
import type { RefreshFailure, RefreshScope } from './refresh-scope';

type StartRefresh = (config: InternalAxiosRequestConfig, auth: ResolvedAuthOptions, shared: RefreshScope) => Promise<RefreshFailure>;

/**
 * `policy.refresh()`: joins the refresh in flight or starts one (`start`, the auth rule's single
 * flight, so a 401 wave, an early refresh and this are one refresh), then reads the new token.
 */
export async function refreshNow(options: ResolvedOptions, start: StartRefresh): Promise<string> {
  const auth = options.auth;
  if (!auth) throw new StatusPolicyConfigError('policy.refresh() needs the auth policy: attach with auth: { refresh } (or the auth() factory)');
  const shared = options.coordinator.refreshScope(auth.scope);
  // No request started it: `auth.refresh` is handed an empty config.
  const failure = await start({ headers: new AxiosHeaders() }, auth, shared);
  if (failure) throw refreshFailed(failure.error);
  const token = auth.getAccessToken ? await auth.getAccessToken() : shared.token;
  if (typeof token === 'string' && token) return token;
  throw new StatusPolicyConfigError('policy.refresh(): the refresh returned no token and there is no auth.getAccessToken to read it from');
}
