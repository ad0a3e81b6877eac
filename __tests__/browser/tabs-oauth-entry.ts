// What each tab of tabs-oauth.test.ts loads: an axios instance with the policy and a
// tabsCoordinator, signed in to a real OAuth server (proxied same-origin as /api/token and
// /api/resource). The refresh token rotates, so it lives in localStorage where both tabs read it;
// only the tab holding the Web Lock runs `auth.refresh`. Bundled by esbuild; never run by Node.
import axios from 'axios';
import * as lib from '../../src';
import { tabsCoordinator } from '../../src/tabs';

export interface OAuthTabRun {
  statuses: number[];
  /** Calls of auth.refresh in this tab. */
  refreshes: number;
}

const REFRESH_TOKEN = 'session:refresh-token';
const state = { refreshes: 0 };

const api = axios.create();
lib.attachStatusPolicy(api, {
  coordinator: tabsCoordinator({ name: 'session' }),
  auth: {
    refresh: async () => {
      state.refreshes++;
      const body = new URLSearchParams({ client_id: 'app', grant_type: 'refresh_token', refresh_token: localStorage.getItem(REFRESH_TOKEN) ?? '' });
      const { data } = await api.post<{ access_token: string; refresh_token: string; expires_in: number }>('/api/token', body, { statusPolicy: false });
      // Saved before returning: the next refresh, in either tab, must find it.
      localStorage.setItem(REFRESH_TOKEN, data.refresh_token);
      return { accessToken: data.access_token, expiresInMs: data.expires_in * 1000 };
    },
  },
});

const statusOf = (e: unknown): number => (axios.isAxiosError(e) ? (e.response?.status ?? -1) : -2);
const get = (): Promise<number> => api.get('/api/resource').then((r) => r.status, statusOf);

const oauthTab = {
  /** The sign-in: the refresh token the test got from the server's login. */
  signIn(refreshToken: string): Promise<number> {
    localStorage.setItem(REFRESH_TOKEN, refreshToken);
    return get();
  },
  /** The first request of a tab: refreshes (or takes the other tab's token). */
  first: get,
  /** Waves of `concurrency` requests for `ms`. */
  async run({ ms, concurrency }: { ms: number; concurrency: number }): Promise<OAuthTabRun> {
    const statuses: number[] = [];
    const end = Date.now() + ms;
    while (Date.now() < end) {
      statuses.push(...(await Promise.all(Array.from({ length: concurrency }, get))));
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
    return { statuses, refreshes: state.refreshes };
  },
};

export type OAuthTab = typeof oauthTab;
Object.assign(window, { oauthTab });
