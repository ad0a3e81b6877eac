import axios, { AxiosError } from 'axios';
import { attachStatusPolicy, isStatusPolicyError } from '../../src';
import type { PolicyEvent, StatusPolicyOptions } from '../../src';
import { useLiveServer } from '../helpers/live-server';

// Issue 19, "holds that never end": a request that arrived while its origin was held waited out
// the whole hold whatever its own `timeout` (Retry-After: 5, timeout: 1000 resolved after ~6.8 s).
// Over real HTTP: the held request settles when its own time is up, with axios's timeout error.
const live = useLiveServer();

/** `/first` answers 429 with `Retry-After: <seconds>` once; `/slow` answers after `slowMs`; the rest 200. */
function serve(seconds: number, slowMs = 0): void {
  let throttled = false;
  live.handler = (req, res) => {
    if (req.url === '/first' && !throttled) {
      throttled = true;
      res.writeHead(429, { 'Retry-After': String(seconds) });
      return res.end();
    }
    const answer = (): void => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    };
    if (req.url === '/slow') setTimeout(answer, slowMs);
    else answer();
  };
}

/** An instance whose origin is held: `/first` got its 429 and waits for its retry. */
async function heldInstance(options: StatusPolicyOptions = {}) {
  const events: PolicyEvent[] = [];
  const api = axios.create({ baseURL: live.server.url });
  const policy = attachStatusPolicy(api, { ...options, onEvent: (e) => events.push(e) });
  const first = api.get('/first').catch((e: unknown) => e);
  while (!events.some((e) => e.type === 'retry')) await new Promise((r) => setTimeout(r, 5));
  return { api, policy, events, first };
}

const outcome = async (p: Promise<unknown>) => {
  const started = Date.now();
  const result = await p.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...result, ms: Date.now() - started };
};

describe('a request held by its origin keeps its own time limits (real HTTP)', () => {
  it('Retry-After: 5, timeout: 1000: the held request settles after its timeout with axios\'s timeout error, unsent', async () => {
    serve(5);
    const { api, policy, events } = await heldInstance();
    const { value, error, ms } = await outcome(api.get('/during', { timeout: 1000 }));
    policy.detach();

    expect(value).toBeUndefined();
    expect(error).toBeInstanceOf(AxiosError);
    const e = error as AxiosError;
    expect(e.code).toBe('ECONNABORTED');
    // Enriched like any error: the message names the request; not retryable (it would wait again).
    expect(e.message).toContain('/during');
    expect(isStatusPolicyError(e) && e.statusPolicy).toMatchObject({ attempts: 1, category: 'network', retryable: false });
    // A bound, not a speed target: well before the 5 s hold is over.
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(4000);
    expect(live.server.seen.map((r) => r.url)).toEqual(['/first']);
    expect(events.filter((ev) => ev.type === 'hold').map((ev) => ev.config.url)).toEqual(['/during']);
  });

  it('totalTimeoutMs counts the hold too', async () => {
    serve(5);
    const { api, policy } = await heldInstance();
    const { error, ms } = await outcome(api.get('/during', { statusPolicy: { totalTimeoutMs: 1000 } }));
    policy.detach();
    expect((error as AxiosError).code).toBe('ECONNABORTED');
    // The budget as the run set it at the first send: 1000 ms, or 999 when a millisecond ticked in between.
    expect((error as AxiosError).config?.timeout).toBeGreaterThanOrEqual(990);
    expect((error as AxiosError).config?.timeout).toBeLessThanOrEqual(1000);
    expect(ms).toBeLessThan(4000);
    expect(live.server.seen.map((r) => r.url)).toEqual(['/first']);
  });

  it('honours transitional.clarifyTimeoutError (ETIMEDOUT) as axios does', async () => {
    serve(5);
    const { api, policy } = await heldInstance();
    const { error } = await outcome(api.get('/during', { timeout: 800, transitional: { clarifyTimeoutError: true } }));
    policy.detach();
    expect((error as AxiosError).code).toBe('ETIMEDOUT');
  });

  it('is not retried, even with retry on for timeouts', async () => {
    serve(5);
    const { api, policy, events } = await heldInstance({ retry: { maxRetries: 3, networkErrors: true } });
    const { error } = await outcome(api.get('/during', { timeout: 500 }));
    policy.detach();
    expect((error as AxiosError).code).toBe('ECONNABORTED');
    expect(events.filter((ev) => ev.type === 'retry' && ev.config.url === '/during')).toEqual([]);
  });

  it('the time spent held shortens the timeout of the send that follows', async () => {
    // A window that resets in 2 s (proactive hold: released at once, not paced), timeout 3000, a
    // server that takes 2 s: with only the ~1 s left after the hold, the send times out. Before
    // the fix it went out with the whole 3000 ms and succeeded at ~4 s.
    live.handler = (req, res) => {
      const answer = (): void => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '2' });
        res.end('{}');
      };
      if (req.url === '/slow') setTimeout(answer, 2000);
      else answer();
    };
    const events: PolicyEvent[] = [];
    const api = axios.create({ baseURL: live.server.url });
    const policy = attachStatusPolicy(api, { rateLimit: { proactive: true }, retry: false, onEvent: (e) => events.push(e) });
    await api.get('/window');
    const { error } = await outcome(api.get('/slow', { timeout: 3000 }));
    policy.detach();
    expect(events.filter((ev) => ev.type === 'hold').map((ev) => ev.config.url)).toEqual(['/slow']);
    // The send itself timed out, so the code is the adapter's: ECONNABORTED from http, ETIMEDOUT from fetch.
    expect(['ECONNABORTED', 'ETIMEDOUT']).toContain((error as AxiosError).code);
    expect(live.server.seen.map((r) => r.url)).toEqual(['/window', '/slow']);
  });
});
