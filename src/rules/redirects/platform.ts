import { getAdapter } from 'axios';
import type { AxiosAdapter, InternalAxiosRequestConfig } from 'axios';
import { field } from '../../field';

// The whole hop builder, axios's `beforeRedirect` included: where the plugin follows hops itself.
export { buildNextHop } from './next-hop';

type Setting = InternalAxiosRequestConfig['adapter'];

function resolve(setting: Setting, config: InternalAxiosRequestConfig): AxiosAdapter | undefined {
  try {
    // Newer axios reads the config (a per-request fetch env); older versions ignore it.
    return (getAdapter as (a: Setting, c: InternalAxiosRequestConfig) => AxiosAdapter)(setting || ['xhr', 'http', 'fetch'], config);
  } catch {
    // No usable adapter: axios will throw the same error when it dispatches; not ours to report.
    return undefined;
  }
}

/** What an adapter does with redirects: `'platform'` follows them itself, `'fetch'` and `'other'` hand them to us when asked. */
export type RedirectHandling = 'platform' | 'fetch' | 'other';

/**
 * Node's http adapter hands a 3xx to JS with `maxRedirects: 0`, fetch in Node with `redirect:
 * 'manual'`, and a custom adapter (a mock, a cache wrapper) is given the chance. XHR never does:
 * the browser follows before JS sees the 3xx, and a browser fetch with 'manual' only yields an
 * opaque answer, so those are left to the platform. The browser and React Native build swaps this
 * file for `platform.browser.ts` (rollup.config.mjs), where it is always the platform.
 */
export function redirectHandling(config: InternalAxiosRequestConfig): RedirectHandling {
  const current = config.adapter;
  const adapter = typeof current === 'function' ? current : resolve(current, config);
  if (!adapter) return 'other';
  const name = field(adapter, 'adapterName') || adapter.name;
  const fetch = name !== 'http' && (name === 'fetch' || adapter === resolve('fetch', config));
  // How axios itself tells Node apart (its process object has this tag).
  const node = `${field(globalThis, 'process')}` === '[object process]';
  if (name === 'xhr' || (fetch && !node)) return 'platform';
  return fetch ? 'fetch' : 'other';
}

/** Asks the adapter to hand every 3xx over instead of following it. */
export function handOverRedirects(config: InternalAxiosRequestConfig, handling: RedirectHandling): void {
  config.maxRedirects = 0;
  // Newer axios maps maxRedirects: 0 to fetch's 'manual' itself; older ones read only fetchOptions.
  if (handling === 'fetch') config.fetchOptions = { ...config.fetchOptions, redirect: 'manual' };
}
