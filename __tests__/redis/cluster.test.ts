// Redis Cluster: a real three-master cluster started here, worker processes on ioredis's `Cluster`.
import { Api } from './api';
import { redisAvailable, startRedisCluster } from './redis-server';
import type { RedisCluster } from './redis-server';
import { refreshTokenFile, startWorker, stopWorker, subscribed } from './workers';
import type { Worker } from './workers';

const run = redisAvailable() ? describe : describe.skip;
jest.setTimeout(40_000);

run('redisCoordinator on Redis Cluster (three real masters)', () => {
  let cluster: RedisCluster;
  let api: Api;
  let workers: Worker[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  afterEach(async () => {
    await Promise.all(workers.map(stopWorker));
    workers = [];
    await api.server.close();
  });

  it('three processes, 401 bursts in three rounds: one refresh a round, every request succeeds, validator cache shared', async () => {
    api = await Api.start();
    const namespace = `cluster-${process.pid}`;
    const env = { REDIS_PORT: 0, CLUSTER_PORTS: cluster.ports.join(','), API_URL: api.server.url, NAMESPACE: namespace, LOCK_TTL_MS: 3000, REFRESH_TOKEN_FILE: refreshTokenFile() };
    workers = await Promise.all([0, 1, 2].map((id) => startWorker(id, env)));
    // Subscribers of the classic channel spread over the nodes; publishes reach every node.
    await Promise.race([subscribed(cluster.ports, `{${namespace}}:events`, 3), subscribed(cluster.ports, `${namespace}:events`, 3)]);

    for (let round = 1; round <= 3; round++) {
      api.revoke();
      api.holdUnauthorized = 30;
      for (const w of workers) w.send({ cmd: 'burst', path: '/data', count: 10 });
      const bursts = await Promise.all(workers.map((w) => w.next('burst')));
      expect(bursts.flatMap((b) => b.errors)).toEqual([]);
      expect(bursts.flatMap((b) => b.statuses)).toEqual(Array(30).fill(200));
      expect(api.tokenCalls).toBe(round);
    }
    expect(api.rejectedRefreshes).toBe(0);

    workers[0]!.send({ cmd: 'burst', path: '/etag', count: 1 });
    expect((await workers[0]!.next('burst')).statuses).toEqual([200]);
    workers[1]!.send({ cmd: 'burst', path: '/etag', count: 1 });
    expect((await workers[1]!.next('burst')).bodies).toEqual([{ cached: 'body' }]);
    const revalidations = api.server.seen.filter((r) => r.url === '/etag' && r.headers['x-worker'] === '1');
    expect(revalidations.map((r) => r.headers['if-none-match'])).toEqual(['"v1"']);
  });
});
