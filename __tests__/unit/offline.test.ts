import axios, { AxiosError } from 'axios';
import type { AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyConfigError, isStatusPolicyError } from '../../src';
import type { Connectivity } from '../../src';
import { rig, settle, useFakeClock } from '../helpers/mock';

useFakeClock();

interface Device {
  online: boolean;
  /** The listeners registered and not yet removed. */
  listeners: Set<() => void>;
  connectivity: Connectivity;
  goOnline(): void;
}

/** A server behind the device's network: a network error while the device is offline, else `status`. */
const behind =
  (isOnline: () => boolean, status: number, data?: unknown) =>
  (config: AxiosRequestConfig): [number, unknown] => {
    // As axios's adapters reject: the config on the error (the policy finds its run there).
    if (!isOnline()) throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, config as InternalAxiosRequestConfig);
    return [status, data];
  };

/** A device whose connection the test turns off and on; counts the listeners left registered. */
function device(online = false): Device {
  const listeners = new Set<() => void>();
  const net: Device = {
    online,
    listeners,
    connectivity: {
      isOnline: () => net.online,
      onOnline: (listener: () => void) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    goOnline(): void {
      net.online = true;
      for (const listener of [...listeners]) listener();
    },
  };
  return net;
}

describe('retry.connectivity: a network error while offline spends no retry', () => {
  it('waits for the connection, sends the GET again and resolves with no retry spent', async () => {
    const net = device();
    const { api, mock, events } = rig({ retry: { connectivity: net.connectivity } });
    mock.onGet('/x').reply(behind(() => net.online, 200, { ok: true }));
    const p = api.get('/x');
    // Far longer than every backoff: nothing is sent while offline.
    await jest.advanceTimersByTimeAsync(60_000);
    expect(mock.history.get).toHaveLength(1);
    expect(net.listeners.size).toBe(1);
    net.goOnline();
    const { value } = await settle(p);
    expect(value?.data).toEqual({ ok: true });
    expect(mock.history.get).toHaveLength(2);
    expect(value?.statusPolicy).toEqual({ attempts: 2, delays: [], retryAfterMs: undefined, offlineMs: 60_000 });
    expect(events.map((e) => e.type)).toEqual(['offline']);
    expect(events[0]).toMatchObject({ type: 'offline', waitMs: 60_000 });
    expect(net.listeners.size).toBe(0);
  });

  it('makes the resend after the wait inside aroundResend, as every resend (OpenTelemetry’s resend_count)', async () => {
    const net = device();
    const counts: number[] = [];
    const { api, mock } = rig({
      retry: { connectivity: net.connectivity },
      aroundResend: (send, resendCount) => {
        counts.push(resendCount);
        send();
      },
    });
    mock.onGet('/x').reply(behind(() => net.online, 200));
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(1000);
    expect(counts).toEqual([]);
    net.goOnline();
    const { value } = await settle(p);
    expect(value?.status).toBe(200);
    // Not a retry, yet a resend: the second send on the wire.
    expect(counts).toEqual([1]);
  });

  it('leaves every retry for after the connection is back', async () => {
    const net = device();
    const { api, mock } = rig({ retry: { connectivity: net.connectivity } });
    mock.onGet('/x').reply(behind(() => net.online, 500));
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(1000);
    net.goOnline();
    const { error } = await settle(p);
    // 1 offline + 1 resend + 3 retries of the 500.
    expect(mock.history.get).toHaveLength(5);
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({
      attempts: 5,
      delays: [375, 750, 1500],
      reason: 'max-retries',
      offlineMs: 1000,
    });
  });

  it('waits again when the resend finds the device offline again', async () => {
    const net = device();
    const { api, mock } = rig({ retry: { connectivity: net.connectivity } });
    mock.onGet('/x').reply(behind(() => net.online, 200));
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(100);
    // The event fires, but the connection drops again before the resend is answered.
    net.goOnline();
    net.online = false;
    await jest.advanceTimersByTimeAsync(200);
    expect(mock.history.get).toHaveLength(2);
    net.goOnline();
    const { value } = await settle(p);
    expect(value?.statusPolicy).toMatchObject({ attempts: 3, delays: [], offlineMs: 300 });
  });

  it('fails a POST without Idempotency-Key at once, as without connectivity', async () => {
    const net = device();
    const { api, mock, events } = rig({ retry: { connectivity: net.connectivity } });
    mock.onPost('/x').networkError();
    const p = api.post('/x', { a: 1 });
    let settled = false;
    p.catch(() => undefined).finally(() => (settled = true));
    // No time passes: it fails on its first answer.
    await jest.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    const { error } = await settle(p);
    expect(mock.history.post).toHaveLength(1);
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ attempts: 1, reason: 'not-idempotent' });
    expect(events.some((e) => e.type === 'offline')).toBe(false);
    expect(net.listeners.size).toBe(0);
  });

  it('waits for a POST carrying an Idempotency-Key', async () => {
    const net = device();
    const { api, mock } = rig({ retry: { connectivity: net.connectivity } });
    mock.onPost('/x').reply(behind(() => net.online, 201));
    const p = api.post('/x', { a: 1 }, { headers: { 'Idempotency-Key': 'k1' } });
    await jest.advanceTimersByTimeAsync(5000);
    net.goOnline();
    const { value } = await settle(p);
    expect(value?.status).toBe(201);
    expect(mock.history.post.map((c) => c.data)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it('ends the wait with a cancel on abort: listener removed, nothing sent after', async () => {
    const net = device();
    const { api, mock } = rig({ retry: { connectivity: net.connectivity } });
    mock.onGet('/x').reply(behind(() => net.online, 200));
    const controller = new AbortController();
    const p = api.get('/x', { signal: controller.signal });
    // Longer than every backoff: it is the offline wait that is aborted.
    await jest.advanceTimersByTimeAsync(5000);
    controller.abort();
    const { error } = await settle(p);
    expect(axios.isCancel(error)).toBe(true);
    expect(net.listeners.size).toBe(0);
    net.goOnline();
    await jest.advanceTimersByTimeAsync(1000);
    expect(mock.history.get).toHaveLength(1);
  });

  it("is bounded by the request's timeout: it rejects with axios's timeout error", async () => {
    const net = device();
    const { api, mock } = rig({ retry: { connectivity: net.connectivity } });
    mock.onGet('/x').reply(behind(() => net.online, 200));
    const p = api.get('/x', { timeout: 2000 });
    await jest.advanceTimersByTimeAsync(1999);
    expect(net.listeners.size).toBe(1);
    const { error } = await settle(p);
    expect(isStatusPolicyError(error) && [error.code, error.message, error.statusPolicy.attempts]).toEqual(['ECONNABORTED', 'GET http://api.test/x failed with ECONNABORTED', 1]);
    expect(net.listeners.size).toBe(0);
    expect(mock.history.get).toHaveLength(1);
  });

  it('is bounded by totalTimeoutMs', async () => {
    const net = device();
    const { api, mock } = rig({ retry: { connectivity: net.connectivity }, totalTimeoutMs: 3000 });
    mock.onGet('/x').reply(behind(() => net.online, 200));
    const { error } = await settle(api.get('/x'));
    expect(axios.isAxiosError(error) && error.code).toBe('ECONNABORTED');
    expect(net.listeners.size).toBe(0);
    expect(mock.history.get).toHaveLength(1);
  });

  it('ends on detach with the network error, listener removed', async () => {
    const net = device();
    const { api, mock, policy } = rig({ retry: { connectivity: net.connectivity } });
    mock.onGet('/x').reply(behind(() => net.online, 200));
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(5000);
    policy.detach();
    const { error } = await settle(p);
    expect(isStatusPolicyError(error) && [error.statusPolicy.category, error.statusPolicy.reason, error.statusPolicy.attempts]).toEqual(['network', 'detached', 1]);
    expect(net.listeners.size).toBe(0);
  });

  it('waits even with maxRetries: 0 (the resend is not a retry), and not with networkErrors: false', async () => {
    const net = device();
    const { api, mock } = rig({ retry: { connectivity: net.connectivity, maxRetries: 0 } });
    mock.onGet('/x').reply(behind(() => net.online, 200));
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(1000);
    net.goOnline();
    const { value } = await settle(p);
    expect(value?.statusPolicy).toMatchObject({ attempts: 2, delays: [], offlineMs: 1000 });

    const off = device();
    const second = rig({ retry: { connectivity: off.connectivity, networkErrors: false } });
    second.mock.onGet('/x').reply(behind(() => off.online, 200));
    const { error } = await settle(second.api.get('/x'));
    expect(isStatusPolicyError(error) && error.statusPolicy.attempts).toBe(1);
    expect(off.listeners.size).toBe(0);
  });

  it('does not wait on a timeout of our own, even offline', async () => {
    const net = device();
    const { api, mock } = rig({ retry: { connectivity: net.connectivity } });
    mock.onGet('/x').timeoutOnce().onGet('/x').reply(200);
    const { value } = await settle(api.get('/x', { timeout: 500 }));
    expect(value?.statusPolicy).toEqual({ attempts: 2, delays: [375], retryAfterMs: undefined });
    expect(net.listeners.size).toBe(0);
  });

  it('sends at once when the connection came back before the listener was added', async () => {
    let calls = 0;
    // Offline when the failure is judged, online when asked again (a source that reports late).
    const connectivity: Connectivity = { isOnline: () => calls++ > 0, onOnline: () => () => undefined };
    const { api, mock, events } = rig({ retry: { connectivity } });
    mock.onGet('/x').networkErrorOnce().onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy).toMatchObject({ attempts: 2, delays: [], offlineMs: 0 });
    expect(events).toMatchObject([{ type: 'offline', waitMs: 0 }]);
  });

  it('treats a connectivity that throws as not knowing: ordinary retries', async () => {
    const connectivity: Connectivity = {
      isOnline: () => {
        throw new Error('boom');
      },
      onOnline: () => () => undefined,
    };
    const { api, mock } = rig({ retry: { connectivity } });
    mock.onGet('/x').networkErrorOnce().onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy).toEqual({ attempts: 2, delays: [375], retryAfterMs: undefined });
  });

  it('rejects with what onOnline threw, leaving no wait behind', async () => {
    const thrown = new Error('no listener for you');
    const connectivity: Connectivity = {
      isOnline: () => false,
      onOnline: () => {
        throw thrown;
      },
    };
    const { api, mock } = rig({ retry: { connectivity } });
    mock.onGet('/x').networkError();
    const controller = new AbortController();
    const { error } = await settle(api.get('/x', { signal: controller.signal }));
    expect(error).toBe(thrown);
    expect(mock.history.get).toHaveLength(1);
    // The abort listener of the wait was removed: aborting now reaches nothing.
    controller.abort();
  });

  it('refuses a connectivity without both methods, naming the option', () => {
    const bad = { isOnline: () => false } as unknown as Connectivity;
    expect(() => rig({ retry: { connectivity: bad } })).toThrow(
      new StatusPolicyConfigError('option "retry.connectivity" must be false or { isOnline(), onOnline(listener) }, got { isOnline }'),
    );
  });
});

describe('the default: the browser global scope', () => {
  const scope = globalThis as { navigator?: unknown; addEventListener?: unknown; removeEventListener?: unknown };
  let listeners: Set<() => void>;
  let nav: { onLine: boolean };
  beforeEach(() => {
    listeners = new Set();
    nav = { onLine: false };
    Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
    scope.addEventListener = (type: string, listener: () => void) => type === 'online' && listeners.add(listener);
    scope.removeEventListener = (type: string, listener: () => void) => type === 'online' && listeners.delete(listener);
  });
  afterEach(() => {
    delete scope.navigator;
    delete scope.addEventListener;
    delete scope.removeEventListener;
  });

  it('reads navigator.onLine and waits for the online event', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(behind(() => nav.onLine, 200));
    const p = api.get('/x');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(mock.history.get).toHaveLength(1);
    expect(listeners.size).toBe(1);
    nav.onLine = true;
    for (const listener of [...listeners]) listener();
    const { value } = await settle(p);
    expect(value?.statusPolicy).toMatchObject({ attempts: 2, delays: [], offlineMs: 10_000 });
    expect(listeners.size).toBe(0);
  });

  it('connectivity: false turns it off: ordinary retries', async () => {
    const { api, mock } = rig({ retry: { connectivity: false } });
    mock.onGet('/x').networkError();
    const { error } = await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(4);
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ attempts: 4, delays: [375, 750, 1500], reason: 'max-retries' });
    expect(listeners.size).toBe(0);
  });

  it('per request too', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').networkError();
    const { error } = await settle(api.get('/x', { statusPolicy: { retry: { connectivity: false } } }));
    expect(isStatusPolicyError(error) && error.statusPolicy.delays).toEqual([375, 750, 1500]);
  });
});

describe('the default where there is no navigator.onLine (Node)', () => {
  it('retries a network error as before', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').networkErrorOnce().onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy).toEqual({ attempts: 2, delays: [375], retryAfterMs: undefined });
  });
});
