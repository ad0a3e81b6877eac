// Error-path cost: the CPU the plugin spends deciding and re-sending one retry, with every wait
// zero (Retry-After: 0, baseDelayMs 0), so only work is measured, never sleeping. Figures are
// process CPU (user+system) per logical request, minus what bare axios spends on the same two
// adapter round trips; the peers are measured the same way for comparison.
import axiosRetry from 'axios-retry';
import createAuthRefreshInterceptor from 'axios-auth-refresh';
import { failThenOk, tokenServer } from './adapters.mjs';
import { measure, median } from './stats.mjs';

const swallow = (p) => p.catch(() => undefined);

async function sequential(fn, n) {
  return measure(async () => {
    for (let i = 0; i < n; i++) await fn();
  });
}

/** Median CPU µs per call of `fn` over `reps` runs of `n` sequential calls. */
async function cpuPerCall(fn, n, reps) {
  await sequential(fn, Math.min(n, 500)); // warm-up
  const per = [];
  for (let r = 0; r < reps; r++) per.push((await sequential(fn, n)).cpuUs / n);
  return median(per);
}

function retryCase(axios, lib, status, headers) {
  const ours = axios.create({ adapter: failThenOk(axios, status, headers) });
  lib.attachStatusPolicy(ours, { retry: { baseDelayMs: 0 }, rateLimit: { baseDelayMs: 0 } });
  const peer = axios.create({ adapter: failThenOk(axios, status, headers) });
  axiosRetry(peer, {
    retries: 3,
    retryDelay: () => 0,
    retryCondition: (e) => axiosRetry.isNetworkOrIdempotentRequestError(e) || e.response?.status === 429,
  });
  const bare = axios.create({ adapter: failThenOk(axios, status, headers) });
  return {
    ours: () => ours.get('/x'),
    peer: () => peer.get('/x'),
    // The floor: the failed attempt and the successful one, with nothing deciding in between.
    bare: async () => {
      await swallow(bare.get('/x'));
      await bare.get('/x');
    },
  };
}

function burstCase(axios, lib, burst) {
  const make = (attach) => {
    const server = tokenServer(axios);
    const api = axios.create({ adapter: server.adapter, headers: { Authorization: 'Bearer t0' } });
    attach(api, server);
    return async () => {
      server.rotate(); // every token now stale: the whole burst gets a 401
      await Promise.all(Array.from({ length: burst }, () => api.get('/x')));
    };
  };
  const ours = make((api, server) =>
    lib.attachStatusPolicy(api, { auth: { refresh: () => server.current() } }),
  );
  const peer = make((api, server) =>
    createAuthRefreshInterceptor(api, async (failed) => {
      failed.response.config.headers.Authorization = `Bearer ${server.current()}`;
    }),
  );
  const server = tokenServer(axios);
  const bareApi = axios.create({ adapter: server.adapter });
  const bare = async () => {
    server.rotate();
    await Promise.all(Array.from({ length: burst }, () => swallow(bareApi.get('/x'))));
    const headers = { Authorization: `Bearer ${server.current()}` };
    await Promise.all(Array.from({ length: burst }, () => bareApi.get('/x', { headers })));
  };
  return { ours, peer, bare };
}

async function row(name, target, c, n, reps) {
  const ours = await cpuPerCall(c.ours, n, reps);
  const peer = await cpuPerCall(c.peer, n, reps);
  const bare = await cpuPerCall(c.bare, n, reps);
  return { name, target, oursUs: ours, peerUs: peer, bareUs: bare, oursExtraUs: ours - bare, peerExtraUs: peer - bare };
}

/** Rows of `{ name, oursUs, peerUs, bareUs, oursExtraUs, peerExtraUs }` (CPU µs per logical request). */
export async function runErrorPath(axios, lib, features, { n, reps, burst }) {
  const rows = [];
  rows.push(await row('5xx (500 then 200)', 'report', retryCase(axios, lib, 500, {}), n, reps));
  rows.push(await row('429 Retry-After: 0 then 200', 'report', retryCase(axios, lib, 429, { 'retry-after': '0' }), n, reps));
  if (features.auth) {
    rows.push(await row(`401 burst of ${burst} (one refresh)`, 'report', burstCase(axios, lib, burst), Math.max(10, n / burst), reps));
  }
  return rows;
}
