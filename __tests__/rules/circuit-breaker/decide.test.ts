import { circuitBreakerRule } from '../../../src/rules/circuit-breaker/rule';
import { isRefusal } from '../../../src/rules/circuit-breaker/error';
import type { ResolvedOptions } from '../../../src/options/resolved';
import type { Answer } from '../../../src/rules/rule';
import type { PolicyEvent } from '../../../src/types';
import { A, PlainState, answer, contextFor, decided, failure, hop, optionsOf } from '../rule-context';
import type { TestContext } from '../rule-context';

/** Two settled requests judge the window; half of them failing opens the circuit for 5 s. */
const SETTINGS = { minRequests: 2, failureRatio: 0.5, windowMs: 1000, openMs: 5000 };

/** One logical request to `url`: its own state, the shared options (one coordinator, one clock). */
function request(options: ResolvedOptions, now: () => number, url = `${A}/items/1`) {
  const sent = hop('GET', url);
  const ctx: TestContext = contextFor(sent, { options, now, state: new PlainState() });
  return {
    sent,
    ctx,
    /** What `beforeSend` did: `undefined` (goes out) or the refusal it rejected with. */
    async before(): Promise<unknown> {
      const wait = circuitBreakerRule.beforeSend!(ctx);
      return wait ? wait.then(() => 'waited', (error: unknown) => error) : undefined;
    },
    settle: (outcome: Answer): void => ctx.state.settled(sent.config, outcome),
    circuitEvents: (): Array<Pick<Extract<PolicyEvent, { type: 'circuit' }>, 'origin' | 'state'>> =>
      ctx.events.flatMap((e) => (e.type === 'circuit' ? [{ origin: e.origin, state: e.state }] : [])),
  };
}

function setup() {
  let at = 0;
  const now = () => at;
  const options = optionsOf({ circuitBreaker: SETTINGS }, now);
  /** Two requests that each went out and settled with a 500 after their retries: the circuit opens. */
  const openIt = async () => {
    for (let i = 0; i < 2; i++) {
      const r = request(options, now);
      expect(await r.before()).toBeUndefined();
      r.settle(answer(r.sent, 500));
    }
  };
  return { options, now, advance: (ms: number) => (at += ms), openIt };
}

describe('circuitBreaker: what beforeSend and decide return', () => {
  it('closed: every request goes; answers are not its to judge (retry decides a 500 while closed)', async () => {
    const { options, now } = setup();
    const r = request(options, now);
    expect(await r.before()).toBeUndefined();
    expect(await decided(circuitBreakerRule, answer(r.sent, 200), r.ctx)).toEqual({ type: 'next' });
    expect(await decided(circuitBreakerRule, answer(r.sent, 500), r.ctx)).toEqual({ type: 'next' });
    expect(await decided(circuitBreakerRule, failure(r.sent, 'ECONNRESET'), r.ctx)).toEqual({ type: 'next' });
  });

  it('off (the block not given): it keeps no circuit and refuses nothing', async () => {
    let at = 0;
    const now = () => at;
    const options = optionsOf({}, now);
    expect(options.circuitBreaker).toBe(false);
    for (let i = 0; i < 20; i++) {
      const r = request(options, now);
      expect(await r.before()).toBeUndefined();
      expect(r.ctx.state.cleanups).toHaveLength(0);
      r.settle(answer(r.sent, 500));
      at += 10;
    }
  });

  it('minRequests settled, failureRatio of them failed: opens (event), then refuses at once; decide stops with retryAfterMs', async () => {
    const { options, now, advance } = setup();
    const first = request(options, now);
    await first.before();
    first.settle(answer(first.sent, 500));
    expect(first.circuitEvents()).toEqual([]);
    const second = request(options, now);
    await second.before();
    second.settle(answer(second.sent, 500));
    expect(second.circuitEvents()).toEqual([{ origin: A, state: 'open' }]);

    advance(1200);
    const refused = request(options, now);
    const error = await refused.before();
    expect(isRefusal(error)).toBe(true);
    const d = await decided(circuitBreakerRule, { response: undefined, error }, refused.ctx);
    expect(d).toEqual({ type: 'stop', reason: 'circuit-open', retryable: true, note: { retryAfterMs: 3800 } });
  });

  it('a refusal settles as neither success nor failure; another origin still goes', async () => {
    const { options, now, openIt } = setup();
    await openIt();
    const refused = request(options, now);
    const error = await refused.before();
    refused.settle({ response: undefined, error });
    expect(refused.circuitEvents()).toEqual([]);
    expect(await request(options, now, 'https://other.test/x').before()).toBeUndefined();
  });

  it('429, 503 and 4xx are not failures: they never open it', async () => {
    const { options, now } = setup();
    for (const status of [429, 503, 404, 400]) {
      const r = request(options, now);
      await r.before();
      r.settle(answer(r.sent, status));
      expect(r.circuitEvents()).toEqual([]);
    }
    expect(await request(options, now).before()).toBeUndefined();
  });

  it('after openMs exactly one probe goes (half-open); a 500 on it stops, not retried, and re-opens it when it settles', async () => {
    const { options, now, advance, openIt } = setup();
    await openIt();
    advance(5000);
    const probe = request(options, now);
    expect(await probe.before()).toBeUndefined();
    expect(probe.circuitEvents()).toEqual([{ origin: A, state: 'half-open' }]);
    expect(isRefusal(await request(options, now).before())).toBe(true);

    const failed = answer(probe.sent, 500);
    expect(await decided(circuitBreakerRule, failed, probe.ctx)).toEqual({ type: 'stop', reason: 'circuit-open', retryable: true });
    probe.settle(failed);
    expect(probe.circuitEvents()).toEqual([{ origin: A, state: 'half-open' }, { origin: A, state: 'open' }]);
    expect(isRefusal(await request(options, now).before())).toBe(true);
  });

  it('a probe that succeeds closes it: the next requests go', async () => {
    const { options, now, advance, openIt } = setup();
    await openIt();
    advance(5000);
    const probe = request(options, now);
    await probe.before();
    probe.settle(answer(probe.sent, 200));
    expect(probe.circuitEvents()).toEqual([{ origin: A, state: 'half-open' }, { origin: A, state: 'closed' }]);
    expect(await request(options, now).before()).toBeUndefined();
  });

  it('a request whose circuit opened while it was out: its failure stops (no retry into the open circuit)', async () => {
    const { options, now, openIt } = setup();
    const outside = request(options, now);
    await outside.before();
    await openIt();
    expect(await decided(circuitBreakerRule, answer(outside.sent, 502), outside.ctx)).toEqual({ type: 'stop', reason: 'circuit-open', retryable: true });
    // Settling while open counts no more: the circuit stays open, no new event.
    outside.settle(answer(outside.sent, 502));
    expect(outside.circuitEvents()).toEqual([]);
  });

  it('one logical request counts once: its retries go through beforeSend again, one count at settle', async () => {
    const { options, now } = setup();
    const r = request(options, now);
    for (let attempt = 0; attempt < 4; attempt++) expect(await r.before()).toBeUndefined();
    expect(r.ctx.state.cleanups).toHaveLength(1);
    r.settle(answer(r.sent, 500));
    // One failure of minRequests 2: still closed.
    expect(await request(options, now).before()).toBeUndefined();
  });
});
