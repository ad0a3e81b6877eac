import type { InternalAxiosRequestConfig } from 'axios';

// String-only URL handling: React Native's URL is incomplete, so no `URL` object is needed here.

/** `scheme://host:port` (or `//host`) at the start of an absolute URL. */
const ORIGIN = /^([a-z][a-z\d+.-]*:)?\/\/[^/?#]*/i;

/**
 * `scheme://host:port` of where a request goes, lower-cased; `''` for a relative URL with no
 * `baseURL` (the page's own origin in a browser). Used to key the origin-wide hold.
 */
export function originOf({ url, baseURL }: { url?: string | undefined; baseURL?: string | undefined }): string {
  // A path (`/items/1`, the usual request) has no origin of its own: it is its baseURL's.
  const path = !!url && url.startsWith('/') && !url.startsWith('//');
  const m = !path && ORIGIN.exec(url || '');
  if (m) return m[0].toLowerCase();
  const base = baseURL ? ORIGIN.exec(baseURL) : null;
  return base ? base[0].toLowerCase() : '';
}

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
  if (params != null || ('allowAbsoluteUrls' in config && config.allowAbsoluteUrls === false) || typeof url !== 'string') return instance.getUri(config);
  if (!baseURL || ORIGIN.test(url)) return url;
  return url ? `${baseURL.replace(/\/?\/$/, '')}/${url.replace(/^\/+/, '')}` : baseURL;
}
