// The foundation's rules over a real socket, on whichever Node adapter AXIOS_ADAPTER selects
// (.ci/run runs this directory once with http and once with fetch). Waits here are real but short.
import axios from 'axios';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { attachStatusPolicy, isStatusPolicyError } from '../../src';
import { adapterUnderTest } from '../helpers/adapter-env';
import { startServer } from '../helpers/server';
import type { TestServer } from '../helpers/server';

let server: TestServer;
let answers: Array<(res: import('node:http').ServerResponse) => void>;

beforeEach(async () => {
  answers = [];
  server = await startServer((_req, res) => {
    const answer = answers.shift() ?? ((r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    answer(res);
  });
});
afterEach(() => server.close());

const status = (code: number, headers: Record<string, string> = {}) => (res: import('node:http').ServerResponse) =>
  res.writeHead(code, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ code: `E${code}` }));

function client(options: Parameters<typeof attachStatusPolicy>[1] = {}) {
  const api = axios.create({ baseURL: server.url });
  attachStatusPolicy(api, { retry: { baseDelayMs: 5 }, rateLimit: { baseDelayMs: 5 }, ...options });
  return api;
}

it(`runs on the ${adapterUnderTest} adapter`, async () => {
  const res = await client().get('/which');
  // The http adapter hands back a ClientRequest, the fetch adapter a fetch Request.
  const isFetchRequest = typeof Request === 'function' && res.request instanceof Request;
  expect(isFetchRequest ? 'fetch' : 'http').toBe(adapterUnderTest);
});

it('runs on the axios version asked for: the matrix version, else the exact devDependency pin', () => {
  // scripts/test-axios-versions.sh sets AXIOS_EXPECT_VERSION so a broken mapping cannot pass
  // silently; a plain run must be on the pinned axios (package.json pins it exactly).
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const expected = process.env.AXIOS_EXPECT_VERSION ?? pkg.devDependencies['axios'];
  expect(expected).toMatch(/^\d+\.\d+\.\d+$/);
  expect(axios.VERSION).toBe(expected);
});

it('500 → retry → 200', async () => {
  answers.push(status(500), status(502));
  const res = await client().get('/flaky');
  expect(res.data).toEqual({ ok: true });
  expect(res.statusPolicy?.attempts).toBe(3);
  expect(server.seen).toHaveLength(3);
});

it('a POST answered 500 is not retried and the error says why', async () => {
  answers.push(status(500));
  const error: unknown = await client().post('/orders', { n: 1 }).catch((e: unknown) => e);
  expect(isStatusPolicyError(error) && error.statusPolicy.reason).toBe('not-idempotent');
  expect(axios.isAxiosError(error) && error.response?.status).toBe(500);
  expect(server.seen).toHaveLength(1);
});

it('429 Retry-After: 1 → the retry reaches the server no earlier than a second later, body intact', async () => {
  answers.push(status(429, { 'retry-after': '1' }));
  const res = await client().post('/orders', { n: 1 });
  expect(res.status).toBe(200);
  expect(server.seen.map((r) => r.body)).toEqual(['{"n":1}', '{"n":1}']);
  // Server-side gap: a lower bound proves the wait was honoured (the client cannot fake it).
  expect(server.seen[1]!.at - server.seen[0]!.at).toBeGreaterThanOrEqual(990);
  expect(res.statusPolicy?.retryAfterMs).toBe(1000);
});

it('a dropped connection is retried for a GET', async () => {
  answers.push((res) => res.socket?.destroy());
  const res = await client().get('/drop');
  expect(res.status).toBe(200);
  expect(server.seen).toHaveLength(2);
});

it('abort during a Retry-After wait rejects at once with CanceledError and sends nothing more', async () => {
  answers.push(status(503, { 'retry-after': '30' }));
  const controller = new AbortController();
  const api = client();
  const pending = api.get('/slow', { signal: controller.signal }).catch((e: unknown) => e);
  while (server.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  const error = await pending;
  expect(axios.isCancel(error)).toBe(true);
  expect(server.seen).toHaveLength(1);
});
