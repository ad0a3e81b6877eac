import { isStatusPolicyError } from '../../src';
import { rig, settle, useFakeClock } from '../helpers/mock';

useFakeClock(new Date('2026-01-01T00:00:00Z'));

const info = (e: unknown) => (isStatusPolicyError(e) ? e.statusPolicy : undefined);

describe('429 and 503', () => {
  it('waits Retry-After seconds before retrying, and not a moment less', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').replyOnce(429, '', { 'retry-after': '2' }).onGet('/x').reply(200);
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(1999);
    expect(mock.history.get).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(mock.history.get).toHaveLength(2);
    const r = await p;
    expect(r.statusPolicy).toMatchObject({ attempts: 2, delays: [2000], retryAfterMs: 2000 });
  });

  it('reads an HTTP-date Retry-After', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').replyOnce(503, '', { 'Retry-After': 'Thu, 01 Jan 2026 00:00:05 GMT' }).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy?.delays).toEqual([5000]);
  });

  it('treats 0 and a past date as "now"', async () => {
    const { api, mock } = rig();
    mock.onGet('/a').replyOnce(429, '', { 'retry-after': '0' }).onGet('/a').reply(200);
    mock.onGet('/b').replyOnce(429, '', { 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }).onGet('/b').reply(200);
    expect((await settle(api.get('/a'))).value?.statusPolicy?.delays).toEqual([0]);
    expect((await settle(api.get('/b'))).value?.statusPolicy?.delays).toEqual([0]);
  });

  it('falls back to backoff on a garbage Retry-After', async () => {
    const { api, mock } = rig({ rateLimit: { baseDelayMs: 1000 } });
    mock.onGet('/x').replyOnce(429, '', { 'retry-after': 'soon, please' }).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy).toMatchObject({ delays: [750], retryAfterMs: undefined });
  });

  it.each([
    [{ 'ratelimit-reset': '3' }, 3000],
    [{ ratelimit: '"default";r=0;t=4' }, 4000],
    [{ 'x-ratelimit-reset': String(Date.UTC(2026, 0, 1, 0, 0, 6) / 1000) }, 6000],
    [{ 'x-rate-limit-window': '7' }, 7000],
  ])('without Retry-After uses %j', async (headers, wait) => {
    const { api, mock } = rig();
    mock.onGet('/x').replyOnce(429, '', headers).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy?.delays).toEqual([wait]);
  });

  it('retries any method, since the server did not process it', async () => {
    const { api, mock } = rig();
    mock.onPost('/orders').replyOnce(503, '', { 'retry-after': '1' }).onPost('/orders').reply(201);
    const { value } = await settle(api.post('/orders', { n: 1 }));
    expect(value?.status).toBe(201);
    expect(mock.history.post.map((r) => r.data)).toEqual(['{"n":1}', '{"n":1}']);
  });

  it('rejects at once when Retry-After is over the cap, with the wait on the error', async () => {
    const { api, mock } = rig({ rateLimit: { maxRetryAfterMs: 10_000 } });
    mock.onGet('/x').reply(429, '', { 'retry-after': '3600' });
    const { error } = await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(1);
    expect(info(error)).toMatchObject({ reason: 'retry-after-too-long', retryAfterMs: 3_600_000, attempts: 1 });
  });

  it('clamps an over-cap wait when asked to', async () => {
    const { api, mock } = rig({ rateLimit: { maxRetryAfterMs: 10_000, clampRetryAfter: true } });
    mock.onGet('/x').replyOnce(429, '', { 'retry-after': '3600' }).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy).toMatchObject({ delays: [10_000], retryAfterMs: 3_600_000 });
  });

  it('stops after rateLimit.maxRetries', async () => {
    const { api, mock } = rig({ rateLimit: { maxRetries: 2 } });
    mock.onGet('/x').reply(429, '', { 'retry-after': '1' });
    const { error } = await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(3);
    expect(info(error)).toMatchObject({ reason: 'max-retries', attempts: 3, delays: [1000, 1000] });
  });

  it('counts 429 retries and 5xx retries separately', async () => {
    const { api, mock } = rig({ retry: { maxRetries: 1, baseDelayMs: 100 }, rateLimit: { maxRetries: 1 } });
    mock
      .onGet('/x').replyOnce(500)
      .onGet('/x').replyOnce(429, '', { 'retry-after': '1' })
      .onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy?.attempts).toBe(3);
  });

  it('is off with rateLimit: false', async () => {
    const { api, mock } = rig({ rateLimit: false });
    mock.onGet('/x').reply(429, '', { 'retry-after': '1' });
    await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(1);
  });
});

describe('origin-wide hold', () => {
  it('holds new requests to the same origin until the deadline', async () => {
    const { api, mock, events } = rig();
    mock.onGet('/a').replyOnce(429, '', { 'retry-after': '2' }).onGet(/.*/).reply(200);
    const a = api.get('/a');
    await jest.advanceTimersByTimeAsync(10);
    const b = api.get('/b');
    const c = api.get('/c');
    await jest.advanceTimersByTimeAsync(1900);
    expect(mock.history.get.map((r) => r.url)).toEqual(['/a']);
    expect(events.filter((e) => e.type === 'hold')).toHaveLength(2);
    await settle(Promise.all([a, b, c]));
    // The 429'd request queued first, so it goes first; the rest follow paced.
    expect(mock.history.get.map((r) => r.url)).toEqual(['/a', '/a', '/b', '/c']);
  });

  it('releases the held backlog by its answers: a probe at the deadline, then more per round trip; later requests go at once', async () => {
    const { api, mock, events } = rig();
    const sentAt: number[] = [];
    mock.onGet(/.*/).reply(() => {
      sentAt.push(Date.now());
      return sentAt.length === 1 ? [429, '', { 'retry-after': '1' }] : [200];
    });
    const start = Date.now();
    const first = api.get('/0');
    await jest.advanceTimersByTimeAsync(1);
    const rest = [1, 2, 3, 4, 5].map((i) => api.get(`/${i}`));
    await jest.advanceTimersByTimeAsync(998);
    expect(mock.history.get.map((r) => r.url)).toEqual(['/0']); // held until the deadline
    await settle(Promise.all([first, ...rest]));
    // The mock answers at once: every release follows an answer, none waits on a clock.
    expect(sentAt.slice(1).map((t) => t - start)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(mock.history.get.map((r) => r.url)).toEqual(['/0', '/0', '/1', '/2', '/3', '/4', '/5']);
    // The backlog is gone: the next request is neither held nor delayed.
    const holds = events.filter((e) => e.type === 'hold').length;
    const sent = mock.history.get.length;
    const next = api.get('/6');
    await jest.advanceTimersByTimeAsync(0);
    expect(mock.history.get).toHaveLength(sent + 1);
    await next;
    expect(events.filter((e) => e.type === 'hold')).toHaveLength(holds);
  });

  it('does not hold other origins', async () => {
    const { api, mock } = rig();
    mock.onGet('/a').replyOnce(429, '', { 'retry-after': '5' }).onGet(/.*/).reply(200);
    const a = api.get('/a');
    await jest.advanceTimersByTimeAsync(10);
    const other = await api.get('http://other.test/b');
    expect(other.status).toBe(200);
    await settle(a);
  });

  it('never holds a request sent with statusPolicy: false', async () => {
    const { api, mock } = rig();
    mock.onGet('/a').replyOnce(429, '', { 'retry-after': '5' }).onGet(/.*/).reply(200);
    const a = api.get('/a');
    await jest.advanceTimersByTimeAsync(10);
    await expect(api.get('/b', { statusPolicy: false })).resolves.toMatchObject({ status: 200 });
    await settle(a);
  });

  it('can be turned off: each request backs off alone', async () => {
    const { api, mock } = rig({ rateLimit: { hold: false } });
    mock.onGet('/a').replyOnce(429, '', { 'retry-after': '5' }).onGet(/.*/).reply(200);
    const a = api.get('/a');
    await jest.advanceTimersByTimeAsync(10);
    await expect(api.get('/b')).resolves.toMatchObject({ status: 200 });
    await settle(a);
  });

  it('a held request that is aborted rejects at once and is never sent', async () => {
    const { api, mock } = rig();
    mock.onGet('/a').replyOnce(429, '', { 'retry-after': '5' }).onGet(/.*/).reply(200);
    const a = api.get('/a');
    await jest.advanceTimersByTimeAsync(10);
    const controller = new AbortController();
    const b = settle(api.get('/b', { signal: controller.signal }));
    await jest.advanceTimersByTimeAsync(10);
    controller.abort();
    const { error } = await b;
    expect(error).toMatchObject({ code: 'ERR_CANCELED' });
    await settle(a);
    expect(mock.history.get.map((r) => r.url)).toEqual(['/a', '/a']);
  });
});
