// `npm run example:frontend`: examples/frontend bundled for the browser (esbuild; the package
// mapped to src/ as browsers resolve it), served with a local API on 127.0.0.1 (a free port), and
// loaded in headless Chromium. The API is warming up (503 + Retry-After), then says the session
// token expired (401); the page must log in, recover from both and render a 207 batch.
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { batchBody } from '../../__tests__/helpers/batch';
import { startServer } from '../../__tests__/helpers/server';
import { CHROMIUM, CHROMIUM_FLAGS } from '../lib/chromium';
import { check, finish, say, step } from './report';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/frontend');

/**
 * `axios-status-policy` → src/index.ts, built as browsers get it: the Node redirect follower
 * (src/redirect/adapter.ts) swapped for src/redirect/platform.ts, as the package's browser build does.
 */
const packageFromSrc: Plugin = {
  name: 'package-from-src',
  setup(b) {
    b.onResolve({ filter: /^axios-status-policy$/ }, () => ({ path: path.join(ROOT, 'src/index.ts') }));
    b.onResolve({ filter: /\/redirect\/adapter$/ }, (args) =>
      path.resolve(args.resolveDir, args.path) === path.join(ROOT, 'src/redirect/adapter')
        ? { path: path.join(ROOT, 'src/redirect/platform.ts') }
        : undefined,
    );
  },
};

async function bundleApp(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(EXAMPLE, 'src/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser', // axios's browser build (xhr/fetch adapters)
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    plugins: [packageFromSrc],
  });
  return out.outputFiles[0]!.text;
}

const BATCH = batchBody('b1', [
  { status: 200, body: { id: 1, name: 'Widget 1' } },
  { status: 404, body: { errorCode: 'NotFound', message: 'no item 2' } },
  { status: 200, body: { id: 3, name: 'Widget 3' } },
]);

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  step('bundle examples/frontend/src/main.ts → app.js');
  const files: Record<string, [string, string]> = {
    '/': [readFileSync(path.join(EXAMPLE, 'index.html'), 'utf8'), 'text/html'],
    '/app.js': [await bundleApp(), 'text/javascript'],
  };

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void =>
    void res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
  let meCalls = 0;
  const api: string[] = [];
  const server = await startServer((req, res) => {
    const file = files[req.url];
    if (file) return void res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' }).end(file[0]);
    if (!req.url.startsWith('/api/')) return void res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    const answer = (status: number, body: unknown, headers?: Record<string, string>): void => {
      api.push(`${req.method} ${req.url}${req.headers.authorization ? ` (${req.headers.authorization})` : ''} → ${status}`);
      json(res, status, body, headers);
    };
    if (req.url === '/api/session') return answer(200, { token: 't1' });
    if (req.url === '/api/session/refresh') return answer(200, { token: 't2' });
    if (req.url === '/api/me') {
      meCalls += 1;
      // Warming up first; by the time it is up, t1 has expired and only t2 is accepted.
      if (meCalls === 1) return answer(503, { code: 'WARMING_UP' }, { 'retry-after': '1' });
      return req.headers.authorization === 'Bearer t2' ? answer(200, { name: 'Ada' }) : answer(401, { code: 'TOKEN_EXPIRED' });
    }
    if (req.url === '/api/items/1,2,3') {
      api.push(`${req.method} ${req.url} (${req.headers.authorization ?? 'no token'}) → 207 multipart/mixed, 3 parts`);
      return void res.writeHead(207, { 'content-type': 'multipart/mixed; boundary=b1', 'cache-control': 'no-store' }).end(BATCH);
    }
    answer(404, {});
  });

  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'asp-example-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // The browser logs every 4xx/5xx it received ("Failed to load resource"); the api lines show those.
    page.on('console', (m) => void (m.text().startsWith('Failed to load resource') || say(`[page console.${m.type()}] ${m.text()}`)));
    page.on('pageerror', (e) => say(`[page error] ${e.message}`));

    step(`open ${server.url}/ in Chromium`);
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'loading…', undefined, { timeout: 20_000 });
    for (const line of api) say(`api  ${line}`);
    const status = await page.textContent('#status');
    const profile = await page.textContent('#profile');
    const items = await page.$$eval('#items li', (lis) => lis.map((li) => li.textContent));
    say(`page shows: status "${status}", profile "${profile}", items ${JSON.stringify(items)}`);
    check(status === 'ready', 'the page is ready', status);
    check(profile === 'Ada', 'the profile came through the 503 and the 401', profile);
    check(JSON.stringify(items) === JSON.stringify(['200 Widget 1', '404', '200 Widget 3']), 'the 207 batch rendered part by part', items);
    check(api.filter((l) => l.startsWith('POST /api/session/refresh')).length === 1, 'one token refresh');
    check((await page.evaluate(() => localStorage.getItem('access_token'))) === 't2', 'the new token is in localStorage');

    step('reload: the token is kept, no new login');
    api.length = 0;
    await page.reload();
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'loading…', undefined, { timeout: 20_000 });
    for (const line of api) say(`api  ${line}`);
    check((await page.textContent('#status')) === 'ready', 'the page is ready again');
    check(!api.some((l) => l.startsWith('POST /api/session ')), 'no second login');
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    await server.close();
  }
}

finish(main, 'example:frontend');
