// The circuit breaker shared by two real Node processes through a real redis-server started here:
// one process's failures open the circuit of the origin in the other, nothing is sent there while
// it is open, and the other's probe closes it for both. Skipped loudly without redis-server.
import { Api } from './api';
import { freePort, redisAvailable, startRedis } from './redis-server';
import type { RedisServer } from './redis-server';
import { refreshTokenFile, startWorker, stopWorker, subscribed } from './workers';
import type { Worker } from './workers';

const run = redisAvailable() ? describe : describe.skip;
jest.setTimeout(30_000);

run('circuitBreaker across processes (real redis-server)', () => {
  let redis: RedisServer;
  let api: Api;
  let workers: Worker[] = [];

  beforeAll(async () => {
    redis = await startRedis(await freePort());
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(workers.map(stopWorker));
    workers = [];
    await api.server.close();
  });

  it('opened by one process, it refuses in the other with nothing sent; the probe closes it for both', async () => {
    api = await Api.start();
    const namespace = `breaker-${process.pid}`;
    const env = { REDIS_PORT: redis.port, API_URL: api.server.url, NAMESPACE: namespace, LOCK_TTL_MS: 3000, REFRESH_TOKEN_FILE: refreshTokenFile(), BREAKER_OPEN_MS: 1500 };
    workers = await Promise.all([startWorker(0, env), startWorker(1, env)]);
    await subscribed([redis.port], `{${namespace}}:events`, 2);
    const [a, b] = workers as [Worker, Worker];
    // Both hold a token first, so the outage is the only thing in the way.
    api.holdUnauthorized = 1;
    for (const w of workers) w.send({ cmd: 'burst', path: '/data', count: 1 });
    expect((await Promise.all(workers.map((w) => w.next('burst')))).flatMap((r) => r.statuses)).toEqual([200, 200]);

    api.failing = true;
    a.send({ cmd: 'burst', path: '/data', count: 4 });
    expect((await a.next('burst')).statuses).toEqual([0, 0, 0, 0]);
    b.send({ cmd: 'waitCircuit', state: 'open' });
    await b.next('circuit');

    const before = api.server.seen.length;
    b.send({ cmd: 'burst', path: '/data', count: 5 });
    const refused = await b.next('burst');
    expect(refused.statuses).toEqual([0, 0, 0, 0, 0]);
    expect(refused.errors.every((m) => / refused: the circuit of http:\/\/127\.0\.0\.1:\d+ is open/.test(m))).toBe(true);
    expect(api.server.seen.length).toBe(before);

    // Recovered: after openMs, b's probe goes (one request) and closes the circuit in a too.
    api.failing = false;
    await new Promise((resolve) => setTimeout(resolve, 1600));
    b.send({ cmd: 'burst', path: '/data', count: 1 });
    expect((await b.next('burst')).statuses).toEqual([200]);
    a.send({ cmd: 'waitCircuit', state: 'closed' });
    await a.next('circuit');
    a.send({ cmd: 'burst', path: '/data', count: 3 });
    expect((await a.next('burst')).statuses).toEqual([200, 200, 200]);
  });
});
