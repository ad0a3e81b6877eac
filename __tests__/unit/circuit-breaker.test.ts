import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { ErrorCodes, StatusPolicyConfigError, attachStatusPolicy, isCircuitOpen, isStatusPolicyError, memoryCoordinator } from '../../src';
import type { PolicyEvent, StatusPolicyOptions } from '../../src';
import { attachPolicies, circuitBreaker, retry } from '../../src/compose';
import { rig, settle, useFakeClock } from '../helpers/mock';

useFakeClock();

const BREAKER = { failureRatio: 0.5, minRequests: 4, windowMs: 10_000, openMs: 30_000 };
const circuitEvents = (events: PolicyEvent[]) => events.flatMap((e) => (e.type === 'circuit' ? [`${e.origin} ${e.state}`] : []));

/** A rig with the breaker on and retries off (each request is one attempt) unless `options` says otherwise. */
const breakerRig = (options: StatusPolicyOptions = {}) => rig({ retry: false, circuitBreaker: BREAKER, ...options });

async function failTimes(api: ReturnType<typeof rig>['api'], n: number, path = '/x'): Promise<void> {
  for (let i = 0; i < n; i++) await settle(api.get(path));
}

describe('circuitBreaker: closed → open', () => {
  it('opens once minRequests settled in the window and failureRatio of them failed; then refuses at once, nothing sent', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/x').reply(500);
    await failTimes(api, 4);
    expect(mock.history.get).toHaveLength(4);
    expect(circuitEvents(events)).toEqual(['http://api.test open']);

    const { error } = await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(4);
    expect(axios.isAxiosError(error)).toBe(true);
    expect(isCircuitOpen(error)).toBe(true);
    expect(error).toMatchObject({ code: ErrorCodes.CIRCUIT_OPEN });
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ reason: 'circuit-open', attempts: 1 });
    // settle() moves the fake clock on by 50 ms steps.
    // isCircuitOpen narrows like isStatusPolicyError: statusPolicy is there, no `?.`.
    expect(isCircuitOpen(error) && error.statusPolicy.retryAfterMs).toBeGreaterThan(29_000);
    expect(isCircuitOpen(error) && error.statusPolicy.retryAfterMs).toBeLessThanOrEqual(30_000);
    // Nothing was sent, so no failed connection either: the origin's failing is the server's.
    expect(isCircuitOpen(error) && error.statusPolicy.category).toBe('server');
    expect((error as Error).message).toMatch(/GET http:\/\/api\.test\/x refused: the circuit of http:\/\/api\.test is open/);
  });

  it('does not open below minRequests, nor below failureRatio', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/bad').reply(500).onGet('/ok').reply(200);
    await failTimes(api, 4, '/ok');
    expect(circuitEvents(events)).toEqual([]);
    // 3 failed of 7: below 0.5.
    await failTimes(api, 3, '/bad');
    expect(circuitEvents(events)).toEqual([]);
    // 4 of 8: at the ratio.
    await failTimes(api, 1, '/bad');
    expect(circuitEvents(events)).toEqual(['http://api.test open']);
  });

  it('forgets what fell out of the window', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/x').reply(500);
    await failTimes(api, 3);
    await jest.advanceTimersByTimeAsync(11_000);
    await failTimes(api, 3);
    expect(circuitEvents(events)).toEqual([]);
    await failTimes(api, 1);
    expect(circuitEvents(events)).toEqual(['http://api.test open']);
  });

  it('retryAfterMs is the time left open', async () => {
    const { api, mock } = breakerRig();
    mock.onGet('/x').reply(500);
    await failTimes(api, 4);
    await jest.advanceTimersByTimeAsync(12_000);
    const { error } = await settle(api.get('/x'));
    expect(isStatusPolicyError(error) && error.statusPolicy.retryAfterMs).toBeGreaterThan(17_000);
    expect(isStatusPolicyError(error) && error.statusPolicy.retryAfterMs).toBeLessThanOrEqual(18_000);
  });

  it('is per origin: another origin still goes', async () => {
    const { api, mock } = breakerRig();
    mock.onGet('/x').reply(500).onGet('http://other.test/y').reply(200);
    await failTimes(api, 4);
    expect((await settle(api.get('http://other.test/y'))).value?.status).toBe(200);
    expect(isCircuitOpen((await settle(api.get('/x'))).error)).toBe(true);
  });
});

describe('circuitBreaker: what counts as a failure', () => {
  it.each([
    ['429', 429],
    ['503', 503],
    ['404', 404],
    ['400', 400],
  ])('%s is not a failure (a hold, or an answer)', async (_name, status) => {
    const { api, mock, events } = breakerRig({ rateLimit: { maxRetries: 0 } });
    mock.onGet('/x').reply(status);
    await failTimes(api, 10);
    expect(circuitEvents(events)).toEqual([]);
    expect(mock.history.get).toHaveLength(10);
  });

  it('a 429 the rate-limit rule retried to the end is not a failure either', async () => {
    const { api, mock, events } = breakerRig({ rateLimit: { maxRetries: 1 } });
    mock.onGet('/x').reply(429, '', { 'retry-after': '0' });
    await failTimes(api, 6);
    expect(circuitEvents(events)).toEqual([]);
  });

  it('network errors and timeouts are failures', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/a').networkError().onGet('/b').timeout();
    await failTimes(api, 2, '/a');
    await failTimes(api, 2, '/b');
    expect(circuitEvents(events)).toEqual(['http://api.test open']);
  });

  it('a cancel is neither', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/x').reply(500);
    for (let i = 0; i < 6; i++) {
      const controller = new AbortController();
      controller.abort();
      expect(axios.isCancel((await settle(api.get('/x', { signal: controller.signal }))).error)).toBe(true);
    }
    expect(circuitEvents(events)).toEqual([]);
  });

  it('a logical request counts once, whatever its retries: 4 attempts are one failure', async () => {
    const { api, mock, events } = breakerRig({ retry: { maxRetries: 3, baseDelayMs: 10, budget: false } });
    mock.onGet('/x').reply(500);
    await failTimes(api, 3);
    expect(mock.history.get).toHaveLength(12);
    expect(circuitEvents(events)).toEqual([]);
    await failTimes(api, 1);
    expect(circuitEvents(events)).toEqual(['http://api.test open']);
  });

  it('a request whose retry succeeded is a success', async () => {
    const { api, mock, events } = breakerRig({ retry: { maxRetries: 1, baseDelayMs: 10, budget: false } });
    let n = 0;
    mock.onGet('/x').reply(() => [n++ % 2 ? 200 : 500]);
    await failTimes(api, 8);
    expect(mock.history.get).toHaveLength(16);
    expect(circuitEvents(events)).toEqual([]);
  });

  it('a retry waiting its backoff when the circuit opens is refused at its send: nothing more reaches the origin', async () => {
    const { api, mock } = breakerRig({ retry: { maxRetries: 3, baseDelayMs: 1000, budget: false }, circuitBreaker: { ...BREAKER, minRequests: 1 } });
    mock.onGet('/slow').reply(500).onGet('/x').reply(500);
    const slow = settle(api.get('/slow'));
    await jest.advanceTimersByTimeAsync(1);
    expect(mock.history.get).toHaveLength(1);
    // While /slow waits its 1 s backoff, another request fails to the end and opens the circuit.
    await settle(api.get('/x', { statusPolicy: { retry: false } }));
    const { error } = await slow;
    expect(isCircuitOpen(error)).toBe(true);
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ reason: 'circuit-open', attempts: 2 });
    expect(mock.history.get.filter((c) => c.url === '/slow')).toHaveLength(1);
  });
});

describe('circuitBreaker: open → half-open → closed or open', () => {
  it('after openMs exactly one probe goes, the others are still refused; its success closes the circuit', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/x').reply(500);
    await failTimes(api, 4);
    await jest.advanceTimersByTimeAsync(30_000);
    mock.reset();
    let answer: (() => void) | undefined;
    mock.onGet('/x').replyOnce(() => new Promise((resolve) => (answer = () => resolve([200])))).onGet('/x').reply(200);
    const probe = settle(api.get('/x'));
    await jest.advanceTimersByTimeAsync(1);
    const refused = await settle(api.get('/x'));
    expect(isCircuitOpen(refused.error)).toBe(true);
    expect(mock.history.get).toHaveLength(1);
    answer!();
    expect((await probe).value?.status).toBe(200);
    expect(circuitEvents(events)).toEqual(['http://api.test open', 'http://api.test half-open', 'http://api.test closed']);
    // Closed: everything goes again, and the old failures are forgotten.
    await failTimes(api, 3);
    expect(mock.history.get).toHaveLength(4);
  });

  it('a failed probe opens it again for openMs', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/x').reply(500);
    await failTimes(api, 4);
    await jest.advanceTimersByTimeAsync(30_000);
    await failTimes(api, 1);
    expect(mock.history.get).toHaveLength(5);
    expect(circuitEvents(events)).toEqual(['http://api.test open', 'http://api.test half-open', 'http://api.test open']);
    const { error } = await settle(api.get('/x'));
    expect(isStatusPolicyError(error) && error.statusPolicy.retryAfterMs).toBeGreaterThan(29_000);
    expect(mock.history.get).toHaveLength(5);
  });

  it('a failed probe is not retried: it settles with its 500 (reason circuit-open) and the circuit opens again at once', async () => {
    const { api, mock, events } = breakerRig({ retry: { maxRetries: 2, baseDelayMs: 10, budget: false } });
    mock.onGet('/x').reply(500);
    await failTimes(api, 4);
    expect(mock.history.get).toHaveLength(12);
    await jest.advanceTimersByTimeAsync(30_000);
    const { error } = await settle(api.get('/x'));
    expect(error).toMatchObject({ response: { status: 500 } });
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ reason: 'circuit-open', attempts: 1 });
    expect(mock.history.get).toHaveLength(13);
    expect(circuitEvents(events)).toEqual(['http://api.test open', 'http://api.test half-open', 'http://api.test open']);
  });

  it('a probe answered 429 keeps its retries (not a failure), and its success closes the circuit', async () => {
    const { api, mock, events } = breakerRig({ retry: { maxRetries: 2, baseDelayMs: 10, budget: false } });
    mock.onGet('/x').reply(500);
    await failTimes(api, 4);
    await jest.advanceTimersByTimeAsync(30_000);
    mock.reset();
    mock.onGet('/x').replyOnce(429, '', { 'retry-after': '0' }).onGet('/x').reply(200);
    expect((await settle(api.get('/x'))).value?.status).toBe(200);
    expect(mock.history.get).toHaveLength(2);
    expect(circuitEvents(events).slice(-1)).toEqual(['http://api.test closed']);
  });

  it('a request whose circuit opened while it was out is not retried into it: it settles with its own 500', async () => {
    const { api, mock } = breakerRig({ retry: { maxRetries: 3, baseDelayMs: 1000, budget: false }, circuitBreaker: { ...BREAKER, minRequests: 1 } });
    let release: (() => void) | undefined;
    mock.onGet('/slow').reply(() => new Promise((resolve) => (release = () => resolve([500]))));
    mock.onGet('/x').reply(500);
    const slow = settle(api.get('/slow'));
    await jest.advanceTimersByTimeAsync(1);
    await settle(api.get('/x', { statusPolicy: { retry: false } }));
    release!();
    const { error } = await slow;
    expect(error).toMatchObject({ response: { status: 500 } });
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ reason: 'circuit-open', attempts: 1, delays: [] });
  });

  it('a 404 probe closes it (the origin answered); a cancelled probe lets the next request probe', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/x').reply(500);
    await failTimes(api, 4);
    await jest.advanceTimersByTimeAsync(30_000);
    mock.reset();
    mock.onGet('/x').reply(404);
    const controller = new AbortController();
    controller.abort();
    expect(axios.isCancel((await settle(api.get('/x', { signal: controller.signal }))).error)).toBe(true);
    expect((await settle(api.get('/x'))).error).toMatchObject({ response: { status: 404 } });
    expect(circuitEvents(events)).toEqual(['http://api.test open', 'http://api.test half-open', 'http://api.test half-open', 'http://api.test closed']);
  });

  it('a probe that never settles does not block the circuit for longer than openMs', async () => {
    const { api, mock } = breakerRig();
    mock.onGet('/x').reply(500);
    await failTimes(api, 4);
    await jest.advanceTimersByTimeAsync(30_000);
    mock.reset();
    mock.onGet('/hang').reply(() => new Promise(() => undefined)).onGet('/x').reply(200);
    void api.get('/hang').catch(() => undefined);
    await jest.advanceTimersByTimeAsync(1);
    expect(isCircuitOpen((await settle(api.get('/x'))).error)).toBe(true);
    await jest.advanceTimersByTimeAsync(30_000);
    expect((await settle(api.get('/x'))).value?.status).toBe(200);
  });
});

describe('circuitBreaker: bypass, defaults, sharing, options', () => {
  it('statusPolicy: { circuitBreaker: false } goes out while open, and is not counted', async () => {
    const { api, mock, events } = breakerRig();
    mock.onGet('/x').reply(500).onGet('/health').reply(200);
    await failTimes(api, 4);
    expect((await settle(api.get('/health', { statusPolicy: { circuitBreaker: false } }))).value?.status).toBe(200);
    expect(mock.history.get).toHaveLength(5);
    expect(isCircuitOpen((await settle(api.get('/health'))).error)).toBe(true);
    expect(circuitEvents(events)).toEqual(['http://api.test open']);
  });

  it('is off by default in attachStatusPolicy', async () => {
    const { api, mock, events } = rig({ retry: false });
    mock.onGet('/x').reply(500);
    await failTimes(api, 30);
    expect(mock.history.get).toHaveLength(30);
    expect(circuitEvents(events)).toEqual([]);
  });

  it('circuitBreaker: true takes the defaults (10 requests, half failed)', async () => {
    const { api, mock, events } = rig({ retry: false, circuitBreaker: true });
    mock.onGet('/x').reply(500);
    await failTimes(api, 9);
    expect(circuitEvents(events)).toEqual([]);
    await failTimes(api, 1);
    expect(circuitEvents(events)).toEqual(['http://api.test open']);
    const { error } = await settle(api.get('/x'));
    expect(isStatusPolicyError(error) && error.statusPolicy.retryAfterMs).toBeGreaterThan(29_000);
  });

  it('two instances on one memory coordinator share the circuit', async () => {
    const coordinator = memoryCoordinator();
    const a = rig({ retry: false, circuitBreaker: BREAKER, coordinator });
    const b = rig({ retry: false, circuitBreaker: BREAKER, coordinator });
    a.mock.onGet('/x').reply(500);
    b.mock.onGet('/x').reply(200);
    await failTimes(a.api, 4);
    expect(isCircuitOpen((await settle(b.api.get('/x'))).error)).toBe(true);
    expect(b.mock.history.get).toHaveLength(0);
  });

  it('the compose factory attaches it alone, or with retry', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    attachPolicies(api, [retry({ maxRetries: 1, baseDelayMs: 10 }), circuitBreaker({ minRequests: 2, failureRatio: 1 })]);
    mock.onGet('/x').reply(502);
    await failTimes(api, 2);
    expect(mock.history.get).toHaveLength(4);
    expect(isCircuitOpen((await settle(api.get('/x'))).error)).toBe(true);
    expect(mock.history.get).toHaveLength(4);
  });

  it.each([
    [{ failureRatio: 0 }, /circuitBreaker\.failureRatio/],
    [{ failureRatio: 1.5 }, /circuitBreaker\.failureRatio/],
    [{ minRequests: 0 }, /circuitBreaker\.minRequests/],
    [{ windowMs: 0 }, /circuitBreaker\.windowMs/],
    [{ openMs: -1 }, /circuitBreaker\.openMs/],
    [{ opneMs: 1 }, /unknown option "circuitBreaker\.opneMs"/],
  ])('refuses %j with a typed error', (block, message) => {
    expect(() => attachStatusPolicy(axios.create(), { circuitBreaker: block as never })).toThrow(StatusPolicyConfigError);
    expect(() => attachStatusPolicy(axios.create(), { circuitBreaker: block as never })).toThrow(message);
  });

  it('per request it can only be bypassed', async () => {
    const { api, mock } = breakerRig();
    mock.onGet('/x').reply(200);
    const { error } = await settle(api.get('/x', { statusPolicy: { circuitBreaker: { openMs: 1 } as never } }));
    expect(error).toBeInstanceOf(StatusPolicyConfigError);
    expect(mock.history.get).toHaveLength(0);
  });
});

describe('circuitBreaker and an offline device', () => {
  /** A device whose connection the test switches (retry.connectivity). */
  const device = (online: boolean) => ({ isOnline: () => online, onOnline: () => () => undefined });

  it('a network error while the device is offline is not the origin failing: the circuit stays closed', async () => {
    // networkErrors: false, so each request settles with its network error at once (no offline wait).
    const offline = breakerRig({ retry: { connectivity: device(false), networkErrors: false } });
    offline.mock.onGet('/x').networkError();
    await failTimes(offline.api, 6);
    expect(offline.mock.history.get).toHaveLength(6);
    expect(circuitEvents(offline.events)).toEqual([]);

    // The same errors with the device online are the origin's.
    const online = breakerRig({ retry: { connectivity: device(true), networkErrors: false } });
    online.mock.onGet('/x').networkError();
    await failTimes(online.api, 4);
    expect(circuitEvents(online.events)).toEqual(['http://api.test open']);
  });
});
