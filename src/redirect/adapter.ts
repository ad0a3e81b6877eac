import { getAdapter } from 'axios';
import type { AxiosAdapter, InternalAxiosRequestConfig as Config } from 'axios';
import type { Scope } from '../scope';
import { RequestState, STATE_KEY } from '../state';
import { follow } from './follow';

type Setting = Config['adapter'];

/**
 * A real adapter mapped to its wrapper, or to `false` when the platform follows redirects for
 * it; a wrapper maps to itself (a re-send must not wrap twice). Adapter functions are long-lived
 * (axios caches its fetch adapter per environment too), so this is decided once per adapter.
 */
const WRAPPERS = new WeakMap<object, AxiosAdapter | false>();

function resolve(setting: Setting, config: Config): AxiosAdapter | undefined {
  try {
    // Newer axios reads the config (a per-request fetch env); older versions ignore it.
    return (getAdapter as (a: Setting, c: Config) => AxiosAdapter)(setting || ['xhr', 'http', 'fetch'], config);
  } catch {
    // No usable adapter: axios will throw the same error when it dispatches; not ours to report.
    return undefined;
  }
}

/**
 * A wrapper that follows hops for `adapter`, or false where the plugin cannot: it must hand 3xx
 * responses to JS. Node's http adapter does with `maxRedirects: 0`, fetch in Node with
 * `redirect: 'manual'`, and a custom adapter (a mock, a cache wrapper) is given the chance. XHR
 * never does: the browser follows before JS sees the 3xx, and a browser fetch with 'manual'
 * only yields an opaque response, so those are left to the platform.
 */
function wrap(adapter: AxiosAdapter, config: Config): AxiosAdapter | false {
  const name = (adapter as { adapterName?: unknown }).adapterName || adapter.name;
  const fetch = name !== 'http' && (name === 'fetch' || adapter === resolve('fetch', config));
  // How axios itself tells Node apart (its process object has this tag).
  const node = `${(globalThis as { process?: unknown }).process}` === '[object process]';
  if (name === 'xhr' || (fetch && !node)) return false;
  const wrapper: AxiosAdapter = (dispatched) => {
    // No live state: a config re-sent after detach (or with statusPolicy: false) is plain axios.
    const state = (dispatched as { [STATE_KEY]?: unknown })[STATE_KEY];
    if (state instanceof RequestState && !state.settled) {
      const scope = state.scopeId as Scope;
      const opts = state.options.redirects;
      if (opts && !scope.detached) return follow(dispatched, adapter, opts, state, scope, fetch);
    }
    return adapter(dispatched);
  };
  WRAPPERS.set(wrapper, wrapper);
  return wrapper;
}

/**
 * Puts the hop loop between axios and the real adapter, so hops are made inside one dispatch:
 * user interceptors run once per request, not once per hop. Returns false, leaving the config
 * alone, where the platform follows redirects itself.
 */
export function takeOverRedirects(config: Config): boolean {
  const current = config.adapter;
  const adapter = typeof current === 'function' ? current : resolve(current, config);
  let wrapper = adapter && WRAPPERS.get(adapter);
  if (adapter && wrapper === undefined) WRAPPERS.set(adapter, (wrapper = wrap(adapter, config)));
  if (wrapper) config.adapter = wrapper;
  return !!wrapper;
}
