// What the harness page loads: axios's browser build, the built package, and small helpers that
// run one scenario inside the page and return a plain (serialisable) result to the test.
// Bundled by esbuild in harness.ts (src/ is mapped to dist/browser.js, the browser build); never run by Node.
import axios from 'axios';
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import * as lib from '../../src';
import type { StatusPolicyOptions } from '../../src';

export type Adapter = 'xhr' | 'fetch';

export interface CallSpec {
  adapter: Adapter;
  options?: StatusPolicyOptions;
  request: AxiosRequestConfig;
  /** Abort through an AbortController this long after the first retry wait begins. */
  abortDuringWaitMs?: number;
}

export interface CallResult {
  ok: boolean;
  status?: number | undefined;
  data?: unknown;
  statusPolicy?: unknown;
  error?: { message: string; code?: string | undefined; isCancel: boolean; status?: number | undefined; statusPolicy?: unknown };
  events: string[];
}

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null)) as unknown;

function result(response: AxiosResponse, events: string[]): CallResult {
  return { ok: true, status: response.status, data: plain(response.data), statusPolicy: plain(response.statusPolicy), events };
}

function failure(error: unknown, events: string[]): CallResult {
  const e = error as { message?: string; code?: string; response?: { status: number }; statusPolicy?: unknown };
  return {
    ok: false,
    error: {
      message: String(e?.message),
      code: e?.code,
      isCancel: axios.isCancel(error),
      status: e?.response?.status,
      statusPolicy: plain(e?.statusPolicy),
    },
    events,
  };
}

/** One request through an instance with the policy attached, on the chosen adapter. */
async function call(spec: CallSpec): Promise<CallResult> {
  const events: string[] = [];
  const controller = new AbortController();
  const api = axios.create({ adapter: spec.adapter });
  lib.attachStatusPolicy(api, {
    ...spec.options,
    onEvent: (e) => {
      events.push(e.type === 'retry' ? `retry ${e.policy} ${e.status ?? e.code} ${e.delayMs}` : e.type);
      if (e.type === 'retry' && spec.abortDuringWaitMs !== undefined) {
        setTimeout(() => controller.abort(), spec.abortDuringWaitMs);
      }
    },
  });
  try {
    return result(await api.request({ signal: controller.signal, ...spec.request }), events);
  } catch (error) {
    return failure(error, events);
  }
}

/**
 * `n` concurrent requests that all get 401 with the old token: one refresh (a token request made
 * with `statusPolicy: false` on the same instance), then each repeats once with the new token.
 */
async function authBurst(spec: { adapter: Adapter; n: number }): Promise<{ results: CallResult[]; refreshes: number }> {
  let token = 'old';
  let refreshes = 0;
  const api = axios.create({ adapter: spec.adapter });
  api.interceptors.request.use((config) => {
    if (config.statusPolicy !== false) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
  lib.attachStatusPolicy(api, {
    auth: {
      refresh: async () => {
        refreshes += 1;
        const res = await api.post<{ token: string }>('/api/token', null, { statusPolicy: false });
        token = res.data.token;
        return token;
      },
    },
  });
  const all = Array.from({ length: spec.n }, (_, i) => api.get(`/api/me?i=${i}`).then((r) => result(r, []), (e: unknown) => failure(e, [])));
  return { results: await Promise.all(all), refreshes };
}

const harness = { call, authBurst };
export type PageHarness = typeof harness;

Object.assign(window, { axios, lib, harness });
