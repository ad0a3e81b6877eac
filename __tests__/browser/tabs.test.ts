// Two tabs of real headless Chromium (two pages of one browser context) on one origin
// (127.0.0.1:PORT), each with its own axios instance and its own tabsCoordinator: one token
// refresh between them, and a 429 seen in one tab holds the other. Each coordinated scenario has a
// control without the coordinator, which shows the same scenario failing.
import type http from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SeenRequest } from '../helpers/server';
import { bundle, chromiumAvailable, startHarness, withConsole } from './harness';
import type { Harness } from './harness';
import type { BurstResult, TabSpec, TabsPage } from './tabs-page-entry';

jest.setTimeout(60_000);

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
};

const tabOf = (req: SeenRequest): number => Number(new URL(req.url, 'http://x').searchParams.get('tab'));

type Step = { [K in keyof TabsPage]: TabsPage[K] };
/** Runs one step of tabs-page-entry.ts in `page`. */
function step<K extends keyof Step>(page: Page, name: K, arg?: Parameters<Step[K]>[0]): Promise<Awaited<ReturnType<Step[K]>>> {
  return page.evaluate(
    ([n, a]) => {
      const tabs = (window as unknown as { tabs: Record<string, (arg: unknown) => unknown> }).tabs;
      return tabs[n as string]!(a);
    },
    [name, arg] as const,
  ) as Promise<Awaited<ReturnType<Step[K]>>>;
}

/**
 * The token endpoint answers after `tokenDelayMs` (both tabs are then waiting on their 401s) and
 * accepts its refresh credential once, as a rotating OAuth server does; /api/me wants the new token.
 */
function authApi(h: Harness, tokenDelayMs: number, hang: (req: SeenRequest) => boolean = () => false): void {
  let issued = 0;
  h.onApi((req, res) => {
    const url = new URL(req.url, h.origin);
    if (url.pathname === '/api/token') {
      if (hang(req)) return; // never answered: the tab is closed while it waits
      const first = ++issued === 1;
      setTimeout(() => (first ? json(res, 200, { token: 'fresh' }) : json(res, 400, { code: 'REFRESH_TOKEN_REUSED' })), tokenDelayMs);
      return;
    }
    if (req.headers.authorization === 'Bearer fresh') return json(res, 200, { me: req.url });
    json(res, 401, { code: 'TOKEN_EXPIRED' });
  });
}

const suite = chromiumAvailable() ? describe : describe.skip;

suite('Chromium, two tabs of one origin', () => {
  let h: Harness;
  let open: Page[] = [];

  beforeAll(async () => {
    h = await startHarness();
    h.serve({
      '/tabs.html': '<!doctype html><meta charset="utf-8"><title>tab</title><script type="module" src="/tabs.js"></script>',
      '/tabs.js': await bundle(path.join(__dirname, 'tabs-page-entry.ts')),
    });
  });
  afterAll(() => h?.close());
  afterEach(async () => {
    await Promise.all(open.map((p) => p.close()));
    open = [];
  });

  /** A new tab of the same browser context on the page origin, with the policy set up. */
  async function newTab(spec: TabSpec): Promise<Page> {
    const page = await h.page.context().newPage();
    open.push(page);
    page.on('console', (m) => h.consoleLines.push(`[tab ${spec.tab} console.${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => h.consoleLines.push(`[tab ${spec.tab} pageerror] ${e.message}`));
    await page.goto(`${h.origin}/tabs.html`);
    await page.waitForFunction(() => 'tabs' in window);
    await step(page, 'setup', spec);
    return page;
  }

  /** 20 concurrent requests in each of two tabs, started at the same moment. */
  async function twoBursts(coordinated: boolean, token: TabSpec['token']): Promise<BurstResult[]> {
    authApi(h, 300);
    const pages = [await newTab({ tab: 1, coordinated, token }), await newTab({ tab: 2, coordinated, token })];
    return burstIn(pages);
  }

  /** 20 concurrent requests in each of `pages`, started at the same moment. */
  function burstIn(pages: Page[]): Promise<BurstResult[]> {
    const startAt = Date.now() + 300;
    return Promise.all(pages.map((page, i) => step(page, 'burst', { tab: i + 1, n: 20, startAt })));
  }

  for (const token of ['returned', 'getAccessToken'] as const) {
    it(`20 concurrent 401s in each tab: one token request, 40 of 40 succeed (token ${token === 'returned' ? 'returned by refresh' : 'read by getAccessToken, set by onToken'})`, () =>
      withConsole(h, async () => {
        const results = await twoBursts(true, token);
        expect(h.seen.filter((r) => r.url.startsWith('/api/token'))).toHaveLength(1);
        expect(results.flatMap((r) => r.statuses)).toEqual(Array(40).fill(200));
        expect(results.map((r) => r.refreshes).sort()).toEqual([0, 1]);
        // Each request went out once without the token and once with it: nothing was repeated twice.
        expect(h.seen.filter((r) => r.url.startsWith('/api/me'))).toHaveLength(80);
        expect(results.flatMap((r) => r.events).filter((e) => e.startsWith('coordinator'))).toEqual([]);
        const slowest = Math.max(...results.map((r) => r.ms));
        console.log(`tabs: 40 requests (20 per tab, all 401 first), one refresh with a 300 ms token endpoint: ${slowest.toFixed(0)} ms`);
      }));
  }

  it('control: without the coordinator each tab refreshes, and the rotated credential fails the second', () =>
    withConsole(h, async () => {
      const results = await twoBursts(false, 'returned');
      expect(h.seen.filter((r) => r.url.startsWith('/api/token'))).toHaveLength(2);
      expect(results.flatMap((r) => r.statuses).filter((s) => s !== 200)).toHaveLength(20);
    }));

  it('a tab closed mid-refresh releases the Web Lock: the other tab refreshes and all its requests succeed', () =>
    withConsole(h, async () => {
      authApi(h, 0, (req) => tabOf(req) === 1);
      const first = await newTab({ tab: 1, coordinated: true, token: 'returned' });
      const second = await newTab({ tab: 2, coordinated: true, token: 'returned' });
      void step(first, 'burst', { tab: 1, n: 5, startAt: 0 }).catch(() => undefined);
      await waitFor(() => h.seen.some((r) => r.url.startsWith('/api/token') && tabOf(r) === 1));
      const pending = step(second, 'burst', { tab: 2, n: 20, startAt: 0 });
      // The second tab's 401s are in and it waits for the lock the first tab holds.
      await waitFor(() => h.seen.filter((r) => r.url.startsWith('/api/me') && tabOf(r) === 2).length === 20);
      expect(h.seen.filter((r) => r.url.startsWith('/api/token'))).toHaveLength(1);
      await first.close();
      const result = await pending;
      expect(result.statuses).toEqual(Array(20).fill(200));
      expect(result.refreshes).toBe(1);
      expect(h.seen.filter((r) => r.url.startsWith('/api/token')).map(tabOf)).toEqual([1, 2]);
    }));

  describe('a hostile publisher on the same origin (another page posting on the channel)', () => {
    const protocol = 'axios-status-policy/tabs@1';

    it('generation Number.MAX_VALUE is refused: the real token still reaches the other tab, one token request, 40 of 40 succeed', () =>
      withConsole(h, async () => {
        authApi(h, 300);
        const pages = [await newTab({ tab: 1, coordinated: true, token: 'returned' }), await newTab({ tab: 2, coordinated: true, token: 'returned' })];
        await postAsHostile(h, pages, 'session:axios-status-policy', [{ protocol, kind: 'token', generation: Number.MAX_VALUE, token: 'forged', expiresAt: undefined }]);
        const results = await burstIn(pages);
        expect(h.seen.filter((r) => r.url.startsWith('/api/token')).map(tabOf)).toHaveLength(1);
        expect(results.flatMap((r) => r.statuses)).toEqual(Array(40).fill(200));
        expect(h.seen.filter((r) => r.headers.authorization === 'Bearer forged')).toEqual([]);
        // The tab that did not refresh learnt the real token, and only it.
        expect(results.flatMap((r) => r.published.map((p) => p.token))).toEqual(['fresh']);
      }));

    it('malformed token messages (line breaks, escape sequences, 100 KB, a number, a non-finite expiry) reach neither onToken nor a request header', () =>
      withConsole(h, async () => {
        authApi(h, 300);
        const pages = [await newTab({ tab: 1, coordinated: true, token: 'returned' }), await newTab({ tab: 2, coordinated: true, token: 'returned' })];
        const at = Date.now();
        const garbage = [
          { token: 'x'.repeat(100_000) },
          { token: 42 },
          { token: 'ok', expiresAt: Infinity },
          { token: 'ok', expiresAt: 'tomorrow' },
          { token: ' padded ' },
          { token: 'caf\u00e9' },
          { token: '\u001b[2J\u001b]0;owned\u0007' },
          { token: 'stolen\r\nX-Evil: 1' },
        ].map((fields, i) => ({ protocol, kind: 'token', generation: at + i, expiresAt: undefined, ...fields }));
        await postAsHostile(h, pages, 'session:axios-status-policy', garbage);
        const results = await burstIn(pages);
        expect(results.flatMap((r) => r.published.map((p) => p.token))).toEqual(['fresh']);
        expect(results.flatMap((r) => r.statuses)).toEqual(Array(40).fill(200));
        expect(h.seen.filter((r) => r.url.startsWith('/api/token')).map(tabOf)).toHaveLength(1);
        // Every request went out with no token, then with the real one.
        expect([...new Set(h.seen.filter((r) => r.url.startsWith('/api/me')).map((r) => r.headers.authorization))].sort()).toEqual(['Bearer fresh', undefined]);
      }));
  });

  describe('the names the coordinator uses on the origin', () => {
    it('another library holding a Web Lock named "session:refresh" does not stall the refresh of tabsCoordinator({ name: "session" })', () =>
      withConsole(h, async () => {
        authApi(h, 300);
        // Another page of the origin (another library's code) holds its own lock of that name.
        await h.page.evaluate(() => {
          void navigator.locks.request('session:refresh', () => new Promise<void>((release) => Object.assign(window, { releaseForeignLock: release })));
        });
        try {
          const spec = { coordinated: true, token: 'returned', lockTimeoutMs: 3_000 } as const;
          const pages = [await newTab({ tab: 1, ...spec }), await newTab({ tab: 2, ...spec })];
          const results = await burstIn(pages);
          expect(results.flatMap((r) => r.statuses)).toEqual(Array(40).fill(200));
          expect(h.seen.filter((r) => r.url.startsWith('/api/token')).map(tabOf)).toHaveLength(1);
        } finally {
          await h.page.evaluate(() => (window as unknown as { releaseForeignLock?: () => void }).releaseForeignLock?.());
        }
      }));

    it('a name starting with "-" (a prefix Web Locks reserves) still shares one refresh between the tabs', () =>
      withConsole(h, async () => {
        authApi(h, 300);
        const spec = { coordinated: true, token: 'returned', name: '-billing' } as const;
        const pages = [await newTab({ tab: 1, ...spec }), await newTab({ tab: 2, ...spec })];
        const results = await burstIn(pages);
        expect(results.flatMap((r) => r.events).filter((e) => e.startsWith('coordinator'))).toEqual([]);
        expect(h.seen.filter((r) => r.url.startsWith('/api/token')).map(tabOf)).toHaveLength(1);
        expect(results.flatMap((r) => r.statuses)).toEqual(Array(40).fill(200));
      }));
  });

  /** Tab 1 gets a 429 with Retry-After: 2; tab 2 then sends 3 requests to the same origin. */
  async function holdScenario(coordinated: boolean) {
    let limited = 0;
    h.onApi((req, res) => {
      if (req.url.startsWith('/api/limited') && limited++ === 0) return json(res, 429, {}, { 'retry-after': '2' });
      json(res, 200, { ok: true });
    });
    const first = await newTab({ tab: 1, coordinated, token: 'returned' });
    const second = await newTab({ tab: 2, coordinated, token: 'returned' });
    expect(await step(first, 'startLimited', { tab: 1 })).toBe(true);
    // The hold's broadcast has reached tab 2 (always false in the control: nothing is broadcast).
    const held = await step(second, 'holding', coordinated ? 2_000 : 200);
    const statuses = await step(second, 'sequential', { tab: 2, n: 3 });
    const firstStatus = await step(first, 'finishLimited');
    const answered429 = h.seen.find((r) => r.url.startsWith('/api/limited'))!.at;
    const fromTab2 = h.seen.filter((r) => tabOf(r) === 2).map((r) => r.at - answered429);
    return { held, statuses, firstStatus, fromTab2 };
  }

  it('a 429 in one tab holds the other tab: the server sees nothing from it before the deadline, then all succeed', () =>
    withConsole(h, async () => {
      const { held, statuses, firstStatus, fromTab2 } = await holdScenario(true);
      expect(held).toBe(true);
      expect(statuses).toEqual([200, 200, 200]);
      expect(firstStatus).toBe(200);
      expect(fromTab2).toHaveLength(3);
      // Server-side gaps from the 429 (the browser's deadline starts a little after the server answered).
      expect(Math.min(...fromTab2)).toBeGreaterThanOrEqual(1990);
      console.log(`tabs: tab 2's first request reached the server ${Math.min(...fromTab2).toFixed(0)} ms after tab 1's 429 (Retry-After: 2)`);
    }));

  it('control: without the coordinator the other tab sends at once', () =>
    withConsole(h, async () => {
      const { held, statuses, fromTab2 } = await holdScenario(false);
      expect(held).toBe(false);
      expect(statuses).toEqual([200, 200, 200]);
      expect(Math.min(...fromTab2)).toBeLessThan(1990);
    }));
});

/**
 * A hostile publisher: a script in another page of the same origin (the harness's own page) that
 * posts `messages` on the coordinators' channel. The tabs' listeners (tabs-page-entry.ts `listen`)
 * tell when every message has been handled.
 */
async function postAsHostile(h: Harness, tabs: Page[], channel: string, messages: unknown[]): Promise<void> {
  for (const tab of tabs) await step(tab, 'listen', channel);
  await h.page.evaluate(
    ([name, list]) => {
      const hostile = new BroadcastChannel(name);
      for (const m of list) hostile.postMessage(m);
      hostile.close();
    },
    [channel, messages] as const,
  );
  for (const tab of tabs) expect(await step(tab, 'heard', messages.length)).toBe(true);
}

/** Polls a server-side condition (no page involved); fails after 10 s. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!done()) throw new Error('condition not reached within 10 s');
}
