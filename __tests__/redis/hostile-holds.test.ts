// A hostile (or broken) publisher on the same Redis, as issue 19 found it: holds published on a
// coordinator's channel were taken as they came. `waitMs: 1e12` or `1e999` (JSON for Infinity)
// held the origin until restart and spun a 1 ms timer (~800 TimeoutOverflowWarnings a second);
// holds for 200,000 origins kept +285 MiB. A real redis-server, a real loopback API, ioredis.
import v8 from 'node:v8';
import vm from 'node:vm';
import axios from 'axios';
import Redis from 'ioredis';
import { attachStatusPolicy } from '../../src/index';
import { redisCoordinator } from '../../src/redis';
import type { RedisCoordinator } from '../../src/redis';
import { startServer } from '../helpers/server';
import type { TestServer } from '../helpers/server';
import { freePort, redisAvailable, startRedis } from './redis-server';
import type { RedisServer } from './redis-server';

const run = redisAvailable() ? describe : describe.skip;
jest.setTimeout(120_000);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMiB = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(10)) if (done()) return true;
  return done();
}

run('holds published by a hostile process (real redis-server)', () => {
  let redis: RedisServer;
  let api: TestServer;
  let namespaces = 0;
  const clients: Redis[] = [];
  let coordinator: RedisCoordinator | undefined;

  beforeAll(async () => {
    redis = await startRedis(await freePort());
    api = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  afterAll(async () => {
    await api?.close();
    await redis?.stop();
  });
  afterEach(async () => {
    coordinator?.close();
    coordinator = undefined;
    await Promise.all(clients.splice(0).map((c) => c.quit().catch(() => undefined)));
  });

  const client = (): Redis => {
    const c = new Redis({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: 1 });
    c.on('error', () => undefined);
    clients.push(c);
    return c;
  };

  /** An instance on a redisCoordinator with an explicit namespace, subscribed; and the hostile publisher. */
  async function victim(maxRetryAfterMs: number) {
    const namespace = `hostile-${process.pid}-${++namespaces}`;
    coordinator = redisCoordinator(client(), { namespace });
    const instance = axios.create({ baseURL: api.url });
    const policy = attachStatusPolicy(instance, { coordinator, rateLimit: { maxRetryAfterMs } });
    const publisher = client();
    const channel = `{${namespace}}:events`; // the coordinator's channel: the namespace as a Cluster hash tag
    for (;;) {
      const [, subscribers] = (await publisher.pubsub('NUMSUB', channel)) as [string, number];
      if (Number(subscribers) >= 1) break;
      await sleep(10);
    }
    const publish = (body: string) => publisher.publish(channel, body);
    return { coordinator, instance, policy, publish, publisher, channel };
  }

  it.each([
    ['waitMs: 1e12', '1e12'],
    ['waitMs: 1e999 (Infinity once parsed)', '1e999'],
  ])('%s: no timer spin, and the origin is held at most the receiver\'s maxRetryAfterMs', async (_what, waitMs) => {
    const { coordinator: c, instance, policy, publish } = await victim(1000);
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      await publish(`{"kind":"hold","from":"evil","origin":"${api.url}","waitMs":${waitMs},"paced":true}`);
      // 1e12 is taken (clamped to 1 s); 1e999 is ignored. Either way, give it time to arrive.
      await until(() => c.holding, 500);
      await sleep(300);
      const started = Date.now();
      const answer = await Promise.race([instance.get('/after'), sleep(10_000).then(() => 'still held')]);
      expect(answer).not.toBe('still held');
      // A bound, not a speed target: held at most about maxRetryAfterMs (1 s), nowhere near 1e12.
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      process.off('warning', onWarning);
      policy.detach();
    }
    expect(warnings.filter((w) => w === 'TimeoutOverflowWarning')).toEqual([]);
  });

  it('holds for 200,000 origins: at most 10,000 kept, all forgotten once over, the heap goes back', async () => {
    const { coordinator: c, policy, publisher, channel } = await victim(60_000);
    // One origin held all along, first in: its second hold, published last, says when every
    // message before it has been taken in (it keeps its place while the others come and go).
    const sentinel = 'http://sentinel.test';
    const before = heapMiB();
    const hold = (origin: string, waitMs: number) => JSON.stringify({ kind: 'hold', from: 'evil', origin, waitMs, paced: true });
    const started = Date.now();
    await publisher.publish(channel, hold(sentinel, 30_000));
    for (let from = 0; from < 200_000; from += 10_000) {
      const batch = publisher.pipeline();
      for (let i = from; i < from + 10_000; i++) batch.publish(channel, hold(`http://h${i}.test`, 30_000));
      await batch.exec();
    }
    await publisher.publish(channel, hold(sentinel, 60_000));
    expect(await until(() => (c.busyGate(sentinel)?.remaining() ?? 0) > 45_000, 40_000)).toBe(true);
    const tookMs = Date.now() - started;
    const peak = heapMiB();
    // The bound: however the holds came and went meanwhile, at most 10,000 origins are held at once.
    // (busyGate returns the gate of an origin still held; none of these is over yet.)
    let held = 0;
    for (let i = 0; i < 200_000; i++) if (c.busyGate(`http://h${i}.test`)) held++;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(10_000);
    // Nobody waits: once their 30 s holds are over and the rate has recovered, the sweep forgets
    // every one of those gates (only the sentinel is left) and the heap goes back.
    let after = peak;
    for (const end = Date.now() + 60_000; Date.now() < end && after - before >= 5; await sleep(500)) after = heapMiB();
    policy.detach();
    process.stdout.write(`hostile-holds heap: 200,000 holds taken in ${tookMs} ms, ${held} origins held; before ${before.toFixed(1)} MiB, at peak ${peak.toFixed(1)} MiB, after ${after.toFixed(1)} MiB\n`);
    expect(peak - before).toBeLessThan(60);
    expect(after - before).toBeLessThan(5);
  });
});
