// `npm run bench:hotpath [-- --base <dist dir>] [--reps N] [--rounds N] [--per N]`: the happy path
// only, for work on it. Each variant (a no-op interceptor pair; every policy on; every policy on
// but one, whose difference is that policy's share) runs in a process of its own, against bare
// axios in the same process, interleaved, so no variant's JIT state or garbage leaks into another's
// figure; the processes of all variants take turns (`--reps` each) and the medians are reported.
// With `--base` (e.g. main built and copied to .tmp/base-dist) the same rows run for that build
// too, in the same turns, so before and after come from one run.
import axios from 'axios';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ok200 } from './adapters.mjs';
import { median } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const here = fileURLToPath(import.meta.url);
const OFF = ['redirects', 'auth', 'notModified', 'rateLimit', 'retry'];

async function loop(api, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await api.get('/items/1');
  return ((performance.now() - t0) * 1000) / n;
}

/** In a child: bare axios and one variant, interleaved; prints { bare, variant } medians in µs. */
async function child(lib, off) {
  const bare = axios.create({ adapter: ok200 });
  const api = axios.create({ adapter: ok200 });
  if (off === 'noop') {
    api.interceptors.request.use((config) => config);
    api.interceptors.response.use((r) => r, (e) => Promise.reject(e));
  } else {
    const { attachStatusPolicy } = await import(lib);
    const all = { auth: { refresh: async () => 't1' }, notModified: { cache: true } };
    attachStatusPolicy(api, off === 'all' ? all : { ...all, [off]: false });
  }
  await loop(bare, 3000);
  await loop(api, 3000);
  const t = { bare: [], variant: [] };
  const rounds = +arg('--rounds', 10);
  const per = +arg('--per', 1000);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ['bare', 'variant'] : ['variant', 'bare'];
    for (const k of order) t[k].push(await loop(k === 'bare' ? bare : api, per));
  }
  console.log(JSON.stringify({ bare: median(t.bare), ratio: median(t.variant.map((v, i) => v / t.bare[i])) }));
}

/**
 * Runs every variant in processes of its own, `reps` turns, and returns the medians: bare axios
 * µs per request, the no-op pair's ratio, and per build (`{ tag: dist/index.js URL }`) the ratio
 * with every policy on and each policy's share in µs (every policy minus that one off).
 */
export async function measureHotPath({ builds, reps = 5, rounds, per, log = () => undefined }) {
  const jobs = [['-', 'noop']];
  for (const lib of Object.values(builds)) for (const off of ['all', ...OFF]) jobs.push([lib, off]);
  const passOn = [...(rounds ? ['--rounds', String(rounds)] : []), ...(per ? ['--per', String(per)] : [])];
  const out = new Map(jobs.map((j) => [j.join(' '), []]));
  for (let r = 0; r < reps; r++) {
    for (const [lib, off] of jobs) {
      const line = execFileSync(process.execPath, [here, '--child', off, '--lib', lib, ...passOn], { encoding: 'utf8' });
      out.get(`${lib} ${off}`).push(JSON.parse(line));
    }
    log(`turn ${r + 1}/${reps}`);
  }
  const bareUs = median([...out.values()].flat().map((x) => x.bare));
  const ratio = (lib, off) => median(out.get(`${lib} ${off}`).map((x) => x.ratio));
  const perBuild = {};
  for (const [tag, lib] of Object.entries(builds)) {
    const all = ratio(lib, 'all');
    perBuild[tag] = { all, policies: OFF.map((name) => ({ name, us: (all - ratio(lib, name)) * bareUs })) };
  }
  return { reps, bareUs, noop: ratio('-', 'noop'), builds: perBuild };
}

async function main() {
  const builds = { new: pathToFileURL(path.resolve(here, '../../dist/index.js')).href };
  const base = arg('--base');
  if (base) builds.old = pathToFileURL(path.resolve(base, 'index.js')).href;
  const result = await measureHotPath({
    builds,
    reps: +arg('--reps', 5),
    rounds: arg('--rounds'),
    per: arg('--per'),
    log: (s) => process.stderr.write(`[hotpath] ${s}\n`),
  });
  const f = (n) => n.toFixed(2);
  console.log(`${result.reps} processes per variant; bare axios ${f(result.bareUs)} µs/request (median); noop pair ${result.noop.toFixed(3)}×`);
  for (const [tag, { all, policies }] of Object.entries(result.builds)) {
    const shares = policies.map((p) => `${p.name} ${f(p.us)}`).join(', ');
    console.log(`${tag}: every policy ${all.toFixed(3)}× (${f(all * result.bareUs)} µs); µs per policy: ${shares}`);
  }
}

if (process.argv.includes('--child')) await child(arg('--lib'), arg('--child'));
else if (process.argv[1] === here) await main();
