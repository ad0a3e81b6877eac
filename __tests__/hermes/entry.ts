// The program run on the Hermes VM: the built package + axios + examples/react-native/session.ts,
// exercised with an in-memory adapter on a virtual clock. Prints one line per scenario:
//   PASS\t<name> | FAIL\t<name>\t<why>   (tab-separated)
// and a last line `DONE`.
import axios from 'axios';
import { attachStatusPolicy } from '../../src'; // mapped to dist/browser.js by pipeline.ts
import { ACCESS, REFRESH, createSession, loadInbox } from '../../examples/react-native/session';
import type { AsyncStorageLike } from '../../examples/react-native/session';
import { batchBody } from '../helpers/batch';
import { phoneNetwork } from './netinfo-stub';
import { clock, installVirtualClock, memoryAdapter, out, settle } from './vm';


installVirtualClock();

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
const same = (a: unknown, b: unknown, what: string): void =>
  check(JSON.stringify(a) === JSON.stringify(b), `${what}: got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`);

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

function memoryStorage(init: Record<string, string>): AsyncStorageLike & { items: Map<string, string> } {
  const items = new Map(Object.entries(init));
  return {
    items,
    getItem: async (k) => items.get(k) ?? null,
    setItem: async (k, v) => void items.set(k, v),
    removeItem: async (k) => void items.delete(k),
  };
}

interface Scenario {
  name: string;
  run(): Promise<void>;
}

const scenarios: Scenario[] = [
  {
    name: 'environment: no TextDecoder, Buffer, URL or AbortController here',
    async run() {
      const g = globalThis as Record<string, unknown>;
      same(['TextDecoder', 'Buffer', 'URL', 'AbortController'].filter((k) => g[k] !== undefined), [], 'globals present');
    },
  },
  {
    name: '500 → retry after backoff → 200',
    async run() {
      const { adapter, sent } = memoryAdapter(() => (sent.length === 1 ? json(500, { code: 'BOOM' }) : json(200, { ok: true })));
      const api = axios.create({ baseURL: 'https://api.test', adapter });
      attachStatusPolicy(api, { retry: { baseDelayMs: 400 } });
      const { value, error } = await settle(api.get('/x'));
      check(!error, `rejected: ${String(error)}`);
      same(value?.data, { ok: true }, 'data');
      same(value?.statusPolicy?.attempts, 2, 'attempts');
      check(sent[1]!.at - sent[0]!.at >= 200, `retried after ${sent[1]!.at - sent[0]!.at} ms, below half of 400`);
    },
  },
  {
    name: '429 Retry-After: 2 → retry no earlier than 2 s later (timers), POST body re-sent',
    async run() {
      const { adapter, sent } = memoryAdapter(() => (sent.length === 1 ? json(429, {}, { 'retry-after': '2' }) : json(200, { ok: true })));
      const api = axios.create({ baseURL: 'https://api.test', adapter });
      attachStatusPolicy(api);
      const { value, error } = await settle(api.post('/orders', { n: 1 }));
      check(!error, `rejected: ${String(error)}`);
      same(value?.statusPolicy?.retryAfterMs, 2000, 'retryAfterMs');
      same(sent.map((s) => s.data), ['{"n":1}', '{"n":1}'], 'bodies');
      check(sent[1]!.at - sent[0]!.at >= 2000, `retried after ${sent[1]!.at - sent[0]!.at} ms`);
    },
  },
  {
    name: '429 hold: a request started during the wait is held until the deadline',
    async run() {
      const { adapter, sent } = memoryAdapter((s) => (s.url.endsWith('/a') && sent.length === 1 ? json(429, {}, { 'retry-after': '3' }) : json(200, {})));
      const api = axios.create({ baseURL: 'https://api.test', adapter });
      attachStatusPolicy(api);
      const t0 = clock();
      const a = api.get('/a');
      await settle(new Promise((r) => setTimeout(r, 10))); // a's 429 is in, its wait has begun
      const b = api.get('/b');
      const [ra, rb] = [await settle(a), await settle(b)];
      check(!ra.error && !rb.error, 'a request failed');
      const bSent = sent.find((s) => s.url.endsWith('/b'));
      check(bSent && bSent.at - t0 >= 3000, `b went out ${bSent ? bSent.at - t0 : '?'} ms after the 429, not held`);
    },
  },
  {
    name: 'abort during a wait: with no AbortController, a cancelToken still cancels it',
    async run() {
      const { adapter, sent } = memoryAdapter(() => json(503, {}, { 'retry-after': '30' }));
      const api = axios.create({ baseURL: 'https://api.test', adapter });
      attachStatusPolicy(api);
      const source = axios.CancelToken.source();
      const p = api.get('/x', { cancelToken: source.token });
      setTimeout(() => source.cancel('user left'), 100);
      const { error } = await settle(p);
      check(axios.isCancel(error), `not a cancel: ${String(error)}`);
      same(sent.length, 1, 'requests sent');
    },
  },
  {
    name: 'examples/react-native: tokens from AsyncStorage, 401 → one refresh → repeat',
    async run() {
      const storage = memoryStorage({ [ACCESS]: 'old', [REFRESH]: 'r1' });
      const { adapter, sent } = memoryAdapter((s) => {
        if (s.url.endsWith('/auth/refresh')) return json(200, { access: 'new', refresh: 'r2' });
        return s.authorization === 'Bearer new' ? json(200, { ids: [] }) : json(401, { errorCode: 'TokenExpired' });
      });
      const api = createSession({ baseURL: 'https://api.test', storage, adapter });
      const results = await Promise.all([settle(api.get('/messages')), settle(api.get('/messages')), settle(api.get('/messages'))]);
      const ends = results.map((r) => r.value?.status ?? String(r.error));
      check(ends.every((e) => e === 200), `ended ${JSON.stringify(ends)}; sent ${JSON.stringify(sent.map((s) => `${s.method} ${s.url} ${s.authorization}`))}`);
      same(sent.filter((s) => s.url.endsWith('/auth/refresh')).length, 1, 'refresh calls');
      same(storage.items.get(ACCESS), 'new', 'stored access token');
      same(storage.items.get(REFRESH), 'r2', 'stored refresh token');
    },
  },
  {
    name: 'examples/react-native: 207 batch body (a string) parsed into sub-responses',
    async run() {
      const b = 'Boundary_x';
      const body = batchBody(b, [
        { status: 200, body: { id: 1, subject: 'hi' } },
        { status: 404, body: { errorCode: 'NotFound' } },
      ]);
      const storage = memoryStorage({ [ACCESS]: 't' });
      const { adapter } = memoryAdapter((s) =>
        s.url.endsWith('/messages') ? json(200, { ids: [1, 2] }) : { status: 207, headers: { 'content-type': `multipart/mixed; boundary=${b}` }, body },
      );
      const api = createSession({ baseURL: 'https://api.test', storage, adapter });
      const { value, error } = await settle(loadInbox(api));
      check(!error, `rejected: ${String(error)}`);
      const parts = value?.messages as Array<{ status: number; data: unknown }>;
      check(Array.isArray(parts), `messages not parsed: ${JSON.stringify(value?.messages)}`);
      same(parts.map((p) => p.status), [200, 404], 'statuses');
      same(parts[0]!.data, { id: 1, subject: 'hi' }, 'first part');
    },
  },
  {
    name: 'offline (NetInfo): a GET waits for the network, then resolves with no retry spent',
    async run() {
      const phone = phoneNetwork(false);
      const { adapter, sent } = memoryAdapter(() => json(200, { ids: [] }));
      const storage = memoryStorage({ [ACCESS]: 't' });
      const api = createSession({ baseURL: 'https://api.test', storage, adapter: phone.wrap(adapter), netInfo: phone.netInfo });
      const t0 = clock();
      const p = api.get('/messages');
      // Far beyond the session's two backoffs (300 and 600 ms nominal): a request spending its
      // retries offline would have failed long before.
      setTimeout(() => phone.set(true), 5000);
      const { value, error } = await settle(p);
      check(!error, `rejected: ${String(error)}`);
      const info = value?.statusPolicy;
      same([info?.attempts, info?.delays, info?.offlineMs], [2, [], 5000], 'attempts, delays, offlineMs');
      same([phone.failedSends, sent.length], [1, 1], 'sends offline, sends that reached the API');
      check(sent[0]!.at - t0 >= 5000, `sent again ${sent[0]!.at - t0} ms after the failure, before the network was back`);
      same(phone.subscriptions(), 1, 'NetInfo subscriptions left (the app-long one)');
    },
  },
  {
    name: 'offline (NetInfo): a POST without Idempotency-Key fails at once',
    async run() {
      const phone = phoneNetwork(false);
      const { adapter, sent } = memoryAdapter(() => json(201, {}));
      const storage = memoryStorage({ [ACCESS]: 't' });
      const api = createSession({ baseURL: 'https://api.test', storage, adapter: phone.wrap(adapter), netInfo: phone.netInfo });
      const t0 = clock();
      const { error } = await settle(api.post('/messages', { subject: 'hi' }));
      const info = (error as { statusPolicy?: { attempts?: number; reason?: string } } | undefined)?.statusPolicy;
      same([info?.attempts, info?.reason], [1, 'not-idempotent'], 'attempts, reason');
      same([phone.failedSends, sent.length, clock() - t0], [1, 0, 0], 'sends offline, sends that reached the API, ms waited');
      same(phone.subscriptions(), 1, 'NetInfo subscriptions left');
    },
  },
  {
    name: 'offline (NetInfo): a cancel while waiting for the network ends it; nothing sent after',
    async run() {
      const phone = phoneNetwork(false);
      const { adapter, sent } = memoryAdapter(() => json(200, { ids: [] }));
      const storage = memoryStorage({ [ACCESS]: 't' });
      const api = createSession({ baseURL: 'https://api.test', storage, adapter: phone.wrap(adapter), netInfo: phone.netInfo });
      const source = axios.CancelToken.source();
      const p = api.get('/messages', { cancelToken: source.token });
      setTimeout(() => source.cancel('user left'), 2000);
      setTimeout(() => phone.set(true), 4000);
      const { error } = await settle(p);
      check(axios.isCancel(error), `not a cancel: ${String(error)}`);
      same(phone.subscriptions(), 1, 'NetInfo subscriptions left');
      await settle(new Promise((r) => setTimeout(r, 5000)));
      same([phone.failedSends, sent.length], [1, 0], 'sends offline, sends that reached the API');
    },
  },
];

async function main(): Promise<void> {
  for (const s of scenarios) {
    try {
      await s.run();
      out(`PASS\t${s.name}`);
    } catch (error) {
      out(`FAIL\t${s.name}\t${error instanceof Error ? error.message : String(error)}`);
    }
  }
  out('DONE');
}

main().catch((e: unknown) => out(`FAIL\tharness\t${String(e)}`));
