// `node bench/recovery.mjs [--base <dist dir>] [--reps N]` (after `npm run build`): recovery after
// one 429. Over a real loopback server, an instance gets one 429 with `Retry-After: 1`, retries it
// (so the deadline has passed), then sends ten requests one after another; beside it, the same ten
// on an instance whose first request got a 200. Before issue 14's fix, one 429 paced every later
// request from the server's wait. Wall time per request is reported (loopback, so this is the
// plugin's own delay plus noise), with the hold events the plugin itself emitted during the ten.
// Variants take turns in each rep, so machine noise falls on all of them alike. With `--base`
// (another build's dist, e.g. main's) the same rows run for that build too, in the same turns.
import axios from 'axios';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, rotate } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const REPS = Number(arg('--reps', 7));
const SEQUENTIAL = 10;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const builds = { ours: path.join(root, 'dist/index.js') };
if (arg('--base')) builds.base = path.resolve(arg('--base'), 'index.js');
const libs = Object.fromEntries(
  await Promise.all(Object.entries(builds).map(async ([name, file]) => [name, await import(pathToFileURL(file).href)])),
);

// Each `/throttle/<n>` answers 429 once (Retry-After: 1), then 200; everything else 200 at once.
const throttled = new Set();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/throttle/') && !throttled.has(req.url)) {
    throttled.add(req.url);
    res.writeHead(429, { 'Retry-After': '1' });
    return res.end();
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('{"ok":true}');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

let runs = 0;
/**
 * One run: a first request, then ten sequential ones, each timed. `first`: 'ok' (a 200), 'pause'
 * (a 200, then a second of quiet: the 429 case's wait without the 429) or '429'.
 */
async function run(lib, first) {
  let holds = 0;
  const api = axios.create({ baseURL: base });
  const policy = lib.attachStatusPolicy(api, { onEvent: (e) => e.type === 'hold' && holds++ });
  await api.get(first === '429' ? `/throttle/${runs++}` : '/first');
  if (first === 'pause') await new Promise((resolve) => setTimeout(resolve, 1000));
  holds = 0;
  const times = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = performance.now();
    await api.get(`/items/${i}`);
    times.push(performance.now() - t0);
  }
  policy.detach();
  return { total: times.reduce((a, b) => a + b, 0), slowest: Math.max(...times), holds };
}

const FIRST = new Map([
  ['ok', 'no 429'],
  ['pause', 'no 429, a 1 s pause before the ten'],
  ['429', 'after one 429 (Retry-After: 1)'],
]);
const variants = Object.keys(libs).flatMap((build) => [...FIRST.keys()].map((first) => ({ build, first })));
const results = new Map(variants.map((v) => [v, []]));
for (const v of variants) await run(libs[v.build], 'ok'); // warm-up: JIT, keep-alive sockets
for (let r = 0; r < REPS; r++) for (const v of rotate(variants, r)) results.get(v).push(await run(libs[v.build], v.first));
server.close();

const ms = (n) => (n < 10 ? n.toFixed(2) : n.toFixed(0));
const rows = variants.map((v) => {
  const reps = results.get(v);
  const label = `${v.build === 'ours' ? 'axios-status-policy' : `axios-status-policy (${arg('--base')})`}, ${FIRST.get(v.first)}`;
  return `| ${label} | ${ms(median(reps.map((x) => x.total)))} | ${ms(median(reps.map((x) => x.total / SEQUENTIAL)))} | ${ms(median(reps.map((x) => x.slowest)))} | ${Math.max(...reps.map((x) => x.holds))} |`;
});
console.log(
  [
    `Ten sequential GETs to a loopback server once the Retry-After deadline has passed (median of ${REPS} runs, ms):`,
    '',
    '| case | ten requests | per request | slowest request | hold events (max) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n'),
);
