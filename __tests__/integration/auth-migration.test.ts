import axios from 'axios';
import type { AxiosResponse } from 'axios';
import { attachStatusPolicy, isAuthError, AuthErrorCodes } from '../../src';
import type { RefreshContext } from '../../src';
import { useLiveServer } from '../helpers/live-server';

/**
 * The axios-auth-refresh README's own example, migrated as docs/migration.md says: the refresh
 * sends its token request through the SAME instance, with nothing added (no `statusPolicy: false`).
 * Before, that request was held behind the refresh it belonged to, and every 401 stalled for
 * `refreshTimeoutMs` (30 s) before failing.
 */
const live = useLiveServer();
const state = { token: 'fresh', tokenStatus: 200 };

beforeEach(() => {
  state.tokenStatus = 200;
  live.handler = (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/auth/token/refresh') {
      res.statusCode = state.tokenStatus;
      return res.end(JSON.stringify(state.tokenStatus === 200 ? { token: state.token } : { message: 'refresh token expired' }));
    }
    if (req.headers.authorization !== `Bearer ${state.token}`) {
      res.statusCode = 401;
      return res.end(JSON.stringify({ message: 'token expired' }));
    }
    res.end(JSON.stringify({ area: 'restricted' }));
  };
});

/** Settles within `ms`, or fails naming the stall (the bug made every 401 wait 30 s). */
function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms: the token request waits for its own refresh`)), ms);
  });
  return Promise.race([promise, stall]).finally(() => clearTimeout(timer));
}

/** What each test attached to the default instance; removed after it, passed or not. */
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

/** The README's setup, line for line where the API allows: a storage, its interceptor, its refresh. */
function readmeExample() {
  const base = live.server.url;
  const localStorage = new Map<string, string>([['token', 'expired']]);
  // The README attaches to axios's default instance itself (this test file has its own module registry).
  const api = axios;

  // "Obtain the fresh token each time the function is called"
  function getAccessToken() {
    return localStorage.get('token');
  }
  // "Use interceptor to inject the token to requests"
  const interceptor = api.interceptors.request.use((request) => {
    request.headers['Authorization'] = `Bearer ${getAccessToken()}`;
    return request;
  });

  // refreshAuthLogic(failedRequest): the header it set on the failed request becomes the returned token.
  const refreshAuthLogic = jest.fn(({ error: failedRequest }: RefreshContext) =>
    api.post<{ token: string }>(`${base}/auth/token/refresh`).then((tokenRefreshResponse: AxiosResponse<{ token: string }>) => {
      void failedRequest;
      localStorage.set('token', tokenRefreshResponse.data.token);
      return tokenRefreshResponse.data.token;
    }),
  );
  // createAuthRefresh(axios, refreshAuthLogic)
  const attached = attachStatusPolicy(api, { auth: { refresh: refreshAuthLogic } });
  const policy = {
    detach() {
      attached.detach();
      api.interceptors.request.eject(interceptor);
    },
  };
  cleanups.push(() => policy.detach());
  return { api, base, refreshAuthLogic, policy };
}

describe('axios-auth-refresh README example, migrated (token request through the same instance)', () => {
  it('refreshes and repeats the request at once: the token request is not held behind its own refresh', async () => {
    const { api, base, refreshAuthLogic, policy } = readmeExample();
    const res = await settlesWithin(api.get<{ area: string }>(`${base}/restricted/area`), 5_000);
    expect(res.data).toEqual({ area: 'restricted' });
    expect(refreshAuthLogic).toHaveBeenCalledTimes(1);
    expect(live.server.seen.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ['GET', '/restricted/area', 'Bearer expired'],
      ['POST', '/auth/token/refresh', 'Bearer expired'],
      ['GET', '/restricted/area', 'Bearer fresh'],
    ]);
    policy.detach();
  });

  it('a burst of 401s: one refresh, every request repeated with the new token', async () => {
    const { api, base, refreshAuthLogic, policy } = readmeExample();
    const all = await settlesWithin(Promise.all(Array.from({ length: 10 }, () => api.get(`${base}/restricted/area`))), 5_000);
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(refreshAuthLogic).toHaveBeenCalledTimes(1);
    expect(live.server.seen.filter((r) => r.url === '/auth/token/refresh')).toHaveLength(1);
    policy.detach();
  });

  it("the token endpoint's own 401 fails the refresh at once (it starts no refresh of its own)", async () => {
    state.tokenStatus = 401;
    const { api, base, refreshAuthLogic, policy } = readmeExample();
    const error = await settlesWithin(
      api.get(`${base}/restricted/area`).then(
        () => undefined,
        (e: unknown) => e,
      ),
      5_000,
    );
    expect(isAuthError(error) && error.code).toBe(AuthErrorCodes.REFRESH_FAILED);
    expect(isAuthError(error) && axios.isAxiosError(error.cause) && error.cause.response?.status).toBe(401);
    expect(refreshAuthLogic).toHaveBeenCalledTimes(1);
    expect(live.server.seen.filter((r) => r.url === '/auth/token/refresh')).toHaveLength(1);
    policy.detach();
  });

  it('requests the app sends while the refresh is under way (not from inside it) are still held for the new token', async () => {
    const { api, base, policy } = readmeExample();
    let slowToken: () => void = () => undefined;
    const tokenGate = new Promise<void>((resolve) => (slowToken = resolve));
    const handler = live.handler;
    live.handler = (req, res, raw) => {
      if (req.url === '/auth/token/refresh') void tokenGate.then(() => handler(req, res, raw));
      else handler(req, res, raw);
    };
    const first = api.get(`${base}/restricted/area`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the refresh is waiting for the token endpoint
    const later = api.get(`${base}/restricted/later`);
    slowToken();
    await settlesWithin(Promise.all([first, later]), 5_000);
    expect(live.server.seen.filter((r) => r.url === '/restricted/later').map((r) => r.headers.authorization)).toEqual(['Bearer fresh']);
    policy.detach();
  });
});
