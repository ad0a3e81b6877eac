// examples/backend/shared-session.ts against a real redis-server and a rotating token endpoint:
// two "processes" (each its own ioredis client, coordinator and axios instance) refresh in turn
// for many rounds, and no refresh ever spends a revoked refresh token.
import { Redis } from 'ioredis';
import { sharedSessionApi } from '../../examples/backend/shared-session';
import { Api } from './api';
import { freePort, redisAvailable, startRedis } from './redis-server';
import type { RedisServer } from './redis-server';

const run = redisAvailable() ? describe : describe.skip;

run('examples/backend/shared-session.ts (real redis-server, rotating refresh tokens)', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis(await freePort());
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('whichever process refreshes, it spends the current refresh token: five rounds, five refreshes, none refused', async () => {
    const api = await Api.start();
    const clients = [0, 1].map(() => new Redis({ host: '127.0.0.1', port: redis.port }));
    const sessions = clients.map((client) =>
      sharedSessionApi({ redis: client, namespace: `example-${process.pid}`, baseURL: api.server.url, tokenURL: `${api.server.url}/token`, clientId: 'svc', initialRefreshToken: () => 'r0' }),
    );
    try {
      for (let round = 1; round <= 5; round++) {
        api.revoke();
        // The round's first request comes from a different process each time.
        const first = sessions[round % 2]!;
        const other = sessions[(round + 1) % 2]!;
        expect((await first.api.get('/data')).status).toBe(200);
        expect((await other.api.get('/data')).status).toBe(200);
      }
      expect(api.tokenCalls).toBe(5);
      expect(api.rejectedRefreshes).toBe(0);
    } finally {
      for (const session of sessions) session.close();
      for (const client of clients) client.disconnect();
      await api.server.close();
    }
  });
});
