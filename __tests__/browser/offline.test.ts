// retry.connectivity in real headless Chromium, with the default detection (navigator.onLine and
// the window's `online` event). The page is taken offline and back through the DevTools protocol
// (Network.emulateNetworkConditions), which fails its requests with net::ERR_INTERNET_DISCONNECTED
// and fires its offline/online events, as a phone or laptop losing its network does.
import type { CDPSession } from 'playwright-core';
import { chromiumAvailable, startHarness, withConsole } from './harness';
import type { Harness } from './harness';
import type { Adapter } from './page-entry';

jest.setTimeout(60_000);

/** What a request started in the page reports back (plain data). */
interface Flight {
  /** Sends the adapter attempted, and those that failed without a response. */
  sends: number;
  failures: number;
  done: boolean;
  outcome?: { ok: boolean; status?: number; isCancel?: boolean; code?: string | undefined; statusPolicy?: unknown };
  events: Array<{ type: string; waitMs?: number }>;
}

interface PageGlobals {
  axios: typeof import('axios').default;
  lib: typeof import('../../src');
  flight: Flight;
  abortFlight: () => void;
}

/**
 * Starts one request in the page through an instance with the policy attached (all defaults but
 * a short backoff, so a request that did spend its retries offline would be over in well under a
 * second) and returns at once; the request's progress is read with `flight()`.
 */
const start = (h: Harness, adapter: Adapter, method: 'GET' | 'POST'): Promise<void> =>
  h.page.evaluate(
    ({ adapter, method }) => {
      const w = window as unknown as PageGlobals;
      const flight: Flight = { sends: 0, failures: 0, done: false, events: [] };
      w.flight = flight;
      const send = w.axios.getAdapter(adapter);
      const api = w.axios.create({
        // Counts what goes out and what fails with no response, around the browser's own adapter.
        adapter: async (config) => {
          flight.sends += 1;
          try {
            return await send(config);
          } catch (error) {
            if (!w.axios.isAxiosError(error) || !error.response) flight.failures += 1;
            throw error;
          }
        },
      });
      w.lib.attachStatusPolicy(api, {
        retry: { baseDelayMs: 100 },
        onEvent: (e) => flight.events.push(e.type === 'offline' ? { type: e.type, waitMs: e.waitMs } : { type: e.type }),
      });
      const controller = new AbortController();
      w.abortFlight = () => controller.abort();
      const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null)) as unknown;
      api.request({ url: '/api/item', method, data: method === 'POST' ? { n: 1 } : undefined, signal: controller.signal }).then(
        (r) => {
          flight.outcome = { ok: true, status: r.status, statusPolicy: plain(r.statusPolicy) };
          flight.done = true;
        },
        (e: { code?: string; statusPolicy?: unknown }) => {
          flight.outcome = { ok: false, isCancel: w.axios.isCancel(e), code: e.code, statusPolicy: plain(e.statusPolicy) };
          flight.done = true;
        },
      );
    },
    { adapter, method },
  );

const flight = (h: Harness): Promise<Flight> => h.page.evaluate(() => (window as unknown as PageGlobals).flight);

const setOffline = (cdp: CDPSession, offline: boolean) =>
  cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const suite = chromiumAvailable() ? describe : describe.skip;

suite.each(['xhr', 'fetch'] as const)('Chromium offline, %s adapter', (adapter) => {
  let h: Harness;
  let cdp: CDPSession;
  beforeAll(async () => {
    h = await startHarness();
    cdp = await h.page.context().newCDPSession(h.page);
    await cdp.send('Network.enable');
  });
  afterAll(() => h?.close());
  beforeEach(async () => {
    h.onApi((_q, r) => r.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end('{"ok":true}'));
    await setOffline(cdp, false);
    await h.page.waitForFunction(() => navigator.onLine);
  });

  it('a GET issued offline resolves once the network returns, with no retry spent', () =>
    withConsole(h, async () => {
      await setOffline(cdp, true);
      await h.page.waitForFunction(() => !navigator.onLine);
      await start(h, adapter, 'GET');
      await h.page.waitForFunction(() => (window as unknown as PageGlobals).flight.failures >= 1);
      // Longer than the three backoffs (at most 100 + 200 + 400 ms) a request spending its
      // retries would take: it is still waiting, sent once.
      await pause(1500);
      expect(await flight(h)).toMatchObject({ sends: 1, failures: 1, done: false });
      expect(h.seen).toHaveLength(0);
      await setOffline(cdp, false);
      await h.page.waitForFunction(() => (window as unknown as PageGlobals).flight.done);
      const f = await flight(h);
      expect(f.outcome).toMatchObject({ ok: true, status: 200, statusPolicy: { attempts: 2, delays: [] } });
      expect((f.outcome?.statusPolicy as { offlineMs?: number }).offlineMs).toBeGreaterThanOrEqual(1500);
      expect(f.events.map((e) => e.type)).toEqual(['offline']);
      expect(f.events[0]!.waitMs).toBeGreaterThanOrEqual(1500);
      expect(f.sends).toBe(2);
      expect(h.seen.map((q) => `${q.method} ${q.url}`)).toEqual(['GET /api/item']);
    }));

  it('a POST (no Idempotency-Key) issued offline fails at once', () =>
    withConsole(h, async () => {
      await setOffline(cdp, true);
      await h.page.waitForFunction(() => !navigator.onLine);
      await start(h, adapter, 'POST');
      await h.page.waitForFunction(() => (window as unknown as PageGlobals).flight.done);
      const f = await flight(h);
      expect(f.outcome).toMatchObject({ ok: false, isCancel: false, code: 'ERR_NETWORK', statusPolicy: { attempts: 1, reason: 'not-idempotent' } });
      expect(f.sends).toBe(1);
      expect(f.events.map((e) => e.type)).toEqual(['giveUp']);
      expect(h.seen).toHaveLength(0);
    }));

  it('an abort while waiting for the network ends the request with a cancel; nothing is sent after', () =>
    withConsole(h, async () => {
      await setOffline(cdp, true);
      await h.page.waitForFunction(() => !navigator.onLine);
      await start(h, adapter, 'GET');
      await h.page.waitForFunction(() => (window as unknown as PageGlobals).flight.failures >= 1);
      await pause(200);
      await h.page.evaluate(() => (window as unknown as PageGlobals).abortFlight());
      await h.page.waitForFunction(() => (window as unknown as PageGlobals).flight.done);
      expect((await flight(h)).outcome).toMatchObject({ ok: false, isCancel: true, code: 'ERR_CANCELED' });
      // Back online: the request's listener is gone, nothing goes out.
      await setOffline(cdp, false);
      await h.page.waitForFunction(() => navigator.onLine);
      await pause(300);
      expect(await flight(h)).toMatchObject({ sends: 1 });
      expect(h.seen).toHaveLength(0);
    }));
});
