// `npm run bench:hotpath [-- --base <dist dir>] [--rounds N] [--per N]`: the happy path only, with
// more rounds than `npm run bench`. Times a canned 200 GET through bare axios, a no-op interceptor
// pair, every policy on, and every policy on but one (the per-policy share), interleaved (the
// order rotates each round), medians. With `--base` (e.g. a build of main copied to .tmp/base-dist)
// the same rows run for that build too, in the same rounds, so before/after come from one run.
import axios from 'axios';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ok200 } from './adapters.mjs';
import { median, rotate } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rounds = +arg('--rounds', 21);
const per = +arg('--per', 2000);
const builds = { new: '../dist/index.js' };
const base = arg('--base');
if (base) builds.old = pathToFileURL(path.resolve(base, 'index.js')).href;

const refresh = async () => 't1';
const all = { auth: { refresh }, notModified: { cache: true } };
const OFF = ['redirects', 'auth', 'notModified', 'rateLimit', 'retry'];

const apis = { bare: axios.create({ adapter: ok200 }) };
const noop = (apis.noop = axios.create({ adapter: ok200 }));
noop.interceptors.request.use((config) => config);
noop.interceptors.response.use((r) => r, (e) => Promise.reject(e));
for (const [tag, spec] of Object.entries(builds)) {
  const lib = await import(spec);
  for (const off of ['', ...OFF]) {
    const api = axios.create({ adapter: ok200 });
    lib.attachStatusPolicy(api, off ? { ...all, [off]: false } : all);
    apis[`${tag}:${off || 'all'}`] = api;
  }
}

async function loop(api, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await api.get('/items/1');
  return ((performance.now() - t0) * 1000) / n;
}

const names = Object.keys(apis);
for (const name of names) await loop(apis[name], 2000);
const times = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < rounds; r++) for (const name of rotate(names, r)) times[name].push(await loop(apis[name], per));
const us = Object.fromEntries(names.map((n) => [n, median(times[n])]));
// Ratios per round, then the median, as bench/overhead.mjs does.
const ratio = (name) => median(times[name].map((t, i) => t / times.bare[i]));

const f = (n) => n.toFixed(2);
console.log(`${rounds} rounds × ${per} requests, median µs/request`);
console.log(`bare ${f(us.bare)}  noop pair ${f(us.noop)} (${ratio('noop').toFixed(3)}×)`);
for (const tag of Object.keys(builds)) {
  const a = `${tag}:all`;
  const shares = OFF.map((p) => `${p} ${f(us[a] - us[`${tag}:${p}`])}`).join(', ');
  console.log(`${tag}: all ${f(us[a])} µs (${ratio(a).toFixed(3)}×); per policy: ${shares}`);
}
