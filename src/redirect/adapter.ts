import { getAdapter } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

type AdapterSetting = InternalAxiosRequestConfig['adapter'];

/** Our wrappers, mapped to the adapter they wrap (a re-send must not wrap twice). */
const INNER = new WeakMap<AxiosAdapter, AxiosAdapter>();

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

/**
 * Called for each dispatch of a wrapped request. `quiet` is the real adapter told not to follow
 * redirects itself; `raw` is the real adapter as the user configured it (for a config re-sent
 * after the policy is gone, which must behave as plain axios).
 */
export type Follow = (config: InternalAxiosRequestConfig, quiet: AxiosAdapter, raw: AxiosAdapter) => Promise<AxiosResponse>;

type Restorable = 'maxRedirects' | 'fetchOptions';

function restore<K extends Restorable>(config: InternalAxiosRequestConfig, key: K, value: InternalAxiosRequestConfig[K]): void {
  if (value === undefined) delete config[key];
  else config[key] = value;
}

/**
 * The adapter with its own redirect following off, for the duration of one call only: the
 * config the user sees afterwards (on the response, on an error) keeps its own values. With
 * `maxRedirects: 0` the http adapter uses plain http/https instead of follow-redirects, and newer
 * axios fetch adapters ask for redirect: 'manual'; older ones get it through fetchOptions.
 */
function quietly(adapter: AxiosAdapter, kind: Kind): AxiosAdapter {
  return async (config) => {
    const { maxRedirects, fetchOptions } = config;
    config.maxRedirects = 0;
    if (kind === 'fetch') config.fetchOptions = { ...fetchOptions, redirect: 'manual' };
    try {
      return await adapter(config);
    } finally {
      restore(config, 'maxRedirects', maxRedirects);
      restore(config, 'fetchOptions', fetchOptions);
    }
  };
}

/**
 * One wrapper per real adapter and attach, made once: the common request allocates nothing here.
 * The wrapper reads what it needs for each request from the config it is dispatched with.
 */
export class RedirectAdapters {
  private readonly wrappers = new WeakMap<AxiosAdapter, AxiosAdapter>();
  constructor(private readonly follow: Follow) {}

  wrap(adapter: AxiosAdapter, kind: Kind): AxiosAdapter {
    let wrapped = this.wrappers.get(adapter);
    if (!wrapped) {
      const quiet = quietly(adapter, kind);
      wrapped = (dispatched) => this.follow(dispatched, quiet, adapter);
      INNER.set(wrapped, adapter);
      this.wrappers.set(adapter, wrapped);
    }
    return wrapped;
  }
}

/**
 * Puts `follow` between axios and the real adapter, so hops are made inside one dispatch: user
 * interceptors run once per request, not once per hop. Returns false when the platform follows
 * redirects itself; the config is then left alone.
 */
export function takeOverRedirects(config: InternalAxiosRequestConfig, adapters: RedirectAdapters): boolean {
  const current = config.adapter;
  const adapter = (typeof current === 'function' ? INNER.get(current) : undefined) ?? resolve(current, config);
  const kind = adapter && kindOf(adapter, config);
  if (!adapter || !kind) return false;
  config.adapter = adapters.wrap(adapter, kind);
  return true;
}
