// One backend process of the Redis suites (forked by workers.ts): an axios instance with the policy
// and a redisCoordinator on the test's redis-server (or Redis Cluster). The parent drives it over IPC.
import axios from 'axios';
import { readFileSync, writeFileSync } from 'node:fs';
import { Cluster, Redis } from 'ioredis';
import { attachStatusPolicy } from '../../src/index';
import { redisCoordinator } from '../../src/redis';
import { circuit } from '../../src/rules/circuit-breaker/circuit';
import type { RedisCoordinator, RedisCoordinatorOptions } from '../../src/redis';

export type Command = { cmd: 'burst'; path: string; count: number } | { cmd: 'waitHolding' } | { cmd: 'waitCircuit'; state: string };

export type Report =
  | { type: 'ready' }
  | { type: 'refreshing' }
  | { type: 'config-error'; message: string }
  | { type: 'coordinator'; state: string; reason: string }
  | { type: 'burst'; statuses: number[]; errors: string[]; bodies: unknown[]; ms: number }
  | { type: 'holding' }
  | { type: 'circuit'; state: string };

const env = process.env;
const api = env.API_URL!;
const send = (report: Report): void => void process.send?.(report);

const cluster = env.CLUSTER_PORTS?.split(',').map((port) => ({ host: '127.0.0.1', port: Number(port) }));
const redis = cluster
  ? new Cluster(cluster, { clusterRetryStrategy: () => 50, redisOptions: { maxRetriesPerRequest: 1 } })
  : new Redis({ host: '127.0.0.1', port: Number(env.REDIS_PORT), maxRetriesPerRequest: 1, retryStrategy: () => 50 });
redis.on('error', () => undefined);

/** As its author wrote it: with the test's namespace, or (NAMESPACE empty) the review's shape, without one. */
function coordinatorOrError(): RedisCoordinator | undefined {
  // A Redis or a Cluster: both type-check as a RedisClient (listeners take unknown[]).
  const client = redis;
  try {
    const lockTtlMs = Number(env.LOCK_TTL_MS);
    if (env.NAMESPACE) return redisCoordinator(client, { namespace: env.NAMESPACE, lockTtlMs });
    // What a JavaScript caller (or one who cast the options away) can still write.
    return redisCoordinator(client, { lockTtlMs } as RedisCoordinatorOptions);
  } catch (error) {
    send({ type: 'config-error', message: String((error as Error).message) });
    return undefined;
  }
}
const coordinator = coordinatorOrError();

// Rotating refresh tokens: the next refresh may run in any process, so the refresh token lives
// where all of them read it (here a file; docs/coordination.md shows it in Redis). auth.refresh
// reads and writes it under the shared lock.
const tokenFile = env.REFRESH_TOKEN_FILE!;
const instance = axios.create({ baseURL: api, headers: { 'x-worker': env.WORKER_ID! } });
attachStatusPolicy(instance, {
  ...(coordinator && { coordinator }),
  notModified: { cache: env.NO_CACHE !== '1' },
  // The circuit-breaker suite: 4 failed requests open it; retries quick, so an outage settles fast.
  ...(env.BREAKER_OPEN_MS && { circuitBreaker: { minRequests: 4, openMs: Number(env.BREAKER_OPEN_MS) }, retry: { baseDelayMs: 1 } }),
  auth: {
    async refresh() {
      send({ type: 'refreshing' });
      // The process the test kills mid-refresh never gets past this point.
      if (env.HANG_REFRESH === '1') await new Promise(() => undefined);
      const answer = await axios.post(`${api}/token`, { refreshToken: readFileSync(tokenFile, 'utf8') }, { statusPolicy: false });
      writeFileSync(tokenFile, answer.data.refreshToken);
      return answer.data.accessToken as string;
    },
  },
  onEvent(event) {
    if (event.type === 'coordinator') send({ type: 'coordinator', state: event.state, reason: event.reason });
  },
});

process.on('message', (command: Command) => {
  if (command.cmd === 'burst') {
    const started = Date.now();
    const requests = Array.from({ length: command.count }, () => instance.get(command.path));
    void Promise.allSettled(requests).then((results) =>
      send({
        type: 'burst',
        statuses: results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0)),
        errors: results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message)] : [])),
        bodies: results.map((r) => (r.status === 'fulfilled' ? r.value.data : undefined)),
        ms: Date.now() - started,
      }),
    );
  } else if (command.cmd === 'waitCircuit') {
    // The API's origin's circuit as this process sees it (reached through the seam the rule uses).
    const state = (): string | undefined => coordinator?.circuit?.(new URL(api).origin, circuit).state;
    const poll = (): void => void (state() === command.state ? send({ type: 'circuit', state: command.state }) : setTimeout(poll, 2));
    poll();
  } else {
    const poll = (): void => void (coordinator?.holding ? send({ type: 'holding' }) : setTimeout(poll, 2));
    poll();
  }
});

redis.once('ready', () => send({ type: 'ready' }));
