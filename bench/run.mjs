// `npm run bench`: happy-path overhead, error-path cost, 207 parse (when its bench exists) and
// bundle size, written to BENCHMARKS.md. `--smoke` (or BENCH_SMOKE=1) runs a few rounds only, to
// keep the script alive in CI, and writes to a temp file instead of BENCHMARKS.md.
import axios from 'axios';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as lib from '../dist/index.js';
import { runErrorPath } from './error-path.mjs';
import { detectFeatures } from './features.mjs';
import { measureHotPath } from './hotpath.mjs';
import { runOverheadInProcesses } from './overhead.mjs';
import { renderReport } from './report.mjs';
import { measureSize } from '../scripts/size-measure.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const started = performance.now();
const say = (s) => console.error(`[bench] ${s}`);

const version = (pkg) => JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

const env = {
  date: new Date().toISOString(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  axios: version('axios'),
  axiosRetry: version('axios-retry'),
  authRefresh: version('axios-auth-refresh'),
};

const features = await detectFeatures(axios, lib);
say(`features: ${JSON.stringify(features)}`);

say('happy-path overhead…');
const ownBuild = new URL('../dist/index.js', import.meta.url).href;
const overhead = runOverheadInProcesses(ownBuild, features, smoke ? { rounds: 3, perRound: 300, processes: 1 } : { rounds: 15, perRound: 2000, processes: 5 });
say(`ours ${overhead.ours.toFixed(3)}×, peer ${overhead.peer.toFixed(3)}×`);

say('where the happy path goes (one process per variant)…');
const hotPath = await measureHotPath({ builds: { ours: ownBuild }, ...(smoke ? { reps: 1, rounds: 2, per: 200 } : { reps: 5 }), log: say });
const breakdown = { bareUs: hotPath.bareUs, noop: hotPath.noop, ...hotPath.builds.ours, reps: hotPath.reps };

say('error-path cost…');
const errorPath = await runErrorPath(axios, lib, features, smoke ? { n: 100, reps: 1, burst: 5 } : { n: 1000, reps: 7, burst: 20 });

// The multipart parser's own bench lands with it; it exports a function returning table rows.
let multipart;
const multipartBench = path.join(root, 'bench/multipart.bench.mjs');
if (existsSync(multipartBench)) {
  say('207 parse…');
  const mod = await import(multipartBench);
  // main's bench/multipart.bench.mjs exports runMultipartBench({ rounds, sizes }) → rows.
  const fn = mod.runMultipartBench ?? mod.default ?? mod.run ?? mod.runMultipart ?? mod.bench;
  if (typeof fn === 'function') multipart = await fn(smoke ? { rounds: 2, smoke, lib, axios } : { smoke, lib, axios });
  if (multipart && typeof mod.markdownTable === 'function') multipart = { markdown: mod.markdownTable(multipart), rows: multipart };
}

// Benches that run over real loopback servers, each its own script printing a markdown table; run in
// their own process so their servers and sockets never share an event loop with the figures above.
const EXTRA = [
  { file: 'loopback-overhead.mjs', title: 'Happy-path overhead over loopback HTTP', about: 'Issue 20 target: every rule on, ≤ 1.02× of bare axios over a real HTTP round trip (http adapter, keep-alive, loopback). `node bench/loopback-overhead.mjs`.', smokeArgs: ['--smoke'] },
  { file: 'metro-size.mjs', title: 'React Native bundle (Metro)', about: 'Issue 20 targets: a React Native release bundle (Metro 0.84 with @react-native/metro-config 0.86 defaults, `dev: false`, `minify: true`, android, gzip -9) of an app importing `attachPolicies, retry, rateLimit` from the per-factory entries grows ≤ 10 KB over axios alone; every export of the package ≤ 21 KB. Metro does not tree-shake: it ships every module an import reaches. Subpaths left out of "every export": `./redis` (Node only) and `./otel` (an optional peer). Each factory lives in its rule\'s folder and its entry reaches only that folder (`__tests__/unit/compose-entries.test.ts`), so the composed app carries `attachPolicies` (the floor every composed app carries, its own row) and its two rules; neither target is met, and the floor alone is most of the first one. `node bench/metro-size.mjs`.', smokeArgs: ['--only', 'compose'] },
  { file: 'recovery.mjs', title: 'Recovery after one 429', about: 'Issue 14 target: ten sequential requests once the deadline has passed take about as long as without the 429 (within 100 ms on loopback). `node bench/recovery.mjs`.', smokeArgs: ['--reps', '1'] },
  { file: 'held-burst.mjs', title: 'A burst held behind one 429', about: 'Issue 21 targets: 100 requests held behind one `Retry-After: 1`, server then accepting all → the last resolves ≤ 1.3 s after the 429; against a server accepting 10 r/s → all 100 succeed with at most 200 requests sent; hold events report the real wait within 250 ms. `node bench/held-burst.mjs`.', smokeArgs: ['--smoke'] },
  { file: 'nginx-limit.mjs', title: 'A real rate limiter (nginx limit_req)', about: 'Issue 21 keeps it: a burst of 8 against nginx `limit_req` at 2 r/s → 8/8 succeed with no more than 8 429s. `node bench/nginx-limit.mjs`.', smokeArgs: ['--smoke'] },
  { file: 'outage.mjs', title: 'Traffic under an outage (retry budget)', about: 'Issue 14 target: 200 concurrent GETs to an origin answering 500 to everything send at most 1.2 × 200 + 100 requests (axios-retry: 800). `node bench/outage.mjs`.', smokeArgs: ['--smoke'] },
  { file: 'breaker.mjs', title: 'An outage under steady load (circuit breaker)', about: 'Issue 22 targets: 200 GETs a second to an origin that fails every request for 10 s → once the breaker opens only probes reach it; traffic and latency back to normal within one `openMs` after it recovers; beside retry + budget alone and cockatiel\'s SamplingBreaker around axios. `node bench/breaker.mjs`.', smokeArgs: ['--smoke'] },
  { file: 'otel.mjs', title: 'Telemetry (axios-status-policy/otel)', about: 'Issue 23: the happy-path cost with `otelEvents()` (and `otelResends()`) attached, under an active recording span of the real SDK; and the cost of one recorded retry. `node bench/otel.mjs`.', smokeArgs: ['--smoke'] },
  { file: 'coordinator.mjs', title: 'Coordination across processes (Redis)', about: 'Issue 15 targets: the happy path with the Redis coordinator within 2 % of without; the time from a published token to the repeat in another process. `node bench/coordinator.mjs`.', smokeArgs: ['--smoke'] },
];
const extra = [];
for (const bench of EXTRA) {
  const file = path.join(root, 'bench', bench.file);
  if (!existsSync(file)) continue;
  say(`${bench.title.toLowerCase()}…`);
  const run = spawnSync(process.execPath, [file, ...(smoke ? bench.smokeArgs : [])], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`bench/${bench.file} failed (${run.status}): ${run.stderr}`);
  extra.push({ title: bench.title, about: bench.about, markdown: run.stdout.trim() });
}

say('bundle size…');
const size = await measureSize();

const elapsedS = (performance.now() - started) / 1000;
const markdown = renderReport({ env, features, overhead, breakdown, errorPath, multipart, size, extra, elapsedS });

// A smoke run must still produce real numbers: fail loudly if any figure came out broken.
const figures = [overhead.ours, overhead.peer, ...errorPath.flatMap((r) => [r.oursUs, r.peerUs]), size.whole.gz];
if (figures.some((n) => !Number.isFinite(n) || n <= 0)) {
  console.error(markdown);
  throw new Error('bench produced a non-finite or non-positive figure');
}

const out = smoke ? path.join(os.tmpdir(), `BENCHMARKS.smoke.${process.pid}.md`) : path.join(root, 'BENCHMARKS.md');
writeFileSync(out, markdown);
say(`wrote ${out} in ${elapsedS.toFixed(1)} s`);
