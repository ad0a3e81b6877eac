// Token refresh against a real OAuth server (oidc-provider, oauth-server.mjs) whose refresh tokens
// rotate on every use and whose grant is revoked when a used refresh token comes back. Two refreshes
// racing with the same refresh token log the user out; these tests show the server does exactly that,
// and that the policy's one flight per 401 wave never lets it happen.
import axios from 'axios';
import { attachStatusPolicy } from '../../src/index';
import { startOAuthServer } from './oauth';
import type { OAuthServer } from './oauth';

let server: OAuthServer;
beforeAll(async () => {
  server = await startOAuthServer(2);
});
afterAll(() => server.stop());

test('the server rotates the refresh token on every use and revokes the grant when a used one comes back', async () => {
  const first = await server.login();
  const second = await server.refresh(first.refreshToken);
  expect(second.refreshToken).not.toBe(first.refreshToken);
  // Reuse of the first refresh token: refused, and the whole grant (with `second`) is gone.
  await expect(server.refresh(first.refreshToken)).rejects.toThrow(/invalid_grant/);
  await expect(server.refresh(second.refreshToken)).rejects.toThrow(/invalid_grant/);
  expect((await server.stats()).revokedGrants).toBe(1);
});

test('waves of concurrent requests across several token lifetimes: every one 200, one refresh per lifetime, the grant kept', async () => {
  const before = await server.stats();
  const session = await server.login();
  const api = axios.create();
  attachStatusPolicy(api, {
    auth: {
      getAccessToken: () => session.accessToken,
      // The refresh token is used once and replaced: a second refresh with the old one would end the grant.
      refresh: async () => {
        const next = await server.refresh(session.refreshToken);
        Object.assign(session, next);
      },
    },
  });
  const statuses: number[] = [];
  const deadline = Date.now() + 5_000;
  // Access tokens live 2 s: about three lifetimes, each expiry met by a wave of 8 concurrent requests.
  while (Date.now() < deadline) {
    const wave = await Promise.all(Array.from({ length: 8 }, () => api.get(server.api).then((r) => r.status)));
    statuses.push(...wave);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const after = await server.stats();
  expect(new Set(statuses)).toEqual(new Set([200]));
  expect(after.revokedGrants - before.revokedGrants).toBe(0);
  expect(after.refreshFailures - before.refreshFailures).toBe(0);
  // One refresh per expiry: 5 s of 2 s tokens is 2 or 3 expiries, never one per request.
  expect(after.refreshes - before.refreshes).toBeGreaterThanOrEqual(2);
  expect(after.refreshes - before.refreshes).toBeLessThanOrEqual(3);
}, 20_000);
