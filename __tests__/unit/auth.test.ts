import axios, { AxiosHeaders } from 'axios';
import type { AxiosError, AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import MockAdapter from 'axios-mock-adapter';
import {
  AuthErrorCodes,
  StatusPolicyConfigError,
  StatusPolicyError,
  attachStatusPolicy,
  createAuthScope,
  isAuthError,
  isStatusPolicyError,
} from '../../src';
import type { AuthOptions, RefreshContext, StatusPolicyOptions } from '../../src';
import { rig, settle, useFakeClock } from '../helpers/mock';

useFakeClock();

/** A promise settled from outside: the refresh in flight until the test says so. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const authOf = (config: { headers?: unknown }): string | undefined => {
  const h = config.headers;
  if (h instanceof AxiosHeaders) return h.get('Authorization') as string | undefined;
  return (h as Record<string, string> | undefined)?.Authorization;
};

/** The mock answers 200 to `Bearer <valid>` and 401 to anything else. */
function guard(mock: MockAdapter, valid: () => string, url: string | RegExp = /\/data\/.*/) {
  mock.onGet(url).reply((config) => (authOf(config) === `Bearer ${valid()}` ? [200, { url: config.url }] : [401, { message: 'token expired' }]));
}

const sentWith = (mock: MockAdapter, token: string) => mock.history.get!.filter((c) => authOf(c) === `Bearer ${token}`).length;

/** A rig with a token in the instance defaults (the stale one) and a refresh the test controls. */
function authRig(auth: Partial<AuthOptions> & Pick<AuthOptions, 'refresh'>, extra: Parameters<typeof rig>[0] = {}) {
  const r = rig({ ...extra, auth });
  r.api.defaults.headers.common.Authorization = 'Bearer old';
  return r;
}

describe('single flight', () => {
  it('N concurrent 401s cause exactly one refresh and every request is repeated with the new token', async () => {
    const flight = deferred<string>();
    const refresh = jest.fn(() => flight.promise);
    const { api, mock } = authRig({ refresh });
    guard(mock, () => 'new');
    const calls = Array.from({ length: 20 }, (_, i) => settle(api.get(`/data/${i}`)));
    await jest.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(1);
    flight.resolve('new');
    const results = await Promise.all(calls);
    expect(results.map((r) => r.value?.status)).toEqual(Array(20).fill(200));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(sentWith(mock, 'old')).toBe(20);
    expect(sentWith(mock, 'new')).toBe(20);
    expect(results[0]!.value?.statusPolicy?.attempts).toBe(2);
  });

  it('holds requests started during a refresh: they never go out with the stale token', async () => {
    const flight = deferred<string>();
    const { api, mock } = authRig({ refresh: () => flight.promise });
    guard(mock, () => 'new');
    const first = settle(api.get('/data/first'));
    await jest.advanceTimersByTimeAsync(0);
    const later = [settle(api.get('/data/a')), settle(api.post('/data/b').catch(() => undefined)), settle(api.get('/data/c'))];
    await jest.advanceTimersByTimeAsync(1000);
    // Only the first request has gone out so far.
    expect(mock.history.get).toHaveLength(1);
    expect(mock.history.post).toHaveLength(0);
    flight.resolve('new');
    await Promise.all([first, ...later]);
    expect(sentWith(mock, 'old')).toBe(1);
    expect(mock.history.get!.slice(1).every((c) => authOf(c) === 'Bearer new')).toBe(true);
    expect(authOf(mock.history.post![0]!)).toBe('Bearer new');
  });

  it('two instances sharing one scope refresh once between them', async () => {
    const scope = createAuthScope();
    const flight = deferred<string>();
    const refreshA = jest.fn(() => flight.promise);
    const refreshB = jest.fn(() => flight.promise);
    const a = authRig({ refresh: refreshA, scope });
    const b = authRig({ refresh: refreshB, scope });
    guard(a.mock, () => 'new');
    guard(b.mock, () => 'new');
    const calls = [settle(a.api.get('/data/1')), settle(b.api.get('/data/2')), settle(b.api.get('/data/3'))];
    await jest.advanceTimersByTimeAsync(0);
    flight.resolve('new');
    const results = await Promise.all(calls);
    expect(results.map((r) => r.value?.status)).toEqual([200, 200, 200]);
    expect(refreshA.mock.calls.length + refreshB.mock.calls.length).toBe(1);
    expect(scope.refreshing).toBe(false);
  });

  it('by default each attach has its own scope', async () => {
    const refreshA = jest.fn(async () => 'new');
    const refreshB = jest.fn(async () => 'new');
    const a = authRig({ refresh: refreshA });
    const b = authRig({ refresh: refreshB });
    guard(a.mock, () => 'new');
    guard(b.mock, () => 'new');
    await Promise.all([settle(a.api.get('/data/1')), settle(b.api.get('/data/2'))]);
    expect(refreshA).toHaveBeenCalledTimes(1);
    expect(refreshB).toHaveBeenCalledTimes(1);
  });

  it('a late 401 from a request sent with an older token is repeated without a second refresh', async () => {
    const refresh = jest.fn(async () => 'new');
    const { api, mock } = authRig({ refresh });
    mock.onGet('/data/slow').withDelayInMs(500).reply((c) => (authOf(c) === 'Bearer new' ? [200] : [401]));
    guard(mock, () => 'new', '/data/fast');
    const slow = settle(api.get('/data/slow'));
    const fast = await settle(api.get('/data/fast'));
    expect(fast.value?.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    const { value } = await slow;
    expect(value?.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(mock.history.get!.filter((c) => c.url === '/data/slow').map(authOf)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('a 401 after the burst is over starts a new refresh', async () => {
    let valid = 'new';
    const refresh = jest.fn(async () => valid);
    const { api, mock } = authRig({ refresh });
    guard(mock, () => valid);
    await settle(api.get('/data/1'));
    valid = 'newer';
    const { value } = await settle(api.get('/data/2'));
    expect(value?.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('emits refresh events', async () => {
    const { api, mock, events } = authRig({ refresh: async () => 'new' });
    guard(mock, () => 'new');
    await settle(api.get('/data/1'));
    expect(events.filter((e) => e.type === 'refresh').map((e) => e.type === 'refresh' && `${e.phase}:${e.reason}`)).toEqual([
      'start:unauthorized',
      'done:unauthorized',
    ]);
    expect(events.some((e) => e.type === 'retry' && e.policy === 'auth' && e.status === 401)).toBe(true);
  });
});

describe('refresh failure', () => {
  it('rejects every waiter with the refresh failure as cause and calls onFailure once', async () => {
    const flight = deferred<string>();
    const onFailure = jest.fn();
    const boom = new Error('refresh token revoked');
    const refresh = jest.fn(() => flight.promise);
    const { api, mock } = authRig({ refresh, onFailure });
    guard(mock, () => 'new');
    const early = [settle(api.get('/data/1')), settle(api.get('/data/2'))];
    await jest.advanceTimersByTimeAsync(0);
    const held = settle(api.get('/data/held'));
    await jest.advanceTimersByTimeAsync(0);
    flight.reject(boom);
    const results = await Promise.all([...early, held]);
    for (const { error } of results) {
      expect(isAuthError(error)).toBe(true);
      if (!isAuthError(error)) continue;
      expect(error.code).toBe(AuthErrorCodes.REFRESH_FAILED);
      expect(error.cause).toBe(boom);
      expect(error).toBeInstanceOf(StatusPolicyError);
      expect(axios.isAxiosError(error)).toBe(true);
      expect(isStatusPolicyError(error)).toBe(true);
    }
    expect(isAuthError(results[0]!.error) && results[0]!.error.response?.status).toBe(401);
    expect(isAuthError(results[2]!.error) && results[2]!.error.response).toBeUndefined();
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledWith(boom);
    // The held request was never sent.
    expect(mock.history.get!.map((c) => c.url)).toEqual(['/data/1', '/data/2']);
  });

  it('a refresh that throws synchronously fails the same way', async () => {
    const onFailure = jest.fn();
    const { api, mock } = authRig({
      refresh: () => {
        throw new Error('no refresh token');
      },
      onFailure,
    });
    guard(mock, () => 'new');
    const { error } = await settle(api.get('/data/1'));
    expect(isAuthError(error) && (error.cause as Error).message).toBe('no refresh token');
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('the next 401 after a failed refresh may try again', async () => {
    const refresh = jest.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce('new');
    const { api, mock } = authRig({ refresh });
    guard(mock, () => 'new');
    expect(isAuthError((await settle(api.get('/data/1'))).error)).toBe(true);
    expect((await settle(api.get('/data/2'))).value?.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('a late 401 from before a failed refresh rejects with that failure, without another refresh', async () => {
    const onFailure = jest.fn();
    const boom = new Error('revoked');
    const refresh = jest.fn().mockRejectedValue(boom);
    const { api, mock } = authRig({ refresh, onFailure });
    mock.onGet('/data/slow').withDelayInMs(500).reply(401);
    mock.onGet('/data/fast').reply(401);
    const slow = settle(api.get('/data/slow'));
    await settle(api.get('/data/fast'));
    const { error } = await slow;
    expect(isAuthError(error) && error.cause).toBe(boom);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('a throwing onFailure does not break the rejection', async () => {
    const { api, mock } = authRig({
      refresh: async () => {
        throw new Error('x');
      },
      onFailure: () => {
        throw new Error('logout crashed');
      },
    });
    guard(mock, () => 'new');
    const { error } = await settle(api.get('/data/1'));
    expect(isAuthError(error) && error.code).toBe(AuthErrorCodes.REFRESH_FAILED);
  });

  it('a refresh returning something that is not a token fails with a config error as cause', async () => {
    const { api, mock } = authRig({ refresh: (async () => ({ token: 'x' })) as unknown as AuthOptions['refresh'] });
    guard(mock, () => 'new');
    const { error } = await settle(api.get('/data/1'));
    expect(isAuthError(error) && error.cause).toBeInstanceOf(StatusPolicyConfigError);
    expect(isAuthError(error) && (error.cause as Error).message).toMatch(/must return the new access token/);
  });
});

describe('loop guard', () => {
  it('a second 401 on the repeat rejects with a typed error that keeps the response; no loop', async () => {
    const refresh = jest.fn(async () => 'new');
    const { api, mock } = authRig({ refresh });
    mock.onGet('/data/1').reply(401, { message: 'no access' });
    const { error } = await settle(api.get('/data/1'));
    expect(isAuthError(error)).toBe(true);
    if (!isAuthError(error)) return;
    expect(error.code).toBe(AuthErrorCodes.STILL_UNAUTHORIZED);
    expect(error.response?.status).toBe(401);
    expect(axios.isAxiosError(error.cause)).toBe(true);
    expect(error.statusPolicy?.attempts).toBe(2);
    expect(mock.history.get).toHaveLength(2);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('a 401 the caller accepted with validateStatus comes back as is on the repeat', async () => {
    const { api, mock } = authRig({ refresh: async () => 'new' });
    mock.onGet('/data/1').reply(401);
    const { value } = await settle(api.get('/data/1', { validateStatus: () => true }));
    expect(value?.status).toBe(401);
    expect(mock.history.get).toHaveLength(2);
  });
});

describe('the token request', () => {
  it('refresh through the same instance with statusPolicy: false works', async () => {
    const refresh = jest.fn(async ({ instance }: RefreshContext) => {
      const res = await instance.post<{ token: string }>('/token', { grant: 'refresh' }, { statusPolicy: false });
      return res.data.token;
    });
    const { api, mock } = authRig({ refresh });
    mock.onPost('/token').withDelayInMs(200).reply(200, { token: 'new' });
    guard(mock, () => 'new');
    const results = await Promise.all([1, 2, 3].map((i) => settle(api.get(`/data/${i}`))));
    expect(results.map((r) => r.value?.status)).toEqual([200, 200, 200]);
    expect(mock.history.post).toHaveLength(1);
  });

  it('when the token endpoint answers 401, everything rejects promptly and the token request is not refreshed', async () => {
    const onFailure = jest.fn();
    const refresh = jest.fn(async ({ instance }: RefreshContext) => (await instance.post('/token', {}, { statusPolicy: false })).data);
    const { api, mock } = authRig({ refresh, onFailure });
    mock.onPost('/token').reply(401, { message: 'refresh token expired' });
    guard(mock, () => 'new');
    const calls = [1, 2, 3].map((i) => api.get(`/data/${i}`).then(() => undefined, (e: unknown) => e));
    // No timers need to run: the rejection comes from the token response itself.
    await jest.advanceTimersByTimeAsync(0);
    const errors = await Promise.all(calls);
    for (const error of errors) {
      expect(isAuthError(error) && error.code).toBe(AuthErrorCodes.REFRESH_FAILED);
      expect(isAuthError(error) && axios.isAxiosError(error.cause) && error.cause.response?.status).toBe(401);
    }
    expect(mock.history.post).toHaveLength(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('a token request sent from inside refresh needs no statusPolicy: false: it is not held behind its own refresh', async () => {
    const refresh = jest.fn(async ({ instance }: RefreshContext) => (await instance.post('/token')).data as string);
    const { api, mock } = authRig({ refresh, refreshTimeoutMs: 5000 });
    mock.onPost('/token').reply(200, 'new');
    guard(mock, () => 'new');
    const call = api.get('/data/1').then((r) => r.status, (e: unknown) => e);
    await jest.advanceTimersByTimeAsync(0);
    expect(await call).toBe(200);
    expect(mock.history.post).toHaveLength(1);
    // It went out as the caller built it (here with the instance default).
    expect(mock.history.post[0]!.headers?.Authorization).toBe('Bearer old');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('a token request sent after an await in refresh (not recognised) cannot hang forever: refreshTimeoutMs fails the refresh', async () => {
    const onFailure = jest.fn();
    const refresh = jest.fn(async ({ instance }: RefreshContext) => {
      await Promise.resolve(); // e.g. reading the refresh token from async storage
      return (await instance.post('/token')).data as string;
    });
    const { api, mock } = authRig({ refresh, onFailure, refreshTimeoutMs: 5000 });
    mock.onPost('/token').reply(200, 'new');
    guard(mock, () => 'new');
    const call = api.get('/data/1').then(() => 'resolved', (e: unknown) => e);
    await jest.advanceTimersByTimeAsync(4999);
    expect(onFailure).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    const error = await call;
    expect(isAuthError(error) && error.code).toBe(AuthErrorCodes.REFRESH_FAILED);
    expect(isAuthError(error) && isAuthError(error.cause) && error.cause.code).toBe(AuthErrorCodes.REFRESH_TIMEOUT);
    expect(onFailure).toHaveBeenCalledTimes(1);
    // The token request was held (it would have carried the stale token) and never sent.
    expect(mock.history.post).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a refresh that settles after refreshTimeoutMs is ignored: its token is never used', async () => {
    const flight = deferred<string>();
    const onFailure = jest.fn();
    const { api, mock } = authRig({ refresh: () => flight.promise, onFailure, refreshTimeoutMs: 1000 });
    mock.onGet('/data/1').reply(401);
    mock.onGet('/open').reply(200);
    const { error } = await settle(api.get('/data/1'));
    expect(isAuthError(error) && isAuthError(error.cause) && error.cause.code).toBe(AuthErrorCodes.REFRESH_TIMEOUT);
    flight.resolve('late');
    await jest.advanceTimersByTimeAsync(0);
    await settle(api.get('/open'));
    expect(authOf(mock.history.get!.at(-1)!)).toBe('Bearer old');
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('requests with statusPolicy: false or { auth: false } bypass the hold and the refresh', async () => {
    const flight = deferred<string>();
    const refresh = jest.fn(() => flight.promise);
    const { api, mock } = authRig({ refresh });
    guard(mock, () => 'new');
    mock.onGet('/open').reply(200);
    const first = settle(api.get('/data/1'));
    await jest.advanceTimersByTimeAsync(0);
    await expect(api.get('/open', { statusPolicy: false })).resolves.toMatchObject({ status: 200 });
    await expect(api.get('/open', { statusPolicy: { auth: false } })).resolves.toMatchObject({ status: 200 });
    const plain = await settle(api.get('/data/2', { statusPolicy: { auth: false } }));
    expect(axios.isAxiosError(plain.error) && plain.error.response?.status).toBe(401);
    expect(isAuthError(plain.error)).toBe(false);
    flight.resolve('new');
    expect((await first).value?.status).toBe(200);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe('waiting requests', () => {
  it('abort while queued rejects at once, is never sent, and does not cancel the shared refresh', async () => {
    const flight = deferred<string>();
    const { api, mock } = authRig({ refresh: () => flight.promise });
    guard(mock, () => 'new');
    const first = settle(api.get('/data/1'));
    await jest.advanceTimersByTimeAsync(0);
    const controller = new AbortController();
    const queued = api.get('/data/queued', { signal: controller.signal }).then(() => 'resolved', (e: unknown) => e);
    await jest.advanceTimersByTimeAsync(10);
    controller.abort();
    const error = await queued;
    expect(axios.isCancel(error)).toBe(true);
    flight.resolve('new');
    expect((await first).value?.status).toBe(200);
    expect(mock.history.get!.map((c) => c.url)).toEqual(['/data/1', '/data/1']);
  });

  it('abort while a 401 waits for the refresh rejects at once', async () => {
    const flight = deferred<string>();
    const { api, mock } = authRig({ refresh: () => flight.promise });
    guard(mock, () => 'new');
    const controller = new AbortController();
    const waiting = api.get('/data/1', { signal: controller.signal }).then(() => 'resolved', (e: unknown) => e);
    const other = settle(api.get('/data/2'));
    await jest.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(axios.isCancel(await waiting)).toBe(true);
    flight.resolve('new');
    expect((await other).value?.status).toBe(200);
    expect(mock.history.get!.filter((c) => c.url === '/data/1')).toHaveLength(1);
  });

  it('a cancel token ends the wait too', async () => {
    const flight = deferred<string>();
    const { api, mock } = authRig({ refresh: () => flight.promise });
    guard(mock, () => 'new');
    const first = api.get('/data/1');
    await jest.advanceTimersByTimeAsync(0);
    const source = axios.CancelToken.source();
    const queued = api.get('/data/q', { cancelToken: source.token }).then(() => 'resolved', (e: unknown) => e);
    source.cancel('user left');
    expect(axios.isCancel(await queued)).toBe(true);
    flight.resolve('new');
    await expect(first).resolves.toMatchObject({ status: 200 });
  });

  it('a queued request honours its timeout while waiting, without being sent', async () => {
    const flight = deferred<string>();
    const { api, mock } = authRig({ refresh: () => flight.promise, refreshTimeoutMs: 0 });
    guard(mock, () => 'new');
    const first = api.get('/data/1');
    await jest.advanceTimersByTimeAsync(0);
    let error: unknown;
    void api.get('/data/q', { timeout: 1000 }).then(() => (error = 'resolved'), (e: unknown) => (error = e));
    await jest.advanceTimersByTimeAsync(999);
    expect(error).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(isAuthError(error) && error.code).toBe(AuthErrorCodes.WAIT_TIMEOUT);
    expect(mock.history.get!.filter((c) => c.url === '/data/q')).toHaveLength(0);
    flight.resolve('new');
    await expect(first).resolves.toMatchObject({ status: 200 });
  });

  it('detach releases held requests as if the policy had never been there', async () => {
    const flight = deferred<string>();
    const { api, mock, policy } = authRig({ refresh: () => flight.promise });
    guard(mock, () => 'new');
    const first = settle(api.get('/data/1'));
    await jest.advanceTimersByTimeAsync(0);
    const queued = settle(api.get('/data/q'));
    await jest.advanceTimersByTimeAsync(0);
    policy.detach();
    const q = await queued;
    expect(axios.isAxiosError(q.error) && q.error.response?.status).toBe(401);
    const f = await first;
    expect(axios.isAxiosError(f.error) && f.error.response?.status).toBe(401);
    flight.resolve('new');
  });
});

describe('where the token comes from', () => {
  it('refresh returning nothing: the repeat re-runs the user request interceptor', async () => {
    let stored = 'old';
    const api = axios.create({ baseURL: 'http://api.test' });
    api.interceptors.request.use((config) => {
      config.headers.set('Authorization', `Bearer ${stored}`);
      return config;
    });
    const mock = new MockAdapter(api);
    attachStatusPolicy(api, {
      auth: {
        refresh: async () => {
          stored = 'new';
        },
      },
    });
    guard(mock, () => 'new');
    const results = await Promise.all([1, 2].map((i) => settle(api.get(`/data/${i}`))));
    expect(results.map((r) => r.value?.status)).toEqual([200, 200]);
    expect(sentWith(mock, 'new')).toBe(2);
  });

  it('refresh returning nothing after updating instance defaults: held and repeated requests take the new default', async () => {
    const flight = deferred<void>();
    const { api, mock } = authRig({ refresh: () => flight.promise });
    guard(mock, () => 'new');
    const first = settle(api.get('/data/1'));
    await jest.advanceTimersByTimeAsync(0);
    const held = settle(api.get('/data/2'));
    const own = settle(api.get('/data/3', { headers: { Authorization: 'Bearer own' } }));
    await jest.advanceTimersByTimeAsync(0);
    api.defaults.headers.common.Authorization = 'Bearer new';
    flight.resolve();
    expect((await first).value?.status).toBe(200);
    expect((await held).value?.status).toBe(200);
    // A header the caller set on the request itself is not replaced by the default.
    expect(axios.isAxiosError((await own).error)).toBe(true);
    expect(mock.history.get!.filter((c) => c.url === '/data/2').map(authOf)).toEqual(['Bearer new']);
  });

  it('getAccessToken attaches the current token to every request; refresh updates the store', async () => {
    let stored = 'old';
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    attachStatusPolicy(api, {
      auth: {
        getAccessToken: () => stored,
        refresh: async () => {
          stored = 'new';
        },
      },
    });
    guard(mock, () => 'new');
    expect((await settle(api.get('/data/1'))).value?.status).toBe(200);
    expect(mock.history.get!.map(authOf)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('an async getAccessToken and a custom scheme', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    attachStatusPolicy(api, { auth: { getAccessToken: async () => 'abc', scheme: 'Token', refresh: () => undefined } });
    mock.onGet('/x').reply(200);
    await settle(api.get('/x'));
    expect(authOf(mock.history.get![0]!)).toBe('Token abc');
  });

  it('a string from refresh is sent on later requests too, even if the defaults still hold the old one', async () => {
    const { api, mock } = authRig({ refresh: async () => 'new' });
    guard(mock, () => 'new');
    await settle(api.get('/data/1'));
    await settle(api.get('/data/2'));
    expect(mock.history.get!.map(authOf)).toEqual(['Bearer old', 'Bearer new', 'Bearer new']);
  });
});

describe('with the other policies', () => {
  it('a repeat that gets 503 follows the rateLimit rules; counters stay separate', async () => {
    const { api, mock } = authRig({ refresh: async () => 'new' }, { rateLimit: { baseDelayMs: 100 } });
    mock.onGet('/data/1').replyOnce(401).onGet('/data/1').replyOnce(503, undefined, { 'retry-after': '2' }).onGet('/data/1').reply(200);
    const { value } = await settle(api.get('/data/1'));
    expect(value?.status).toBe(200);
    expect(value?.statusPolicy).toMatchObject({ attempts: 3, delays: [0, 2000], retryAfterMs: 2000 });
    expect(mock.history.get!.map(authOf)).toEqual(['Bearer old', 'Bearer new', 'Bearer new']);
  });

  it('a 401 after a 5xx retry still gets its one refresh', async () => {
    const refresh = jest.fn(async () => 'new');
    const { api, mock } = authRig({ refresh });
    mock.onGet('/data/1').replyOnce(500).onGet('/data/1').replyOnce(401).onGet('/data/1').reply(200);
    const { value } = await settle(api.get('/data/1'));
    expect(value?.statusPolicy?.attempts).toBe(3);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('no timers or waits are left behind after a burst', async () => {
    const { api, mock } = authRig({ refresh: async () => 'new' });
    guard(mock, () => 'new');
    await Promise.all([1, 2, 3].map((i) => settle(api.get(`/data/${i}`))));
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('options', () => {
  const api = () => axios.create();
  const refresh = (): string => 'x';
  it.each<[Record<string, unknown>, RegExp]>([
    [{ refresh, scheme: 1 }, /auth\.scheme" must be a string/],
    [{ refresh, scope: {} }, /auth\.scope" must be an auth scope/],
    [{ refresh, refreshTimeoutMs: -1 }, /auth\.refreshTimeoutMs/],
    [{ refresh, expiresAt: 5 }, /auth\.expiresAt" must be a function/],
    [{ refresh, getAccessToken: 'abc' }, /auth\.getAccessToken" must be a function/],
    [{ refresh, refreshh: 1 }, /unknown option "auth\.refreshh"/],
    [{}, /auth\.refresh" must be a function/],
  ])('rejects %p', (auth, message) => {
    expect(() => attachStatusPolicy(api(), { auth } as unknown as StatusPolicyOptions)).toThrow(message);
  });

  it('hands refresh the context its type promises: the 401, the request that got it, the instance', async () => {
    // Compile time (npm test's typecheck, tsc: ts-jest's isolatedModules does not check types): each
    // field exactly as documented, `any` refused (`config: any` in RefreshContext fails here).
    type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
    const typed: [
      Equal<RefreshContext['config'], InternalAxiosRequestConfig>,
      Equal<RefreshContext['error'], AxiosError | undefined>,
      Equal<RefreshContext['instance'], AxiosInstance>,
      Equal<RefreshContext['reason'], 'unauthorized' | 'expiring' | 'requested'>,
    ] = [true, true, true, true];
    expect(typed).toEqual([true, true, true, true]);
    // Run time: what a refresh really receives.
    const seen: RefreshContext[] = [];
    const { api: instance, mock, policy } = rig({ auth: { refresh: (ctx) => (seen.push(ctx), 'fresh') } });
    mock.onGet('/me').replyOnce(401).onGet('/me').reply(200, {});
    await settle(instance.get('/me'));
    expect(seen).toHaveLength(1);
    const [ctx] = seen;
    expect(ctx!.reason).toBe('unauthorized');
    expect(ctx!.error?.response?.status).toBe(401);
    expect(ctx!.config.url).toBe('/me');
    expect(ctx!.instance).toBe(instance);
    policy.detach();
  });
});
