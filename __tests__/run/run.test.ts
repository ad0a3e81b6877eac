import { AsyncLocalStorage } from 'node:async_hooks';
import axios from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { attachPolicies } from '../../src/attach-policies';
import type { Policy } from '../../src/policies';
import { deleteNotFoundOptions } from '../../src/rules/delete-not-found/options';
import type { Decision, Rule, RuleContext } from '../../src/rules/rule';
import type { Hop } from '../../src/run/hop';

/*
 * The run itself, with a rule made for the test (in the place of deleteNotFound) and axios with an
 * adapter function of its own: every send is counted, every hop a rule sees is kept.
 */

/** An adapter answering each send with the next status of `statuses` (the last one repeats). */
function adapterOf(statuses: number[]): AxiosAdapter & { sent: InternalAxiosRequestConfig[] } {
  const sent: InternalAxiosRequestConfig[] = [];
  const adapter = (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    sent.push(config);
    const status = statuses[Math.min(sent.length, statuses.length) - 1]!;
    const response: AxiosResponse = { status, statusText: '', headers: {}, data: `answer ${sent.length}`, config, request: {} };
    return status < 400 ? Promise.resolve(response) : Promise.reject(Object.assign(new Error(`status ${status}`), { config, response, isAxiosError: true }));
  };
  return Object.assign(adapter, { sent });
}

interface Seen {
  hop: Hop;
  headers: Record<string, unknown>;
  attempts: number;
}

/** A policy of one rule that decides with `decide`, keeping every hop it is shown. */
function policyOf(decide: (status: number | undefined, ctx: RuleContext, seen: Seen[]) => Decision, beforeSend?: Rule['beforeSend']): { policy: Policy; seen: Seen[] } {
  const seen: Seen[] = [];
  const rule: Rule = {
    id: 'deleteNotFound',
    name: 'deleteNotFound',
    decide: (answer, ctx) => {
      seen.push({ hop: ctx.hop, headers: ctx.hop.config.headers.toJSON(), attempts: ctx.attempts });
      return decide(answer.response?.status, ctx, seen);
    },
    ...(beforeSend && { beforeSend }),
  };
  return { policy: { name: 'deleteNotFound', spec: deleteNotFoundOptions, rules: [rule], options: true }, seen };
}

describe('the run', () => {
  it('applies what a rule learned: notes and the 3xx of the chain reach statusPolicy', async () => {
    const { policy } = policyOf((status) =>
      status === 200 ? { type: 'next', note: { fromCache: false } } : { type: 'stop', reason: 'max-retries', retryable: true, redirect: { method: 'GET', url: 'https://api.test/a', status: 599 } },
    );
    const api = axios.create({ baseURL: 'https://api.test', adapter: adapterOf([200]) });
    attachPolicies(api, [policy]);
    const ok = await api.get('/a');
    expect(ok.statusPolicy).toMatchObject({ attempts: 1, fromCache: false });

    const failing = axios.create({ baseURL: 'https://api.test', adapter: adapterOf([599]) });
    attachPolicies(failing, [policy]);
    const error = (await failing.get('/a').catch((e: unknown) => e)) as { statusPolicy?: { redirectChain?: unknown } };
    expect(error.statusPolicy?.redirectChain).toEqual([{ method: 'GET', url: 'https://api.test/a', status: 599 }]);
  });

  it('makes a new hop per attempt and never changes one that went out', async () => {
    const { policy, seen } = policyOf((status, ctx) => {
      const next = String(ctx.attempts + 1);
      return status === 503 && ctx.attempts < 3 ? { type: 'retry', delayMs: 0, prepare: (config) => void config.headers.set('X-Attempt', next) } : { type: 'next' };
    });
    const api = axios.create({ baseURL: 'https://api.test', adapter: adapterOf([503, 503, 200]) });
    attachPolicies(api, [policy]);
    await api.get('/a');
    expect(seen.map((s) => s.attempts)).toEqual([1, 2, 3]);
    expect(new Set(seen.map((s) => s.hop)).size).toBe(3);
    // Each hop still carries what it went out with, whatever came after it.
    expect(seen.map((s) => s.hop.config.headers.get('X-Attempt') ?? null)).toEqual([null, '2', '3']);
    expect(seen.map((s) => s.headers['X-Attempt'] ?? null)).toEqual([null, '2', '3']);
  });

  it('re-sends through the instance: request interceptors run per attempt, later response interceptors see one result', async () => {
    const { policy } = policyOf((status, ctx) => (status === 500 && ctx.attempts === 1 ? { type: 'retry', delayMs: 0 } : { type: 'next' }));
    const adapter = adapterOf([500, 200]);
    const api = axios.create({ baseURL: 'https://api.test', adapter });
    attachPolicies(api, [policy]);
    let requests = 0;
    let results = 0;
    api.interceptors.request.use((config) => {
      requests += 1;
      return config;
    });
    api.interceptors.response.use((response) => {
      results += 1;
      return response;
    });
    const res = await api.get('/a');
    expect(res.data).toBe('answer 2');
    expect(res.statusPolicy?.attempts).toBe(2);
    expect(adapter.sent).toHaveLength(2);
    expect([requests, results]).toEqual([2, 1]);
  });

  it('starts the run and runs beforeSend synchronously inside api.get(…)', async () => {
    let hooked = 0;
    const { policy } = policyOf(
      () => ({ type: 'next' }),
      () => {
        hooked += 1;
        return undefined;
      },
    );
    const api = axios.create({ baseURL: 'https://api.test', adapter: adapterOf([200]) });
    attachPolicies(api, [policy]);
    const pending = api.get('/a');
    expect(hooked).toBe(1);
    await pending;
    expect(hooked).toBe(1);
  });

  it('a retry that countsAsRetry: false spends no retry, counts its send once it goes out, and applies what its wait learned', async () => {
    const { policy, seen } = policyOf((status, ctx) =>
      status === 503 && ctx.attempts === 1
        ? { type: 'retry', delayMs: 0, countsAsRetry: false, wait: () => Promise.resolve({ note: { offlineMs: 42 } }) }
        : { type: 'next' },
    );
    const events: string[] = [];
    const api = axios.create({ baseURL: 'https://api.test', adapter: adapterOf([503, 200]) });
    attachPolicies(api, [policy], { onEvent: (event) => void events.push(event.type) });
    const ok = await api.get('/a');
    expect(seen.map((s) => s.attempts)).toEqual([1, 2]);
    expect(ok.statusPolicy).toMatchObject({ attempts: 2, delays: [], offlineMs: 42 });
    expect(events).not.toContain('retry');
  });

  it('makes each re-send inside aroundResend, told the sends before it: the re-send runs in the context the wrapper opened', async () => {
    const { policy } = policyOf((status, ctx) => (status === 500 && ctx.attempts < 3 ? { type: 'retry', delayMs: 0 } : { type: 'next' }));
    // What a tracer's context manager does: the wrapper's context follows the send through its promises.
    const store = new AsyncLocalStorage<number>();
    const adapter = adapterOf([500, 500, 200]);
    const inAdapter: Array<number | undefined> = [];
    const api = axios.create({
      baseURL: 'https://api.test',
      adapter: (config) => {
        inAdapter.push(store.getStore());
        return adapter(config);
      },
    });
    const inInterceptor: Array<number | undefined> = [];
    api.interceptors.request.use((config) => {
      inInterceptor.push(store.getStore());
      return config;
    });
    const counts: number[] = [];
    attachPolicies(api, [policy], {
      aroundResend: (send, resendCount) => {
        counts.push(resendCount);
        store.run(resendCount, send);
      },
    });
    const res = await api.get('/a');
    expect(res.data).toBe('answer 3');
    expect(counts).toEqual([1, 2]);
    // The first send is the caller's own; each re-send's interceptors and adapter see its count.
    expect(inInterceptor).toEqual([undefined, 1, 2]);
    expect(inAdapter).toEqual([undefined, 1, 2]);
  });
});
