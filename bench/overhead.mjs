// Happy-path overhead: the same canned 200 through bare axios, axios + this plugin (every policy
// on) and axios + axios-retry + axios-auth-refresh. Rounds are interleaved (variant order rotates
// each round) so drift in machine load hits all variants alike; the figure is the median over
// rounds of each round's ratio to bare axios. `runOverheadInProcesses` repeats that in fresh
// processes and takes the median of each figure: one process's JIT luck moves a ratio by ±0.03×.
import axios from 'axios';
import axiosRetry from 'axios-retry';
import createAuthRefreshInterceptor from 'axios-auth-refresh';
import { ok200 } from './adapters.mjs';
import { median, medianOverProcesses, rotate } from './stats.mjs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

/** The four variants; `base` is each instance's config (by default the in-memory 200 adapter). */
export function makeVariants(axios, lib, features, base = { adapter: ok200 }) {
  const token = () => 'Bearer t0';
  const withToken = (api) => {
    // The usual app-side interceptor that stamps the current token: the same in every variant.
    api.interceptors.request.use((config) => {
      config.headers.Authorization = token();
      return config;
    });
    return api;
  };

  const bare = withToken(axios.create(base));

  const ours = withToken(axios.create(base));
  lib.attachStatusPolicy(ours, {
    retry: {},
    rateLimit: {},
    redirects: {},
    deleteNotFound: true,
    multiStatus: true,
    auth: { refresh: async () => 't1' },
    notModified: { cache: features.validatorCache },
  });

  const peer = withToken(axios.create(base));
  axiosRetry(peer, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
  createAuthRefreshInterceptor(peer, async () => undefined);

  // The floor for any interceptor-based plugin: one request and one response interceptor that do
  // nothing. What ours costs above this is our own code; below it is axios's promise chain.
  const noop = withToken(axios.create(base));
  noop.interceptors.request.use((config) => config);
  noop.interceptors.response.use(
    (response) => response,
    (error) => Promise.reject(error),
  );

  return { bare, ours, peer, noop };
}

async function loop(api, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await api.get('/items/1');
  return performance.now() - t0;
}

/** Returns `{ rounds, perRound, ours, peer, noop, usPerRequest }` (ratios are medians vs bare axios). */
export async function runOverhead(axios, lib, features, { rounds, perRound }) {
  const variants = makeVariants(axios, lib, features);
  const names = Object.keys(variants);
  for (const name of names) await loop(variants[name], Math.min(2000, perRound)); // warm-up / JIT
  const ratios = { ours: [], peer: [], noop: [] };
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const t = {};
    for (const name of rotate(names, r)) t[name] = await loop(variants[name], perRound);
    for (const name of names) times[name].push(t[name]);
    for (const name of Object.keys(ratios)) ratios[name].push(t[name] / t.bare);
  }
  const usPerRequest = Object.fromEntries(names.map((n) => [n, (median(times[n]) * 1000) / perRound]));
  return { rounds, perRound, ours: median(ratios.ours), peer: median(ratios.peer), noop: median(ratios.noop), usPerRequest };
}

/** `runOverhead` in `processes` fresh processes, each figure the median over them. */
export function runOverheadInProcesses(libUrl, features, { rounds, perRound, processes }) {
  const settings = JSON.stringify({ libUrl, features, rounds, perRound });
  return { ...medianOverProcesses(here, ['--child', settings], processes), rounds, perRound, processes };
}

if (process.argv[2] === '--child') {
  const { libUrl, features, rounds, perRound } = JSON.parse(process.argv[3]);
  const lib = await import(libUrl);
  console.log(JSON.stringify(await runOverhead(axios, lib, features, { rounds, perRound })));
}
