// One backend process of the early-refresh scenario (forked by session.test.ts): an axios instance
// with the policy and a redisCoordinator, signed in to the real OAuth server (oauth-server.mjs). The
// refresh token rotates, so it lives in Redis where every process reads it; only the process holding
// the plugin's refresh lock runs `auth.refresh`, so one writer at a time.
import axios from 'axios';
import { Redis } from 'ioredis';
import { attachStatusPolicy } from '../../src/index';
import { redisCoordinator } from '../../src/redis';

export type SessionCommand = { cmd: 'run'; durationMs: number; concurrency: number };
export type SessionReport =
  | { type: 'ready'; status: number }
  | { type: 'done'; statuses: number[]; errors: string[]; refreshes: number };

const env = process.env;
const send = (report: SessionReport): void => void process.send?.(report);
const issuer = env.OAUTH_ISSUER!;
const refreshTokenKey = env.REFRESH_TOKEN_KEY!;

const redis = new Redis({ host: '127.0.0.1', port: Number(env.REDIS_PORT), maxRetriesPerRequest: 1 });
redis.on('error', () => undefined);

let refreshes = 0;
const api = axios.create();
attachStatusPolicy(api, {
  coordinator: redisCoordinator(redis, { namespace: env.NAMESPACE! }),
  auth: {
    // No getAccessToken: the plugin sends the token this refresh (or another process's) returned.
    async refresh() {
      refreshes++;
      const refreshToken = await redis.get(refreshTokenKey);
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: 'app', grant_type: 'refresh_token', refresh_token: refreshToken ?? '' }),
      });
      const body = (await res.json()) as { access_token?: string; refresh_token?: string; expires_in?: number; error?: string };
      if (!body.access_token || !body.refresh_token || body.expires_in === undefined) throw new Error(`token endpoint: ${body.error}`);
      // Saved before returning: the next refresh, in any process, must find it.
      await redis.set(refreshTokenKey, body.refresh_token);
      return { accessToken: body.access_token, expiresInMs: body.expires_in * 1000 };
    },
  },
});

async function run({ durationMs, concurrency }: Extract<SessionCommand, { cmd: 'run' }>): Promise<void> {
  const statuses: number[] = [];
  const errors: string[] = [];
  const deadline = Date.now() + durationMs;
  while (Date.now() < deadline) {
    const wave = await Promise.allSettled(Array.from({ length: concurrency }, () => api.get(`${issuer}/api`)));
    for (const r of wave) {
      if (r.status === 'fulfilled') statuses.push(r.value.status);
      else errors.push(String((r.reason as Error).message));
    }
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
  }
  send({ type: 'done', statuses, errors, refreshes });
}

process.on('message', (command: SessionCommand) => void run(command));
// Signs in: the first request has no token yet, so it is the one 401 of this process (or it finds
// the token another process already refreshed).
api.get(`${issuer}/api`).then(
  (r) => send({ type: 'ready', status: r.status }),
  (e: unknown) => send({ type: 'ready', status: axios.isAxiosError(e) ? (e.response?.status ?? 0) : 0 }),
);
