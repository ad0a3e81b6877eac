// Small numeric helpers shared by the bench sections.

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
