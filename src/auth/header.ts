import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { getHeader } from '../http/headers';

const AUTHORIZATION = 'Authorization';

/** `Authorization: <scheme> <token>`; an empty scheme sends the bare token. */
export function setToken(config: InternalAxiosRequestConfig, scheme: string, token: string): void {
  config.headers.set(AUTHORIZATION, scheme ? `${scheme} ${token}` : token);
}

/** The `Authorization` the instance defaults give a request of this method, if any. */
export function defaultAuthorization(instance: AxiosInstance, method: string | undefined): string | undefined {
  const defaults = instance.defaults.headers as unknown as Record<string, unknown>;
  return (
    getHeader(defaults[(method ?? 'get').toLowerCase()], 'authorization') ??
    getHeader(defaults.common, 'authorization') ??
    getHeader(defaults, 'authorization')
  );
}

/**
 * A refresh that stores its token in `instance.defaults.headers` (and returns nothing) changes the
 * defaults, but axios merged the old ones into configs already built. When this request's header
 * is the one it got from the defaults (`before`), it takes the new default; a header the caller
 * set on the request itself is left alone.
 */
export function followDefaults(config: InternalAxiosRequestConfig, instance: AxiosInstance, before: string | undefined): void {
  if (before === undefined) return;
  const now = defaultAuthorization(instance, config.method);
  if (now !== undefined && now !== before && getHeader(config.headers, 'authorization') === before) {
    config.headers.set(AUTHORIZATION, now);
  }
}
