import axios from 'axios';
import { attachStatusPolicy, createAuthScope, isAuthError, AuthErrorCodes } from '../../src';
import type { RefreshContext } from '../../src';
import { startServer } from '../helpers/server';
import type { TestServer } from '../helpers/server';

/**
 * A real API on 127.0.0.1: `/data/*` answers 200 only to the current token, `/token` hands out the
 * next one after a short delay (so requests can arrive while the refresh runs).
 */
async function api(tokenDelayMs = 150) {
  const state = { valid: 'gen-1', refreshes: 0, refreshing: false, tokenStatus: 200 };
  const server = await startServer((req, res) => {
    if (req.url === '/token') {
      state.refreshes++;
      state.refreshing = true;
      setTimeout(() => {
        state.refreshing = false;
        res.statusCode = state.tokenStatus;
        if (state.tokenStatus !== 200) return res.end(JSON.stringify({ message: 'refresh token expired' }));
        state.valid = `gen-${state.refreshes + 1}`;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ token: state.valid }));
      }, tokenDelayMs);
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (req.headers.authorization !== `Bearer ${state.valid}`) {
      res.statusCode = 401;
      return res.end(JSON.stringify({ message: 'token expired' }));
    }
    res.end(JSON.stringify({ ok: true, url: req.url }));
  });
  return { server, state };
}

function client(server: TestServer, onRefreshStart?: () => void) {
  const instance = axios.create({ baseURL: server.url });
  instance.defaults.headers.common.Authorization = 'Bearer gen-0'; // expired
  const refresh = jest.fn(async ({ instance: same }: RefreshContext) => {
    onRefreshStart?.();
    const res = await same.post<{ token: string }>('/token', undefined, { statusPolicy: false });
    return res.data.token;
  });
  const onFailure = jest.fn();
  const policy = attachStatusPolicy(instance, { auth: { refresh, onFailure } });
  return { instance, refresh, onFailure, policy };
}

describe('401 refresh against a real server', () => {
  let server: TestServer;
  afterEach(() => server.close());

  it('100 concurrent 401s: one refresh, 100 successes, repeats carry the new token; requests issued mid-refresh never carry the stale one', async () => {
    const made = await api();
    server = made.server;
    let midRefresh: Promise<unknown[]> | undefined;
    const { instance, refresh } = client(server, () => {
      // Issued while the refresh runs (a tick later: a request sent from inside refresh itself is
      // its token request, never held): these must wait for it.
      setImmediate(() => void (midRefresh = Promise.all(Array.from({ length: 20 }, (_, i) => instance.get(`/data/mid-${i}`)))));
    });
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => instance.get(`/data/${i}`)));
    const mid = (await midRefresh) ?? [];

    expect(burst.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(mid).toHaveLength(20);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(made.state.refreshes).toBe(1);

    const seen = server.seen.filter((r) => r.url.startsWith('/data/'));
    for (let i = 0; i < 100; i++) {
      const tries = seen.filter((r) => r.url === `/data/${i}`).map((r) => r.headers.authorization);
      expect(tries).toEqual(['Bearer gen-0', 'Bearer gen-2']);
    }
    const midSeen = seen.filter((r) => r.url.startsWith('/data/mid-'));
    expect(midSeen).toHaveLength(20);
    expect(midSeen.every((r) => r.headers.authorization === 'Bearer gen-2')).toBe(true);
    expect(burst[0]!.statusPolicy?.attempts).toBe(2);
  });

  it('two instances sharing one scope refresh once', async () => {
    const made = await api();
    server = made.server;
    const scope = createAuthScope();
    const make = () => {
      const instance = axios.create({ baseURL: server.url, headers: { Authorization: 'Bearer gen-0' } });
      attachStatusPolicy(instance, {
        auth: {
          scope,
          refresh: async ({ instance: same }) =>
            (await same.post<{ token: string }>('/token', undefined, { statusPolicy: false })).data.token,
        },
      });
      return instance;
    };
    const a = make();
    const b = make();
    const all = await Promise.all([...Array.from({ length: 10 }, (_, i) => a.get(`/data/a${i}`)), ...Array.from({ length: 10 }, (_, i) => b.get(`/data/b${i}`))]);
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(made.state.refreshes).toBe(1);
  });

  it('the token endpoint answering 401 rejects everything with the cause and calls onFailure once', async () => {
    const made = await api(20);
    server = made.server;
    made.state.tokenStatus = 401;
    const { instance, onFailure } = client(server);
    const errors = await Promise.all(Array.from({ length: 10 }, (_, i) => instance.get(`/data/${i}`).then(() => undefined, (e: unknown) => e)));
    for (const error of errors) {
      expect(isAuthError(error) && error.code).toBe(AuthErrorCodes.REFRESH_FAILED);
      expect(isAuthError(error) && axios.isAxiosError(error.cause) && error.cause.response?.status).toBe(401);
    }
    expect(made.state.refreshes).toBe(1);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });
});
