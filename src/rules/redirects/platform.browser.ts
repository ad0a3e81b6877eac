import type { InternalAxiosRequestConfig } from 'axios';
import type { RedirectHandling } from './platform';

/**
 * Browsers and React Native: the platform follows every redirect before JavaScript sees it (XHR
 * always; a browser fetch with `redirect: 'manual'` only yields an opaque answer). A 3xx with a
 * `Location` that still reaches us settles as axios would; the Location-less repeat is ours.
 */
export function redirectHandling(config: InternalAxiosRequestConfig): RedirectHandling {
  void config;
  return 'platform';
}

export function handOverRedirects(config: InternalAxiosRequestConfig, handling: RedirectHandling): void {
  void config;
  void handling;
}
