import { AxiosHeaders } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { localCoordinator } from '../../src/coordinator/memory';
import { originGate } from '../../src/rules/rate-limit/origin-gate';
import { HOLD_OFF_PERIODS } from '../../src/rules/rate-limit/release-window';

const config = (signal?: AbortSignal): InternalAxiosRequestConfig => ({ headers: new AxiosHeaders(), ...(signal && { signal }) });

/** A gate on jest's fake clock, and the order in which its queued requests were released. */
function setup() {
  const gate = originGate({ waits: new Set() }, Date.now);
  const released: number[] = [];
  const queue = (count: number, first = 0) => {
    for (let i = first; i < first + count; i++) void gate.enter(config())!.then(() => released.push(i));
  };
  return { gate, released, queue };
}

const ORIGIN = 'http://api.test';

/**
 * A client on the fake clock that talks to `server` through a coordinator's gate exactly as the
 * rateLimit rule does: `busyGate` before each send (a hold event takes `remaining()` there), a
 * 429 holds the origin for `retryAfterMs()` and queues its retry with `enter(…, true)`, any other
 * answer reports a success. Answers take `rttMs`. Resolves each request's outcome.
 */
function client(server: (at: number) => 200 | 429, { retryAfterMs = (): number => 1000, rttMs = 1 } = {}) {
  const coordinator = localCoordinator(Date.now);
  const sent: number[] = [];
  /** Per held request: what its hold announced, and when it was really sent. */
  const holds: Array<{ announced: number; heldAt: number; sentAt?: number }> = [];
  const answer = (): Promise<200 | 429> =>
    new Promise((resolve) =>
      setTimeout(() => {
        const at = Date.now();
        sent.push(at);
        resolve(server(at));
      }, rttMs),
    );
  const request = async (): Promise<boolean> => {
    const gate = coordinator.busyGate(ORIGIN);
    const wait = gate?.enter(config(), false);
    let hold: (typeof holds)[number] | undefined;
    if (gate && wait) holds.push((hold = { announced: gate.remaining(), heldAt: Date.now() }));
    await wait;
    if (hold) hold.sentAt = Date.now();
    for (let attempt = 0; attempt < 50; attempt++) {
      if ((await answer()) !== 429) {
        coordinator.busyGate(ORIGIN, true);
        return true;
      }
      const throttled = coordinator.gate(ORIGIN, originGate);
      throttled.hold(retryAfterMs(), true);
      await throttled.enter(config(), true);
    }
    return false;
  };
  return { coordinator, sent, holds, request };
}

/** Runs jest's clock, timer by timer, until `promise` settles. */
async function drive<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  void promise.finally(() => (settled = true)).catch(() => undefined);
  for (let i = 0; !settled && i < 100_000; i++) await jest.advanceTimersToNextTimerAsync();
  return promise;
}

/** A limiter that takes `perSecond` requests per wall-clock second and refuses the rest. */
function fixedWindow(perSecond: number) {
  let window = -1;
  let used = 0;
  return (at: number): 200 | 429 => {
    const second = Math.floor(at / 1000);
    if (second !== window) [window, used] = [second, 0];
    return ++used <= perSecond ? 200 : 429;
  };
}

describe('originGate', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  // The issue-14 case: after one 429 the paced release used to start from the server's wait and
  // slow every later request, held or not.
  it('does not slow a request that arrives once the deadline has passed and nothing is queued', async () => {
    const { gate } = setup();
    gate.hold(1000, true);
    const retry = gate.enter(config(), true);
    expect(retry).toBeInstanceOf(Promise);
    await jest.advanceTimersByTimeAsync(1000);
    await retry;
    gate.idle(true);
    for (let i = 0; i < 10; i++) {
      expect(gate.remaining()).toBe(0);
      expect(gate.enter(config())).toBeUndefined(); // nobody waits
      gate.idle(true);
    }
    expect(jest.getTimerCount()).toBe(0);
  });

  it('holds everyone until the deadline, then sends one probe; its answer, not the clock, lets more go', async () => {
    const { gate, released, queue } = setup();
    gate.hold(100, true);
    queue(7);
    expect(gate.remaining()).toBe(100);
    await jest.advanceTimersByTimeAsync(99);
    expect(released).toEqual([]);
    await jest.advanceTimersByTimeAsync(1); // the deadline: the probe goes
    expect(released).toEqual([0]);
    await jest.advanceTimersByTimeAsync(500); // no answer yet: nothing more
    expect(released).toEqual([0]);
    gate.idle(true); // the probe succeeded
    await jest.advanceTimersByTimeAsync(0);
    expect(released).toEqual([0, 1]);
    gate.idle(true);
    await jest.advanceTimersByTimeAsync(0);
    expect(released).toEqual([0, 1, 2, 3]); // twice as many per round trip
    gate.idle(true);
    gate.idle(true);
    await jest.advanceTimersByTimeAsync(0);
    expect(released).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a lost answer does not stall the backlog: the allowance still goes once per period', async () => {
    const { gate, released, queue } = setup();
    gate.hold(1000, true);
    queue(3);
    await jest.advanceTimersByTimeAsync(1000);
    expect(released).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1000); // the probe never answered
    expect(released).toEqual([0, 1]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(released).toEqual([0, 1, 2]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('100 held behind one Retry-After: 1 all go within round trips of the deadline, and the server sees each once', async () => {
    let first = true;
    const { request, sent } = client(() => (first ? ((first = false), 429) : 200));
    const start = Date.now();
    const throttled = request();
    await jest.advanceTimersByTimeAsync(1); // the 429 is in: the origin is held
    const burst = Array.from({ length: 100 }, () => request());
    const results = await drive(Promise.all([throttled, ...burst].map(async (p) => [await p, Date.now() - start] as const)));
    expect(results.every(([ok]) => ok)).toBe(true);
    expect(sent).toHaveLength(102);
    // Nothing before the deadline; then doubling per 2 ms round trip: 1, 1, 2, 4… 101 in 8 of them.
    expect(sent.slice(1).every((at) => at - start >= 1002)).toBe(true);
    expect(Math.max(...results.map(([, at]) => at))).toBeLessThanOrEqual(1002 + 8 * 2);
  });

  it('against a server taking 10 a second, learns that rate: all 100 succeed with few requests wasted', async () => {
    jest.setSystemTime(2_000_000); // the start of a second
    const { request, sent } = client(fixedWindow(10));
    const results = await drive(Promise.all(Array.from({ length: 100 }, () => request())));
    expect(results.every(Boolean)).toBe(true);
    // The first burst of 100 is unavoidable; its 90 refused then need one send each, and the
    // first paced round oversteps once while it learns the rate.
    expect(sent.length).toBeLessThanOrEqual(200);
    // From the second paced round on, at most one refusal per hold-off (a probe above the rate).
    const refusedAfter = sent.filter((at) => at >= 2_002_000).length - 80;
    expect(refusedAfter).toBeLessThanOrEqual(Math.ceil(8 / HOLD_OFF_PERIODS));
  });

  it('a refused probe says the server is not ready yet, not what it takes: the next round is not narrowed', async () => {
    let refuse = 3; // the first request and two probes
    const { request, sent } = client(() => (refuse-- > 0 ? 429 : 200));
    const start = Date.now();
    const throttled = request();
    await jest.advanceTimersByTimeAsync(1);
    const burst = Array.from({ length: 50 }, () => request());
    expect((await drive(Promise.all([throttled, ...burst]))).every(Boolean)).toBe(true);
    expect(sent).toHaveLength(51 + 3);
    // Third deadline (3 s), then round trips only.
    expect(Date.now() - start).toBeLessThan(3100);
  });

  // Found by the load campaign: a mix where one path in 17 answers 429 Retry-After: 0 and one a
  // 503 (retried after 5 ms) restarted the round at each, and cut the release to a few a second.
  it('scattered "retry now" throttles hold for their wait only, and do not cut the release', async () => {
    let answers = 0;
    const waits = [1000];
    const { request, sent } = client(() => (answers++ === 0 || answers % 5 === 0 ? 429 : 200), { retryAfterMs: () => waits.pop() ?? 0 });
    const start = Date.now();
    const throttled = request();
    await jest.advanceTimersByTimeAsync(1);
    const burst = Array.from({ length: 100 }, () => request());
    expect((await drive(Promise.all([throttled, ...burst]))).every(Boolean)).toBe(true);
    expect(sent.length).toBeGreaterThan(120); // the throttles did happen
    // The 100 drain in round trips after the deadline, not at a few a second.
    expect(Date.now() - start).toBeLessThan(1100);
  });

  it('above what the server took, releases are spread over the period, and probe one more only after a hold-off', async () => {
    // nginx limit_req's shape: one request per 250 ms (4 a second), no burst.
    let last = -Infinity;
    const { request, sent } = client((at) => (at - last >= 250 ? ((last = at), 200) : 429));
    const results = await drive(Promise.all(Array.from({ length: 40 }, () => request())));
    expect(results.every(Boolean)).toBe(true);
    const refused = sent.length - 40;
    // The burst (39 refused), the first round's overstep (1), then at most one per hold-off.
    expect(refused).toBeLessThanOrEqual(39 + 1 + Math.ceil(10 / HOLD_OFF_PERIODS));
  });

  it('hold events announce the wait each request really had', async () => {
    jest.setSystemTime(3_000_000);
    const { request, holds } = client(fixedWindow(10));
    // 40 at once: 30 refused; the first paced round learns the rate, oversteps, and holds again.
    const first = Array.from({ length: 40 }, () => request());
    await jest.advanceTimersByTimeAsync(1500);
    const later: Array<Promise<boolean>> = [];
    for (let i = 0; i < 30; i++) {
      later.push(request());
      await jest.advanceTimersByTimeAsync(20);
    }
    await drive(Promise.all([...first, ...later]));
    expect(holds.length).toBeGreaterThan(20);
    for (const { announced, heldAt, sentAt } of holds) expect(Math.abs(sentAt! - heldAt - announced)).toBeLessThanOrEqual(250);
  });

  it('"retry now" throttles are no rate signal: their retries go at once, on a fresh origin or a recovering one', async () => {
    const { gate } = setup();
    for (let i = 0; i < 3; i++) {
      gate.hold(0, true);
      expect(gate.enter(config(), true)).toBeUndefined();
    }
    gate.hold(1000, true);
    await jest.advanceTimersByTimeAsync(1000);
    for (let i = 0; i < 3; i++) {
      gate.hold(0, true); // a burst of three answered Retry-After: 0 after the deadline
      expect(gate.enter(config(), true)).toBeUndefined();
    }
    expect(jest.getTimerCount()).toBe(0);
  });

  it("queues a throttled request's own retry behind the probe, even with nothing else queued", async () => {
    const { gate } = setup();
    gate.hold(1000, true);
    const probe = gate.enter(config(), true);
    await jest.advanceTimersByTimeAsync(1000);
    await probe;
    const retry = gate.enter(config(), true); // another 429's retry whose wait is over
    expect(retry).toBeInstanceOf(Promise);
    gate.idle(true); // the probe's answer
    await retry;
    expect(jest.getTimerCount()).toBe(0);
  });

  it('drains at once after a hold that was not a throttle (a window reset)', async () => {
    const { gate, released, queue } = setup();
    gate.hold(100);
    queue(3);
    await jest.advanceTimersToNextTimerAsync();
    expect(released).toEqual([0, 1, 2]);
    expect(gate.idle()).toBe(true);
  });

  it('a queued request that is aborted leaves the queue, and the timer goes with the last one', async () => {
    const { gate } = setup();
    gate.hold(1000, true);
    const controller = new AbortController();
    const held = gate.enter(config(controller.signal))!;
    expect(jest.getTimerCount()).toBe(1);
    controller.abort();
    await expect(held).rejects.toMatchObject({ code: 'ERR_CANCELED' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('is forgotten once the client has gone quiet', async () => {
    const { gate, queue } = setup();
    gate.hold(100, true);
    queue(1);
    expect(gate.idle()).toBe(false);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(gate.idle()).toBe(true);
  });
});
