import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { attachStatusPolicy } from 'axios-status-policy';
import type { TokenStore } from './token-store';

/** One sub-response of a 207 batch, as the plugin hands it over. */
export interface BatchPart<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

/**
 * The app's API client: the token from the store on every request, one refresh for every
 * concurrent 401, Retry-After honoured, 5xx retried. Cross-origin APIs must expose
 * `Retry-After` and `ETag` (Access-Control-Expose-Headers) for the browser to show them to us.
 */
export function createApi(baseURL: string, tokens: TokenStore, onLoggedOut: () => void): AxiosInstance {
  const api = axios.create({ baseURL });
  // Added before attaching, so it runs after the policy's hold and sees a refreshed token.
  api.interceptors.request.use((config) => {
    const token = tokens.get();
    if (token && config.statusPolicy !== false) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
  attachStatusPolicy(api, {
    auth: {
      // statusPolicy: false: the refresh call itself is never held behind the refresh.
      refresh: async () => {
        const { data } = await api.post<{ token: string }>('/session/refresh', null, { statusPolicy: false });
        tokens.set(data.token);
        return data.token;
      },
      onFailure: () => {
        tokens.clear();
        onLoggedOut();
      },
    },
    retry: { maxRetries: 2, baseDelayMs: 200 },
    rateLimit: { maxRetries: 2, maxRetryAfterMs: 10_000 },
  });
  return api;
}

/** Logs in once per browser (the token is kept in the store). */
export async function ensureSession(api: AxiosInstance, tokens: TokenStore): Promise<void> {
  if (tokens.get()) return;
  const { data } = await api.post<{ token: string }>('/session', null, { statusPolicy: false });
  tokens.set(data.token);
}

export interface Dashboard {
  profile: { name: string };
  /** The batch as sub-responses, or the raw body when 207 parsing is not available. */
  items: Array<BatchPart<{ id: number; name: string }>> | string;
}

/** The profile, then items 1–3 in one batch call (207 multipart/mixed). */
export async function loadDashboard(api: AxiosInstance): Promise<Dashboard> {
  const profile = await api.get<{ name: string }>('/me');
  const batch = await api.get<Dashboard['items']>('/items/1,2,3');
  return { profile: profile.data, items: batch.data };
}
