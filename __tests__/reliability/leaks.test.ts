import { runLeakProbe } from './run-probe';
import { LEAK_REQUESTS } from './settings';

// Leaks: LEAK_REQUESTS (settings.ts: 10 000 in npm test, 100 000 in test:reliability) requests with retries (and refreshes once auth is in),
// in-memory adapter, zero delays, in a child `node --expose-gc`; then GC. The heap figure is
// printed; the bound is generous (a leak of one small object per request would be ~5 MB+).
const REQUESTS = LEAK_REQUESTS;
const MAX_GROWTH_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = Math.max(240_000, REQUESTS * 4);

interface ProbeResult {
  requests: number;
  settled: number;
  /** How many requests a response interceptor registered after ours saw once, never, or more than once. */
  resultsSeen: { once: number; never: number; more: number };
  ok: number;
  failed: number;
  heapGrowthBytes: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  timersLeft: number;
  listenersLeft: number;
  detach: { requests: number; settled: number; timersWhileHeld: number; timersLeft: number; listenersLeft: number; outcomes: Record<string, number> };
}

let result: ProbeResult;

beforeAll(async () => {
  result = (await runLeakProbe({ LEAK_REQUESTS: String(REQUESTS), PROBE_AUTH: '1' }, TIMEOUT_MS)) as unknown as ProbeResult;
  console.log(
    `[reliability] leaks: ${result.requests} requests (${result.ok} ok, ${result.failed} failed), heap ${(result.heapBeforeBytes / 1048576).toFixed(2)} → ${(result.heapAfterBytes / 1048576).toFixed(2)} MB after GC (growth ${(result.heapGrowthBytes / 1024).toFixed(1)} KB); timers left ${result.timersLeft}, abort listeners left ${result.listenersLeft}; detach: ${JSON.stringify(result.detach)}`,
  );
}, TIMEOUT_MS + 10_000);

it('every request settles exactly once', () => {
  expect(result.settled).toBe(REQUESTS);
  expect(result.ok + result.failed).toBe(REQUESTS);
  // Seen from an interceptor registered after ours: one result per logical request, never one per
  // attempt (the re-send's own chain is left pending) and never none.
  expect(result.resultsSeen).toEqual({ once: REQUESTS, never: 0, more: 0 });
});

it('heap growth after GC is bounded', () => {
  expect(result.heapGrowthBytes).toBeLessThan(MAX_GROWTH_BYTES);
});

it('no pending timers and no abort listeners are left behind', () => {
  expect(result.timersLeft).toBe(0);
  expect(result.listenersLeft).toBe(0);
});

it('detach() mid-flight settles every held or backing-off request and leaves nothing behind', () => {
  expect(result.detach.timersWhileHeld).toBeGreaterThan(0); // the waits were really pending
  expect(result.detach.settled).toBe(result.detach.requests);
  expect(result.detach.outcomes['TIMED OUT']).toBeUndefined();
  expect(result.detach.timersLeft).toBe(0);
  expect(result.detach.listenersLeft).toBe(0);
});
