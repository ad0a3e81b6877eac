// `node bench/held-burst.mjs [--reps N] [--burst N] [--smoke]` (after `npm run build`): how fast a
// burst held behind one 429 drains (issue 21). Over a real loopback server:
//   open    the first request gets 429 `Retry-After: 1`, every later one a 200; once that 429 has
//           been answered, `--burst` requests (100) are issued at once and are held behind it.
//   10 r/s  a server that accepts 10 requests per second (a window per second) and answers 429
//           `Retry-After: 1` beyond it; the same burst is issued at once.
// Reported per case (median over the reps): when the first and the last request resolved after the
// 429 (or after the burst started), the median, how many requests reached the server, how many got a
// 429, and the largest gap between what a `hold` event announced and what its request really waited.
// axios-retry (retrying 429 after its Retry-After) runs beside it as the peer without a hold.
import axios from 'axios';
import axiosRetry from 'axios-retry';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const smoke = process.argv.includes('--smoke');
const REPS = Number(arg('--reps', smoke ? 1 : 3));
const BURST = Number(arg('--burst', smoke ? 20 : 100));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const lib = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);

/** A loopback server whose behaviour is swapped per run; it counts what reached it. */
let behave = () => 200;
let reached = 0;
let refused = 0;
/** Held requests by URL: what their hold event announced and when; the server measures the real wait. */
const held = new Map();
let worstHoldGapMs = 0;
const server = http.createServer((req, res) => {
  reached++;
  const hold = held.get(req.url);
  if (hold) {
    held.delete(req.url);
    worstHoldGapMs = Math.max(worstHoldGapMs, Math.abs(performance.now() - hold.at - hold.announced));
  }
  const status = behave();
  if (status === 429) {
    refused++;
    res.writeHead(429, { 'Retry-After': '1' });
    return res.end();
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('{"ok":true}');
});
server.keepAliveTimeout = 10_000;
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

/** First request 429, every later one accepted. */
const openAfterOne = () => {
  let first = true;
  return () => (first ? ((first = false), 429) : 200);
};
/** At most `perSecond` requests per wall-clock second window; 429 beyond. */
const limited = (perSecond) => {
  let window = -1;
  let used = 0;
  return () => {
    const now = Math.floor(Date.now() / 1000);
    if (now !== window) {
      window = now;
      used = 0;
    }
    return ++used <= perSecond ? 200 : 429;
  };
};

function client(kind) {
  const api = axios.create({ baseURL: base });
  /** Resolves once the client has seen the first 429 and scheduled its retry (the hold is set then). */
  let sawThrottle;
  const throttleSeen = new Promise((resolve) => (sawThrottle = resolve));
  if (kind === 'ours') {
    lib.attachStatusPolicy(api, {
      rateLimit: { maxRetries: 10 },
      onEvent: (e) => {
        if (e.type === 'retry') sawThrottle();
        if (e.type === 'hold') held.set(e.config.url, { announced: e.waitMs, at: performance.now() });
      },
    });
  } else {
    axiosRetry(api, { retries: 10, retryCondition: (e) => e.response?.status === 429, onRetry: () => sawThrottle() });
  }
  return { api, throttleSeen };
}

async function run(kind, scenario) {
  const { api, throttleSeen } = client(kind);
  reached = 0;
  refused = 0;
  worstHoldGapMs = 0;
  held.clear();
  let t0;
  let times;
  if (scenario === 'open') {
    behave = openAfterOne();
    const first = api.get('/first').catch(() => undefined);
    // Wait until the client has taken the 429 in, so the burst meets the hold (ours) or goes out
    // while the first request waits (axios-retry).
    await throttleSeen;
    t0 = performance.now();
    [, times] = await Promise.all([first, burst(api)]);
  } else {
    behave = limited(10);
    // Start at the beginning of a second, so every run meets the same windows.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000)));
    t0 = performance.now();
    times = await burst(api);
  }
  const since = times.map((t) => t.at - t0).sort((a, b) => a - b);
  const failed = times.filter((t) => !t.ok).length;
  return { first: since[0], median: median(since), last: since[since.length - 1], reached, refused, failed, holdGap: worstHoldGapMs };
}

/** Issues the burst at once; resolves with when each request settled and whether it succeeded. */
function burst(api) {
  return Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      api.get(`/item/${i}`).then(
        () => ({ at: performance.now(), ok: true }),
        () => ({ at: performance.now(), ok: false }),
      ),
    ),
  );
}

const cases = [
  ['ours', 'open', `axios-status-policy: ${BURST} held behind one Retry-After: 1, then all accepted`],
  ['peer', 'open', `axios-retry (429 after Retry-After): the same ${BURST}`],
  ['ours', 'limited', `axios-status-policy: ${BURST} at once, server accepts 10 r/s`],
  ['peer', 'limited', `axios-retry (429 after Retry-After): the same ${BURST}`],
];
const results = cases.map(() => []);
for (let r = 0; r < REPS; r++) for (const [i, [kind, scenario]] of cases.entries()) results[i].push(await run(kind, scenario));
server.close();

const f = (n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const rows = cases.map(([kind, , label], i) => {
  const reps = results[i];
  const pick = (key) => median(reps.map((x) => x[key]));
  const gap = kind === 'ours' ? f(Math.max(...reps.map((x) => x.holdGap))) : 'no hold';
  return `| ${label} | ${f(pick('first'))} | ${f(pick('median'))} | ${f(pick('last'))} | ${f(pick('reached'))} | ${f(pick('refused'))} | ${f(pick('failed'))} | ${gap} |`;
});
console.log(
  [
    `A burst of ${BURST} concurrent GETs meeting a 429 on loopback (median of ${REPS} runs; times in ms after the client took the 429 in, or after the burst started for the 10 r/s server):`,
    '',
    '| case | first resolved | median | last resolved | requests the server saw | 429s | failed | hold event vs real wait (worst, ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n'),
);
