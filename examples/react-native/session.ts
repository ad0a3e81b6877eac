// The logic of the React Native example (App.tsx renders it). Nothing here needs Node built-ins,
// Buffer, TextDecoder, URL or AbortController: CI bundles it with axios the way Metro would, compiles
// it with hermesc and runs it on the Hermes VM (__tests__/hermes).
import axios from 'axios';
import type { AxiosAdapter, AxiosInstance } from 'axios';
import { attachStatusPolicy } from 'axios-status-policy';

/** The part of `@react-native-async-storage/async-storage` this example uses. */
export interface AsyncStorageLike {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export const ACCESS = 'auth.access';
export const REFRESH = 'auth.refresh';

export interface SessionOptions {
  baseURL: string;
  storage: AsyncStorageLike;
  onLoggedOut?: () => void;
  /** Leave unset in the app (axios uses XMLHttpRequest on React Native); tests pass an in-memory one. */
  adapter?: AxiosAdapter;
}

/**
 * An API client whose tokens live in AsyncStorage: every request reads the access token, a 401
 * refreshes once for all waiting requests (the refresh call itself bypasses the policy), and
 * 5xx / 429 are retried with the server's Retry-After.
 */
export function createSession({ baseURL, storage, onLoggedOut, adapter }: SessionOptions): AxiosInstance {
  const api = axios.create(adapter ? { baseURL, adapter } : { baseURL });
  api.interceptors.request.use(async (config) => {
    const token = config.statusPolicy === false ? null : await storage.getItem(ACCESS);
    if (token) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
  attachStatusPolicy(api, {
    auth: {
      refresh: async () => {
        const refreshToken = await storage.getItem(REFRESH);
        const { data } = await api.post<{ access: string; refresh: string }>(
          '/auth/refresh',
          { refreshToken },
          { statusPolicy: false },
        );
        await storage.setItem(ACCESS, data.access);
        await storage.setItem(REFRESH, data.refresh);
        return data.access;
      },
      onFailure: () => {
        void storage.removeItem(ACCESS).then(() => storage.removeItem(REFRESH));
        onLoggedOut?.();
      },
    },
    retry: { maxRetries: 2, baseDelayMs: 300 },
    rateLimit: { maxRetries: 2, maxRetryAfterMs: 30_000 },
  });
  return api;
}

export interface Message {
  id: number;
  subject: string;
}

/** The inbox: the list, then the first messages in one 207 batch call. */
export async function loadInbox(api: AxiosInstance): Promise<{ ids: number[]; messages: unknown }> {
  const list = await api.get<{ ids: number[] }>('/messages');
  const batch = await api.get<unknown>(`/messages/${list.data.ids.join(',')}`);
  return { ids: list.data.ids, messages: batch.data };
}
