import type { InternalAxiosRequestConfig } from 'axios';
import { originGate } from '../../src/coordinator/origin-gate';

// Regression: once the origin was back at full speed, the gate still released its backlog one
// request per timer tick (about 110 requests/s under load in the reliability suite).
describe('originGate backlog at full speed', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('releases every waiting request in one turn once spacing is back to 0', async () => {
    const gate = originGate({ waits: new Set() }, Date.now);
    gate.hold(100, true);
    const released: number[] = [];
    for (let i = 0; i < 5; i++) void gate.enter({} as InternalAxiosRequestConfig)!.then(() => released.push(i));

    await jest.advanceTimersToNextTimerAsync(); // the hold ends: the first goes, paced
    expect(released).toEqual([0]);
    for (let i = 0; i < 20; i++) gate.idle(true); // answers came back fine: full speed again

    await jest.advanceTimersToNextTimerAsync(); // one timer turn
    expect(released).toEqual([0, 1, 2, 3, 4]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still releases one at a time while paced', async () => {
    const gate = originGate({ waits: new Set() }, Date.now);
    gate.hold(100, true);
    const released: number[] = [];
    for (let i = 0; i < 3; i++) void gate.enter({} as InternalAxiosRequestConfig)!.then(() => released.push(i));
    await jest.advanceTimersToNextTimerAsync();
    await jest.advanceTimersToNextTimerAsync();
    expect(released).toEqual([0, 1]);
  });
});
