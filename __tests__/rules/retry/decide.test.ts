import { retryRule } from '../../../src/rules/retry/rule';
import { retryBudget } from '../../../src/rules/retry/retry-budget';
import { answer, contextFor, decided, failure, hop, optionsOf } from '../rule-context';

describe('retry: what decide returns', () => {
  it('a 2xx is not its to judge', async () => {
    const sent = hop();
    expect(await decided(retryRule, answer(sent, 200), contextFor(sent))).toEqual({ type: 'next' });
  });

  it('a 500 on a GET: retry after the backoff of the first retry (base 500 ms, equal jitter)', async () => {
    const sent = hop('GET');
    const d = await decided(retryRule, answer(sent, 500), contextFor(sent));
    expect(d.type).toBe('retry');
    const { delayMs } = d as { delayMs: number };
    expect(delayMs).toBeGreaterThanOrEqual(250);
    expect(delayMs).toBeLessThanOrEqual(500);
  });

  it('a network failure (ECONNRESET) of a PUT is retried; a 400 is not', async () => {
    const put = hop('PUT');
    expect((await decided(retryRule, failure(put, 'ECONNRESET'), contextFor(put))).type).toBe('retry');
    expect(await decided(retryRule, answer(put, 400), contextFor(put))).toEqual({ type: 'next' });
  });

  it('a 500 on a POST: stop, not idempotent; with an Idempotency-Key: retry', async () => {
    const post = hop('POST', undefined, { body: '{}' });
    expect(await decided(retryRule, answer(post, 500), contextFor(post))).toEqual({ type: 'stop', reason: 'not-idempotent', retryable: false });
    const keyed = hop('POST', undefined, { body: '{}', headers: { 'Idempotency-Key': 'k1' } });
    expect((await decided(retryRule, answer(keyed, 500), contextFor(keyed))).type).toBe('retry');
  });

  it('once maxRetries are used: stop, max-retries', async () => {
    const sent = hop();
    const ctx = contextFor(sent, { attempts: 4, retries: { retry: 3 } });
    expect(await decided(retryRule, answer(sent, 500), ctx)).toEqual({ type: 'stop', reason: 'max-retries', retryable: true });
  });

  it('a 429 and a 503 are rateLimit’s while it is on; with rateLimit off a 503 is retry’s', async () => {
    const sent = hop();
    expect(await decided(retryRule, answer(sent, 503), contextFor(sent))).toEqual({ type: 'next' });
    const ctx = contextFor(sent, { options: optionsOf({ rateLimit: false }) });
    expect((await decided(retryRule, answer(sent, 503), ctx)).type).toBe('retry');
  });

  it('shouldRetry has the final say, and delay sets the wait', async () => {
    const sent = hop();
    const options = optionsOf({ retry: { shouldRetry: () => false } });
    expect(await decided(retryRule, answer(sent, 500), contextFor(sent, { options }))).toEqual({ type: 'stop', reason: 'not-retryable', retryable: false });
    const delayed = optionsOf({ retry: { delay: () => 1234 } });
    expect(await decided(retryRule, answer(sent, 500), contextFor(sent, { options: delayed }))).toEqual({ type: 'retry', delayMs: 1234 });
  });

  it('a first attempt deposits into its origin’s budget; an empty budget stops the retry', async () => {
    const sent = hop();
    const options = optionsOf({ retry: { budget: { ratio: 0, minPerSecond: 0 } } });
    const budget = options.coordinator.retryBudget(sent.origin, retryBudget);
    const withdraw = jest.spyOn(budget, 'tryWithdraw');
    const deposit = jest.spyOn(budget, 'deposit');
    expect(await decided(retryRule, answer(sent, 500), contextFor(sent, { options }))).toEqual({ type: 'stop', reason: 'retry-budget', retryable: true });
    expect(deposit).toHaveBeenCalledTimes(1);
    expect(withdraw).toHaveBeenCalledTimes(1);
    // A retry (attempt 2) earns nothing.
    await decided(retryRule, answer(sent, 500), contextFor(sent, { options, attempts: 2, retries: { retry: 1 } }));
    expect(deposit).toHaveBeenCalledTimes(1);
  });
});

/** A connectivity the test switches: `back()` goes online and calls the listeners. */
function switchable(online: boolean) {
  const listeners = new Set<() => void>();
  return {
    listeners,
    isOnline: () => online,
    onOnline(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    back() {
      online = true;
      for (const listener of [...listeners]) listener();
    },
  };
}

describe('retry: what decide returns offline (retry.connectivity)', () => {
  it('a network failure of a GET offline: a resend that spends no retry, after a wait that notes offlineMs and emits offline', async () => {
    const connectivity = switchable(false);
    let clock = 1000;
    const now = () => clock;
    const sent = hop();
    const ctx = contextFor(sent, { options: optionsOf({ retry: { connectivity } }, now), now });
    const d = await decided(retryRule, failure(sent, 'ERR_NETWORK'), ctx);
    expect(d).toMatchObject({ type: 'retry', delayMs: 0, countsAsRetry: false });
    if (d.type !== 'retry' || !d.wait) throw new Error('expected a retry with its own wait');
    const waited = d.wait();
    expect(connectivity.listeners.size).toBe(1);
    clock += 1500;
    connectivity.back();
    // What the wait learned travels back to the run in its result; the rule writes nothing there.
    await expect(waited).resolves.toEqual({ note: { offlineMs: 1500 } });
    expect(connectivity.listeners.size).toBe(0);
    expect(ctx.events).toEqual([{ type: 'offline', waitMs: 1500, config: sent.config }]);
  });

  it('a second wait of the same request notes the total', async () => {
    const connectivity = switchable(false);
    let clock = 0;
    const now = () => clock;
    const sent = hop();
    const ctx = contextFor(sent, { options: optionsOf({ retry: { connectivity } }, now), now });
    for (const [ms, total] of [
      [200, 200],
      [300, 500],
    ] as const) {
      const d = await decided(retryRule, failure(sent, 'ECONNREFUSED'), ctx);
      if (d.type !== 'retry' || !d.wait) throw new Error('expected a retry with its own wait');
      const waited = d.wait();
      clock += ms;
      connectivity.back();
      await expect(waited).resolves.toEqual({ note: { offlineMs: total } });
      connectivity.isOnline = () => false;
    }
  });

  it('offline with every retry used: still the resend (it is not a retry)', async () => {
    const sent = hop();
    const ctx = contextFor(sent, { options: optionsOf({ retry: { connectivity: switchable(false) } }), attempts: 4, retries: { retry: 3 } });
    expect(await decided(retryRule, failure(sent, 'ERR_NETWORK'), ctx)).toMatchObject({ type: 'retry', countsAsRetry: false });
  });

  it('a POST without Idempotency-Key offline: stop at once, not idempotent', async () => {
    const post = hop('POST', undefined, { body: '{}' });
    const ctx = contextFor(post, { options: optionsOf({ retry: { connectivity: switchable(false) } }) });
    expect(await decided(retryRule, failure(post, 'ERR_NETWORK'), ctx)).toEqual({ type: 'stop', reason: 'not-idempotent', retryable: false });
  });

  it('online, off (false), a timeout of our own, or a response: an ordinary retry', async () => {
    const sent = hop();
    const ordinary = async (options: ReturnType<typeof optionsOf>, given = failure(sent, 'ERR_NETWORK')) => {
      const d = await decided(retryRule, given, contextFor(sent, { options }));
      expect(d.type).toBe('retry');
      expect(d).not.toHaveProperty('countsAsRetry');
    };
    await ordinary(optionsOf({ retry: { connectivity: switchable(true) } }));
    await ordinary(optionsOf({ retry: { connectivity: false } }));
    await ordinary(optionsOf({ retry: { connectivity: switchable(false) } }), failure(sent, 'ECONNABORTED'));
    await ordinary(optionsOf({ retry: { connectivity: switchable(false) } }), answer(sent, 500));
  });
});
