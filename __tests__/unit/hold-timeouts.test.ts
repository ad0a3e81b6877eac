import { AxiosError } from 'axios';
import { isStatusPolicyError } from '../../src';
import type { IoRedisLike } from '../../src/coordinator/redis-client';
import { redisCoordinator } from '../../src/redis';
import { rig, settle, useFakeClock } from '../helpers/mock';

// Issue 19: a request that arrived while its origin was held ignored its own `timeout` and
// `totalTimeoutMs`. On jest's clock: every wait counts toward both.
useFakeClock(new Date('2026-01-01T00:00:00Z'));

/** An instance whose origin `http://api.test` is held for `seconds` by a 429 on `/first`. */
async function held(seconds: number, options: Parameters<typeof rig>[0] = {}) {
  const r = rig(options);
  r.mock.onGet('/first').replyOnce(429, '', { 'retry-after': String(seconds) }).onGet(/.*/).reply(200, {});
  const first = r.api.get('/first').catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(0);
  return { ...r, first };
}

describe('a held request keeps its time limits', () => {
  it('settles when its timeout runs out, with axios\'s timeout error, and is never sent', async () => {
    const { api, mock, policy } = await held(5);
    const during = api.get('/during', { timeout: 1000 });
    const { error } = await settle(during);
    expect(Date.now() - Date.UTC(2026, 0, 1)).toBeLessThan(1100);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).code).toBe('ECONNABORTED');
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ attempts: 1, retryable: false });
    expect(mock.history.get!.map((c) => c.url)).toEqual(['/first']);
    policy.detach();
  });

  it('settles exactly when its time is up, not before', async () => {
    const { api, policy } = await held(5);
    let settled = false;
    void api.get('/during', { timeout: 1000 }).catch(() => (settled = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    policy.detach();
  });

  it('uses the caller\'s timeoutErrorMessage and clarifyTimeoutError, as axios\'s adapters do', async () => {
    const { api, policy } = await held(5);
    const { error } = await settle(api.get('/during', { timeout: 300, timeoutErrorMessage: 'too slow', transitional: { clarifyTimeoutError: true } }));
    expect((error as AxiosError).code).toBe('ETIMEDOUT');
    // The raw message before enrichment is axios's; enrichment names the request as for any error.
    expect((error as AxiosError).message).toContain('/during');
    policy.detach();
  });

  it('counts the hold toward totalTimeoutMs', async () => {
    const { api, mock, policy } = await held(5, { totalTimeoutMs: 2000 });
    const { error } = await settle(api.get('/during'));
    expect((error as AxiosError).code).toBe('ECONNABORTED');
    expect(mock.history.get!.map((c) => c.url)).toEqual(['/first']);
    policy.detach();
  });

  it('is not retried by retry, which would only wait in the same hold', async () => {
    const { api, mock, policy, events } = await held(5, { retry: { maxRetries: 5, networkErrors: true } });
    const { error } = await settle(api.get('/during', { timeout: 1000 }));
    expect((error as AxiosError).code).toBe('ECONNABORTED');
    expect(events.filter((e) => e.type === 'retry' && e.config.url === '/during')).toEqual([]);
    expect(mock.history.get!.map((c) => c.url)).toEqual(['/first']);
    policy.detach();
  });

  it('a request without a timeout still waits the whole hold, and goes', async () => {
    const { api, mock, policy, first } = await held(2);
    const { value } = await settle(api.get('/during'));
    expect(value?.status).toBe(200);
    expect(mock.history.get!.map((c) => c.url)).toEqual(['/first', '/first', '/during']);
    await first;
    policy.detach();
  });

  it('the send after a hold has only what is left of its timeout', async () => {
    const { api, mock, policy } = rig({ rateLimit: { proactive: true } });
    mock.onGet('/window').replyOnce(200, {}, { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' }).onGet(/.*/).reply(200, {});
    const window = api.get('/window');
    await jest.advanceTimersByTimeAsync(0);
    await window;
    const { value } = await settle(api.get('/next', { timeout: 5000 }));
    expect(value?.status).toBe(200);
    expect(mock.history.get!.map((c) => [c.url, c.timeout])).toEqual([
      ['/window', 0],
      ['/next', 3000],
    ]);
    policy.detach();
  });
});

/**
 * A Redis client that never answers (an unreachable Redis): the coordinator goes on with its local
 * gates, through the same wrapper that publishes holds; that wrapper once dropped the time limit.
 */
const silentRedis = (): IoRedisLike => {
  const client: IoRedisLike = {
    call: () => new Promise<never>(() => undefined),
    duplicate: () => client,
    subscribe: () => new Promise<never>(() => undefined),
    on: () => client,
    disconnect: () => undefined,
  };
  return client;
};

describe.each([
  ['the in-memory coordinator', () => undefined],
  ['redisCoordinator (its hold-publishing gate)', () => redisCoordinator(silentRedis(), { namespace: 'hold-timeouts' })],
])('a retry waiting its turn at the gate, with %s', (_name, makeCoordinator) => {
  it('settles as budget-exhausted when totalTimeoutMs runs out before the paced release lets it go', async () => {
    // Two 429s with Retry-After: 2 at once: at the deadline /a probes and is refused again, so the
    // origin is held 2 s more, and /b, queued behind the probe, is still waiting when its 3 s run out.
    const coordinator = makeCoordinator();
    const { api, mock, policy } = rig({ totalTimeoutMs: 3000, ...(coordinator && { coordinator }) });
    mock.onGet('/a').reply(429, '', { 'retry-after': '2' }).onGet('/b').replyOnce(429, '', { 'retry-after': '2' }).onGet(/.*/).reply(200, {});
    const outcomes = await Promise.all([settle(api.get('/a')), settle(api.get('/b'))]);
    const reasons = outcomes.map((o) => (isStatusPolicyError(o.error) ? o.error.statusPolicy.reason : o.value?.status));
    expect(reasons).toEqual(['budget-exhausted', 'budget-exhausted']);
    expect(Date.now() - Date.UTC(2026, 0, 1)).toBeLessThanOrEqual(3100);
    expect(mock.history.get!.map((c) => c.url)).toEqual(['/a', '/b', '/a']);
    policy.detach();
  });
});
