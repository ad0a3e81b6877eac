// What the victim tab of tabs-hostile-holds.test.ts loads: an instance on a tabsCoordinator with
// `rateLimit.maxRetryAfterMs: 1000`, and a count of the timers the page sets (a hold whose timer
// overflows re-arms every millisecond). Bundled by esbuild in harness.ts; never run by Node.
import axios from 'axios';
import * as lib from '../../src';
import { tabsCoordinator } from '../../src/tabs';

const counted = { timers: 0 };
const setTimer = window.setTimeout.bind(window);
window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
  counted.timers++;
  return setTimer(handler, ms, ...rest);
}) as typeof window.setTimeout;

const coordinator = tabsCoordinator({ name: 'hostile' });
const api = axios.create();
lib.attachStatusPolicy(api, { coordinator, rateLimit: { maxRetryAfterMs: 1000 } });

const sleep = (ms: number) => new Promise((resolve) => setTimer(resolve, ms));

/** Whether a hold from another tab has arrived, waiting up to `ms`. */
async function holding(ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; !coordinator.holding && Date.now() < end; ) await sleep(5);
  return coordinator.holding;
}

/** Timers the page set during `ms` of idling. */
async function timersDuring(ms: number): Promise<number> {
  const from = counted.timers;
  await sleep(ms);
  return counted.timers - from;
}

/** A GET to the page's origin, bounded by `boundMs`: its status and how long it took, or 'still held'. */
async function get(boundMs: number): Promise<{ status: number | 'still held'; ms: number }> {
  const started = Date.now();
  const status = await Promise.race([api.get('/api/items').then((r) => r.status, () => -1), sleep(boundMs).then(() => 'still held' as const)]);
  return { status, ms: Date.now() - started };
}

const victim = { holding, timersDuring, get };
export type VictimPage = typeof victim;
Object.assign(window, { victim });
