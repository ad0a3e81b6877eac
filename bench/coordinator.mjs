// `node bench/coordinator.mjs` (after `npm run build`): the Redis coordinator's costs.
// 1. Happy path: the same canned 200 (in-memory axios adapter) through the policy with the default
//    in-memory coordinator and with redisCoordinator on a real redis-server. Rounds interleaved,
//    median of the per-round ratios. On the happy path no Redis call is made, so this is the cost
//    of the seam itself.
// 2. Publish → repeat: instance A refreshes under the lock; instance B (its own ioredis client and
//    coordinator, so its own subscription, exactly as another process has) waits with a 401 and
//    repeats it when A's token arrives. Time from A's refresh resolving (the store-and-publish
//    starts) to B's repeat reaching its adapter. Both in this process, over real Redis sockets.
// Needs redis-server (/usr/bin/redis-server) and ioredis (a devDependency); skips with a line otherwise.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import axios from 'axios';
import { ok200, respond } from './adapters.mjs';
import { fmt, median, rotate } from './stats.mjs';

const REDIS_SERVER = '/usr/bin/redis-server';
let Redis;
try {
  // require: ioredis is CommonJS, and this way NODE_PATH can point at a client installed elsewhere.
  Redis = createRequire(import.meta.url)('ioredis');
} catch {
  Redis = undefined;
}
if (!existsSync(REDIS_SERVER) || !Redis) {
  console.log('coordinator bench: SKIPPED (needs redis-server and ioredis)');
  process.exit(0);
}
const lib = await import('../dist/index.js');
const { redisCoordinator } = await import('../dist/redis.js');

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = s.address();
    s.close(() => resolve(p));
  });
});
const server = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
await new Promise((resolve) => server.stdout.on('data', (d) => /ready to accept/i.test(String(d)) && resolve()));
const clients = [];
const client = () => {
  const c = new Redis({ host: '127.0.0.1', port });
  clients.push(c);
  return c;
};

try {
  // 1. Happy path.
  const make = (coordinator) => {
    const api = axios.create({ adapter: ok200 });
    lib.attachStatusPolicy(api, { ...(coordinator && { coordinator }), auth: { refresh: async () => 't1' }, notModified: { cache: false } });
    return api;
  };
  const happyCoordinator = redisCoordinator(client(), { namespace: 'bench-happy' });
  const variants = { memory: make(undefined), redis: make(happyCoordinator) };
  const PER_ROUND = 2000;
  const ROUNDS = 25;
  const run = async (api) => {
    const t0 = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await api.get('/x');
    return performance.now() - t0;
  };
  for (const api of Object.values(variants)) await run(api); // warm-up
  const ratios = [];
  for (let r = 0; r < ROUNDS; r++) {
    const times = {};
    for (const name of rotate(Object.keys(variants), r)) times[name] = await run(variants[name]);
    ratios.push(times.redis / times.memory);
  }
  console.log(`happy path, redis coordinator / in-memory: ${fmt(median(ratios), 3)}x (median of ${ROUNDS} rounds of ${PER_ROUND} sequential GETs)`);
  // Its subscription connection would otherwise reconnect forever once the server is stopped.
  happyCoordinator.close();

  // 2. Publish → repeat, over many trials (a fresh namespace each).
  const latencies = [];
  for (let trial = 0; trial < 30; trial++) {
    const namespace = `bench-publish-${trial}`;
    let token = 't0';
    let refreshedAt = 0;
    let repeatedAt = 0;
    let letRefreshEnd;
    const refreshGate = new Promise((resolve) => (letRefreshEnd = resolve));
    const adapter = (name) => (config) => {
      const current = config.headers.Authorization === `Bearer ${token}` && token !== 't0';
      if (name === 'B' && current && !repeatedAt) repeatedAt = performance.now();
      return current ? ok200(config) : respond(axios, config, 401);
    };
    const instance = (name, refresh) => {
      const api = axios.create({ adapter: adapter(name) });
      const coordinator = redisCoordinator(client(), { namespace });
      lib.attachStatusPolicy(api, { coordinator, auth: { refresh } });
      return { api, coordinator };
    };
    const A = instance('A', async () => {
      await refreshGate;
      token = `t${trial + 1}`;
      refreshedAt = performance.now();
      return token;
    });
    const B = instance('B', async () => {
      throw new Error('B must not refresh');
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // both subscriptions up
    const a = A.api.get('/x');
    await new Promise((resolve) => setTimeout(resolve, 20)); // A holds the lock
    const b = B.api.get('/x');
    await new Promise((resolve) => setTimeout(resolve, 20)); // B waits for the token
    letRefreshEnd();
    await Promise.all([a, b]);
    latencies.push(repeatedAt - refreshedAt);
    A.coordinator.close();
    B.coordinator.close();
  }
  const sorted = [...latencies].sort((x, y) => x - y);
  console.log(`published token → repeat in the other instance: median ${fmt(median(latencies))} ms, p90 ${fmt(sorted[Math.floor(sorted.length * 0.9)])} ms (${latencies.length} trials)`);
} finally {
  for (const c of clients) c.disconnect();
  server.kill('SIGTERM');
}
