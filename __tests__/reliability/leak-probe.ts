// Run by leaks.test.ts as a child process:
//   bundled by esbuild to a temp .cjs (axios external), then node --expose-gc <that file>
// Sends LEAK_REQUESTS (set by leaks.test.ts; 100 000 when run by hand) requests with retries through an in-memory adapter with
// zero delays, then measures heap growth after GC, timers still pending and abort listeners left
// on the requests' signals; then detaches an instance mid-flight and checks the same. Prints one
// JSON line.
import axios, { AxiosError } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { getEventListeners } from 'node:events';
import { attachStatusPolicy } from '../../src';

const N = Number(process.env.LEAK_REQUESTS ?? 100_000);
/** Set by the test when the auth policy is in the tree (the bundle cannot look at src/ itself). */
const features = { auth: process.env.PROBE_AUTH === '1' };
const CONCURRENCY = 100;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const tick = () => new Promise((resolve) => setImmediate(resolve));
async function collect(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await tick();
  }
  return process.memoryUsage().heapUsed;
}
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

let token = 't0';
/** Odd calls fail in turn with 500, 429 (Retry-After: 0), 503, a dropped connection; even calls succeed. */
let call = 0;
function adapter(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  const n = call++;
  const response = (status: number, headers: Record<string, string> = {}): AxiosResponse => ({ data: '{}', status, statusText: '', headers, config, request: {} });
  const reject = (status: number, headers?: Record<string, string>) =>
    Promise.reject(new AxiosError('failed', AxiosError.ERR_BAD_RESPONSE, config, {}, response(status, headers)));
  if (features.auth && config.headers.Authorization !== `Bearer ${token}`) return reject(401);
  if (n % 2 === 0) {
    switch ((n >> 1) % 4) {
      case 0:
        return reject(500);
      case 1:
        return reject(429, { 'retry-after': '0' });
      case 2:
        return reject(503, { 'retry-after': '0' });
      default:
        return Promise.reject(new AxiosError('socket hang up', 'ECONNRESET', config, {}));
    }
  }
  return Promise.resolve(response(200));
}

async function run(): Promise<void> {
  const api = axios.create({ adapter, headers: { Authorization: 'Bearer t0' } });
  const handle = attachStatusPolicy(api, {
    retry: { baseDelayMs: 0 },
    rateLimit: { baseDelayMs: 0 },
    ...(features.auth ? { auth: { refresh: () => (token = `t${Number(token.slice(1)) + 1}`) } } : {}),
  });
  // What a response interceptor registered after ours sees, per request (`/item/<i>`): exactly one
  // result per logical request, whatever its retries and refreshes. A re-send whose nested chain
  // went on (instead of handing its answer to the run) would show here as two or more; a request
  // that never settled, as none. Counted in one array made before the heap is measured.
  const resultsSeen = new Uint8Array(2000 + N);
  const seen = (config: { url?: string } | undefined): void => {
    const i = Number(config?.url?.slice('/item/'.length));
    if (Number.isInteger(i) && resultsSeen[i]! < 255) resultsSeen[i]!++;
  };
  api.interceptors.response.use(
    (response) => (seen(response.config), response),
    (error: { config?: { url?: string } }) => {
      seen(error.config);
      throw error;
    },
  );
  const sampled: AbortSignal[] = [];
  const tally = { ok: 0, failed: 0, settled: 0 };
  const one = (i: number) => {
    const controller = new AbortController();
    if (i % 1000 === 0) sampled.push(controller.signal);
    return api.get(`/item/${i}`, { signal: controller.signal }).then(
      () => void tally.ok++,
      () => void tally.failed++,
    ).finally(() => void tally.settled++);
  };
  const batch = async (from: number, to: number) => {
    for (let i = from; i < to; i += CONCURRENCY) {
      if (features.auth && i % 5000 === 0) token = `t${Number(token.slice(1)) + 1}`; // an expiry
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, to - i) }, (_, k) => one(i + k)));
    }
  };

  const timersAtStart = timers();
  await batch(0, 2000); // warm-up: JIT, axios internals, lazily made objects
  const heapBefore = await collect();
  Object.assign(tally, { ok: 0, failed: 0, settled: 0 });
  await batch(2000, 2000 + N);
  const heapAfter = await collect();
  handle.detach();

  const timersLeft = timers() - timersAtStart;
  const listenersLeft = sampled.reduce((sum, s) => sum + getEventListeners(s, 'abort').length, 0);

  // detach() mid-flight: a 429 holds the origin for 30 s and a 500 waits a 30 s backoff; with
  // requests waiting in both, detach must settle them all and leave no timer or listener.
  const held = axios.create({
    adapter: (config) => {
      const status = config.url === '/5xx' ? 500 : 429;
      const response: AxiosResponse = { data: '', status, statusText: '', headers: { 'retry-after': '30' }, config, request: {} };
      return Promise.reject(new AxiosError('failed', AxiosError.ERR_BAD_RESPONSE, config, {}, response));
    },
  });
  const heldHandle = attachStatusPolicy(held, { retry: { baseDelayMs: 30_000 } });
  const signals: AbortSignal[] = [];
  const pending = Array.from({ length: 200 }, (_, i) => {
    const c = new AbortController();
    signals.push(c.signal);
    return held.get(i % 2 ? '/429' : '/5xx', { signal: c.signal }).then(
      () => 'resolved',
      (e: { statusPolicy?: { reason?: string } }) => e.statusPolicy?.reason ?? 'rejected',
    );
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Sent while the origin is held: these wait in beforeRequest, not in a retry.
  for (let i = 0; i < 50; i++) {
    const c = new AbortController();
    signals.push(c.signal);
    pending.push(held.get('/late', { signal: c.signal }).then(() => 'resolved', (e: { statusPolicy?: { reason?: string } }) => e.statusPolicy?.reason ?? 'rejected'));
  }
  await tick();
  const timersWhileHeld = timers();
  heldHandle.detach();
  let guard: ReturnType<typeof setTimeout> | undefined;
  const detachOutcomes = await Promise.race([
    Promise.all(pending),
    new Promise<string[]>((resolve) => (guard = setTimeout(() => resolve(['TIMED OUT']), 5000))),
  ]);
  clearTimeout(guard);
  await tick();

  const measured = resultsSeen.subarray(2000);
  const out = {
    requests: N,
    settled: tally.settled,
    resultsSeen: { once: measured.filter((n) => n === 1).length, never: measured.filter((n) => n === 0).length, more: measured.filter((n) => n > 1).length },
    ok: tally.ok,
    failed: tally.failed,
    heapBeforeBytes: heapBefore,
    heapAfterBytes: heapAfter,
    heapGrowthBytes: heapAfter - heapBefore,
    timersLeft,
    listenersLeft,
    auth: features.auth,
    detach: {
      requests: pending.length,
      settled: detachOutcomes.length,
      timersWhileHeld: timersWhileHeld - timersAtStart,
      timersLeft: timers() - timersAtStart,
      listenersLeft: signals.reduce((sum, s) => sum + getEventListeners(s, 'abort').length, 0),
      outcomes: detachOutcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {}),
    },
  };
  console.log(JSON.stringify(out));
}

void run();
