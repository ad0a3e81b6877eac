// A hostile tab (any script running on the origin) posts a hold on the tabs coordinator's channel
// with `until: Number.MAX_VALUE`, as issue 19 found it: the victim tab took it as it came, held the
// page's origin until it was closed, and its gate re-armed an overflowing timer every millisecond.
// Real Chromium: the victim clamps the hold to its own `maxRetryAfterMs` (1 s), with no timer spin.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { bundle, chromiumAvailable, startHarness, withConsole } from './harness';
import type { Harness } from './harness';
import type { VictimPage } from './tabs-hostile-entry';

jest.setTimeout(60_000);

function step<K extends keyof VictimPage>(page: Page, name: K, arg: Parameters<VictimPage[K]>[0]): Promise<Awaited<ReturnType<VictimPage[K]>>> {
  return page.evaluate(([n, a]) => (window as unknown as { victim: Record<string, (arg: unknown) => unknown> }).victim[n as string]!(a), [name, arg] as const) as Promise<
    Awaited<ReturnType<VictimPage[K]>>
  >;
}

const suite = chromiumAvailable() ? describe : describe.skip;

suite('Chromium: a hostile tab posts a hold that never ends', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    h.serve({
      '/victim.html': '<!doctype html><meta charset="utf-8"><title>victim</title><script type="module" src="/victim.js"></script>',
      '/victim.js': await bundle(path.join(__dirname, 'tabs-hostile-entry.ts')),
      '/hostile.html': '<!doctype html><meta charset="utf-8"><title>hostile</title>',
    });
  });
  afterAll(() => h?.close());

  it('until: Number.MAX_VALUE is clamped to the victim\'s maxRetryAfterMs, with no timer spin', () =>
    withConsole(h, async () => {
      h.onApi((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
      const victim = await h.page.context().newPage();
      const hostile = await h.page.context().newPage();
      try {
        victim.on('pageerror', (e) => h.consoleLines.push(`[victim pageerror] ${e.message}`));
        await victim.goto(`${h.origin}/victim.html`);
        await victim.waitForFunction(() => 'victim' in window);
        await hostile.goto(`${h.origin}/hostile.html`);
        await hostile.evaluate(() => {
          const channel = new BroadcastChannel('hostile:axios-status-policy');
          // '' is the page's own origin: the victim's requests to relative URLs.
          channel.postMessage({ protocol: 'axios-status-policy/tabs@1', kind: 'hold', origin: '', until: Number.MAX_VALUE, paced: true });
          channel.close();
        });
        expect(await step(victim, 'holding', 2000)).toBe(true);
        const answer = await step(victim, 'get', 10_000);
        // A bound, not a speed target: about the victim's 1 s, not until the tab closes.
        expect(answer.status).toBe(200);
        expect(answer.ms).toBeLessThan(5000);
        // Held no longer: a few timers (the sweep that forgets the gate), not one a millisecond.
        expect(await step(victim, 'timersDuring', 500)).toBeLessThan(20);
        expect(h.seen.map((r) => r.url)).toEqual(['/api/items']);
      } finally {
        await Promise.all([victim.close(), hostile.close()]);
      }
    }));
});
