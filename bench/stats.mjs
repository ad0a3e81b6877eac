// Small numeric helpers shared by the bench sections.
import { execFileSync } from 'node:child_process';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs `fn` and returns { wallMs, cpuUs }: wall time and user+system CPU of this process. */
export async function measure(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuUs: c.user + c.system };
}

/** Rotates `items` by `k`, so interleaved rounds do not always run the same variant first. */
export const rotate = (items, k) => items.map((_, i) => items[(i + k) % items.length]);

export const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/**
 * Runs `node script ...args` in `processes` fresh processes, one after another, each printing one
 * JSON object; returns each of its numbers (and each number of an object in it) as the median
 * over the processes.
 */
export function medianOverProcesses(script, args, processes) {
  const runs = [];
  for (let i = 0; i < processes; i++) runs.push(JSON.parse(execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' })));
  const merged = {};
  for (const [key, value] of Object.entries(runs[0])) {
    merged[key] =
      typeof value === 'number'
        ? median(runs.map((r) => r[key]))
        : Object.fromEntries(Object.keys(value).map((name) => [name, median(runs.map((r) => r[key][name]))]));
  }
  return merged;
}
