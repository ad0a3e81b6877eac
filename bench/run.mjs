// `npm run bench`: happy-path overhead, error-path cost, 207 parse (when its bench exists) and
// bundle size, written to BENCHMARKS.md. `--smoke` (or BENCH_SMOKE=1) runs a few rounds only, to
// keep the script alive in CI, and writes to a temp file instead of BENCHMARKS.md.
import axios from 'axios';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as lib from '../dist/index.js';
import { runErrorPath } from './error-path.mjs';
import { detectFeatures } from './features.mjs';
import { runBreakdown, runOverhead } from './overhead.mjs';
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
const overhead = await runOverhead(axios, lib, features, smoke ? { rounds: 3, perRound: 300 } : { rounds: 15, perRound: 2000 });
say(`ours ${overhead.ours.toFixed(3)}×, peer ${overhead.peer.toFixed(3)}×`);

const breakdown = await runBreakdown(axios, lib, features, smoke ? { rounds: 1, perRound: 200 } : { rounds: 9, perRound: 1500 });

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

say('bundle size…');
const size = await measureSize();

const elapsedS = (performance.now() - started) / 1000;
const markdown = renderReport({ env, features, overhead, breakdown, errorPath, multipart, size, elapsedS });

// A smoke run must still produce real numbers: fail loudly if any figure came out broken.
const figures = [overhead.ours, overhead.peer, ...errorPath.flatMap((r) => [r.oursUs, r.peerUs]), size.whole.gz];
if (figures.some((n) => !Number.isFinite(n) || n <= 0)) {
  console.error(markdown);
  throw new Error('bench produced a non-finite or non-positive figure');
}

const out = smoke ? path.join(os.tmpdir(), `BENCHMARKS.smoke.${process.pid}.md`) : path.join(root, 'BENCHMARKS.md');
writeFileSync(out, markdown);
say(`wrote ${out} in ${elapsedS.toFixed(1)} s`);
