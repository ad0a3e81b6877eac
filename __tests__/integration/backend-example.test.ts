// examples/backend: the service with two upstream instances and different policies, run against
// local upstreams over real sockets (on the adapter AXIOS_ADAPTER selects).
import axios from 'axios';
import type http from 'node:http';
import { startService } from '../../examples/backend/service';
import { startServer } from '../helpers/server';
import type { TestServer } from '../helpers/server';
import type { PolicyEvent } from '../../src';

let catalog: TestServer;
let billing: TestServer;
let catalogAnswers: number[];
let billingAnswers: Array<[number, Record<string, string>?]>;
let service: { url: string; close(): Promise<void> };
let events: Array<[string, PolicyEvent['type']]>;

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void =>
  void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

beforeEach(async () => {
  catalogAnswers = [];
  billingAnswers = [];
  events = [];
  catalog = await startServer((_q, r) => {
    const status = catalogAnswers.shift() ?? 200;
    json(r, status, status === 200 ? { price: 42 } : { message: 'catalog down' });
  });
  billing = await startServer((q, r) => {
    if (q.url === '/oauth/token') return json(r, 200, { access_token: `t${billing.seen.length}` });
    const [status, headers] = billingAnswers.shift() ?? [201];
    json(r, status, status === 201 ? { id: 'ch_1' } : { errorCode: 'E', message: `billing said ${status}` }, headers);
  });
  service = await startService({
    catalogURL: catalog.url,
    billingURL: billing.url,
    billingClient: { id: 'checkout', secret: 's3cret' },
    onEvent: (u, e) => events.push([u, e.type]),
  });
});
afterEach(async () => {
  await Promise.all([service.close(), catalog.close(), billing.close()]);
});

it('catalog 5xx are retried per its policy; billing charges once', async () => {
  catalogAnswers.push(500, 503, 502);
  const { data } = await axios.get(`${service.url}/checkout/abc`);
  expect(data).toEqual({ sku: 'abc', price: 42, charge: 'ch_1', attempts: { catalog: 4, billing: 1 } });
  expect(catalog.seen).toHaveLength(4);
  expect(billing.seen.map((r) => JSON.parse(r.body) as unknown)).toEqual([{ sku: 'abc', amount: 42 }]);
  expect(events.filter(([u]) => u === 'billing')).toEqual([]);
});

it('billing: a POST answered 500 is not retried (different policy), the service answers 502 with why', async () => {
  billingAnswers.push([500]);
  const res = await axios.get(`${service.url}/checkout/abc`, { validateStatus: () => true });
  expect(res.status).toBe(502);
  expect(res.data).toEqual({ error: 'billing said 500', reason: 'not-idempotent', attempts: 1 });
  expect(billing.seen).toHaveLength(1);
});

it('billing: 429 with Retry-After is waited out once, then the charge goes through', async () => {
  billingAnswers.push([429, { 'retry-after': '1' }]);
  const { data } = await axios.get(`${service.url}/checkout/abc`);
  expect(data.attempts).toEqual({ catalog: 1, billing: 2 });
  expect(billing.seen[1]!.at - billing.seen[0]!.at).toBeGreaterThanOrEqual(990);
  expect(events).toContainEqual(['billing', 'retry']);
});

it('billing: a Retry-After beyond its 5 s cap fails fast instead of holding the caller', async () => {
  billingAnswers.push([429, { 'retry-after': '60' }]);
  const res = await axios.get(`${service.url}/checkout/abc`, { validateStatus: () => true });
  expect(res.status).toBe(502);
  expect(res.data.reason).toBe('retry-after-too-long');
  expect(billing.seen).toHaveLength(1);
});

it('billing: a 401 fetches one client-credentials token, outside the policy, and the charge is repeated with it', async () => {
  billingAnswers.push([401]);
  const { data } = await axios.get(`${service.url}/checkout/abc`);
  expect(data.attempts).toEqual({ catalog: 1, billing: 2 });
  expect(billing.seen.map((r) => r.url)).toEqual(['/charges', '/oauth/token', '/charges']);
  expect(billing.seen[0]!.headers.authorization).toBeUndefined();
  expect(JSON.parse(billing.seen[1]!.body)).toEqual({ grant_type: 'client_credentials', client_id: 'checkout', client_secret: 's3cret' });
  expect(billing.seen[2]!.headers.authorization).toBe('Bearer t2');
  expect(events.filter(([u, type]) => u === 'billing' && type === 'refresh')).toHaveLength(2); // start, done
});
