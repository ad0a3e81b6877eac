import axios from 'axios';
import type { AxiosRequestTransformer } from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { Readable } from 'node:stream';
import { StatusPolicyConfigError, attachStatusPolicy, isStatusPolicyError } from '../../src';
import { attachPolicies, retry } from '../../src/compose';
import { rig, settle, useFakeClock } from '../helpers/mock';

useFakeClock();

describe('attach and detach', () => {
  it('refuses a second attach on the same instance until the first is detached', () => {
    const api = axios.create();
    const first = attachStatusPolicy(api);
    expect(() => attachStatusPolicy(api)).toThrow(/already attached/);
    first.detach();
    expect(() => attachStatusPolicy(api).detach()).not.toThrow();
  });

  it('refuses something that is not an axios instance', () => {
    expect(() => attachStatusPolicy({} as never)).toThrow(StatusPolicyConfigError);
  });

  it('detach ejects exactly our interceptors and is idempotent', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    const seen: string[] = [];
    api.interceptors.request.use((c) => (seen.push('user-req'), c));
    api.interceptors.response.use((r) => (seen.push('user-res'), r));
    const policy = attachStatusPolicy(api);
    policy.detach();
    policy.detach();
    mock.onGet('/x').replyOnce(500).onGet('/x').reply(200);
    await expect(api.get('/x')).rejects.toMatchObject({ response: { status: 500 } });
    expect(mock.history.get).toHaveLength(1);
    expect(seen).toEqual(['user-req']);
  });

  it('detach during a backoff ends the wait: the request settles with what it had, nothing more is sent', async () => {
    const { api, mock, policy } = rig();
    mock.onGet('/x').reply(500);
    const p = settle(api.get('/x'));
    await jest.advanceTimersByTimeAsync(10);
    policy.detach();
    const { error } = await p;
    expect(isStatusPolicyError(error) && error.statusPolicy.reason).toBe('detached');
    expect(mock.history.get).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('detach during an origin hold lets held requests go, unpoliced', async () => {
    const { api, mock, policy } = rig();
    mock.onGet('/a').replyOnce(429, '', { 'retry-after': '30' }).onGet(/.*/).reply(200);
    const a = settle(api.get('/a'));
    await jest.advanceTimersByTimeAsync(10);
    const b = settle(api.get('/b'));
    await jest.advanceTimersByTimeAsync(10);
    policy.detach();
    expect((await b).value?.status).toBe(200);
    // The request waiting out its own Retry-After settles with the 429 it had, reason 'detached',
    // and is not sent again.
    const { error } = await a;
    expect(isStatusPolicyError(error) && [error.response?.status, error.statusPolicy.reason]).toEqual([429, 'detached']);
    expect(mock.history.get.map((config) => config.url)).toEqual(['/a', '/b']);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('abort', () => {
  it('aborting during a backoff rejects at once with CanceledError and sends nothing more', async () => {
    const { api, mock } = rig({ retry: { baseDelayMs: 10_000 } });
    mock.onGet('/x').reply(500);
    const controller = new AbortController();
    const p = settle(api.get('/x', { signal: controller.signal }));
    await jest.advanceTimersByTimeAsync(100);
    controller.abort();
    const { error } = await p;
    expect(axios.isCancel(error)).toBe(true);
    expect(isStatusPolicyError(error) && error.statusPolicy.category).toBe('cancelled');
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(mock.history.get).toHaveLength(1);
  });

  it('honours the older cancelToken too', async () => {
    const { api, mock } = rig({ retry: { baseDelayMs: 10_000 } });
    mock.onGet('/x').reply(500);
    const source = axios.CancelToken.source();
    const p = settle(api.get('/x', { cancelToken: source.token }));
    await jest.advanceTimersByTimeAsync(100);
    source.cancel('user left');
    const { error } = await p;
    expect(axios.isCancel(error)).toBe(true);
    expect(mock.history.get).toHaveLength(1);
  });

  it('an already-aborted signal is never retried', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(200);
    const controller = new AbortController();
    controller.abort();
    const { error } = await settle(api.get('/x', { signal: controller.signal }));
    expect(axios.isCancel(error)).toBe(true);
    expect(mock.history.get).toHaveLength(0);
  });
});

describe('re-sending through the instance', () => {
  it('runs user request interceptors again on every retry', async () => {
    const { api, mock } = rig();
    let n = 0;
    api.interceptors.request.use((c) => {
      c.headers.set('X-Attempt', String(++n));
      return c;
    });
    mock.onGet('/x').replyOnce(500).onGet('/x').replyOnce(500).onGet('/x').reply(200);
    await settle(api.get('/x'));
    expect(mock.history.get.map((r) => r.headers?.['X-Attempt'])).toEqual(['1', '2', '3']);
  });

  it('applies transformRequest once per attempt, never to its own output', async () => {
    const { api, mock } = rig();
    const wrap: AxiosRequestTransformer = (data: unknown) => JSON.stringify({ wrapped: data });
    mock.onPut('/x').replyOnce(503, '', { 'retry-after': '0' }).onPut('/x').reply(200);
    await settle(api.put('/x', { a: 1 }, { transformRequest: [wrap] }));
    expect(mock.history.put.map((r) => r.data)).toEqual(['{"wrapped":{"a":1}}', '{"wrapped":{"a":1}}']);
  });

  it('response interceptors added after attach run once on the final result; earlier ones per attempt', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    const before: number[] = [];
    const after: number[] = [];
    api.interceptors.response.use(
      (r) => (before.push(r.status), r),
      (e: { response?: { status: number } }) => (before.push(e.response?.status ?? 0), Promise.reject(e)),
    );
    attachStatusPolicy(api);
    api.interceptors.response.use(
      (r) => (after.push(r.status), r),
      (e: unknown) => (after.push(-1), Promise.reject(e)),
    );
    mock.onGet('/x').replyOnce(500).onGet('/x').replyOnce(502).onGet('/x').reply(200);
    await settle(api.get('/x'));
    expect(before).toEqual([500, 502, 200]);
    expect(after).toEqual([200]);
  });

  it('does not retry a stream body, and says why', async () => {
    const { api, mock } = rig();
    mock.onPut('/upload').reply(500);
    const { error } = await settle(api.put('/upload', Readable.from(['chunk'])));
    expect(mock.history.put).toHaveLength(1);
    expect(isStatusPolicyError(error) && error.statusPolicy.reason).toBe('body-not-replayable');
  });

  it('a config reused from a settled request starts with fresh state', async () => {
    const { api, mock } = rig({ retry: { maxRetries: 1 } });
    mock.onGet('/x').reply(500);
    const first = await settle(api.get('/x'));
    const config = isStatusPolicyError(first.error) ? first.error.config : undefined;
    const second = await settle(api.request(config!));
    expect(isStatusPolicyError(second.error) && second.error.statusPolicy.attempts).toBe(2);
  });
});

describe('budget', () => {
  it('totalTimeoutMs stops retrying when the next wait would overrun it', async () => {
    const { api, mock } = rig({ totalTimeoutMs: 2000, retry: { baseDelayMs: 1000 } });
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x'));
    // 750 fits; 750 + 1500 does not
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ attempts: 2, reason: 'budget-exhausted' });
  });

  it('clamps the per-attempt timeout to what is left of the budget', async () => {
    const { api, mock } = rig({ totalTimeoutMs: 5000 });
    mock.onGet('/x').replyOnce(500).onGet('/x').reply(200);
    await settle(api.get('/x', { timeout: 60_000 }));
    expect(mock.history.get[0]?.timeout).toBe(5000);
    expect(mock.history.get[1]?.timeout).toBeLessThanOrEqual(5000 - 375);
  });
});

describe('options', () => {
  it('rejects unknown keys, naming them', () => {
    expect(() => attachStatusPolicy(axios.create(), { retries: 3 } as never)).toThrow(/unknown option "retries"/);
    expect(() => attachStatusPolicy(axios.create(), { retry: { maxRetry: 3 } } as never)).toThrow(
      /unknown option "retry.maxRetry"; known: maxRetries/,
    );
  });

  it('rejects malformed values, naming the option', () => {
    expect(() => attachStatusPolicy(axios.create(), { retry: { maxRetries: -1 } })).toThrow(/"retry.maxRetries" must be a whole number/);
    expect(() => attachStatusPolicy(axios.create(), { rateLimit: { maxRetryAfterMs: 2 ** 31 } })).toThrow(/maxRetryAfterMs/);
    expect(() => attachStatusPolicy(axios.create(), { auth: {} as never })).toThrow(/auth.refresh/);
  });

  it('names the value it refused: a method that does not exist, a refresh that is not a function', () => {
    expect(() => attachStatusPolicy(axios.create(), { retry: { methods: ['GET', 'FETCH'] } })).toThrow(
      /"retry.methods" must be an array of HTTP methods \(GET, .*\), got \["GET", "FETCH"\]/,
    );
    expect(() => attachStatusPolicy(axios.create(), { auth: { refresh: 'x' as never } })).toThrow(/"auth.refresh" must be a function, got "x"/);
    expect(() => attachStatusPolicy(axios.create(), { auth: { refresh: async () => 't', scheme: 3 as never } })).toThrow(/"auth.scheme" must be a string, got 3/);
  });

  it('a per-request override of a rule that is not attached is an error, not a silent no-op', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    attachPolicies(api, [retry()]);
    await expect(api.get('/x', { statusPolicy: { rateLimit: { maxRetries: 1 } } })).rejects.toThrow(/the rateLimit rule is not attached/);
  });

  it('statusPolicy: false turns everything off for one request', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x', { statusPolicy: false }));
    expect(mock.history.get).toHaveLength(1);
    expect(isStatusPolicyError(error)).toBe(false);
  });

  it('a per-request block overrides the instance settings', async () => {
    const { api, mock } = rig({ retry: { maxRetries: 3 } });
    mock.onGet('/x').reply(500);
    await settle(api.get('/x', { statusPolicy: { retry: { maxRetries: 1 } } }));
    expect(mock.history.get).toHaveLength(2);
    await settle(api.get('/x', { statusPolicy: { retry: false } }));
    expect(mock.history.get).toHaveLength(3);
  });

  it('a per-request block can turn on a block the instance turned off', async () => {
    const { api, mock } = rig({ retry: false });
    mock.onGet('/x').replyOnce(500).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x', { statusPolicy: { retry: { maxRetries: 1 } } }));
    expect(value?.status).toBe(200);
  });

  it('a request with an unknown statusPolicy key rejects with the config error', async () => {
    const { api } = rig();
    await expect(api.get('/x', { statusPolicy: { retyr: false } as never })).rejects.toThrow(
      /unknown option "statusPolicy.retyr"/,
    );
  });

  it('a throwing onEvent hook never breaks a request', async () => {
    const { api, mock } = rig({
      onEvent: () => {
        throw new Error('logger down');
      },
    });
    mock.onGet('/x').replyOnce(500).onGet('/x').reply(200);
    expect((await settle(api.get('/x'))).value?.status).toBe(200);
  });
});
