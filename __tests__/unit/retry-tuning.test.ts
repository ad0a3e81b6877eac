import { StatusPolicyConfigError, attachStatusPolicy, isStatusPolicyError } from '../../src';
import type { RetryContext } from '../../src';
import axios from 'axios';
import { rig, settle, useFakeClock } from '../helpers/mock';

useFakeClock();

const reasonOf = (error: unknown) => (isStatusPolicyError(error) ? error.statusPolicy.reason : 'not enriched');

describe('retry.statuses and rateLimit.statuses', () => {
  it('retries only the statuses listed', async () => {
    const { api, mock } = rig({ retry: { statuses: [500, 408] } });
    mock.onGet('/bad-gateway').reply(502).onGet('/timeout').replyOnce(408).onGet('/timeout').reply(200);
    await settle(api.get('/bad-gateway'));
    expect(mock.history.get).toHaveLength(1);
    const { value } = await settle(api.get('/timeout'));
    expect(value?.status).toBe(200);
    expect(mock.history.get).toHaveLength(3);
  });

  it('leaves 503 to rateLimit by default', async () => {
    const { api, mock, events } = rig();
    mock.onGet('/x').replyOnce(503, '', { 'retry-after': '2' }).onGet('/x').reply(200);
    await settle(api.get('/x'));
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ policy: 'rateLimit', delayMs: 2000 });
  });

  it('makes 503 an ordinary 5xx once rateLimit.statuses leaves it out', async () => {
    const { api, mock, events } = rig({ rateLimit: { statuses: [429] } });
    mock.onGet('/x').replyOnce(503, '', { 'retry-after': '2' }).onGet('/x').reply(200);
    mock.onPost('/x').reply(503);
    await settle(api.get('/x'));
    // The retry rule's backoff (375 with jitter 0.5), not the Retry-After.
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ policy: 'retry', delayMs: 375 });
    const { error } = await settle(api.post('/x'));
    expect(mock.history.post).toHaveLength(1);
    expect(reasonOf(error)).toBe('not-idempotent');
  });

  it('gives 503 to retry when rateLimit is off, for the instance or one request', async () => {
    const off = rig({ rateLimit: false });
    off.mock.onGet('/x').reply(503);
    await settle(off.api.get('/x'));
    expect(off.mock.history.get).toHaveLength(4);
    const perRequest = rig();
    perRequest.mock.onGet('/x').reply(503);
    const { error } = await settle(perRequest.api.get('/x', { statusPolicy: { rateLimit: false, retry: { maxRetries: 1 } } }));
    expect(perRequest.mock.history.get).toHaveLength(2);
    expect(reasonOf(error)).toBe('max-retries');
  });

  it('lets rateLimit claim another status, e.g. 502', async () => {
    const { api, mock, events } = rig({ rateLimit: { statuses: [429, 503, 502] } });
    mock.onGet('/x').replyOnce(502, '', { 'retry-after': '1' }).onGet('/x').reply(200);
    await settle(api.get('/x'));
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ policy: 'rateLimit', delayMs: 1000 });
  });
});

describe('retry.shouldRetry', () => {
  it('is handed the hop that answered, and has the final say', async () => {
    const seen: RetryContext[] = [];
    const shouldRetry = jest.fn((ctx: RetryContext) => {
      seen.push(ctx);
      return ctx.method === 'POST' ? true : undefined;
    });
    const { api, mock } = rig({ retry: { shouldRetry } });
    mock.onPost('/search').replyOnce(500).onPost('/search').reply(200);
    const { value } = await settle(api.post('/search', { q: 1 }));
    expect(value?.status).toBe(200);
    expect(mock.history.post).toHaveLength(2);
    expect(seen[0]).toMatchObject({ attempt: 1, status: 500, method: 'POST', url: 'http://api.test/search', defaultMs: 375 });
    expect(seen[0]!.error?.response?.status).toBe(500);
    expect(seen[0]!.config.url).toBe('/search');
  });

  it('false refuses a retry the default would make', async () => {
    const { api, mock, events } = rig({ retry: { shouldRetry: () => false } });
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(1);
    expect(reasonOf(error)).toBe('not-retryable');
    expect(events).toContainEqual(expect.objectContaining({ type: 'giveUp', reason: 'not-retryable', status: 500 }));
  });

  it('undefined keeps the default decision', async () => {
    const { api, mock } = rig({ retry: { shouldRetry: () => undefined } });
    mock.onGet('/x').reply(500).onGet('/missing').reply(404);
    await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(4);
    await settle(api.get('/missing'));
    expect(mock.history.get).toHaveLength(5);
  });

  it('true is still bounded by maxRetries, and a network error has no status', async () => {
    const shouldRetry = jest.fn((_ctx: RetryContext) => true);
    const { api, mock } = rig({ retry: { maxRetries: 2, shouldRetry } });
    mock.onGet('/missing').reply(404).onGet('/down').networkError();
    await settle(api.get('/missing'));
    expect(mock.history.get).toHaveLength(3);
    expect(shouldRetry).toHaveBeenCalledTimes(2);
    shouldRetry.mockClear();
    await settle(api.get('/down'));
    expect(shouldRetry.mock.calls[0]![0]).not.toHaveProperty('status');
  });

  it('is never asked about a cancel, which is never retried', async () => {
    const shouldRetry = jest.fn(() => true);
    const { api, mock } = rig({ retry: { shouldRetry } });
    mock.onGet('/x').reply(500);
    const controller = new AbortController();
    controller.abort();
    const { error } = await settle(api.get('/x', { signal: controller.signal }));
    expect(axios.isCancel(error)).toBe(true);
    expect(shouldRetry).not.toHaveBeenCalled();
  });

  it('a shouldRetry that throws or rejects settles with the original error', async () => {
    for (const shouldRetry of [
      () => {
        throw new Error('bug in callback');
      },
      () => Promise.reject(new Error('bug in callback')),
    ]) {
      const { api, mock } = rig({ retry: { shouldRetry } });
      mock.onGet('/x').reply(500, { message: 'db down' });
      const { error } = await settle(api.get('/x'));
      expect(mock.history.get).toHaveLength(1);
      expect(isStatusPolicyError(error) && [error.response?.status, error.statusPolicy.serverMessage]).toEqual([500, 'db down']);
      expect(reasonOf(error)).toBe('not-retryable');
    }
  });

  it('an async shouldRetry obeys the abort signal', async () => {
    const { api, mock } = rig({ retry: { shouldRetry: () => new Promise<boolean>(() => undefined) } });
    mock.onGet('/x').reply(500);
    const controller = new AbortController();
    const pending = settle(api.get('/x', { signal: controller.signal }));
    await jest.advanceTimersByTimeAsync(10);
    controller.abort();
    const { error } = await pending;
    expect(axios.isCancel(error)).toBe(true);
    expect(mock.history.get).toHaveLength(1);
  });

  it("an async shouldRetry that outlives the request's timeout settles with the original error", async () => {
    const { api, mock } = rig({ retry: { shouldRetry: () => new Promise<boolean>(() => undefined) } });
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x', { timeout: 1000 }));
    expect(isStatusPolicyError(error) && error.response?.status).toBe(500);
    expect(reasonOf(error)).toBe('not-retryable');
    expect(mock.history.get).toHaveLength(1);
  });

  it('an async true retries', async () => {
    const { api, mock } = rig({ retry: { shouldRetry: async ({ status }) => status === 404 } });
    mock.onGet('/x').replyOnce(404).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.status).toBe(200);
    expect(mock.history.get).toHaveLength(2);
  });
});

describe('retry.delay', () => {
  it('sets the wait, given the built-in backoff as defaultMs', async () => {
    const delay = jest.fn(({ attempt }: RetryContext) => attempt * 1000);
    const { api, mock } = rig({ retry: { delay } });
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x'));
    expect(isStatusPolicyError(error) && error.statusPolicy.delays).toEqual([1000, 2000, 3000]);
    expect(delay.mock.calls.map(([ctx]) => ctx.defaultMs)).toEqual([375, 750, 1500]);
  });

  it('nothing is sent before the delay has passed', async () => {
    const { api, mock } = rig({ retry: { delay: () => 5000 } });
    mock.onGet('/x').replyOnce(500).onGet('/x').reply(200);
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(4999);
    expect(mock.history.get).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(mock.history.get).toHaveLength(2);
    await expect(p).resolves.toMatchObject({ status: 200 });
  });

  it('falls back to defaultMs for a bad value or a throw, and clamps a huge one', async () => {
    const answers: Array<() => number> = [
      () => NaN,
      () => -5,
      () => Infinity,
      () => '10' as unknown as number,
      () => {
        throw new Error('bug');
      },
    ];
    for (const answer of answers) {
      const { api, mock } = rig({ retry: { maxRetries: 1, delay: answer } });
      mock.onGet('/x').reply(500);
      const { error } = await settle(api.get('/x'));
      expect(isStatusPolicyError(error) && error.statusPolicy.delays).toEqual([375]);
    }
    const { api, mock, events } = rig({ retry: { delay: () => 1e12 } });
    mock.onGet('/x').reply(500);
    const controller = new AbortController();
    const pending = settle(api.get('/x', { signal: controller.signal }));
    await jest.advanceTimersByTimeAsync(10);
    controller.abort();
    await pending;
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 2_147_483_647 });
  });
});

describe('validation', () => {
  const attach = (options: object) => () => attachStatusPolicy(axios.create(), options);
  it.each([
    [{ retry: { statuses: [200] } }, 'option "retry.statuses" must be an array of HTTP error statuses (400–599), got [200]'],
    [{ retry: { statuses: '500' } }, 'option "retry.statuses" must be an array of HTTP error statuses (400–599), got "500"'],
    [{ rateLimit: { statuses: [429, '503'] } }, 'option "rateLimit.statuses" must be an array of HTTP error statuses (400–599), got [429, "503"]'],
    [{ retry: { shouldRetry: true } }, 'option "retry.shouldRetry" must be a function, got true'],
    [{ retry: { delay: 100 } }, 'option "retry.delay" must be a function, got 100'],
    [{ retry: { budget: true } }, 'option "retry.budget" must be false or { ratio, minPerSecond }, got true'],
    [{ retry: { budget: { ratio: -1 } } }, 'option "retry.budget.ratio" must be a number from 0 to 1000, got -1'],
    [{ retry: { budget: { minPerSecond: Infinity } } }, 'option "retry.budget.minPerSecond" must be a finite number ≥ 0, got Infinity'],
    [{ retry: { budget: { percent: 20 } } }, 'unknown option "retry.budget.percent"; known: ratio, minPerSecond'],
  ])('%j is refused', (options, message) => {
    expect(attach(options)).toThrow(StatusPolicyConfigError);
    expect(attach(options)).toThrow(`axios-status-policy: ${message}`);
  });

  it('refuses a bad override per request too', async () => {
    const { api } = rig();
    const { error } = await settle(api.get('/x', { statusPolicy: { retry: { statuses: [302] } } }));
    expect(error).toBeInstanceOf(StatusPolicyConfigError);
  });
});
