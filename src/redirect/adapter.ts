import { getAdapter } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

type AdapterSetting = InternalAxiosRequestConfig['adapter'];

/** Our wrappers, mapped to the adapter setting they replaced (a re-send must not wrap twice). */
const WRAPPED = new WeakMap<AxiosAdapter, AdapterSetting>();

const AXIOS_DEFAULT: AdapterSetting = ['xhr', 'http', 'fetch'];

const isNode = (): boolean =>
  typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';

function resolve(setting: AdapterSetting, config: InternalAxiosRequestConfig): AxiosAdapter | undefined {
  try {
    // Newer axios reads the config (a per-request fetch env); older versions ignore it.
    return (getAdapter as (a: AdapterSetting, c: InternalAxiosRequestConfig) => AxiosAdapter)(setting ?? AXIOS_DEFAULT, config);
  } catch {
    // No usable adapter: axios will throw the same error when it dispatches; not ours to report.
    return undefined;
  }
}

const nameOf = (adapter: AxiosAdapter): unknown => (adapter as { adapterName?: unknown }).adapterName ?? adapter.name;

type Kind = 'http' | 'fetch' | 'custom' | undefined;

/** Adapter functions are long-lived (axios caches its fetch adapter per environment too). */
const KINDS = new WeakMap<AxiosAdapter, Kind>();

function kindOf(adapter: AxiosAdapter, config: InternalAxiosRequestConfig): Kind {
  if (KINDS.has(adapter)) return KINDS.get(adapter);
  const kind = detect(adapter, config);
  KINDS.set(adapter, kind);
  return kind;
}

/**
 * Whether the plugin can follow redirects for this adapter: it must hand 3xx responses to JS.
 * Node's http adapter does with `maxRedirects: 0`, fetch in Node with `redirect: 'manual'`, and
 * a custom adapter (a mock, a cache wrapper) is given the chance. XHR never does: the browser
 * follows before JS sees the 3xx, and a browser fetch with 'manual' only yields an opaque
 * response, so those are left to the platform.
 */
function detect(adapter: AxiosAdapter, config: InternalAxiosRequestConfig): Kind {
  const name = nameOf(adapter);
  if (name === 'http') return 'http';
  if (name === 'xhr') return undefined;
  const fetchAdapter = name === 'fetch' || adapter === resolve('fetch', config);
  if (fetchAdapter) return isNode() ? 'fetch' : undefined;
  return 'custom';
}

export type Follow = (config: InternalAxiosRequestConfig, send: AxiosAdapter) => Promise<AxiosResponse>;

/**
 * Puts `follow` between axios and the real adapter, so hops are made inside one dispatch: user
 * interceptors run once per request, not once per hop. Returns false when the platform follows
 * redirects itself and the config was left alone.
 */
export function takeOverRedirects(config: InternalAxiosRequestConfig, follow: Follow): boolean {
  const current = config.adapter;
  const setting = typeof current === 'function' && WRAPPED.has(current) ? WRAPPED.get(current) : current;
  const adapter = resolve(setting, config);
  const kind = adapter && kindOf(adapter, config);
  if (!adapter || !kind) {
    // A re-send of a request we wrapped, now going where the platform follows: unwrap it.
    if (setting !== current) {
      if (setting === undefined) delete config.adapter;
      else config.adapter = setting;
    }
    return false;
  }
  // With 0 the http adapter uses plain http/https instead of follow-redirects, and axios ≥ 1.12's
  // fetch adapter asks for redirect: 'manual'; older ones get it through fetchOptions.
  config.maxRedirects = 0;
  if (kind === 'fetch') config.fetchOptions = { ...config.fetchOptions, redirect: 'manual' };
  const wrapped: AxiosAdapter = (dispatched) => follow(dispatched, adapter);
  WRAPPED.set(wrapped, setting);
  config.adapter = wrapped;
  return true;
}
