import axios from 'axios';
import type { AxiosInstance } from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { attachStatusPolicy } from '../../src';
import type { PolicyEvent, StatusPolicyHandle, StatusPolicyOptions } from '../../src';

export interface Rig {
  api: AxiosInstance;
  mock: MockAdapter;
  policy: StatusPolicyHandle;
  events: PolicyEvent[];
}

/** An instance with the policy attached and axios-mock-adapter behind it; events are recorded. */
export function rig(options: StatusPolicyOptions = {}): Rig {
  const api = axios.create({ baseURL: 'http://api.test' });
  const mock = new MockAdapter(api);
  const events: PolicyEvent[] = [];
  const policy = attachStatusPolicy(api, {
    ...options,
    onEvent: (e) => {
      events.push(e);
      options.onEvent?.(e);
    },
  });
  return { api, mock, policy, events };
}

/** Runs fake timers until `promise` settles; returns its outcome without throwing. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  let done = false;
  const out: { value?: T; error?: unknown } = {};
  promise.then(
    (v) => {
      out.value = v;
      done = true;
    },
    (e: unknown) => {
      out.error = e;
      done = true;
    },
  );
  for (let i = 0; i < 10_000 && !done; i++) await jest.advanceTimersByTimeAsync(50);
  if (!done) throw new Error('promise did not settle');
  return out;
}

/**
 * Fake timers (Date too) and a fixed jitter (Math.random → 0.5) for every test of the calling
 * file, restored after each: delays are then exact and nothing waits for real.
 */
export function useFakeClock(now?: Date): void {
  beforeEach(() => {
    jest.useFakeTimers(now ? { now } : {});
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });
}
