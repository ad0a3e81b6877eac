import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import axiosRetry from 'axios-retry';
import * as authRefresh from 'axios-auth-refresh';
import type { PolicyEvent } from '../../src';
import { rig, settle, useFakeClock } from '../helpers/mock';

/**
 * docs/migration.md's rows, checked against the plugins they replace (axios-retry 4.5 and
 * axios-auth-refresh 5 are dev dependencies) and against this package.
 */
useFakeClock();

describe("axios-retry's per-request { retries: 0 }", () => {
  it.each([
    ['a 503 with Retry-After', (m: MockAdapter) => m.onGet('/x').reply(503, '', { 'retry-after': '1' })],
    ['a 429', (m: MockAdapter) => m.onGet('/x').reply(429)],
    ['a 500', (m: MockAdapter) => m.onGet('/x').reply(500)],
    ['a network error', (m: MockAdapter) => m.onGet('/x').networkError()],
  ])('maps to { retry: false, rateLimit: false }: %s is sent once', async (_what, answer) => {
    const { api, mock } = rig();
    answer(mock);
    const { error } = await settle(api.get('/x', { statusPolicy: { retry: false, rateLimit: false } }));
    expect(error).toBeDefined();
    expect(mock.history.get).toHaveLength(1);
  });

  it('{ retry: false } alone does not: a 503 is still waited for and retried (it is rateLimit\'s)', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').replyOnce(503, '', { 'retry-after': '1' }).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x', { statusPolicy: { retry: false } }));
    expect(value?.status).toBe(200);
    expect(mock.history.get).toHaveLength(2);
  });
});

describe("axios-retry's onRetry(retryCount, error) and the retry event", () => {
  it('event.attempt is retryCount + 1, and the event carries status and code instead of the error', async () => {
    const counts: number[] = [];
    const plain = axios.create({ baseURL: 'http://api.test' });
    const plainMock = new MockAdapter(plain);
    plainMock.onGet('/x').replyOnce(500).onGet('/x').replyOnce(502).onGet('/x').reply(200);
    axiosRetry(plain, { retries: 3, onRetry: (retryCount) => void counts.push(retryCount) });
    await settle(plain.get('/x'));

    const { api, mock, events } = rig();
    mock.onGet('/x').replyOnce(500).onGet('/x').replyOnce(502).onGet('/x').reply(200);
    await settle(api.get('/x'));
    const retries = events.filter((e): e is Extract<PolicyEvent, { type: 'retry' }> => e.type === 'retry');

    expect(counts).toEqual([1, 2]);
    expect(retries.map((e) => e.attempt)).toEqual(counts.map((n) => n + 1));
    expect(retries.map((e) => e.status)).toEqual([500, 502]);
    // axios's error code (mock-adapter errors carry none) instead of the error itself.
    expect(retries.every((e) => 'code' in e && !('error' in e))).toBe(true);
  });
});

it('axios-auth-refresh 5 exports createAuthRefresh (the name the guide uses)', () => {
  expect(typeof authRefresh.createAuthRefresh).toBe('function');
});
