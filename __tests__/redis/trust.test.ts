// What one app on a shared Redis can do to another, and what a hostile publisher on the
// namespace's channel can do: real redis-server, real worker processes, real loopback APIs.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import axios from 'axios';
import { attachStatusPolicy, StatusPolicyConfigError } from '../../src/index';
import { redisCoordinator } from '../../src/redis';
import type { RedisCoordinatorOptions } from '../../src/redis';
import { Api } from './api';
import { freePort, redisAvailable, startRedis } from './redis-server';
import type { RedisServer } from './redis-server';
import { refreshTokenFile, startWorker, stopWorker, subscribed } from './workers';
import type { Worker, WorkerEnv } from './workers';

const run = redisAvailable() ? describe : describe.skip;
jest.setTimeout(30_000);

describe('redisCoordinator namespace', () => {
  it('is required: without it, a StatusPolicyConfigError that says why and shows one', () => {
    const client = new Redis({ lazyConnect: true });
    const call = (): unknown => redisCoordinator(client, {} as RedisCoordinatorOptions);
    expect(call).toThrow(StatusPolicyConfigError);
    expect(call).toThrow(/namespace.*redisCoordinator\(redis, \{ namespace: 'billing-api' \}\)/);
    // As JavaScript can call it: no options at all.
    expect(() => Reflect.apply(redisCoordinator, undefined, [client])).toThrow(/needs a namespace/);
    client.disconnect();
  });
});

run('redisCoordinator trust (real redis-server)', () => {
  let redis: RedisServer;
  let apis: Api[] = [];
  let workers: Worker[] = [];
  let namespaces = 0;

  const cli = async (...args: string[]): Promise<string> => (await promisify(execFile)('redis-cli', ['-p', String(redis.port), ...args])).stdout.trim();

  beforeAll(async () => {
    redis = await startRedis(await freePort());
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(workers.map(stopWorker));
    workers = [];
    await Promise.all(apis.map((api) => api.server.close()));
    apis = [];
  });

  /** One app: its API (tokens `<prefix>1`, `<prefix>2`…) and `count` processes. */
  async function app(prefix: string, count: number, namespace: string, extra: Partial<WorkerEnv> = {}) {
    const api = await Api.start(prefix);
    apis.push(api);
    const env: WorkerEnv = { REDIS_PORT: redis.port, API_URL: api.server.url, NAMESPACE: namespace, LOCK_TTL_MS: 3000, REFRESH_TOKEN_FILE: refreshTokenFile(), ...extra };
    const own = await Promise.all(Array.from({ length: count }, (_, i) => startWorker(workers.length + i, env)));
    workers.push(...own);
    return { api, workers: own };
  }
  const burst = async (worker: Worker, count = 1, path = '/data') => {
    worker.send({ cmd: 'burst', path, count });
    return worker.next('burst');
  };
  /** `count` processes subscribed, under the channel name of this layout or of the one before hash tags. */
  const listening = (namespace: string, count: number): Promise<void> =>
    Promise.race([subscribed([redis.port], `{${namespace}}:events`, count), subscribed([redis.port], `${namespace}:events`, count)]);
  /** Both channel names (this layout's and the one before hash tags), so the attack reaches either. */
  const publish = async (namespace: string, message: string): Promise<void> => {
    await cli('PUBLISH', `{${namespace}}:events`, message);
    await cli('PUBLISH', `${namespace}:events`, message);
  };

  it("two apps on one Redis as the review found them (no namespace): app B never sends app A's token", async () => {
    const a = await app('A', 1, '');
    const b = await app('B', 1, '');
    const [aw] = a.workers as [Worker];
    const [bw] = b.workers as [Worker];
    a.api.holdUnauthorized = b.api.holdUnauthorized = 1;
    expect((await burst(aw)).statuses).toEqual([200]);
    const bs = await burst(bw, 3);
    expect((await burst(aw, 3)).statuses).toEqual([200, 200, 200]);

    expect(b.api.authorizations().filter((h) => h.startsWith('Bearer A'))).toEqual([]);
    expect(a.api.authorizations().filter((h) => h.startsWith('Bearer B'))).toEqual([]);
    expect(bs.statuses).toEqual([200, 200, 200]);
    // Because both refused to share anything without a namespace, saying why (they went on in memory).
    for (const w of [aw, bw]) expect(w.reports.find((r) => r.type === 'config-error')).toEqual({ type: 'config-error', message: expect.stringMatching(/namespace/) });
  });

  it("two apps with their own namespaces on one Redis: each refreshes once, neither sees the other's token", async () => {
    const a = await app('A', 2, `app-a-${process.pid}-${++namespaces}`);
    const b = await app('B', 2, `app-b-${process.pid}-${namespaces}`);
    await listening(`app-a-${process.pid}-${namespaces}`, 2);
    a.api.holdUnauthorized = b.api.holdUnauthorized = 1;
    for (const w of workers) w.send({ cmd: 'burst', path: '/data', count: 5 });
    const bursts = await Promise.all(workers.map((w) => w.next('burst')));
    expect(bursts.flatMap((x) => x.statuses)).toEqual(Array(20).fill(200));
    expect([a.api.tokenCalls, b.api.tokenCalls]).toEqual([1, 1]);
    expect(b.api.authorizations().filter((h) => h.startsWith('Bearer A'))).toEqual([]);
    expect(a.api.authorizations().filter((h) => h.startsWith('Bearer B'))).toEqual([]);
  });

  it('a hostile publisher on the channel cannot make a process send its token: notices carry none, the token is read from the record', async () => {
    const namespace = `hostile-${process.pid}-${++namespaces}`;
    const a = await app('A', 2, namespace);
    await listening(`${namespace}`, 2);
    a.api.holdUnauthorized = 1;
    for (const w of a.workers) expect((await burst(w)).statuses).toEqual([200]);

    await publish(namespace, JSON.stringify({ kind: 'token', from: 'attacker', fence: 9e15, token: 'forged', expiresAt: 1 }));
    const after = await Promise.all(a.workers.map((w) => burst(w, 3)));
    expect(after.flatMap((x) => x.statuses)).toEqual(Array(6).fill(200));
    expect(a.api.authorizations().filter((h) => h.includes('forged'))).toEqual([]);
    expect(a.api.tokenCalls).toBe(1);
  });

  it("a forged 'failed' notice: its reason reaches the waiters' errors cleaned (no escape or control characters) and bounded", async () => {
    const namespace = `forged-failure-${process.pid}-${++namespaces}`;
    const a = await app('A', 2, namespace);
    await listening(`${namespace}`, 2);
    const [refresher, waiter] = a.workers as [Worker, Worker];
    a.api.holdUnauthorized = 1;
    a.api.tokenDelayMs = 2000;
    refresher.send({ cmd: 'burst', path: '/data', count: 1 });
    await refresher.next('refreshing');
    waiter.send({ cmd: 'burst', path: '/data', count: 2 });
    const reason = `\x1b[2J\x1b]0;owned\x07\u202eevil\r\nFAKE LOG LINE ${'x'.repeat(5000)}`;
    const forged = JSON.stringify({ kind: 'failed', from: 'attacker', fence: 9e15, reason });
    // The attacker repeats the notice until the waiter gives up on the refresh it waits for.
    let done = false;
    const waited = waiter.next('burst').finally(() => (done = true));
    while (!done) {
      await publish(namespace, forged);
      await Promise.race([waited, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    const { errors } = await waited;
    expect(errors).toHaveLength(2);
    for (const message of errors) {
      expect(message).toContain('owned');
      expect(message).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e]/);
      expect(message.length).toBeLessThan(500);
    }
    await refresher.next('burst');
  });

  it('a malformed validator-cache entry in Redis is a miss: the request succeeds', async () => {
    const namespace = `cache-${process.pid}-${++namespaces}`;
    const a = await app('A', 2, namespace);
    await listening(`${namespace}`, 2);
    const [first, second] = a.workers as [Worker, Worker];
    a.api.holdUnauthorized = 1;
    for (const w of a.workers) expect((await burst(w)).statuses).toEqual([200]);
    expect((await burst(first, 1, '/etag')).statuses).toEqual([200]);
    const entries = (await cli('--scan', '--pattern', `*${namespace}*cache*`)).split('\n').filter(Boolean);
    expect(entries.length).toBeGreaterThan(0);
    for (const key of entries) await cli('SET', key, '{"status":200, not json');
    const again = await burst(second, 1, '/etag');
    expect(again.errors).toEqual([]);
    expect(again.statuses).toEqual([200]);
    expect(again.bodies).toEqual([{ cached: 'body' }]);
  });

  it('an ACL user limited to its namespace (SECURITY.md): the coordinator works, other namespaces are out of reach', async () => {
    const namespace = `acl-${process.pid}-${++namespaces}`;
    // The line SECURITY.md gives: keys and channel of the namespace, and the commands it uses.
    await cli('ACL', 'SETUSER', 'billing', 'on', '>s3cret', 'resetkeys', `~{${namespace}}:*`, 'resetchannels', `&{${namespace}}:events`, '-@all', ...ACL_COMMANDS.split(' '));
    await cli('SET', 'other-app:secret', 'x');
    const api = await Api.start();
    apis.push(api);
    api.holdUnauthorized = 20;
    const clients = [0, 1].map(() => new Redis({ host: '127.0.0.1', port: redis.port, username: 'billing', password: 's3cret' }));
    let refreshToken = 'r0';
    const coordinators = clients.map((client) => redisCoordinator(client, { namespace }));
    const instances = coordinators.map((coordinator) => {
      const instance = axios.create({ baseURL: api.server.url });
      attachStatusPolicy(instance, {
        coordinator,
        auth: {
          async refresh() {
            const { data } = await axios.post(`${api.server.url}/token`, { refreshToken }, { statusPolicy: false });
            refreshToken = data.refreshToken;
            return data.accessToken as string;
          },
        },
      });
      return instance;
    });
    try {
      await listening(namespace, 2);
      const results = await Promise.all(instances.flatMap((instance) => Array.from({ length: 10 }, () => instance.get('/data'))));
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(api.tokenCalls).toBe(1);
      await expect(clients[0]!.get('other-app:secret')).rejects.toThrow(/NOPERM/);
      await expect(clients[0]!.publish('other-app:events', 'x')).rejects.toThrow(/NOPERM/);
    } finally {
      for (const coordinator of coordinators) coordinator.close();
      for (const client of clients) client.disconnect();
    }
  });
});

/** The commands the coordinator sends (and its scripts call), plus what ioredis needs to connect. */
const ACL_COMMANDS = '+@connection +info +get +set +del +hmget +publish +subscribe +eval +type +hget +hset +hincrby +pexpire +pexpireat +pttl +time';
