// Several processes of one service behind one OAuth client whose refresh tokens rotate (each
// refresh returns a new refresh token and revokes the old one). The Redis coordinator makes one
// process refresh for all; this file shows the other half: the refresh token itself lives in
// Redis, read and written inside auth.refresh, so whichever process refreshes next has the
// current one. Kept in one process's memory, the next refresh elsewhere would send a revoked
// refresh token and log the service out. __tests__/redis/example.test.ts runs it against a real
// redis-server and a rotating token endpoint.
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { Redis } from 'ioredis';
import { attachStatusPolicy } from 'axios-status-policy';
import { redisCoordinator } from 'axios-status-policy/redis';

export interface SharedSessionConfig {
  /** Your ioredis client (the coordinator opens one more connection for its subscription). */
  redis: Redis;
  /** Names this API and OAuth client: every process of this service passes the same, no other app does. */
  namespace: string;
  baseURL: string;
  tokenURL: string;
  clientId: string;
  /** The refresh token to start from when Redis holds none (first start, or Redis lost its data). */
  initialRefreshToken: () => string | Promise<string>;
}

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in?: number;
}

export function sharedSessionApi(config: SharedSessionConfig): { api: AxiosInstance; close(): void } {
  const { redis, namespace } = config;
  // Under the namespace's hash tag: the same Redis Cluster slot and the same ACL key pattern
  // (~{billing-api}:*) as the coordinator's own keys.
  const refreshTokenKey = `{${namespace}}:oauth:refresh-token`;
  const coordinator = redisCoordinator(redis, { namespace });
  const api = axios.create({ baseURL: config.baseURL });
  const policy = attachStatusPolicy(api, {
    coordinator,
    auth: {
      // The coordinator's lock makes this run in one process at a time, across all of them:
      // read the current refresh token, spend it, store its successor before returning.
      async refresh() {
        const refreshToken = (await redis.get(refreshTokenKey)) ?? (await config.initialRefreshToken());
        const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: config.clientId });
        const { data } = await axios.post<TokenResponse>(config.tokenURL, form, { statusPolicy: false });
        await redis.set(refreshTokenKey, data.refresh_token);
        // The other processes get this access token from the coordinator (read from Redis).
        return data.access_token;
      },
    },
  });
  return {
    api,
    // Detaching the last attach that uses the coordinator closes its subscription connection.
    close: () => policy.detach(),
  };
}
