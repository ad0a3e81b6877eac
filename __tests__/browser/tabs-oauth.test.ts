// Refresh before the 401 in two real Chromium tabs of one origin, each with its own axios instance
// and tabsCoordinator, against a real OAuth server with rotating refresh tokens and reuse detection
// (oidc-provider, ../oauth/oauth-server.mjs; the page reaches it same-origin through the harness).
// Access tokens live 4 s; both tabs send waves for 10 s: every request 200, no 401 once the expiry
// is known, one refresh per token between the two tabs, the grant kept.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startOAuthServer } from '../oauth/oauth';
import type { OAuthServer } from '../oauth/oauth';
import { bundle, chromiumAvailable, startHarness, withConsole } from './harness';
import type { Harness } from './harness';
import type { OAuthTab } from './tabs-oauth-entry';

jest.setTimeout(60_000);

const ACCESS_TOKEN_SECONDS = 4;
const RUN_MS = 10_000;

type Steps = { [K in keyof OAuthTab]: OAuthTab[K] };
function step<K extends keyof Steps>(page: Page, name: K, arg?: Parameters<Steps[K]>[0]): Promise<Awaited<ReturnType<Steps[K]>>> {
  return page.evaluate(
    ([n, a]) => (window as unknown as { oauthTab: Record<string, (arg: unknown) => unknown> }).oauthTab[n as string]!(a),
    [name, arg] as const,
  ) as Promise<Awaited<ReturnType<Steps[K]>>>;
}

const suite = chromiumAvailable() ? describe : describe.skip;

suite('Chromium, two tabs, a rotating OAuth server', () => {
  let h: Harness;
  let oauth: OAuthServer;

  beforeAll(async () => {
    [h, oauth] = await Promise.all([startHarness(), startOAuthServer(ACCESS_TOKEN_SECONDS)]);
    h.serve({
      '/oauth.html': '<!doctype html><meta charset="utf-8"><title>tab</title><script type="module" src="/oauth.js"></script>',
      '/oauth.js': await bundle(path.join(__dirname, 'tabs-oauth-entry.ts')),
    });
    // The page's own origin forwards to the OAuth server: its token endpoint and its resource.
    h.onApi((req, res) => {
      const target = req.url.startsWith('/api/token') ? `${oauth.issuer}/token` : `${oauth.issuer}/api`;
      const init: RequestInit = { method: req.method, headers: { ...(req.headers.authorization && { authorization: req.headers.authorization }) } };
      if (req.method === 'POST') Object.assign(init, { body: req.body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      fetch(target, init).then(
        async (answer) => res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(await answer.text()),
        () => res.writeHead(502).end(),
      );
    });
  });
  afterAll(async () => {
    await Promise.all([h?.close(), oauth?.stop()]);
  });

  it('every request 200, no 401 once the expiry is known, one refresh per token between the tabs, the grant kept', () =>
    withConsole(h, async () => {
      const pages = [h.page, await h.page.context().newPage()];
      for (const page of pages) {
        await page.goto(`${h.origin}/oauth.html`);
        await page.waitForFunction(() => 'oauthTab' in window);
      }
      expect(await step(pages[0]!, 'signIn', (await oauth.login()).refreshToken)).toBe(200);
      expect(await step(pages[1]!, 'first')).toBe(200);
      const before = await oauth.stats();
      const runs = await Promise.all(pages.map((page) => step(page, 'run', { ms: RUN_MS, concurrency: 6 })));
      const after = await oauth.stats();
      const statuses = runs.flatMap((r) => r.statuses);
      expect(statuses.length).toBeGreaterThan(2 * 6 * 10);
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(after.unauthorized - before.unauthorized).toBe(0);
      expect(after.revokedGrants).toBe(0);
      expect(after.refreshFailures).toBe(0);
      // Half-way through each token's life (refreshAheadMs capped at half the lifetime), once for both tabs.
      const refreshes = after.refreshes - before.refreshes;
      const perToken = RUN_MS / ((ACCESS_TOKEN_SECONDS * 1000) / 2);
      expect(refreshes).toBeGreaterThanOrEqual(Math.floor(perToken) - 1);
      expect(refreshes).toBeLessThanOrEqual(Math.ceil(perToken) + 1);
      console.log(`tabs + OAuth: ${statuses.length} requests over ${RUN_MS} ms, ${refreshes} refreshes (tab 1: ${runs[0]!.refreshes}, tab 2: ${runs[1]!.refreshes} in all)`);
      await pages[1]!.close();
    }));
});
