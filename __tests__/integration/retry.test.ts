import axios from 'axios';
import { attachStatusPolicy, isStatusPolicyError } from '../../src';
import { startServer } from '../helpers/server';
import type { TestServer } from '../helpers/server';

// The real http adapter against a real server on 127.0.0.1.
let server: TestServer;
let script: (n: number, url: string) => { status: number; headers?: Record<string, string>; drop?: boolean };
const counts = new Map<string, number>();

beforeAll(async () => {
  server = await startServer((req, res, raw) => {
    const n = (counts.get(req.url) ?? 0) + 1;
    counts.set(req.url, n);
    const step = script(n, req.url);
    if (step.drop) return raw.socket.destroy();
    res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
    res.end(JSON.stringify({ n }));
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.seen.length = 0;
  counts.clear();
});

const client = (options: Parameters<typeof attachStatusPolicy>[1] = {}) => {
  const api = axios.create({ baseURL: server.url });
  attachStatusPolicy(api, options);
  return api;
};

it('500 ×3 then 200: four requests reach the server, the call resolves', async () => {
  script = (n) => ({ status: n <= 3 ? 500 : 200 });
  const res = await client({ retry: { baseDelayMs: 20 } }).get('/flaky');
  expect(res.status).toBe(200);
  expect(res.data).toEqual({ n: 4 });
  expect(server.seen).toHaveLength(4);
});

it('429 with Retry-After: 1 — the server sees the retry at least a second later', async () => {
  script = (n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 });
  const res = await client().get('/limited');
  expect(res.status).toBe(200);
  const [first, second] = server.seen;
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
});

it('429 with an HTTP-date Retry-After — not retried before that date', async () => {
  const until = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000);
  script = (n) => (n === 1 ? { status: 429, headers: { 'retry-after': until.toUTCString() } } : { status: 200 });
  const res = await client().get('/dated');
  expect(res.status).toBe(200);
  expect(server.seen[1]!.wall).toBeGreaterThanOrEqual(until.getTime());
});

it('503 for a POST is retried with the same body', async () => {
  script = (n) => (n === 1 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 201 });
  const res = await client().post('/orders', { sku: 'a-1', qty: 2 });
  expect(res.status).toBe(201);
  expect(server.seen.map((r) => [r.method, r.body])).toEqual([
    ['POST', '{"sku":"a-1","qty":2}'],
    ['POST', '{"sku":"a-1","qty":2}'],
  ]);
});

it('a dropped connection on GET is retried', async () => {
  script = (n) => (n === 1 ? { status: 0, drop: true } : { status: 200 });
  const res = await client({ retry: { baseDelayMs: 20 } }).get('/dropped');
  expect(res.status).toBe(200);
  expect(server.seen).toHaveLength(2);
});

it('a dropped connection on POST is not retried and reports a network failure', async () => {
  script = () => ({ status: 0, drop: true });
  const error: unknown = await client({ retry: { baseDelayMs: 20 } })
    .post('/pay', { amount: 1 })
    .catch((e: unknown) => e);
  expect(server.seen).toHaveLength(1);
  expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ category: 'network', reason: 'not-idempotent' });
});

it('origin-wide hold: nothing reaches the server during the Retry-After window', async () => {
  script = (n, url) => (url === '/first' && n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 });
  const api = client();
  const first = api.get('/first');
  await new Promise((r) => setTimeout(r, 100));
  const others = await Promise.all([api.get('/b'), api.get('/c'), api.get('/d'), first]);
  expect(others.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  const t429 = server.seen[0]!.at;
  const rest = server.seen.slice(1);
  expect(rest).toHaveLength(4);
  for (const r of rest) expect(r.at - t429).toBeGreaterThanOrEqual(1000);
  // The request that got the 429 queued first, so it is released first.
  expect(rest[0]!.url).toBe('/first');
});
