import axios from 'axios';
import { AxiosHeaders } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { attachStatusPolicy } from '../../src';
import { MAX_HELD_ORIGINS, localCoordinator } from '../../src/coordinator/memory';
import { originGate } from '../../src/rules/rate-limit/origin-gate';
import { MAX_TIMER_MS } from '../../src/run/wait';

// Issue 19: holds received from Redis or another tab were taken as they came (`waitMs: 1e12`,
// Infinity, `until: Number.MAX_VALUE`), held the origin until restart and spun a 1 ms timer
// (TimeoutOverflowWarning), and every origin named kept a gate forever.
const ORIGIN = 'https://api.test';
const config = (): InternalAxiosRequestConfig => ({ headers: new AxiosHeaders() });

describe('received holds', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('are clamped to rateLimit\'s default maxRetryAfterMs (60 s) when no attach says otherwise', () => {
    const local = localCoordinator();
    expect(local.mirror(ORIGIN, 1e12, true, originGate)).toBe(true);
    expect(local.busyGate(ORIGIN)?.remaining()).toBe(60_000);
  });

  it('are clamped to the largest maxRetryAfterMs among the attaches connected', () => {
    const local = localCoordinator();
    const a = axios.create();
    const b = axios.create();
    const first = attachStatusPolicy(a, { coordinator: local, rateLimit: { maxRetryAfterMs: 5000 } });
    local.mirror(ORIGIN, 1e12, false, originGate);
    expect(local.busyGate(ORIGIN)?.remaining()).toBe(5000);
    const second = attachStatusPolicy(b, { coordinator: local, rateLimit: { maxRetryAfterMs: 8000 } });
    local.mirror('https://other.test', Number.MAX_VALUE, false, originGate);
    expect(local.busyGate('https://other.test')?.remaining()).toBe(8000);
    second.detach();
    first.detach();
  });

  it.each([
    ['Infinity', ORIGIN, Infinity],
    ['NaN', ORIGIN, NaN],
    ['a negative wait', ORIGIN, -5],
    ['zero', ORIGIN, 0],
    ['a string wait', ORIGIN, '5000'],
    ['an origin with a path', 'https://api.test/x', 5000],
    ['an upper-case origin (never a key here)', 'HTTPS://API.TEST', 5000],
    ['not an origin', 'hello', 5000],
    ['a number as origin', 42, 5000],
    ['a huge origin', `https://${'a'.repeat(5000)}.test`, 5000],
  ])('ignore %s', (_what, origin, waitMs) => {
    const local = localCoordinator();
    expect(local.mirror(origin, waitMs, true, originGate)).toBe(false);
    expect(local.holding).toBe(false);
  });

  it('accept the page\'s own origin (\'\', a relative URL in a browser)', () => {
    const local = localCoordinator();
    expect(local.mirror('', 1000, false, originGate)).toBe(true);
    expect(local.busyGate('')?.remaining()).toBe(1000);
  });

  it('hold at most MAX_HELD_ORIGINS origins at once, and are forgotten once over', async () => {
    const local = localCoordinator(Date.now, 100);
    for (let i = 0; i < 1000; i++) local.mirror(`https://h${i}.test`, 500, true, originGate);
    expect(local.busyGate('https://h99.test')).toBeDefined();
    expect(local.busyGate('https://h100.test')).toBeUndefined();
    // A known origin is still updated when full.
    expect(local.mirror('https://h5.test', 800, true, originGate)).toBe(true);
    expect(local.mirror('https://h500.test', 800, true, originGate)).toBe(false);
    // Nobody waits and every hold is over: the sweep forgets them all, and stops.
    await jest.advanceTimersByTimeAsync(10_000);
    expect(local.holding).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    // Room again.
    expect(local.mirror('https://h500.test', 800, true, originGate)).toBe(true);
    expect(MAX_HELD_ORIGINS).toBe(10_000);
  });

  it('keep a gate somebody waits at until it is released', async () => {
    const local = localCoordinator();
    local.mirror(ORIGIN, 3000, false, originGate);
    let released = false;
    void local.busyGate(ORIGIN)!.enter(config())!.then(() => (released = true));
    await jest.advanceTimersByTimeAsync(2999);
    expect(local.holding).toBe(true);
    await jest.advanceTimersByTimeAsync(1);
    expect(released).toBe(true);
    await jest.advanceTimersByTimeAsync(5000);
    expect(local.holding).toBe(false);
  });
});

describe('the origin gate never sets a timer beyond 2^31−1 ms', () => {
  it('a local hold of 1e12 ms with a request queued: one timer, no TimeoutOverflowWarning, no spin', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    const spy = jest.spyOn(global, 'setTimeout');
    const gate = originGate({ waits: new Set() }, Date.now);
    gate.hold(1e12, true);
    const controller = new AbortController();
    const wait = gate.enter({ ...config(), signal: controller.signal })!.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100)); // real time: a spinning 1 ms timer would show
    const delays = spy.mock.calls.map((c) => c[1]).filter((ms): ms is number => typeof ms === 'number' && ms !== 100);
    controller.abort();
    await wait;
    process.off('warning', onWarning);
    spy.mockRestore();
    expect(warnings.filter((w) => w === 'TimeoutOverflowWarning')).toEqual([]);
    expect(delays.length).toBeLessThanOrEqual(1);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(gate.remaining()).toBeLessThanOrEqual(MAX_TIMER_MS);
  });
});
