// One backend process of the Redis suite (forked by workers.ts): an axios instance with the policy
// and a redisCoordinator on the test's redis-server. The parent drives it over IPC.
import axios from 'axios';
import Redis from 'ioredis';
import { attachStatusPolicy } from '../../src/index';
import { redisCoordinator } from '../../src/redis';

export type Command =
  | { cmd: 'burst'; path: string; count: number }
  | { cmd: 'waitHolding' };

export type Report =
  | { type: 'ready' }
  | { type: 'refreshing' }
  | { type: 'coordinator'; state: string; reason: string }
  | { type: 'burst'; statuses: number[]; errors: string[]; bodies: unknown[] }
  | { type: 'holding' };

const env = process.env;
const api = env.API_URL!;
const send = (report: Report): void => void process.send?.(report);

const redis = new Redis({ host: '127.0.0.1', port: Number(env.REDIS_PORT), maxRetriesPerRequest: 1, retryStrategy: () => 50 });
redis.on('error', () => undefined);
const coordinator = redisCoordinator(redis, { namespace: env.NAMESPACE!, lockTtlMs: Number(env.LOCK_TTL_MS) });

let refreshToken = 'r0';
const instance = axios.create({ baseURL: api, headers: { 'x-worker': env.WORKER_ID! } });
attachStatusPolicy(instance, {
  coordinator,
  notModified: { cache: true },
  auth: {
    async refresh() {
      send({ type: 'refreshing' });
      // The process the test kills mid-refresh never gets past this point.
      if (env.HANG_REFRESH === '1') await new Promise(() => undefined);
      const answer = await axios.post(`${api}/token`, { refreshToken }, { statusPolicy: false });
      refreshToken = answer.data.refreshToken;
      return answer.data.accessToken as string;
    },
  },
  onEvent(event) {
    if (event.type === 'coordinator') send({ type: 'coordinator', state: event.state, reason: event.reason });
  },
});

process.on('message', (command: Command) => {
  if (command.cmd === 'burst') {
    const requests = Array.from({ length: command.count }, () => instance.get(command.path));
    void Promise.allSettled(requests).then((results) =>
      send({
        type: 'burst',
        statuses: results.map((r) => (r.status === 'fulfilled' ? r.value.status : 0)),
        errors: results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message)] : [])),
        bodies: results.map((r) => (r.status === 'fulfilled' ? r.value.data : undefined)),
      }),
    );
  } else {
    const poll = (): void => void (coordinator.holding ? send({ type: 'holding' }) : setTimeout(poll, 2));
    poll();
  }
});

redis.once('ready', () => send({ type: 'ready' }));
