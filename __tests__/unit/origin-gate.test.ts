import { AxiosHeaders } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { originGate } from '../../src/coordinator/origin-gate';

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
      expect(gate.idle()).toBe(false); // the origin is still remembered...
      expect(gate.remaining()).toBe(0);
      expect(gate.enter(config())).toBeUndefined(); // ...but nobody waits
      gate.idle(true);
    }
    expect(jest.getTimerCount()).toBe(0);
  });

  it('holds everyone until the deadline, then releases the backlog one at a time', async () => {
    const { gate, released, queue } = setup();
    gate.hold(100, true);
    queue(3);
    expect(gate.remaining()).toBe(100);
    await jest.advanceTimersByTimeAsync(99);
    expect(released).toEqual([]);
    await jest.advanceTimersToNextTimerAsync(); // the deadline: the first goes
    expect(released).toEqual([0]);
    await jest.advanceTimersToNextTimerAsync();
    expect(released).toEqual([0, 1]);
    expect(gate.remaining()).toBeGreaterThan(0);
  });

  it('paces after the rate the client was sending, not after the Retry-After', async () => {
    // Same Retry-After, same backlog: the origin that was answering 20 requests a second takes
    // its backlog back far sooner than one that had seen a single request.
    const busy = setup();
    const quiet = setup();
    for (let i = 0; i < 100; i++) {
      busy.gate.idle(true);
      await jest.advanceTimersByTimeAsync(50);
    }
    busy.gate.hold(1000, true);
    quiet.gate.hold(1000, true);
    busy.queue(4);
    quiet.queue(4);
    await jest.advanceTimersByTimeAsync(1500);
    expect(busy.released).toEqual([0, 1, 2, 3]);
    expect(quiet.released).toEqual([0]);
  });

  it('releases the backlog faster and faster as time passes since the wait', async () => {
    const { gate, released, queue } = setup();
    gate.hold(100, true);
    queue(8);
    const releasedAt: number[] = [];
    while (released.length < 8) {
      const count = released.length;
      await jest.advanceTimersToNextTimerAsync();
      if (released.length > count) {
        releasedAt.push(Date.now());
        gate.idle(true); // its answer
      }
    }
    const gaps = releasedAt.slice(1).map((at, i) => at - releasedAt[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThanOrEqual(gaps[i - 1]!);
    expect(gaps.at(-1)!).toBeLessThan(gaps[0]! / 2);
  });

  it('releases several per timer turn when the rate is high, not one per tick', async () => {
    const { gate, released, queue } = setup();
    for (let i = 0; i < 500; i++) {
      gate.idle(true); // 100 answers a second for five seconds
      jest.setSystemTime(Date.now() + 10);
    }
    gate.hold(100, true);
    queue(20);
    await jest.advanceTimersToNextTimerAsync(); // the deadline
    expect(released.length).toBeGreaterThan(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(released).toHaveLength(20);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("paces a throttled request's own retry even when nothing else is queued", async () => {
    const { gate } = setup();
    gate.hold(1000, true);
    await jest.advanceTimersByTimeAsync(1000);
    const retries = [0, 1, 2].map(() => {
      gate.hold(0, true); // then Retry-After: 0 on a burst of three: the origin is still paced
      return gate.enter(config(), true);
    });
    expect(retries[0]).toBeUndefined();
    expect(retries[1]).toBeInstanceOf(Promise);
    expect(retries[2]).toBeInstanceOf(Promise);
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(10_000);
    await Promise.all(retries);
  });

  it('lets the retries of a "retry now" throttle go at once on an origin that was not paced', () => {
    const { gate } = setup();
    for (let i = 0; i < 3; i++) {
      gate.hold(0, true);
      expect(gate.enter(config(), true)).toBeUndefined();
    }
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
    const { gate } = setup();
    gate.hold(100, true);
    expect(gate.idle()).toBe(false);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(gate.idle()).toBe(true);
  });
});
