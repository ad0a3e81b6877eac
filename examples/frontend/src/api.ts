import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { attachStatusPolicy } from 'axios-status-policy';
import type { SubResponse } from 'axios-status-policy';
import type { TokenStore } from './token-store';

/**
 * The app's API client: the token from the store on every request, one refresh for every
 * concurrent 401, Retry-After honoured, 5xx retried. Cross-origin APIs must expose
 * `Retry-After` and `ETag` (Access-Control-Expose-Headers) for the browser to show them to us.
 */
export function createApi(baseURL: string, tokens: TokenStore, onLoggedOut: () => void): AxiosInstance {
  const api = axios.create({ baseURL });
  attachStatusPolicy(api, {
    auth: {
      // Read before every request; the plugin sets `Authorization: Bearer <token>` itself.
      getAccessToken: () => tokens.get(),
      // Once for every concurrent 401. `statusPolicy: false`: the refresh call itself is never
      // held behind the refresh, retried or refreshed.
      refresh: async ({ instance }) => {
        const { data } = await instance.post<{ token: string }>('/session/refresh', null, { statusPolicy: false });
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

export interface Item {
  id: number;
  name: string;
}

export const isItem = (data: unknown): data is Item =>
  typeof data === 'object' && data !== null && typeof (data as Partial<Item>).name === 'string';

export interface Dashboard {
  profile: { name: string };
  /** Items 1–3, one sub-response each (a 404 part for an item that is gone). */
  items: SubResponse[];
}

/** The profile, then items 1–3 in one batch call (207 multipart/mixed). */
export async function loadDashboard(api: AxiosInstance): Promise<Dashboard> {
  const profile = await api.get<{ name: string }>('/me');
  const batch = await api.get<SubResponse[]>('/items/1,2,3');
  return { profile: profile.data, items: batch.data };
}
