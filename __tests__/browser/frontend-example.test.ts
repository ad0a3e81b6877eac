// examples/frontend in real Chromium: bundled with esbuild against the built package, served with
// a local API, and its rendered page asserted (`npm run example:frontend` runs the same page
// against src/ and prints what happened).
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { batchBody } from '../helpers/batch';
import { ROOT, bundle, chromiumAvailable, startHarness, withConsole } from './harness';
import type { Harness } from './harness';

jest.setTimeout(60_000);

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
};

const BATCH = batchBody('b1', [
  { status: 200, body: { id: 1, name: 'Widget 1' } },
  { status: 404, body: { errorCode: 'NotFound', message: 'no item 2' } },
  { status: 200, body: { id: 3, name: 'Widget 3' } },
]);

const suite = chromiumAvailable() ? describe : describe.skip;

suite('examples/frontend in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const dir = path.join(ROOT, 'examples/frontend');
    h.serve({
      '/example/': readFileSync(path.join(dir, 'index.html'), 'utf8'),
      '/example/app.js': await bundle(path.join(dir, 'src/main.ts')),
    });
  });
  afterAll(() => h?.close());

  it('logs in, survives a 503 with Retry-After, refreshes an expired token, renders the batch', () =>
    withConsole(h, async () => {
      let meCalls = 0;
      h.onApi((q, r) => {
        if (q.url === '/api/session') return json(r, 200, { token: 't1' });
        if (q.url === '/api/session/refresh') return json(r, 200, { token: 't2' });
        if (q.url === '/api/me') {
          meCalls += 1;
          if (meCalls === 1) return json(r, 503, { code: 'WARMING_UP' }, { 'retry-after': '0' });
          // t1 has expired by now: the app must refresh to t2 on its own.
          return q.headers.authorization === 'Bearer t2' ? json(r, 200, { name: 'Ada' }) : json(r, 401, { code: 'TOKEN_EXPIRED' });
        }
        if (q.url === '/api/items/1,2,3') {
          return void r.writeHead(207, { 'content-type': 'multipart/mixed; boundary=b1', 'cache-control': 'no-store' }).end(BATCH);
        }
        json(r, 404, {});
      });
      await h.page.goto(`${h.origin}/example/`);
      await h.page.waitForFunction(() => document.getElementById('status')?.textContent !== 'loading…');
      expect(await h.page.textContent('#status')).toBe('ready');
      expect(await h.page.textContent('#profile')).toBe('Ada');
      expect(await h.page.evaluate(() => localStorage.getItem('access_token'))).toBe('t2');
      expect(h.seen.filter((q) => q.url === '/api/session')).toHaveLength(1);
      // The refresh call goes out with statusPolicy: false, so getAccessToken does not stamp the old token on it.
      const refreshes = h.seen.filter((q) => q.url === '/api/session/refresh');
      expect(refreshes).toHaveLength(1);
      expect(refreshes[0]!.headers.authorization).toBeUndefined();
      expect(await h.page.$$eval('#items li', (lis) => lis.map((li) => li.textContent))).toEqual(['200 Widget 1', '404', '200 Widget 3']);
    }));
});
