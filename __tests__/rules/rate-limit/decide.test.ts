import { rateLimitHeadersRule } from '../../../src/rules/rate-limit/headers-rule';
import { originGate } from '../../../src/rules/rate-limit/origin-gate';
import { rateLimitRule } from '../../../src/rules/rate-limit/rule';
import { PlainState, answer, contextFor, decided, hop, optionsOf } from '../rule-context';

describe('rateLimit: what decide returns', () => {
  it('a 200 is not its to judge', async () => {
    const sent = hop();
    expect(await decided(rateLimitRule, answer(sent, 200), contextFor(sent))).toEqual({ type: 'next' });
  });

  it('a 429 with Retry-After: 2 → retry in 2000 ms, Retry-After learned, the origin held', async () => {
    const sent = hop('POST');
    const ctx = contextFor(sent);
    const d = await decided(rateLimitRule, answer(sent, 429, { 'retry-after': '2' }), ctx);
    expect(d).toMatchObject({ type: 'retry', delayMs: 2000, note: { retryAfterMs: 2000 } });
    expect(ctx.options.coordinator.busyGate(sent.origin)?.remaining()).toBe(2000);
  });

  it('a Retry-After past maxRetryAfterMs: stop (retry-after-too-long), still reporting what was asked', async () => {
    const sent = hop();
    const d = await decided(rateLimitRule, answer(sent, 503, { 'retry-after': '3600' }), contextFor(sent));
    expect(d).toEqual({ type: 'stop', reason: 'retry-after-too-long', retryable: true, note: { retryAfterMs: 3_600_000 } });
  });

  it('with clampRetryAfter the wait is cut to maxRetryAfterMs', async () => {
    const sent = hop();
    const options = optionsOf({ rateLimit: { clampRetryAfter: true, maxRetryAfterMs: 5000 } });
    const d = await decided(rateLimitRule, answer(sent, 429, { 'retry-after': '60' }), contextFor(sent, { options }));
    expect(d).toMatchObject({ type: 'retry', delayMs: 5000, note: { retryAfterMs: 60_000 } });
  });

  it('once maxRetries are used: stop, max-retries', async () => {
    const sent = hop();
    const d = await decided(rateLimitRule, answer(sent, 429), contextFor(sent, { attempts: 4, retries: { rateLimit: 3 } }));
    expect(d).toMatchObject({ type: 'stop', reason: 'max-retries', retryable: true });
  });

  it('without hold: a plain retry, nothing held', async () => {
    const sent = hop();
    const options = optionsOf({ rateLimit: { hold: false } });
    const d = await decided(rateLimitRule, answer(sent, 429, { 'retry-after': '1' }), contextFor(sent, { options }));
    expect(d).toEqual({ type: 'retry', delayMs: 1000, note: { retryAfterMs: 1000 } });
    expect(options.coordinator.holding).toBe(false);
  });

  it('the retry the gate released skips the gate once; the next send queues again', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      let now = 0;
      const clock = (): number => now;
      const options = optionsOf({}, clock);
      const state = new PlainState();
      const first = hop();
      const d = await decided(rateLimitRule, answer(first, 429, { 'retry-after': '1' }), contextFor(first, { options, state, now: clock }));
      if (d.type !== 'retry' || !d.wait) throw new Error('expected a retry that waits at the gate');
      const released = d.wait();
      now = 1000;
      jest.advanceTimersByTime(1000);
      await released;
      const retry = hop();
      // Its own send goes at once: the ticket is spent…
      expect(rateLimitRule.beforeSend!(contextFor(retry, { options, state, attempts: 2, now: clock }))).toBeUndefined();
      // …and another 429 holds the origin again: a later send of the same request queues.
      options.coordinator.gate(retry.origin, originGate).hold(500, true);
      expect(rateLimitRule.beforeSend!(contextFor(retry, { options, state, attempts: 2, now: clock }))).toBeInstanceOf(Promise);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('rate-limit headers: what decide returns', () => {
  it('never decides; the headers it read travel in the decision', async () => {
    const sent = hop();
    const d = await decided(rateLimitHeadersRule, answer(sent, 200, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '7' }), contextFor(sent));
    expect(d).toMatchObject({ type: 'next', note: { rateLimit: { limit: 100, remaining: 7 } } });
  });

  it('an answer without rate-limit headers: plain next', async () => {
    const sent = hop();
    expect(await decided(rateLimitHeadersRule, answer(sent, 200, { 'content-type': 'text/plain' }), contextFor(sent))).toEqual({ type: 'next' });
  });

  it('with proactive, nothing remaining holds the origin until the reset', async () => {
    const sent = hop();
    const options = optionsOf({ rateLimit: { proactive: true } });
    await decided(rateLimitHeadersRule, answer(sent, 200, { 'ratelimit-limit': '10', 'ratelimit-remaining': '0', 'ratelimit-reset': '3' }), contextFor(sent, { options }));
    expect(options.coordinator.busyGate(sent.origin)?.remaining()).toBe(3000);
  });
});
