// Refresh before the 401, across processes, against a real OAuth server with rotating refresh
// tokens and reuse detection (issue 22): 4 backend processes on one redis-server share one session;
// access tokens live a few seconds; waves of concurrent requests run for 15 s. Every request must
// succeed, the resource server must see no 401 once the expiry is known, each token must be
// refreshed once (never once per process), and the grant must never be revoked.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, redisAvailable, startRedis } from '../redis/redis-server';
import type { RedisServer } from '../redis/redis-server';
import { bundleWorker } from '../redis/workers';
import { startOAuthServer } from './oauth';
import type { OAuthServer } from './oauth';
import type { SessionCommand, SessionReport } from './session-worker';

const ACCESS_TOKEN_SECONDS = 4;
const DURATION_MS = Number(process.env.SESSION_DURATION_MS ?? 15_000);
const PROCESSES = 4;

const suite = redisAvailable() ? describe : describe.skip;
if (!redisAvailable()) console.warn('SKIPPED __tests__/oauth/session.test.ts: no redis-server (apt-get install -y redis-server; .ci/run installs it)');

suite('early refresh: 4 processes, one Redis, a rotating OAuth server', () => {
  let redis: RedisServer;
  let oauth: OAuthServer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    [redis, oauth] = await Promise.all([freePort().then((port) => startRedis(port)), startOAuthServer(ACCESS_TOKEN_SECONDS)]);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all([redis?.stop(), oauth?.stop()]);
  });

  it('every request 200, no 401 once the expiry is known, one refresh per token, the grant kept', async () => {
    const namespace = 'app';
    const refreshTokenKey = 'app-session:refresh-token';
    const client = new Redis({ host: '127.0.0.1', port: redis.port });
    // The user signs in once; the processes share the session through Redis.
    await client.set(refreshTokenKey, (await oauth.login()).refreshToken);
    await client.quit();

    const file = await bundleWorker(path.join(__dirname, 'session-worker.ts'));
    const next = (child: ChildProcess, type: SessionReport['type']) =>
      new Promise<SessionReport>((resolve, reject) => {
        const onMessage = (report: SessionReport): void => {
          if (report.type !== type) return;
          child.off('message', onMessage);
          resolve(report);
        };
        child.on('message', onMessage);
        child.once('exit', (code) => reject(new Error(`worker exited (${code}) before "${type}"`)));
      });
    const env = { ...process.env, REDIS_PORT: String(redis.port), OAUTH_ISSUER: oauth.issuer, NAMESPACE: namespace, REFRESH_TOKEN_KEY: refreshTokenKey };
    for (let i = 0; i < PROCESSES; i++) children.push(fork(file, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    const ready = await Promise.all(children.map((child) => next(child, 'ready')));
    expect(ready.map((r) => r.type === 'ready' && r.status)).toEqual(Array(PROCESSES).fill(200));

    // Signed in: from here on every process knows the token's expiry.
    const before = await oauth.stats();
    const done = children.map((child) => next(child, 'done'));
    const command: SessionCommand = { cmd: 'run', durationMs: DURATION_MS, concurrency: 8 };
    for (const child of children) child.send(command);
    const reports = (await Promise.all(done)).flatMap((r) => (r.type === 'done' ? [r] : []));
    const after = await oauth.stats();

    const statuses = reports.flatMap((r) => r.statuses);
    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    expect(statuses.length).toBeGreaterThan(PROCESSES * 8 * 10);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(after.unauthorized - before.unauthorized).toBe(0);
    expect(after.revokedGrants).toBe(0);
    expect(after.refreshFailures).toBe(0);
    // Each token is refreshed once, half-way through its life (refreshAheadMs is capped at half the
    // lifetime): about DURATION / (lifetime / 2) refreshes in all, whatever the number of processes.
    const refreshes = after.refreshes - before.refreshes;
    const perToken = DURATION_MS / ((ACCESS_TOKEN_SECONDS * 1000) / 2);
    expect(refreshes).toBeGreaterThanOrEqual(Math.floor(perToken) - 1);
    expect(refreshes).toBeLessThanOrEqual(Math.ceil(perToken) + 1);
    expect(reports.reduce((sum, r) => sum + r.refreshes, 0)).toBe(refreshes + 1);
  }, 60_000);
});
