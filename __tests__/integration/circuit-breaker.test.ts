import axios from 'axios';
import { attachStatusPolicy, isCircuitOpen, isStatusPolicyError, memoryCoordinator } from '../../src';
import type { PolicyEvent, StatusPolicyOptions } from '../../src';
import { useLiveServer } from '../helpers/live-server';

// The circuit breaker with the real http adapter against a real server on 127.0.0.1. openMs is
// short (real time) so a recovery fits in a test; nothing asserts a duration as a speed target.
const live = useLiveServer();

const OPEN_MS = 300;

const client = (options: StatusPolicyOptions = {}, events: PolicyEvent[] = []) => {
  const api = axios.create({ baseURL: live.server.url });
  attachStatusPolicy(api, {
    retry: { baseDelayMs: 1 },
    circuitBreaker: { minRequests: 4, openMs: OPEN_MS },
    onEvent: (e) => events.push(e),
    ...options,
  });
  return api;
};

let failing = true;
beforeEach(() => {
  failing = true;
  live.handler = (_req, res) => {
    res.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' });
    res.end(failing ? '{"message":"down"}' : '{"ok":true}');
  };
});

const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (isCircuitOpen(e) ? 'open' : isStatusPolicyError(e) ? `${e.response?.status ?? e.code}` : 'other'));
const circuitStates = (events: PolicyEvent[]) => events.flatMap((e) => (e.type === 'circuit' ? [e.state] : []));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('an origin that fails, then recovers: open (nothing sent), one probe after openMs, closed again', async () => {
  const events: PolicyEvent[] = [];
  const api = client({}, events);
  expect(await Promise.all([1, 2, 3, 4].map(() => outcome(api.get('/x'))))).toEqual(['500', '500', '500', '500']);
  // Each request was tried 4 times; the circuit counted 4 requests, not 16 attempts.
  expect(live.server.seen).toHaveLength(16);
  expect(circuitStates(events)).toEqual(['open']);

  expect(await Promise.all(Array.from({ length: 20 }, () => outcome(api.get('/x'))))).toEqual(Array(20).fill('open'));
  expect(live.server.seen).toHaveLength(16);

  failing = false;
  await sleep(OPEN_MS + 50);
  // The probe and a request sent while it is out: only the probe reaches the server.
  const [probe, during] = await Promise.all([outcome(api.get('/x')), outcome(api.get('/x'))]);
  expect([probe, during]).toEqual(['ok', 'open']);
  expect(live.server.seen).toHaveLength(17);
  expect(await Promise.all(Array.from({ length: 10 }, () => outcome(api.get('/x'))))).toEqual(Array(10).fill('ok'));
  expect(circuitStates(events)).toEqual(['open', 'half-open', 'closed']);
});

it('two instances on one memory coordinator share the circuit over real sockets', async () => {
  const coordinator = memoryCoordinator();
  const a = client({ coordinator });
  const b = client({ coordinator });
  await Promise.all([1, 2, 3, 4].map(() => outcome(a.get('/x'))));
  const seen = live.server.seen.length;
  expect(await outcome(b.get('/x'))).toBe('open');
  expect(live.server.seen).toHaveLength(seen);
  // Each instance with its own coordinator (the default) has its own circuits.
  expect(await outcome(client().get('/x'))).toBe('500');
});

describe('the order with holds and the retry budget', () => {
  it('an open circuit refuses at once, before any hold: a request is not held for a Retry-After first', async () => {
    let limited = false;
    live.handler = (req, res) => {
      if (req.url === '/health') {
        limited = true;
        return void res.writeHead(429, { 'retry-after': '30' }).end();
      }
      res.writeHead(500).end();
    };
    const events: PolicyEvent[] = [];
    const api = client({}, events);
    await Promise.all([1, 2, 3, 4].map(() => outcome(api.get('/x'))));
    // A health check bypasses the breaker and gets a 429 with Retry-After: 30: the origin is held
    // while it waits for its retry (the rate-limit rule's retry event says it is waiting).
    const controller = new AbortController();
    const health = outcome(api.get('/health', { statusPolicy: { circuitBreaker: false }, signal: controller.signal }));
    for (let i = 0; i < 400 && !events.some((e) => e.type === 'retry' && e.policy === 'rateLimit'); i++) await sleep(5);
    expect(events.some((e) => e.type === 'retry' && e.policy === 'rateLimit')).toBe(true);
    expect(limited).toBe(true);
    const started = Date.now();
    expect(await outcome(api.get('/x'))).toBe('open');
    // Bounded, to show it settled instead of waiting out the 30 s hold.
    expect(Date.now() - started).toBeLessThan(5000);
    controller.abort();
    expect(await health).toBe('ERR_CANCELED');
  });

  it('429s held and retried are not failures: the circuit stays closed', async () => {
    let n = 0;
    live.handler = (_req, res) => {
      // Every other request is limited, with a Retry-After of 0: held, then retried.
      if (n++ % 2 === 0) return void res.writeHead(429, { 'retry-after': '0' }).end();
      res.writeHead(200).end('{}');
    };
    const events: PolicyEvent[] = [];
    const api = client({}, events);
    for (let i = 0; i < 8; i++) expect(await outcome(api.get('/x'))).toBe('ok');
    expect(circuitStates(events)).toEqual([]);
  });

  it('an outage under load: the budget bounds the first wave, the circuit opens once and the next waves send nothing nor spend budget', async () => {
    const events: PolicyEvent[] = [];
    const api = client({ circuitBreaker: { minRequests: 10, openMs: 60_000 } }, events);
    const first = await Promise.all(Array.from({ length: 50 }, (_, i) => outcome(api.get(`/item/${i}`))));
    expect(first.every((o) => o === '500')).toBe(true);
    // 50 first attempts, retries within 0.2 × 50 + 100.
    expect(live.server.seen.length).toBeLessThanOrEqual(50 + 0.2 * 50 + 100);
    expect(circuitStates(events)).toEqual(['open']);
    const seen = live.server.seen.length;
    for (let wave = 0; wave < 3; wave++) {
      expect(await Promise.all(Array.from({ length: 50 }, (_, i) => outcome(api.get(`/item/${i}`))))).toEqual(Array(50).fill('open'));
    }
    expect(live.server.seen).toHaveLength(seen);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(seen - 50);
  });

  it('totalTimeoutMs: a request that runs out of its budget while failing counts once, as a failure', async () => {
    const events: PolicyEvent[] = [];
    const api = client({ retry: { baseDelayMs: 100 }, totalTimeoutMs: 150 }, events);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => api.get('/x').catch((e: unknown) => e)));
    expect(outcomes.map((e) => isStatusPolicyError(e) && e.statusPolicy.reason)).toEqual(Array(4).fill('budget-exhausted'));
    expect(circuitStates(events)).toEqual(['open']);
  });
});
