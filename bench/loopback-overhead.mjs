// `node bench/loopback-overhead.mjs [--smoke]` (after `npm run build`): happy-path overhead over a
// real HTTP round trip. The same four variants as bench/overhead.mjs (bare axios; every policy on;
// axios-retry + axios-auth-refresh; a no-op interceptor pair), each with the http adapter and one
// shared keep-alive socket, GET a small JSON 200 from a loopback server one after another.
// Each measurement is a fresh process running its own server and the four clients: a round trip
// then waits on no other process's scheduling (on a loaded machine that wait is milliseconds and
// drowns the figure). Each process runs interleaved rounds (variant order rotating each round). A ratio is the median over
// rounds of each round's time to bare axios'; each figure is the median over the processes.
// Issue 20 target: ours ≤ 1.02× of bare axios. Prints a markdown table. (The child flag is not
// `--child`: importing overhead.mjs would then run its own child.)
import axios from 'axios';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { detectFeatures } from './features.mjs';
import { makeVariants } from './overhead.mjs';
import { fmt, median, medianOverProcesses, rotate } from './stats.mjs';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');
export const TARGET = 1.02;

/** `n` sequential GETs: wall ms, and CPU ms of this process (client and server) for them. */
async function loop(api, n) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await api.get('/items/1');
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** A loopback server answering every request with a small JSON 200; resolves its base URL and close(). */
async function startServer() {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '11' });
    res.end('{"ok":true}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseURL: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** In a child: its own server, every variant against it, interleaved; returns ratios and µs per request. */
async function child({ libUrl, rounds, perRound }) {
  const lib = await import(libUrl);
  const features = await detectFeatures(axios, lib);
  const server = await startServer();
  // One keep-alive socket shared by every variant (they take turns): none pays a new connection after warm-up.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const variants = makeVariants(axios, lib, features, { baseURL: server.baseURL, httpAgent: agent, adapter: 'http' });
  const names = Object.keys(variants);
  for (const name of names) await loop(variants[name], Math.min(500, perRound)); // warm-up / JIT
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const ratios = { ours: [], peer: [], noop: [] };
  const cpuRatios = { ours: [], peer: [], noop: [] };
  for (let r = 0; r < rounds; r++) {
    const t = {};
    for (const name of rotate(names, r)) t[name] = await loop(variants[name], perRound);
    for (const name of names) times[name].push(t[name].wall);
    for (const name of Object.keys(ratios)) {
      ratios[name].push(t[name].wall / t.bare.wall);
      cpuRatios[name].push(t[name].cpu / t.bare.cpu);
    }
  }
  agent.destroy();
  server.close();
  return {
    ...Object.fromEntries(Object.entries(ratios).map(([n, xs]) => [n, median(xs)])),
    cpu: Object.fromEntries(Object.entries(cpuRatios).map(([n, xs]) => [n, median(xs)])),
    usPerRequest: Object.fromEntries(names.map((n) => [n, (median(times[n]) * 1000) / perRound])),
  };
}

/** `child` in `processes` fresh processes, one after another; each figure the median over them. */
export function runLoopbackOverhead({ libUrl, rounds, perRound, processes }) {
  const settings = JSON.stringify({ libUrl, rounds, perRound });
  return { ...medianOverProcesses(here, ['--loopback-child', settings], processes), rounds, perRound, processes };
}

export function loopbackTable(o) {
  const row = (name, key, target) => {
    const ratio = key === 'bare' ? '1.00×' : `${fmt(o[key], 3)}×`;
    const cpu = key === 'bare' ? '1.00×' : `${fmt(o.cpu[key], 3)}×`;
    return `| ${name} | ${fmt(o.usPerRequest[key], 1)} µs | ${ratio} | ${cpu} | ${target} |`;
  };
  return [
    `${o.processes} fresh processes, each with its own loopback server, × ${o.rounds} interleaved rounds of ${o.perRound} sequential GETs per variant (order rotating each round). The target is on wall time; CPU time (client and server, this process) is beside it, steadier on a loaded machine.`,
    '',
    '| variant | median wall time / request | ratio to bare axios | CPU ratio | target |',
    '|---|---:|---:|---:|---|',
    row('bare axios (http adapter, keep-alive)', 'bare', ''),
    row('axios + axios-status-policy (every rule on)', 'ours', `≤ ${TARGET}× — ${o.ours <= TARGET ? '✅ met' : '❌ not met'}`),
    row('axios + axios-retry + axios-auth-refresh', 'peer', 'reference'),
    row('axios + one no-op request and response interceptor', 'noop', 'floor of any interceptor plugin'),
  ].join('\n');
}

if (process.argv[2] === '--loopback-child') {
  console.log(JSON.stringify(await child(JSON.parse(process.argv[3]))));
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const smoke = process.argv.includes('--smoke');
  const libUrl = pathToFileURL(path.join(root, 'dist/index.js')).href;
  const o = runLoopbackOverhead({ libUrl, ...(smoke ? { rounds: 2, perRound: 100, processes: 1 } : { rounds: 10, perRound: 200, processes: 5 }) });
  console.log(loopbackTable(o));
}
