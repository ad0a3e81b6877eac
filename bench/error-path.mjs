// Error-path cost: the CPU the plugin spends deciding and re-sending one retry, with every wait
// zero (Retry-After: 0, baseDelayMs 0), so only work is measured, never sleeping. Figures are
// process CPU (user+system) per logical request. "Naive" is the least any retry can cost: a
// response interceptor that re-sends every failure once without deciding anything; "extra" is a
// variant minus naive, i.e. the price of deciding. Variants are measured in interleaved reps.
import axiosRetry from 'axios-retry';
import createAuthRefreshInterceptor from 'axios-auth-refresh';
import { failThenOk, tokenServer } from './adapters.mjs';
import { measure, median, rotate } from './stats.mjs';

const burstOf = (n, fn) => Promise.all(Array.from({ length: n }, fn));

async function cpuPerCall(fn, n) {
  const { cpuUs } = await measure(async () => {
    for (let i = 0; i < n; i++) await fn();
  });
  return cpuUs / n;
}

/** Median CPU µs per call for each variant over `reps` interleaved runs of `n` sequential calls. */
async function compare(variants, n, reps) {
  const names = Object.keys(variants);
  for (const name of names) await cpuPerCall(variants[name], Math.min(n, 300)); // warm-up
  const per = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < reps; r++) for (const name of rotate(names, r)) per[name].push(await cpuPerCall(variants[name], n));
  return Object.fromEntries(names.map((k) => [k, median(per[k])]));
}

const naiveResend = (api) => {
  api.interceptors.response.use(undefined, (error) => {
    if (error.config?.naiveRetried) throw error;
    return api.request({ ...error.config, naiveRetried: true });
  });
  return api;
};

function retryCase(axios, lib, status, headers) {
  const make = () => axios.create({ adapter: failThenOk(axios, status, headers) });
  const ours = make();
  // Every request here fails once: far past the retry budget's 20 % (it would refuse most retries,
  // as it should in an outage). What is measured is the price of deciding a retry, so it is off.
  lib.attachStatusPolicy(ours, { retry: { baseDelayMs: 0, budget: false }, rateLimit: { baseDelayMs: 0 } });
  const peer = make();
  axiosRetry(peer, {
    retries: 3,
    retryDelay: () => 0,
    retryCondition: (e) => axiosRetry.isNetworkOrIdempotentRequestError(e) || e.response?.status === 429,
  });
  const naive = naiveResend(make());
  return { ours: () => ours.get('/x'), peer: () => peer.get('/x'), naive: () => naive.get('/x') };
}

function burstCase(axios, lib, burst) {
  // The documented pattern of all three: the app keeps its token in a store and a request
  // interceptor stamps it; the refresh updates the store; repeats go through the interceptor again.
  const make = (attach) => {
    const server = tokenServer(axios);
    const store = { token: server.current() };
    const api = axios.create({ adapter: server.adapter });
    api.interceptors.request.use((config) => {
      config.headers.Authorization = `Bearer ${store.token}`;
      return config;
    });
    const refresh = () => {
      store.token = server.current();
    };
    attach(api, refresh);
    return () => {
      server.rotate(); // every token now stale: the whole burst gets a 401
      return burstOf(burst, () => api.get('/x'));
    };
  };
  const ours = make((api, refresh) => lib.attachStatusPolicy(api, { auth: { refresh } }));
  // With its default deduplicateRefresh: true, axios-auth-refresh rejects every 401 that arrives
  // while its refresh is in flight (4 of a burst of 5 here); off, the burst succeeds, one refresh.
  const peer = make((api, refresh) => createAuthRefreshInterceptor(api, async () => refresh(), { deduplicateRefresh: false }));
  const naive = make((api, refresh) =>
    api.interceptors.response.use(undefined, (error) => {
      if (error.config?.naiveRetried) throw error;
      refresh();
      return api.request({ ...error.config, naiveRetried: true });
    }),
  );
  return { ours, peer, naive };
}

async function row(name, c, n, reps) {
  const m = await compare(c, n, reps);
  return { name, oursUs: m.ours, peerUs: m.peer, naiveUs: m.naive, oursExtraUs: m.ours - m.naive, peerExtraUs: m.peer - m.naive };
}

/** Rows of `{ name, oursUs, peerUs, naiveUs, oursExtraUs, peerExtraUs }` (CPU µs per logical request or burst). */
export async function runErrorPath(axios, lib, features, { n, reps, burst }) {
  const rows = [];
  rows.push(await row('5xx (500 then 200)', retryCase(axios, lib, 500, {}), n, reps));
  rows.push(await row('429 Retry-After: 0 then 200', retryCase(axios, lib, 429, { 'retry-after': '0' }), n, reps));
  if (features.auth) rows.push(await row(`401 burst of ${burst} (one refresh), per burst`, burstCase(axios, lib, burst), Math.max(10, Math.round(n / burst)), reps));
  return rows;
}
