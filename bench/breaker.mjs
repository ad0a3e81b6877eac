// `npm run build && node bench/breaker.mjs [--smoke]`: an origin that fails every request for a
// while under steady load, then recovers. A client sends GETs at a steady rate (200 a second) to a
// loopback origin that answers 200, then 500 to everything for the outage (10 s), then 200 again.
// Three clients: ours with retry (budget on, the default) and the circuit breaker; ours with retry
// and the budget alone; cockatiel's `circuitBreaker(handleAll, { halfOpenAfter, breaker: new
// SamplingBreaker(…) })` wrapped around plain axios, with the same threshold, window and open time.
// The figures: requests that reached the origin during the outage and, of those, how many came
// after the breaker first opened (with ours they should be only probes); how long after the origin
// recovered traffic got back to normal (every request sent from then on succeeds), against openMs;
// the median and p99 latency of requests before, during and after. `--smoke` scales it down (CI).
import axios from 'axios';
import { SamplingBreaker, circuitBreaker as cockatielBreaker, handleAll } from 'cockatiel';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { attachStatusPolicy } from '../dist/index.js';

const smoke = process.argv.includes('--smoke');
/** Full: 2 s healthy, 10 s outage, then openMs + 3 s; smoke: the same shape, scaled down. */
const PLAN = smoke
  ? { rate: 100, healthyMs: 500, outageMs: 2000, afterMs: 1500, openMs: 1000, windowMs: 2000, minRequests: 10 }
  : { rate: 200, healthyMs: 2000, outageMs: 10_000, afterMs: 8000, openMs: 5000, windowMs: 10_000, minRequests: 10 };
const RATIO = 0.5;

async function origin() {
  /** Every request received: when it arrived, and when the client sent it (`x-sent`, performance.now()). */
  const hits = [];
  let failing = false;
  const server = http.createServer((req, res) => {
    hits.push({ at: performance.now(), sent: Number(req.headers['x-sent']) });
    req.resume();
    res.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' });
    res.end(failing ? '{"message":"down"}' : '{"ok":true}');
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    hits,
    fail: (on) => (failing = on),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

const pct = (values, p) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Stamps every attempt (retries go through the interceptors again) with when it was sent. */
const stamped = (api) => {
  api.interceptors.request.use((config) => {
    config.headers.set('x-sent', String(performance.now()));
    return config;
  });
  return api;
};

/** One client under the plan: `make(url)` returns `{ get(path), opened() }` (when its breaker first opened). */
async function runClient(make) {
  const server = await origin();
  const client = make(server.url);
  // Warm up (JIT, sockets) on a healthy origin, counted nowhere; each client gets a fresh origin.
  for (let i = 0; i < 50; i++) await client.get('/warm-up');
  server.hits.length = 0;
  const calls = [];
  const t0 = performance.now();
  const outageAt = t0 + PLAN.healthyMs;
  const recoveredAt = outageAt + PLAN.outageMs;
  const endAt = recoveredAt + PLAN.afterMs;
  const interval = 1000 / PLAN.rate;
  const pending = [];
  let phaseFailing = false;
  // Open loop: the rate does not slow down when answers do, as real traffic does not.
  for (let i = 0; ; i++) {
    const due = t0 + i * interval;
    if (due >= endAt) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const now = performance.now();
    if (!phaseFailing && now >= outageAt && now < recoveredAt) server.fail((phaseFailing = true));
    if (phaseFailing && now >= recoveredAt) server.fail((phaseFailing = false));
    const call = { at: now, ms: 0, ok: false };
    calls.push(call);
    pending.push(
      client.get(`/item/${i}`).then(
        () => ((call.ok = true), (call.ms = performance.now() - call.at)),
        () => (call.ms = performance.now() - call.at),
      ),
    );
  }
  await Promise.all(pending);
  await server.close();
  const opened = client.opened();
  const during = server.hits.filter((h) => h.at >= outageAt && h.at < recoveredAt);
  // Back to normal: from the first request sent after recovery after which every request succeeded.
  const after = calls.filter((c) => c.at >= recoveredAt);
  const lastBad = after.filter((c) => !c.ok).at(-1);
  const normalMs = lastBad ? lastBad.at - recoveredAt : 0;
  const latency = (list) => ({ p50: pct(list.map((c) => c.ms), 50), p99: pct(list.map((c) => c.ms), 99) });
  return {
    calls: calls.length,
    outageHits: during.length,
    // Sent after it opened: those already on their way when it opened are not its to stop.
    hitsWhileOpen: opened === undefined ? undefined : during.filter((h) => h.sent > opened).length,
    probes: client.probes(),
    normalMs,
    failedCalls: calls.filter((c) => !c.ok).length,
    before: latency(calls.filter((c) => c.at < outageAt)),
    outage: latency(calls.filter((c) => c.at >= outageAt && c.at < recoveredAt)),
    normal: latency(after.filter((c) => !lastBad || c.at > lastBad.at)),
  };
}

function ours(breaker) {
  return (url) => {
    const api = stamped(axios.create({ baseURL: url }));
    let opened;
    let probes = 0;
    attachStatusPolicy(api, {
      ...(breaker && { circuitBreaker: { failureRatio: RATIO, minRequests: PLAN.minRequests, windowMs: PLAN.windowMs, openMs: PLAN.openMs } }),
      onEvent(e) {
        if (e.type !== 'circuit') return;
        if (e.state === 'open') opened ??= performance.now();
        if (e.state === 'half-open') probes++;
      },
    });
    return { get: (path) => api.get(path), opened: () => opened, probes: () => (breaker ? probes : undefined) };
  };
}

function cockatiel(url) {
  const api = stamped(axios.create({ baseURL: url }));
  // minimumRps: minRequests over the window, as cockatiel counts a rate, not a number.
  const policy = cockatielBreaker(handleAll, {
    halfOpenAfter: PLAN.openMs,
    breaker: new SamplingBreaker({ threshold: RATIO, duration: PLAN.windowMs, minimumRps: PLAN.minRequests / (PLAN.windowMs / 1000) }),
  });
  let opened;
  let probes = 0;
  policy.onBreak(() => (opened ??= performance.now()));
  policy.onHalfOpen(() => probes++);
  return { get: (path) => policy.execute(() => api.get(path)), opened: () => opened, probes: () => probes };
}

const CLIENTS = {
  'axios-status-policy: retry + budget + `circuitBreaker`': ours(true),
  'axios-status-policy: retry + budget alone': ours(false),
  'cockatiel `circuitBreaker(handleAll, SamplingBreaker)` around axios': cockatiel,
};

export async function runBreaker() {
  const rows = [];
  for (const [name, make] of Object.entries(CLIENTS)) rows.push({ name, ...(await runClient(make)) });
  return { plan: PLAN, rows };
}

const ms = (n) => (n === undefined || Number.isNaN(n) ? '—' : `${Math.round(n)}`);

export function breakerTable({ plan, rows }) {
  const lines = [
    `${plan.rate} GETs a second; the origin answers 500 to everything for ${plan.outageMs / 1000} s, then 200. ` +
      `Breakers: failure ratio ${RATIO}, ${plan.minRequests} requests in ${plan.windowMs / 1000} s, open ${plan.openMs / 1000} s. ` +
      'Latencies in ms (p50 / p99).',
    '',
    '| client | calls | origin hits during the outage | of them after the breaker opened | probes (half-open) | back to normal after recovery (ms) | before | during the outage | back to normal |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.calls} | ${r.outageHits} | ${r.hitsWhileOpen ?? '—'} | ${r.probes ?? '—'} | ${ms(r.normalMs)} (openMs ${plan.openMs}) | ` +
        `${ms(r.before.p50)} / ${ms(r.before.p99)} | ${ms(r.outage.p50)} / ${ms(r.outage.p99)} | ${ms(r.normal.p50)} / ${ms(r.normal.p99)} |`,
    ),
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runBreaker();
  console.log(breakerTable(result));
  // A smoke run must still show the breaker working: only probes after it opened, back within openMs.
  const [breaker] = result.rows;
  // "Within one openMs": the circuit may have reopened just before the recovery, then the probe's round trip.
  if (breaker.hitsWhileOpen === undefined || breaker.hitsWhileOpen > breaker.probes || breaker.normalMs > PLAN.openMs + 100) {
    console.error(`breaker bench: unexpected figures ${JSON.stringify(breaker)}`);
    process.exit(1);
  }
}
