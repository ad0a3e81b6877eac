// How long the reliability campaigns run. `npm test` runs every file here at the short setting
// (a smoke of each campaign, seconds); `npm run test:reliability` at the long one (what CI
// measures); `npm run soak` at the full length. RELIABILITY_CAMPAIGN picks the setting
// (scripts/reliability.sh sets it); each knob can still be set on its own from the environment.

export type Campaign = 'short' | 'long' | 'soak';

const CAMPAIGNS: Record<Campaign, { load: number; leakRequests: number; fuzzScale: number }> = {
  short: { load: 200, leakRequests: 10_000, fuzzScale: 0.1 },
  long: { load: 1000, leakRequests: 100_000, fuzzScale: 1 },
  soak: { load: 10_000, leakRequests: 1_000_000, fuzzScale: 10 },
};

function campaignFromEnv(): Campaign {
  const name = process.env.RELIABILITY_CAMPAIGN ?? 'short';
  if (name === 'short' || name === 'long' || name === 'soak') return name;
  throw new Error(`RELIABILITY_CAMPAIGN must be short, long or soak, got ${name}`);
}

function knob(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

export const CAMPAIGN = campaignFromEnv();
const defaults = CAMPAIGNS[CAMPAIGN];

/** Concurrent requests in the load test (RELIABILITY_LOAD). */
export const LOAD = knob('RELIABILITY_LOAD', defaults.load);
/** Requests in the leak probe (LEAK_REQUESTS). */
export const LEAK_REQUESTS = knob('LEAK_REQUESTS', defaults.leakRequests);
/** Multiplier on the fuzz case counts (FUZZ_SCALE). */
export const FUZZ_SCALE = knob('FUZZ_SCALE', defaults.fuzzScale);
