import { AxiosHeaders } from 'axios';
import { isStatusPolicyError, waitFromHeaders } from '../../src';
import { parseRateLimitHeaders } from '../../src/rules/rate-limit/rate-limit-headers';
import { rig, settle } from '../helpers/mock';

const NOW = Date.UTC(2026, 0, 1);

describe('parseRateLimitHeaders', () => {
  it('returns undefined without rate-limit headers', () => {
    expect(parseRateLimitHeaders({ 'content-type': 'application/json', 'x-request-id': '1' }, NOW)).toBeUndefined();
    expect(parseRateLimitHeaders(undefined, NOW)).toBeUndefined();
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit': 'lots' }, NOW)).toBeUndefined();
  });

  it('RingCentral X-Rate-Limit-Group/-Limit/-Remaining/-Window', () => {
    expect(
      parseRateLimitHeaders({ 'X-Rate-Limit-Group': 'heavy', 'X-Rate-Limit-Limit': '10', 'X-Rate-Limit-Remaining': '9', 'X-Rate-Limit-Window': '60' }, NOW),
    ).toEqual({ limit: 10, remaining: 9, resetMs: 60_000, windowMs: 60_000, policy: 'heavy', source: 'x-rate-limit' });
  });

  it('X-RateLimit-Limit/-Remaining/-Reset, reset as delta seconds, epoch seconds or epoch ms', () => {
    const base = { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' };
    expect(parseRateLimitHeaders({ ...base, 'x-ratelimit-reset': '30' }, NOW)).toEqual({
      limit: 60, remaining: 0, resetMs: 30_000, windowMs: undefined, policy: undefined, source: 'x-ratelimit',
    });
    expect(parseRateLimitHeaders({ ...base, 'x-ratelimit-reset': String(NOW / 1000 + 45) }, NOW)?.resetMs).toBe(45_000);
    expect(parseRateLimitHeaders({ ...base, 'x-ratelimit-reset': String(NOW + 1500) }, NOW)?.resetMs).toBe(1500);
    expect(parseRateLimitHeaders({ ...base, 'x-ratelimit-reset': String(NOW / 1000 - 5) }, NOW)?.resetMs).toBe(0);
  });

  it('IETF structured-field draft: RateLimit "name";r=;t= with RateLimit-Policy "name";q=;w=', () => {
    expect(parseRateLimitHeaders({ ratelimit: '"default";r=0;t=30', 'ratelimit-policy': '"default";q=100;w=60' }, NOW)).toEqual({
      limit: 100, remaining: 0, resetMs: 30_000, windowMs: 60_000, policy: 'default', source: 'ietf',
    });
  });

  it('IETF structured: several policies, the one with the fewest remaining counts', () => {
    const info = parseRateLimitHeaders(
      { RateLimit: '"burst";r=5;t=1, "daily";r=0;t=3600', 'RateLimit-Policy': '"burst";q=10;w=1, "daily";q=1000;w=86400' },
      NOW,
    );
    expect(info).toMatchObject({ policy: 'daily', remaining: 0, resetMs: 3_600_000, limit: 1000, windowMs: 86_400_000 });
  });

  it('IETF older combined form limit=, remaining=, reset= with policy 10;w=60', () => {
    expect(parseRateLimitHeaders({ ratelimit: 'limit=10, remaining=3, reset=7', 'ratelimit-policy': '10;w=60' }, NOW)).toEqual({
      limit: 10, remaining: 3, resetMs: 7000, windowMs: 60_000, policy: undefined, source: 'ietf',
    });
  });

  it('IETF separate RateLimit-Limit/-Remaining/-Reset headers', () => {
    expect(parseRateLimitHeaders({ 'ratelimit-limit': '5', 'ratelimit-remaining': '4', 'ratelimit-reset': '2' }, NOW)).toMatchObject({
      limit: 5, remaining: 4, resetMs: 2000, source: 'ietf',
    });
  });

  it('merges families, IETF first', () => {
    const info = parseRateLimitHeaders(
      { 'ratelimit-remaining': '1', 'x-ratelimit-limit': '50', 'x-rate-limit-group': 'light', 'x-rate-limit-window': '60' },
      NOW,
    );
    expect(info).toMatchObject({ source: 'ietf', remaining: 1, limit: 50, policy: 'light', resetMs: 60_000, windowMs: 60_000 });
  });

  it('reads AxiosHeaders and array values, and survives hostile values in linear time', () => {
    expect(parseRateLimitHeaders(new AxiosHeaders({ 'X-RateLimit-Remaining': '2' }), NOW)?.remaining).toBe(2);
    expect(parseRateLimitHeaders({ 'x-ratelimit-remaining': ['3'] }, NOW)?.remaining).toBe(3);
    const hostile = `${'"a";'.repeat(50_000)}r=x, ${'=,;'.repeat(50_000)}`;
    expect(parseRateLimitHeaders({ ratelimit: hostile, 'ratelimit-policy': hostile }, NOW)).toBeUndefined();
  });

  it('waitFromHeaders reads its reset from the same parser, Retry-After first', () => {
    expect(waitFromHeaders({ 'retry-after': '3', 'x-ratelimit-reset': '30' }, NOW)).toBe(3000);
    expect(waitFromHeaders({ ratelimit: '"default";r=0;t=12' }, NOW)).toBe(12_000);
    expect(waitFromHeaders({ ratelimit: 'limit=1, remaining=0, reset=4' }, NOW)).toBe(4000);
    expect(waitFromHeaders({ 'x-rate-limit-window': '60' }, NOW)).toBe(60_000);
    expect(waitFromHeaders({}, NOW)).toBeUndefined();
  });
});

describe('rate-limit visibility', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('is on every response', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(200, {}, { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': '60' });
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy?.rateLimit).toEqual({ limit: 60, remaining: 59, resetMs: 60_000, windowMs: undefined, policy: undefined, source: 'x-ratelimit' });
  });

  it('is on every error, and the last attempt’s values win', async () => {
    const { api, mock } = rig({ rateLimit: { maxRetries: 1 } });
    mock.onGet('/x').replyOnce(429, {}, { 'retry-after': '1', 'x-rate-limit-remaining': '0', 'x-rate-limit-window': '1' });
    mock.onGet('/x').replyOnce(400, {}, { 'x-rate-limit-remaining': '4', 'x-rate-limit-limit': '5' });
    const { error } = await settle(api.get('/x'));
    expect(isStatusPolicyError(error) && error.statusPolicy.rateLimit).toMatchObject({ remaining: 4, limit: 5, source: 'x-rate-limit' });
  });

  it('is absent when there are no such headers', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy).toEqual({ attempts: 1, delays: [], retryAfterMs: undefined });
  });
});

describe('proactive pacing', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  const exhausted = { 'ratelimit': '"default";r=0;t=5', 'ratelimit-policy': '"default";q=2;w=5' };

  it('holds the origin until the window resets when remaining reaches 0, then releases everyone', async () => {
    const { api, mock, events } = rig({ rateLimit: { proactive: true } });
    mock.onGet('/a').replyOnce(200, {}, exhausted);
    mock.onGet(/\/b\d/).reply(200);
    await api.get('/a');
    const held = [api.get('/b1'), api.get('/b2'), api.get('/b3')];
    await jest.advanceTimersByTimeAsync(4999);
    expect(mock.history.get).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10);
    // released together, not paced a window apart: the window has a full quota again
    expect(mock.history.get).toHaveLength(4);
    await Promise.all(held);
    expect(events.filter((e) => e.type === 'hold')).toHaveLength(3);
  });

  it('is off by default: nothing is held', async () => {
    const { api, mock } = rig();
    mock.onGet('/a').replyOnce(200, {}, exhausted);
    mock.onGet('/b').reply(200);
    await settle(api.get('/a'));
    const p = api.get('/b');
    await jest.advanceTimersByTimeAsync(0);
    expect(mock.history.get).toHaveLength(2);
    await p;
  });

  it('holds only that origin, and no longer than maxRetryAfterMs', async () => {
    const { api, mock } = rig({ rateLimit: { proactive: true, maxRetryAfterMs: 2000 } });
    mock.onGet('/a').replyOnce(200, {}, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3600' });
    mock.onGet('http://other.test/c').reply(200);
    mock.onGet('/b').reply(200);
    await settle(api.get('/a'));
    const b = api.get('/b');
    const c = api.get('http://other.test/c');
    await jest.advanceTimersByTimeAsync(0);
    expect(mock.history.get.map((r) => r.url)).toEqual(['/a', 'http://other.test/c']);
    await jest.advanceTimersByTimeAsync(2000);
    expect(mock.history.get).toHaveLength(3);
    await Promise.all([b, c]);
  });

  it('a held request can be aborted at once', async () => {
    const { api, mock } = rig({ rateLimit: { proactive: true } });
    mock.onGet('/a').replyOnce(200, {}, exhausted);
    mock.onGet('/b').reply(200);
    await settle(api.get('/a'));
    const ac = new AbortController();
    const p = api.get('/b', { signal: ac.signal });
    ac.abort();
    const { error } = await settle(p);
    expect((error as { code?: string }).code).toBe('ERR_CANCELED');
    expect(mock.history.get).toHaveLength(1);
  });
});
