// Several real Node processes share one refresh, origin holds and the validator cache through a
// real redis-server started here. Skipped loudly when redis-server is not installed.
import { Api } from './api';
import { freePort, redisAvailable, startRedis } from './redis-server';
import type { RedisServer } from './redis-server';
import { refreshTokenFile, startWorker, stopWorker, subscribed } from './workers';
import type { Worker, WorkerEnv } from './workers';

const run = redisAvailable() ? describe : describe.skip;
jest.setTimeout(30_000);

const sum = (workers: Worker[], pick: (w: Worker) => number): number => workers.reduce((n, w) => n + pick(w), 0);

run('redisCoordinator across processes (real redis-server)', () => {
  let redis: RedisServer;
  let api: Api;
  let workers: Worker[] = [];
  let namespaces = 0;

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

  async function start(count: number, extra: Partial<WorkerEnv> = {}, hang: number[] = []): Promise<Worker[]> {
    const env: WorkerEnv = {
      REDIS_PORT: redis.port,
      API_URL: api.server.url,
      NAMESPACE: `test-${process.pid}-${++namespaces}`,
      LOCK_TTL_MS: 3000,
      REFRESH_TOKEN_FILE: refreshTokenFile(),
      ...extra,
    };
    workers = await Promise.all(Array.from({ length: count }, (_, id) => startWorker(id, { ...env, ...(hang.includes(id) && { HANG_REFRESH: '1' }) })));
    // Every process must be listening on the channel before the scenario starts.
    await subscribed([redis.port], `{${env.NAMESPACE}}:events`, count);
    return workers;
  }

  /** One request per process, so each holds the token before the scenario proper. */
  async function everyoneGetsTheToken(): Promise<void> {
    for (const w of workers) w.send({ cmd: 'burst', path: '/data', count: 1 });
    await Promise.all(workers.map((w) => w.next('burst')));
  }

  it('four processes, 250 concurrent 401s each: one token request, 1000 of 1000 succeed', async () => {
    await start(4);
    api.holdUnauthorized = 1000;
    for (const w of workers) w.send({ cmd: 'burst', path: '/data', count: 250 });
    const bursts = await Promise.all(workers.map((w) => w.next('burst')));

    expect(bursts.flatMap((b) => b.errors)).toEqual([]);
    expect(bursts.flatMap((b) => b.statuses).filter((s) => s === 200)).toHaveLength(1000);
    expect(api.tokenCalls).toBe(1);
    expect(api.rejectedRefreshes).toBe(0);
    // Exactly one process ran auth.refresh; the three others repeated with the published token.
    expect(sum(workers, (w) => w.reports.filter((r) => r.type === 'refreshing').length)).toBe(1);
  });

  it('a 429 with Retry-After: 2 seen by one process holds that origin in the others, then all succeed', async () => {
    await start(4);
    api.holdUnauthorized = 1;
    // Everyone gets a token first, so the 429 is the only thing in the way.
    await everyoneGetsTheToken();

    workers[0]!.send({ cmd: 'burst', path: '/limited', count: 1 });
    // Each of the others has taken the published hold into its local mirror.
    for (const w of workers.slice(1)) w.send({ cmd: 'waitHolding' });
    await Promise.all(workers.slice(1).map((w) => w.next('holding')));
    const before = api.server.seen.length;
    for (const w of workers.slice(1)) w.send({ cmd: 'burst', path: '/limited', count: 3 });
    const bursts = await Promise.all(workers.map((w) => w.next('burst')));

    expect(bursts.flatMap((b) => b.errors)).toEqual([]);
    expect(bursts.flatMap((b) => b.statuses)).toEqual(Array(10).fill(200));
    const deadline = api.limitedAt! + 2000;
    // The others' 9 and the retry of the one that saw the 429.
    const later = api.server.seen.slice(before).filter((r) => r.url === '/limited');
    expect(later).toHaveLength(10);
    expect(later.filter((r) => r.at < deadline).map((r) => r.headers['x-worker'])).toEqual([]);
  });

  it('the refreshing process killed mid-refresh: another refreshes after the lock expires, every waiting request succeeds', async () => {
    await start(4, { LOCK_TTL_MS: 1500 }, [0]);
    api.holdUnauthorized = 1;
    workers[0]!.send({ cmd: 'burst', path: '/data', count: 10 });
    // Worker 0 holds the lock and is inside auth.refresh.
    await workers[0]!.next('refreshing');
    for (const w of workers.slice(1)) w.send({ cmd: 'burst', path: '/data', count: 50 });
    await stopWorker(workers[0]!);
    const bursts = await Promise.all(workers.slice(1).map((w) => w.next('burst')));

    expect(bursts.flatMap((b) => b.errors)).toEqual([]);
    expect(bursts.flatMap((b) => b.statuses)).toEqual(Array(150).fill(200));
    expect(api.tokenCalls).toBe(1);
    expect(sum(workers.slice(1), (w) => w.reports.filter((r) => r.type === 'refreshing').length)).toBe(1);
  });

  it('validator cache entries are shared: a 200 stored by one process revalidates in another', async () => {
    await start(2);
    api.holdUnauthorized = 1;
    // Both first get the token: entries are scoped by the credentials the request went out with.
    await everyoneGetsTheToken();
    workers[0]!.send({ cmd: 'burst', path: '/etag', count: 1 });
    expect((await workers[0]!.next('burst')).statuses).toEqual([200]);
    workers[1]!.send({ cmd: 'burst', path: '/etag', count: 1 });
    const second = await workers[1]!.next('burst');

    expect(second.statuses).toEqual([200]);
    expect(second.bodies).toEqual([{ cached: 'body' }]);
    const etags = api.server.seen.filter((r) => r.url === '/etag' && r.headers['x-worker'] === '1');
    expect(etags.map((r) => r.headers['if-none-match'])).toContain('"v1"');
  });

  it('Redis stopped mid-run: requests keep succeeding with local coordination, degraded then restored', async () => {
    await start(2);
    api.holdUnauthorized = 1;
    for (const w of workers) w.send({ cmd: 'burst', path: '/data', count: 5 });
    await Promise.all(workers.map((w) => w.next('burst')));

    await redis.stop();
    const degraded = await Promise.all(workers.map((w) => w.next('coordinator')));
    expect(degraded.map((e) => e.state)).toEqual(['degraded', 'degraded']);
    // Worker 1 now needs a refresh (the server moved on): it runs it locally and succeeds.
    workers[0]!.send({ cmd: 'burst', path: '/data', count: 20 });
    const first = await workers[0]!.next('burst');
    expect(first.errors).toEqual([]);
    expect(first.statuses).toEqual(Array(20).fill(200));

    redis = await startRedis(redis.port);
    const restored = await Promise.all(workers.map((w) => w.next('coordinator')));
    expect(restored.map((e) => e.state)).toEqual(['restored', 'restored']);
  });
});
