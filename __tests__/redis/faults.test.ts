// Redis misbehaving under real worker processes: one refresh stays one refresh (counted at the
// token endpoint) through data loss, eviction, garbage, a slow token endpoint and a pause.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Api } from './api';
import { freePort, redisAvailable, startRedis } from './redis-server';
import type { RedisServer } from './redis-server';
import { refreshTokenFile, startWorker, stopWorker, subscribed } from './workers';
import type { Worker, WorkerEnv } from './workers';

const run = redisAvailable() ? describe : describe.skip;
jest.setTimeout(40_000);

run('redisCoordinator when Redis misbehaves (real redis-server, worker processes)', () => {
  let redis: RedisServer;
  let api: Api;
  let workers: Worker[] = [];
  let namespace = '';
  let namespaces = 0;

  const cli = async (...args: string[]): Promise<string> => (await promisify(execFile)('redis-cli', ['-p', String(redis.port), ...args])).stdout.trim();
  /** Every key of the namespace, whatever the layout names them. */
  const keys = async (): Promise<string[]> => (await cli('--scan', '--pattern', `*${namespace}*`)).split('\n').filter(Boolean);

  beforeAll(async () => {
    redis = await startRedis(await freePort());
  });
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    api = await Api.start();
  });
  afterEach(async () => {
    await Promise.all(workers.map(stopWorker));
    workers = [];
    await api.server.close();
  });

  async function start(count: number, extra: Partial<WorkerEnv> = {}): Promise<Worker[]> {
    namespace = `faults-${process.pid}-${++namespaces}`;
    const env: WorkerEnv = { REDIS_PORT: redis.port, API_URL: api.server.url, NAMESPACE: namespace, LOCK_TTL_MS: 3000, REFRESH_TOKEN_FILE: refreshTokenFile(), ...extra };
    workers = await Promise.all(Array.from({ length: count }, (_, id) => startWorker(id, env)));
    await listening();
    return workers;
  }
  /** Every worker is subscribed (again, after a restart), under the channel name either layout uses. */
  const listening = async (): Promise<void> => {
    await Promise.race([subscribed([redis.port], `{${namespace}}:events`, workers.length), subscribed([redis.port], `${namespace}:events`, workers.length)]);
  };

  /** Each process sends `count` requests with the token it has; all of them collect a 401 first. */
  async function round(count: number) {
    api.revoke();
    api.holdUnauthorized = workers.length * count;
    for (const w of workers) w.send({ cmd: 'burst', path: '/data', count });
    return Promise.all(workers.map((w) => w.next('burst')));
  }
  const resets = (): string[] => workers.flatMap((w) => w.reports.filter((r) => r.type === 'coordinator' && r.state === 'reset').map((r) => (r as { reason: string }).reason));

  async function expectOneRefreshPerRound(count = 20): Promise<void> {
    const before = api.tokenCalls;
    const bursts = await round(count);
    expect(bursts.flatMap((b) => b.errors)).toEqual([]);
    expect(bursts.flatMap((b) => b.statuses)).toEqual(Array(workers.length * count).fill(200));
    expect(api.tokenCalls - before).toBe(1);
    expect(api.rejectedRefreshes).toBe(0);
  }

  it('Redis restarted without persistence: the next 401s are one refresh, every process takes its token, a reset event', async () => {
    await start(3);
    await expectOneRefreshPerRound();
    await expectOneRefreshPerRound();

    await redis.stop();
    redis = await startRedis(redis.port);
    await listening();
    await expectOneRefreshPerRound();
    expect(resets().length).toBeGreaterThanOrEqual(1);
    await expectOneRefreshPerRound();
  });

  it('FLUSHALL: the processes that remember the old fences take the new tokens, one refresh a round', async () => {
    await start(3);
    await expectOneRefreshPerRound();
    await expectOneRefreshPerRound();
    await cli('FLUSHALL');
    await expectOneRefreshPerRound();
    expect(resets().length).toBeGreaterThanOrEqual(1);
    await expectOneRefreshPerRound();
  });

  it('eviction of any one key of the namespace (allkeys-* policies): still one refresh a round, no stale token reused', async () => {
    await start(3);
    await expectOneRefreshPerRound();
    await expectOneRefreshPerRound();
    const evictable = await keys();
    expect(evictable.length).toBeGreaterThan(0);
    for (const key of evictable) {
      await cli('DEL', key);
      await expectOneRefreshPerRound();
    }
  });

  it.each([
    ['a string where a hash is', async (key: string) => void (await cli('SET', key, 'garbage'))],
    ['garbage in every field', async (key: string, type: string) => {
      if (type === 'hash') for (const field of (await cli('HKEYS', key)).split('\n')) await cli('HSET', key, field, 'garbage');
      else await cli('SET', key, 'garbage');
    }],
  ])('%s under every key of the namespace: repaired with a reset event, one refresh a round', async (_name, corrupt) => {
    await start(3);
    await expectOneRefreshPerRound();
    for (const key of await keys()) await corrupt(key, await cli('TYPE', key));
    await expectOneRefreshPerRound();
    expect(resets().length).toBeGreaterThanOrEqual(1);
    await expectOneRefreshPerRound();
  });

  it('a token endpoint slower than lockTtlMs: the lock is extended while it refreshes, one refresh', async () => {
    await start(3, { LOCK_TTL_MS: 500 });
    api.tokenDelayMs = 1800;
    await expectOneRefreshPerRound(10);
    await expectOneRefreshPerRound(10);
  });

  /**
   * A holds the lock and its token request is out; Redis pauses every client for 600 ms. B's
   * request, sent then, meets the pause and its 401 queues a lock request; A's store queues
   * behind it. When Redis wakes, B's lock request runs first (held) and A's store publishes; B's
   * subscription often reads the notice before its command connection reads the lock reply (the
   * order varies, so the scenario runs `rounds` times). Returns how long B's request took each time.
   */
  async function pausedMidRefresh(extra: Partial<WorkerEnv>, rounds: number): Promise<number[]> {
    await start(2, { LOCK_TTL_MS: 5000, ...extra });
    await expectOneRefreshPerRound(1);
    const [a, b] = workers as [Worker, Worker];
    api.tokenDelayMs = 300;
    const took: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const calls = api.tokenCalls;
      api.revoke();
      api.holdUnauthorized = 1;
      a.send({ cmd: 'burst', path: '/data', count: 1 });
      await a.next('refreshing');
      await cli('CLIENT', 'PAUSE', '600', 'ALL');
      b.send({ cmd: 'burst', path: '/data', count: 1 });
      const [first, second] = await Promise.all([a.next('burst'), b.next('burst')]);
      expect([...first.errors, ...second.errors]).toEqual([]);
      expect([...first.statuses, ...second.statuses]).toEqual([200, 200]);
      expect(api.tokenCalls - calls).toBe(1);
      took.push(second.ms);
    }
    return took;
  }

  it('the token notice reaches a waiting process before the reply to its lock request (Redis paused mid-refresh): it uses the token at once', async () => {
    const took = await pausedMidRefresh({ NO_CACHE: '1' }, 5);
    // Each time it settled with the token instead of sleeping out the 5 s lock.
    expect(took.filter((ms) => ms > 3000)).toEqual([]);
  });

  it('a pause longer than commandTimeoutMs (a validator-cache read times out, Redis is marked down): the 401 still waits for the lock, one refresh', async () => {
    await pausedMidRefresh({}, 1);
    // The scenario happened: B's cache read timed out during the pause.
    expect(workers[1]!.reports.filter((r) => r.type === 'coordinator').map((r) => (r as { state: string }).state)).toContain('degraded');
  });
});
