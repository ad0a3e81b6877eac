// The logic of the React Native example (App.tsx renders it). Nothing here needs Node built-ins,
// Buffer, TextDecoder, URL or AbortController: CI bundles it with axios the way Metro would, compiles
// it with hermesc and runs it on the Hermes VM (__tests__/hermes).
import axios from 'axios';
import type { AxiosAdapter, AxiosInstance } from 'axios';
import { attachStatusPolicy } from 'axios-status-policy';
import type { SubResponse } from 'axios-status-policy';
import { netInfoConnectivity } from './connectivity';
import type { NetInfoLike } from './connectivity';

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
  /**
   * `NetInfo` from `@react-native-community/netinfo`: a request that fails while the phone is
   * offline then waits for the network instead of spending its retries (docs/offline.md).
   */
  netInfo?: NetInfoLike;
  /** Leave unset in the app (axios uses XMLHttpRequest on React Native); tests pass an in-memory one. */
  adapter?: AxiosAdapter;
}

/**
 * An API client whose tokens live in AsyncStorage: every request reads the access token, a 401
 * refreshes once for all waiting requests (the refresh call itself bypasses the policy), and
 * 5xx / 429 / 503 are retried (429 and 503 after the server's Retry-After); with `netInfo`, a
 * request that fails offline waits for the network.
 */
export function createSession({ baseURL, storage, onLoggedOut, adapter, netInfo }: SessionOptions): AxiosInstance {
  const api = axios.create(adapter ? { baseURL, adapter } : { baseURL });
  attachStatusPolicy(api, {
    auth: {
      // Read before every request (AsyncStorage is async: a promise is fine); the plugin sets
      // `Authorization: Bearer <token>` itself.
      getAccessToken: () => storage.getItem(ACCESS),
      // Once for every concurrent 401. `statusPolicy: false`: the refresh call itself is never
      // held behind the refresh, retried or refreshed.
      refresh: async ({ instance }) => {
        const refreshToken = await storage.getItem(REFRESH);
        const { data } = await instance.post<{ access: string; refresh: string }>(
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
    // Offline, a GET waits for the network (bounded by the request's timeout) and then goes out
    // again without spending one of these retries; a POST without Idempotency-Key fails at once.
    retry: { maxRetries: 2, baseDelayMs: 300, ...(netInfo && { connectivity: netInfoConnectivity(netInfo) }) },
    rateLimit: { maxRetries: 2, maxRetryAfterMs: 30_000 },
  });
  return api;
}

export interface Message {
  id: number;
  subject: string;
}

export const isMessage = (data: unknown): data is Message =>
  typeof data === 'object' && data !== null && typeof (data as Partial<Message>).subject === 'string';

/** The inbox: the list, then the messages in one 207 batch call (one sub-response each). */
export async function loadInbox(api: AxiosInstance): Promise<{ ids: number[]; messages: SubResponse[] }> {
  const list = await api.get<{ ids: number[] }>('/messages');
  if (!list.data.ids.length) return { ids: [], messages: [] };
  const batch = await api.get<SubResponse[]>(`/messages/${list.data.ids.join(',')}`);
  return { ids: list.data.ids, messages: batch.data };
}
