import { AxiosError } from 'axios';
import { Outcomes } from '../helpers/outcome';

// The reliability suites rely on this helper to catch a call that never settles: prove it does.
beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('a call that never settles comes back as a deadline and stays pending', async () => {
  const outcomes = new Outcomes(1000);
  const result = outcomes.track(new Promise(() => undefined));
  await jest.advanceTimersByTimeAsync(1000);
  expect(await result).toMatchObject({ ok: false, reason: 'deadline' });
  expect([outcomes.started, outcomes.settled, outcomes.pending]).toEqual([1, 0, 1]);
});

it('a call that settles after its deadline is not counted as settled', async () => {
  const outcomes = new Outcomes(1000);
  let answer: (value: { status: number }) => void = () => undefined;
  const result = outcomes.track(new Promise((resolve) => (answer = resolve)));
  await jest.advanceTimersByTimeAsync(1000);
  answer({ status: 200 });
  expect(await result).toMatchObject({ reason: 'deadline' });
  expect(outcomes.pending).toBe(1);
});

it('records a success and an axios rejection, each settled once', async () => {
  const outcomes = new Outcomes(1000);
  const ok = outcomes.track(Promise.resolve({ status: 200, statusPolicy: { attempts: 2 } }));
  const error = Object.assign(new AxiosError('boom', 'ECONNRESET'), { statusPolicy: { attempts: 4, reason: 'max-retries' } });
  const failed = outcomes.track(Promise.reject(error));
  expect(await ok).toEqual({ ok: true, status: 200, attempts: 2, reason: undefined, code: undefined, error: undefined });
  expect(await failed).toMatchObject({ ok: false, status: undefined, attempts: 4, reason: 'max-retries', code: 'ECONNRESET' });
  expect([outcomes.started, outcomes.settled, outcomes.pending]).toEqual([2, 2, 0]);
  expect(jest.getTimerCount()).toBe(0);
});
