import { AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { Hop } from '../../run/hop';
import type { HopPlan, Refusal } from './next-hop';
import type { RedirectHandling } from './platform';
import { RedirectHop } from './redirect-hop';

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

/**
 * The only hop this build sends is the Location-less repeat: the same request to the same URL
 * (same origin, body kept), sent again as it went out. axios never calls `beforeRedirect` here
 * (the platform follows), so neither does the plugin.
 */
export function buildNextHop(from: Hop, response: AxiosResponse, plan: HopPlan): RedirectHop | Refusal {
  void response;
  const config: InternalAxiosRequestConfig = { ...from.config, url: from.url, method: plan.method.toLowerCase(), headers: new AxiosHeaders(from.config.headers), data: from.body };
  // The URL is absolute and already carries the query: nothing may be added to it again.
  delete config.baseURL;
  delete config.params;
  return new RedirectHop(config, plan.method, from.url, from.body, from.credentialsDropped);
}
