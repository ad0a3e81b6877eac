import type { InternalAxiosRequestConfig } from 'axios';

/**
 * Stands in for `./adapter` in the browser and React Native build (`dist/browser.*`, chosen by the
 * `browser` and `react-native` export conditions). There the platform follows every redirect
 * before JavaScript sees it, so hops are never ours and the Node hop follower (adapter wrapper,
 * Location resolution, header stripping) is not shipped. The redirect policy still repeats a
 * Location-less 3xx, rejects a fetch opaque redirect and reports where an XHR ended up.
 */
export function takeOverRedirects(config: InternalAxiosRequestConfig): boolean {
  void config;
  return false;
}
