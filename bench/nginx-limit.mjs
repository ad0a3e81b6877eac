// `node bench/nginx-limit.mjs [--reps N] [--smoke]` (after `npm run build`): a burst of 8 concurrent GETs
// against a real rate limiter, nginx `limit_req` at 2 r/s answering 429 with `Retry-After: 1`, through
// axios-status-policy and through axios-retry (retrying 429 after its Retry-After-aware delay). Issue
// 21 keeps this figure while changing how a held burst is released: 8/8 succeed with no more than 8
// 429s. The same limiter is what __tests__/reliability/nginx.test.ts asserts on. Without nginx
// (Debian `nginx-light`) it prints one row saying so.
import axios from 'axios';
import axiosRetry from 'axios-retry';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const smoke = process.argv.includes('--smoke');
const REPS = Number(arg('--reps', smoke ? 1 : 3));
const BURST = 8;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const lib = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);

const NGINX =
  ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find((p) => existsSync(p)) ??
  (spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim() || undefined);
const HEADER = ['| client | succeeded | 429s answered (median) | 429s (worst) | burst done after (median, ms) |', '| --- | ---: | ---: | ---: | ---: |'];
if (!NGINX) {
  console.log([`nginx limit_req 2 r/s, a burst of ${BURST}:`, '', ...HEADER, '| (nginx not installed: `apt-get install nginx-light`) | – | – | – | – |'].join('\n'));
  process.exit(0);
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** nginx in a temp prefix, one limit_req zone per rep and client so no run shares another's budget. */
async function startNginx(zones) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-nginx-'));
  mkdirSync(path.join(dir, 'www'));
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, 'www', 'ok.json'), '{"ok":true}\n');
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`).join(' ');
  const limits = zones.map((z) => `limit_req_zone $binary_remote_addr zone=${z}:1m rate=2r/s;`).join('\n  ');
  // Static files, not `return 200`: `return` runs in the rewrite phase, before limit_req.
  const locations = zones.map((z) => `location /${z}/ { limit_req zone=${z}; add_header Retry-After 1 always; alias ${dir}/www/; }`).join('\n    ');
  const conf = `daemon off; master_process off; worker_processes 1; pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off; ${temp}
  ${limits}
  limit_req_status 429;
  server { listen 127.0.0.1:${port}; root ${dir}/www;
    ${locations}
  }
}`;
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => http.get(`${base}/`, (res) => (res.resume(), resolve(true))).on('error', () => resolve(false)));
    if (up) return { base, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  stop();
  throw new Error('nginx did not come up');
}

async function burst(api) {
  const t0 = performance.now();
  const results = await Promise.allSettled(Array.from({ length: BURST }, () => api.get('ok.json')));
  return { ok: results.filter((r) => r.status === 'fulfilled').length, ms: performance.now() - t0 };
}

async function ours(base) {
  let refused = 0;
  const api = axios.create({ baseURL: base });
  const policy = lib.attachStatusPolicy(api, { rateLimit: { maxRetries: 10 }, onEvent: (e) => e.type === 'retry' && e.status === 429 && refused++ });
  const { ok, ms } = await burst(api);
  policy.detach();
  return { ok, refused, ms };
}

async function peer(base) {
  let refused = 0;
  const api = axios.create({ baseURL: base });
  axiosRetry(api, {
    retries: 10,
    retryCondition: (e) => e.response?.status === 429 || axiosRetry.isNetworkOrIdempotentRequestError(e),
    // Its exponential delay honours Retry-After (it waits the larger of the two).
    retryDelay: (n, e) => axiosRetry.exponentialDelay(n, e, 100),
    onRetry: (_n, e) => e.response?.status === 429 && refused++,
  });
  const { ok, ms } = await burst(api);
  return { ok, refused, ms };
}

// axios-retry takes about 30 s a run here (its backoff grows past the limiter's pace): not in a smoke run.
const clients = [['axios-status-policy', ours], ...(smoke ? [] : [['axios-retry (429 after Retry-After)', peer]])];
const zones = Array.from({ length: REPS }, (_, r) => clients.map((_c, i) => `z${r}c${i}`)).flat();
const nginx = await startNginx(zones);
const results = clients.map(() => []);
try {
  for (let r = 0; r < REPS; r++) {
    for (const [i, [, run]] of clients.entries()) results[i].push(await run(`${nginx.base}/z${r}c${i}/`));
  }
} finally {
  nginx.stop();
}

const rows = clients.map(([label], i) => {
  const reps = results[i];
  const okAll = reps.every((x) => x.ok === BURST);
  return `| ${label} | ${okAll ? `${BURST}/${BURST} in every run` : reps.map((x) => `${x.ok}/${BURST}`).join(', ')} | ${median(reps.map((x) => x.refused))} | ${Math.max(...reps.map((x) => x.refused))} | ${median(reps.map((x) => x.ms)).toFixed(0)} |`;
});
console.log([`nginx limit_req 2 r/s answering 429 with Retry-After: 1, a burst of ${BURST} concurrent GETs (${REPS} runs, each on a fresh zone):`, '', ...HEADER, ...rows].join('\n'));
