import axios from 'axios';
import axiosRetry from 'axios-retry';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { attachStatusPolicy } from '../../src';
import { CAMPAIGN } from './settings';

// A real rate limiter: nginx `limit_req` at 2 r/s answering 429 with `Retry-After: 1`. A burst of
// 8 concurrent GETs through our plugin must all succeed with far fewer 429s than axios-retry
// (retrying 429s with its Retry-After-aware delay) sees in the same run. Needs the Debian package
// nginx-light (.ci/run installs it when root); without nginx the test is skipped, loudly.
// About 25 s of mostly waiting out the rate limit, so it is part of the long campaign only
// (npm run test:reliability), not of npm test's short one.

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((p) => existsSync(p))
  ?? (spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim() || undefined);
const BURST = 8;

const RUN = Boolean(NGINX) && CAMPAIGN !== 'short';
// Straight to stderr: jest swallows console output of a suite whose tests are all skipped.
if (!NGINX) {
  process.stderr.write('\n*** SKIPPED: nginx limit_req measurement — nginx not found (apt-get install nginx-light) ***\n\n');
} else if (!RUN) {
  process.stderr.write('[reliability] nginx limit_req measurement: long campaign only (npm run test:reliability)\n');
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

let dir: string;
let nginx: ChildProcess | undefined;
let base: string;

async function startNginx(): Promise<void> {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nginx-limit-'));
  mkdirSync(path.join(dir, 'www'));
  mkdirSync(path.join(dir, 'logs'));
  writeFileSync(path.join(dir, 'www', 'ok.json'), '{"ok":true}\n');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Static content, not `return 200`: `return` runs in the rewrite phase, before limit_req.
  // One zone per test (the key includes the path prefix) so the two runs do not share a budget.
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/logs/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  limit_req_zone $binary_remote_addr zone=ours:1m rate=2r/s;
  limit_req_zone $binary_remote_addr zone=peer:1m rate=2r/s;
  limit_req_status 429;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location /ours/ { limit_req zone=ours; add_header Retry-After 1 always; alias ${dir}/www/; }
    location /peer/ { limit_req zone=peer; add_header Retry-After 1 always; alias ${dir}/www/; }
  }
}
`,
  );
  nginx = spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  // Up when it answers.
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      http.get(`${base}/ours/ok.json`, (res) => {
        res.resume();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (up) return;
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not come up: ${stderr}`);
}

beforeAll(async () => {
  if (RUN) await startNginx();
}, 20_000);

afterAll(() => {
  nginx?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

(RUN ? it : it.skip)(`nginx limit_req 2 r/s, burst of ${BURST}: ours succeeds with far fewer 429s than axios-retry`, async () => {
  // Let the startup probe's token refill before measuring.
  await new Promise((r) => setTimeout(r, 1100));

  let ours429 = 0;
  const ours = axios.create({ baseURL: `${base}/ours/` });
  const handle = attachStatusPolicy(ours, {
    rateLimit: { maxRetries: 10 },
    onEvent: (e) => {
      if (e.type === 'retry' && e.status === 429) ours429++;
    },
  });
  const oursResults = await Promise.allSettled(Array.from({ length: BURST }, () => ours.get('ok.json')));
  handle.detach();

  let peer429 = 0;
  const peer = axios.create({ baseURL: `${base}/peer/` });
  axiosRetry(peer, {
    retries: 10,
    retryCondition: (e) => e.response?.status === 429 || axiosRetry.isNetworkOrIdempotentRequestError(e),
    // axios-retry's exponential delay honours Retry-After (it waits the larger of the two).
    retryDelay: (n, e) => axiosRetry.exponentialDelay(n, e, 100),
    onRetry: (_n, e) => {
      if (e.response?.status === 429) peer429++;
    },
  });
  const peerResults = await Promise.allSettled(Array.from({ length: BURST }, () => peer.get('ok.json')));

  console.log(
    `[reliability] nginx limit_req 2 r/s, burst ${BURST}: ours ${oursResults.filter((r) => r.status === 'fulfilled').length}/${BURST} ok with ${ours429} × 429; ` +
      `axios-retry ${peerResults.filter((r) => r.status === 'fulfilled').length}/${BURST} ok with ${peer429} × 429`,
  );
  expect(oursResults.map((r) => r.status)).toEqual(Array(BURST).fill('fulfilled'));
  expect(ours429).toBeLessThan(peer429 / 2);
}, 90_000);
