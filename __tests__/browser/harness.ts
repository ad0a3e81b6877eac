// Real headless Chromium for the browser suite: one local server on 127.0.0.1 serves the page, the
// built ESM package bundled with axios's browser build (esbuild), and a scripted test API.
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer } from '../helpers/server';
import type { SeenRequest, TestServer } from '../helpers/server';

import { CHROMIUM, CHROMIUM_FLAGS } from '../../scripts/lib/chromium';

export { CHROMIUM };
export const ROOT = path.resolve(__dirname, '../..');

/** Whether the suite can run here; prints the loud skip line once when it cannot. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  // Straight to stderr: jest swallows console output of a suite whose tests are all skipped.
  process.stderr.write(
    `\n*** SKIPPED: chromium not found at ${CHROMIUM} — run \`apt-get install -y chromium\` (CI's .ci/run does) ***\n\n`,
  );
  return false;
}


export type ApiHandler = (req: SeenRequest, res: http.ServerResponse) => void;

export interface Harness {
  /** The page's origin: page, bundle and same-origin API. */
  origin: string;
  /** A second origin (another port) for cross-origin API calls. */
  crossOrigin: string;
  page: Page;
  /** Requests the APIs saw (both origins), page assets excluded. */
  seen: SeenRequest[];
  /** What the page printed, for failure messages. */
  consoleLines: string[];
  /** Sets how the API answers, on both origins, until the next call. */
  onApi(handler: ApiHandler): void;
  /** Serves extra files (path → body, content-type from the extension) from the page origin. */
  serve(files: Record<string, string>): void;
  close(): Promise<void>;
}

/** Bundles `entry` (TS/JS, may import 'axios' and 'axios-status-policy') for the browser as ESM. */
export async function bundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    plugins: [useBuiltPackage],
  });
  return out.outputFiles[0]!.text;
}

/**
 * The package as browsers and React Native get it: dist/browser.js (ESM; the `browser` and
 * `react-native` export conditions), when it is at least as new as src/. A missing or stale dist/
 * (a plain `npm test` after an edit) is replaced by src/ with the same module swap the build
 * makes (each platform.ts of src/ → the platform.browser.ts beside it), with a note, so the suite never silently proves
 * old code. `axios-status-policy` and imports of src/ (kept in TS sources so they type-check
 * without a build) both resolve to it.
 */
export function packageEntry(): { entry: string; fromSrc: boolean } {
  const dist = path.join(ROOT, 'dist/browser.js');
  const newest = (dir: string): number =>
    Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  if (existsSync(dist) && statSync(dist).mtimeMs >= newest(path.join(ROOT, 'src'))) return { entry: dist, fromSrc: false };
  console.log('NOTE: dist/ is missing or older than src/ — bundling src/ instead (`npm run build` to test the built package)');
  return { entry: path.join(ROOT, 'src/index.ts'), fromSrc: true };
}

export const useBuiltPackage: Plugin = {
  name: 'use-built-package',
  setup(b) {
    const { entry, fromSrc } = packageEntry();
    // `axios-status-policy/tabs` from the same build as the main entry, so both share its chunks.
    const tabsEntry = fromSrc ? path.join(ROOT, 'src/tabs.ts') : path.join(ROOT, 'dist/tabs.browser.js');
    b.onResolve({ filter: /^axios-status-policy$/ }, () => ({ path: entry }));
    b.onResolve({ filter: /^axios-status-policy\/tabs$/ }, () => ({ path: tabsEntry }));
    b.onResolve({ filter: /\/src$/ }, (args) =>
      path.resolve(args.resolveDir, args.path) === path.join(ROOT, 'src') ? { path: entry } : undefined,
    );
    b.onResolve({ filter: /\/src\/tabs$/ }, (args) =>
      path.resolve(args.resolveDir, args.path) === path.join(ROOT, 'src/tabs') ? { path: tabsEntry } : undefined,
    );
    if (fromSrc) {
      // Every platform.ts of src/ → the platform.browser.ts beside it, as rollup.config.mjs does.
      b.onResolve({ filter: /\/platform$/ }, (args) => {
        const file = path.resolve(args.resolveDir, `${args.path}.ts`);
        return file.startsWith(path.join(ROOT, 'src')) && existsSync(file) ? { path: file.replace(/\.ts$/, '.browser.ts') } : undefined;
      });
    }
  },
};

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };

export async function startHarness(): Promise<Harness> {
  const { chromium } = await import('playwright-core');
  const files = new Map<string, string>();
  files.set('/', '<!doctype html><meta charset="utf-8"><title>harness</title><script type="module" src="/lib.js"></script>');
  files.set('/lib.js', await bundle(path.join(__dirname, 'page-entry.ts')));

  const seen: SeenRequest[] = [];
  let api: ApiHandler = (_req, res) => res.writeHead(404).end();
  let page_: TestServer | undefined;
  const cors = (res: http.ServerResponse): void => {
    // Only for the cross-origin server; the test decides per answer whether to expose headers.
    res.setHeader('access-control-allow-origin', page_?.url ?? '*');
  };

  const pageServer = await startServer((req, res) => {
    const file = files.get(req.url);
    if (file !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(req.url)] ?? 'text/html', 'cache-control': 'no-store' }).end(file);
      return;
    }
    if (req.url === '/favicon.ico') return void res.writeHead(404).end();
    seen.push(req);
    api(req, res);
  });
  page_ = pageServer;
  const apiServer = await startServer((req, res) => {
    cors(res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, DELETE',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
      });
      return void res.end();
    }
    seen.push(req);
    api(req, res);
  });

  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'asp-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // The browser's own HTTP cache off: a revalidation it did by itself would make the validator
  // cache scenario pass without the plugin. Only what the page's code sends reaches the server.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(`[console.${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
  await page.goto(`${pageServer.url}/`);
  await page.waitForFunction(() => 'lib' in window);

  return {
    origin: pageServer.url,
    crossOrigin: apiServer.url,
    page,
    seen,
    consoleLines,
    onApi(handler) {
      seen.length = 0;
      api = handler;
    },
    serve(extra) {
      for (const [p, body] of Object.entries(extra)) files.set(p, body);
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      await Promise.all([pageServer.close(), apiServer.close()]);
    },
  };
}

/** Runs `fn`, and on failure adds what the page printed to the error. */
export async function withConsole<T>(h: Harness, fn: () => Promise<T>): Promise<T> {
  const from = h.consoleLines.length;
  try {
    return await fn();
  } catch (error) {
    const lines = h.consoleLines.slice(from);
    const printed = lines.length ? lines.join('\n') : '(the page printed nothing)';
    if (error instanceof Error) error.message += `\n\n--- page console ---\n${printed}`;
    throw error;
  }
}

export const readText = (p: string): Promise<string> => readFile(p, 'utf8');
