import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { attachPolicies, retry } from '../../src/compose';
import { isStatusPolicyError, memoryCoordinator } from '../../src';
import type { PolicyEvent } from '../../src';
import { retryBudget } from '../../src/rules/retry/retry-budget';
import { rig, settle, useFakeClock } from '../helpers/mock';

const DEFAULTS = { ratio: 0.2, minPerSecond: 10 };

/** How many withdrawals succeed before the first refusal (at most `limit` tries). */
const drain = (budget: ReturnType<typeof retryBudget>, settings = DEFAULTS, limit = 10_000): number => {
  let n = 0;
  while (n < limit && budget.tryWithdraw(settings)) n++;
  return n;
};

describe('retryBudget (the counts)', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('a quiet origin has the reserve: minPerSecond × 10 retries', () => {
    expect(drain(retryBudget(now))).toBe(100);
  });

  it('first attempts earn ratio × their number on top of the reserve', () => {
    const budget = retryBudget(now);
    for (let i = 0; i < 200; i++) budget.deposit();
    expect(drain(budget)).toBe(140);
    expect(drain(retryBudget(now), { ratio: 0, minPerSecond: 0 })).toBe(0);
  });

  it('counts age out after 10 s, second by second', () => {
    const budget = retryBudget(now);
    for (let i = 0; i < 50; i++) budget.deposit();
    expect(drain(budget)).toBe(110);
    clock += 9_000;
    expect(drain(budget)).toBe(0);
    // Ten seconds on, the deposits and withdrawals of that second are gone: the reserve is back.
    clock += 1_000;
    expect(drain(budget)).toBe(100);
    expect(budget.idle()).toBe(false);
    clock += 60_000;
    expect(budget.idle()).toBe(true);
  });

  it('judges the same counts by the settings of each withdrawal', () => {
    const budget = retryBudget(now);
    for (let i = 0; i < 100; i++) budget.deposit();
    expect(drain(budget, { ratio: 0.5, minPerSecond: 0 })).toBe(50);
    expect(drain(budget, { ratio: 1, minPerSecond: 0 })).toBe(50);
  });

  it('survives a clock that goes back', () => {
    const budget = retryBudget(now);
    clock -= 5_000;
    budget.deposit();
    expect(drain(budget, { ratio: 1, minPerSecond: 0 })).toBe(1);
  });
});

describe('retry budget, through the policy', () => {
  useFakeClock();

  it('a lone failing request still gets all its retries', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(4);
    expect(isStatusPolicyError(error) && error.statusPolicy.reason).toBe('max-retries');
  });

  it('refuses a retry once the origin is out of budget: reason retry-budget and a giveUp event', async () => {
    // A reserve of one retry per 10 s, nothing earned by traffic.
    const { api, mock, events } = rig({ retry: { budget: { ratio: 0, minPerSecond: 0.1 } } });
    mock.onGet('/x').reply(500);
    await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(2);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
    const giveUp = events.find((e) => e.type === 'giveUp');
    expect(giveUp).toMatchObject({ type: 'giveUp', reason: 'retry-budget', status: 500 });
    const { error } = await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(3);
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ reason: 'retry-budget', retryable: true, attempts: 1 });
  });

  it('successful traffic earns retries', async () => {
    const { api, mock } = rig({ retry: { budget: { ratio: 0.5, minPerSecond: 0 } } });
    mock.onGet('/ok').reply(200).onGet('/x').reply(500);
    for (let i = 0; i < 4; i++) await api.get('/ok');
    await settle(api.get('/x'));
    // 5 first attempts × 0.5 = 2.5: two retries.
    expect(mock.history.get.filter((c) => c.url === '/x')).toHaveLength(3);
  });

  it('is per origin: one origin out of budget does not stop retries to another', async () => {
    const { api, mock } = rig({ retry: { budget: { ratio: 0, minPerSecond: 0.1 } } });
    mock.onGet(/.*/).reply(500);
    await settle(api.get('http://a.test/x'));
    await settle(api.get('http://a.test/x'));
    await settle(api.get('http://b.test/x'));
    const sent = (origin: string) => mock.history.get.filter((c) => c.url?.startsWith(origin)).length;
    expect([sent('http://a.test'), sent('http://b.test')]).toEqual([3, 2]);
  });

  it('budget: false, for the instance or one request, does not count', async () => {
    const off = rig({ retry: { budget: false } });
    off.mock.onGet('/x').reply(500);
    const tight = { ratio: 0, minPerSecond: 0 };
    const on = rig({ retry: { budget: tight } });
    on.mock.onGet('/x').reply(500);
    await settle(off.api.get('/x'));
    expect(off.mock.history.get).toHaveLength(4);
    await settle(on.api.get('/x'));
    expect(on.mock.history.get).toHaveLength(1);
    await settle(on.api.get('/x', { statusPolicy: { retry: { budget: false } } }));
    expect(on.mock.history.get).toHaveLength(5);
  });

  it('comes back once the window has passed', async () => {
    const { api, mock } = rig({ retry: { budget: { ratio: 0, minPerSecond: 0.1 }, maxRetries: 1 } });
    mock.onGet('/x').reply(500);
    await settle(api.get('/x'));
    await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(10_000);
    await settle(api.get('/x'));
    expect(mock.history.get).toHaveLength(5);
  });

  it('rateLimit retries do not draw from it', async () => {
    const { api, mock } = rig({ retry: { budget: { ratio: 0, minPerSecond: 0 } } });
    mock.onGet('/x').replyOnce(429, '', { 'retry-after': '1' }).onGet('/x').replyOnce(503, '', { 'retry-after': '1' }).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.statusPolicy?.attempts).toBe(3);
  });

  it('one coordinator shares the budget between instances', async () => {
    const coordinator = memoryCoordinator();
    const events: PolicyEvent[] = [];
    const make = () => {
      const api = axios.create({ baseURL: 'http://api.test' });
      const mock = new MockAdapter(api);
      mock.onGet('/x').reply(500);
      attachPolicies(api, [retry({ budget: { ratio: 0, minPerSecond: 0.1 } })], { coordinator, onEvent: (e) => events.push(e) });
      return { api, mock };
    };
    const first = make();
    const second = make();
    await settle(first.api.get('/x'));
    await settle(second.api.get('/x'));
    expect([first.mock.history.get.length, second.mock.history.get.length]).toEqual([2, 1]);
  });

  it('forgets idle origins once it knows many', () => {
    let clock = 0;
    const coordinator = memoryCoordinator(() => clock);
    const first = coordinator.retryBudget('http://0.test', retryBudget);
    first.deposit();
    for (let i = 1; i < 256; i++) coordinator.retryBudget(`http://${i}.test`, retryBudget).deposit();
    // Every one still counts something: nothing is forgotten.
    coordinator.retryBudget('http://busy.test', retryBudget);
    expect(coordinator.retryBudget('http://0.test', retryBudget)).toBe(first);
    clock += 20_000;
    coordinator.retryBudget('http://new.test', retryBudget);
    expect(coordinator.retryBudget('http://0.test', retryBudget)).not.toBe(first);
  });
});
