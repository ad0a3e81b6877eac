import axios from 'axios';
import { isRetryExhausted, isStatusPolicyError } from '../../src';
import { rig, settle, useFakeClock } from '../helpers/mock';

useFakeClock();

describe('other 5xx', () => {
  it('retries a GET three times with exponential backoff, then succeeds', async () => {
    const { api, mock, events } = rig();
    mock.onGet('/x').replyOnce(500).onGet('/x').replyOnce(502).onGet('/x').replyOnce(504).onGet('/x').reply(200, { ok: true });
    const { value } = await settle(api.get('/x'));
    expect(value?.data).toEqual({ ok: true });
    expect(mock.history.get).toHaveLength(4);
    // equal jitter with random 0.5: 3/4 of 500, 1000, 2000
    expect(value?.statusPolicy).toEqual({ attempts: 4, delays: [375, 750, 1500], retryAfterMs: undefined });
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.attempt)).toEqual([2, 3, 4]);
  });

  it('waits the backoff: nothing is sent before the delay has passed', async () => {
    const { api, mock } = rig({ retry: { baseDelayMs: 1000 } });
    mock.onGet('/x').replyOnce(500).onGet('/x').reply(200);
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(749);
    expect(mock.history.get).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(mock.history.get).toHaveLength(2);
    await expect(p).resolves.toMatchObject({ status: 200 });
  });

  it('never waits less than half the nominal delay, nor more than it', async () => {
    (Math.random as jest.Mock).mockReturnValue(0);
    const { api, mock } = rig();
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x'));
    expect(isStatusPolicyError(error) && error.statusPolicy.delays).toEqual([250, 500, 1000]);
    (Math.random as jest.Mock).mockReturnValue(0.999999);
    const r2 = rig();
    r2.mock.onGet('/x').reply(500);
    const second = await settle(r2.api.get('/x'));
    expect(isStatusPolicyError(second.error) && second.error.statusPolicy.delays).toEqual([500, 1000, 2000]);
  });

  it('caps the nominal delay at maxDelayMs', async () => {
    const { api, mock } = rig({ retry: { maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 3000 } });
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x'));
    expect(isStatusPolicyError(error) && error.statusPolicy.delays).toEqual([750, 1500, 2250, 2250, 2250]);
  });

  it('gives up after maxRetries with an enriched AxiosError that keeps the response', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(500, { code: 'E_DB', message: 'database unavailable' });
    const { error } = await settle(api.get('/x'));
    expect(axios.isAxiosError(error)).toBe(true);
    expect(mock.history.get).toHaveLength(4);
    expect(isRetryExhausted(error)).toBe(true);
    if (!isStatusPolicyError(error)) throw new Error('not enriched');
    expect(error.response?.status).toBe(500);
    expect(error.statusPolicy).toMatchObject({
      attempts: 4,
      category: 'server',
      retryable: true,
      reason: 'max-retries',
      serverCode: 'E_DB',
      serverMessage: 'database unavailable',
    });
    expect(error.message).toBe('GET http://api.test/x failed with 500 Internal Server Error after 4 attempts: database unavailable');
  });

  it('reads RingCentral and nested error bodies', async () => {
    const { api, mock } = rig({ retry: false });
    mock.onGet('/rc').reply(400, { errorCode: 'CMN-101', message: 'Parameter [to] is invalid', errors: [] });
    mock.onGet('/nested').reply(400, JSON.stringify({ error: { code: 'bad', message: 'nope' } }));
    const rc = await settle(api.get('/rc'));
    const nested = await settle(api.get('/nested'));
    expect(isStatusPolicyError(rc.error) && [rc.error.statusPolicy.serverCode, rc.error.statusPolicy.serverMessage]).toEqual([
      'CMN-101',
      'Parameter [to] is invalid',
    ]);
    expect(isStatusPolicyError(nested.error) && nested.error.statusPolicy.serverCode).toBe('bad');
  });

  it('does not retry a POST without an Idempotency-Key', async () => {
    const { api, mock } = rig();
    mock.onPost('/x').reply(500);
    const { error } = await settle(api.post('/x', { a: 1 }));
    expect(mock.history.post).toHaveLength(1);
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ reason: 'not-idempotent', retryable: false });
    expect(isRetryExhausted(error)).toBe(false);
  });

  it('retries a POST that carries an Idempotency-Key, with the same body each time', async () => {
    const { api, mock } = rig();
    mock.onPost('/x').replyOnce(502).onPost('/x').reply(201);
    const { value } = await settle(api.post('/x', { a: 1 }, { headers: { 'Idempotency-Key': 'k1' } }));
    expect(value?.status).toBe(201);
    expect(mock.history.post.map((r) => r.data)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it('uses a configurable method list', async () => {
    const { api, mock } = rig({ retry: { methods: ['post'] } });
    mock.onPost('/x').replyOnce(500).onPost('/x').reply(200);
    mock.onGet('/y').reply(500);
    expect((await settle(api.post('/x'))).value?.status).toBe(200);
    await settle(api.get('/y'));
    expect(mock.history.get).toHaveLength(1);
  });

  it('never retries other 4xx', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(400);
    mock.onGet('/y').reply(422);
    await settle(api.get('/x'));
    await settle(api.get('/y'));
    expect(mock.history.get).toHaveLength(2);
  });
});

describe('network errors', () => {
  it('retries a GET whose connection failed', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').networkErrorOnce().onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.status).toBe(200);
    expect(mock.history.get).toHaveLength(2);
  });

  it('retries a timed-out GET', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').timeoutOnce().onGet('/x').reply(200);
    expect((await settle(api.get('/x'))).value?.status).toBe(200);
  });

  it('does not retry a POST network error, and says it is a network failure', async () => {
    const { api, mock } = rig();
    mock.onPost('/x').networkError();
    const { error } = await settle(api.post('/x'));
    expect(mock.history.post).toHaveLength(1);
    expect(isStatusPolicyError(error) && error.statusPolicy.category).toBe('network');
  });

  it('can be turned off', async () => {
    const { api, mock } = rig({ retry: { networkErrors: false } });
    mock.onGet('/x').networkError();
    await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(1);
  });
});
