import type { InternalAxiosRequestConfig } from 'axios';

// String-only URL handling: React Native's URL is incomplete, so no `URL` object is needed here.

const ABSOLUTE = /^([a-z][a-z\d+.-]*:)?\/\/([^/?#]*)/i;

/**
 * `scheme://host:port` of where a request goes, lower-cased; `''` for a relative URL with no
 * `baseURL` (the page's own origin in a browser). Used to key the origin-wide hold.
 */
export function originOf(url: string | undefined, baseURL: string | undefined): string {
  const m = ABSOLUTE.exec(url ?? '') ?? ABSOLUTE.exec(baseURL ?? '');
  if (!m) return '';
  return `${(m[1] ?? '').toLowerCase()}//${(m[2] ?? '').toLowerCase()}`;
}

const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;

interface UriSource {
  getUri(config?: InternalAxiosRequestConfig): string;
}

/**
 * What `instance.getUri(config)` returns, without its price in the common case: getUri merges the
 * instance defaults into the config again (mergeConfig, the dearest step of an axios request),
 * which a config inside the chain already carries. With `params`, `allowAbsoluteUrls: false` or
 * no `url`, axios's own getUri decides, so the result is always the same string.
 */
export function requestUri(instance: UriSource, config: InternalAxiosRequestConfig): string {
  const { url, baseURL, params } = config;
  const allowAbsolute = (config as { allowAbsoluteUrls?: unknown }).allowAbsoluteUrls;
  if ((params !== undefined && params !== null) || allowAbsolute === false || typeof url !== 'string') return instance.getUri(config);
  if (!baseURL || ABSOLUTE_URL.test(url)) return url;
  return url ? `${baseURL.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}` : baseURL;
}
