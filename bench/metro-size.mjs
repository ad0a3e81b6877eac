// `node bench/metro-size.mjs [--json] [--only compose,everything]` (after `npm run build`): what this package adds to a React
// Native app, measured with Metro itself. Metro does not tree-shake: an app gets every module its
// imports reach, so esbuild's figures (`npm run size`) hide what React Native pays.
//
// In a temp folder: the package as `npm pack` makes it (from the current dist/), axios and
// @babel/runtime in the app's node_modules, and one entry file per app below. Each is bundled as a React Native
// release build: Metro with @react-native/metro-config's defaults (the `react-native` resolver
// condition and main field, package "exports" on), `dev: false, minify: true`, platform android.
// Then gzip -9. Reported: each app's growth over the app that
// imports only axios, and how many of the package's files Metro put in it.
//
// Two things of a real app are left out, the same for every app so the growth is unaffected:
// React Native itself (not installed here; its InitializeCore module is not run first) and assets.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const Metro = require('metro');
const { getDefaultConfig, mergeConfig } = require('@react-native/metro-config');
const { FileStore } = require('metro-cache');

/** The issue's targets: growth over axios alone, min+gz. */
const TARGETS = { compose: 10 * 1024, everything: 21 * 1024 };
/** Subpaths a React Native app does not import: Node only, or behind an optional peer the app would add itself. */
const NOT_FOR_REACT_NATIVE = { './redis': 'Node only', './otel': '@opentelemetry/api, an optional peer', './package.json': 'metadata' };

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
if (!existsSync(path.join(root, 'dist/index.js'))) throw new Error('bench/metro-size.mjs needs a build: npm run build');

/** Every subpath an app can import, with "./compose/*" expanded from the built files. */
function subpaths() {
  const names = [];
  for (const subpath of Object.keys(pkg.exports)) {
    if (subpath in NOT_FOR_REACT_NATIVE) continue;
    if (!subpath.includes('*')) {
      names.push(subpath);
      continue;
    }
    const [dir, suffix] = subpath.slice(2).split('*');
    if (!existsSync(path.join(root, 'dist', dir))) continue;
    for (const file of readdirSync(path.join(root, 'dist', dir))) {
      if (file.endsWith('.browser.js')) names.push(`./${dir}${file.slice(0, -'.browser.js'.length)}${suffix}`);
    }
  }
  return names.map((s) => (s === '.' ? pkg.name : `${pkg.name}/${s.slice(2)}`));
}

/** An app: its imports, each value kept alive on `global` so nothing is dropped as unused. */
const app = (imports) => {
  const lines = imports.map(([names, from], i) => `import ${names.startsWith('*') ? names.replace('*', `* as m${i}`) : `{ ${names} }`} from '${from}';`);
  const used = imports.flatMap(([names], i) => (names.startsWith('*') ? [`m${i}`] : names.split(',').map((n) => n.trim())));
  return `import axios from 'axios';\n${lines.join('\n')}\nglobal.app = [axios, ${used.join(', ')}];\n`;
};

export const APPS = [
  { name: 'axios alone', key: 'axios', source: app([]) },
  {
    name: '`attachPolicies, retry, rateLimit` from `/compose/attach`, `/compose/retry`, `/compose/rateLimit`',
    key: 'compose',
    source: app([
      ['attachPolicies', `${pkg.name}/compose/attach`],
      ['retry', `${pkg.name}/compose/retry`],
      ['rateLimit', `${pkg.name}/compose/rateLimit`],
    ]),
  },
  { name: '`attachPolicies` alone from `/compose/attach` (what every composed app carries)', key: 'attach', source: app([['attachPolicies', `${pkg.name}/compose/attach`]]) },
  { name: 'the same three from `axios-status-policy/compose`', key: 'composeIndex', source: app([['attachPolicies, retry, rateLimit', `${pkg.name}/compose`]]) },
  { name: '`attachStatusPolicy`', key: 'attachStatusPolicy', source: app([['attachStatusPolicy', pkg.name]]) },
  { name: 'every export of every entry', key: 'everything', source: app(subpaths().map((s) => ['*', s])) },
];

/** The temp app: the packed package and axios in node_modules, babel set up as a React Native app has it. */
function makeApp(dir) {
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  const ours = path.join(modules, pkg.name);
  mkdirSync(ours);
  execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', ours, '--strip-components=1']);
  // A copy, not a link: Metro's file map then sees one project with everything under it.
  // @babel/runtime: the preset's helpers are imported from it, as in every React Native app.
  for (const dep of ['axios', '@babel/runtime']) {
    cpSync(path.dirname(require.resolve(`${dep}/package.json`)), path.join(modules, dep), { recursive: true, dereference: true });
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'metro-size-app', private: true }));
  writeFileSync(path.join(dir, 'babel.config.js'), `module.exports = { presets: [${JSON.stringify(require.resolve('@react-native/babel-preset'))}] };\n`);
  for (const a of APPS) writeFileSync(path.join(dir, `${a.key}.js`), a.source);
}

async function bundle(dir, entry) {
  const files = new Set();
  const base = getDefaultConfig(dir);
  const config = mergeConfig(base, {
    projectRoot: dir,
    // What loadConfig would add, and where the polyfills and module runtime every React Native
    // bundle starts with live (metro-runtime, @react-native/js-polyfills): the file map crawls only these.
    watchFolders: [dir, ...['metro-runtime', '@react-native/js-polyfills'].map((dep) => realpathSync(path.dirname(require.resolve(`${dep}/package.json`))))],
    cacheStores: [new FileStore({ root: path.join(dir, '.metro-cache') })],
    maxWorkers: 2,
    reporter: { update() {} },
    resolver: { unstable_enablePackageExports: true, useWatchman: false },
    serializer: {
      // React Native is not installed here: nothing runs before the entry (the same for every app).
      getModulesRunBeforeMainModule: () => [],
      createModuleIdFactory: () => {
        const ids = new Map();
        return (file) => {
          if (file.includes(`${path.sep}node_modules${path.sep}${pkg.name}${path.sep}`)) files.add(file);
          if (!ids.has(file)) ids.set(file, ids.size);
          return ids.get(file);
        };
      },
    },
    transformer: { assetRegistryPath: 'missing-asset-registry' },
  });
  const { code } = await Metro.runBuild(config, {
    out: process.env.METRO_SIZE_KEEP ? path.join(dir, `${entry}.bundle.js`) : undefined,
    entry: path.join(dir, `${entry}.js`),
    dev: false,
    minify: true,
    platform: 'android',
    // The default transform profile: Metro skips minifying under the hermes-* profiles (Hermes
    // compiles the bundle to bytecode), and minified JavaScript is what this measures.
  });
  return { min: Buffer.byteLength(code), gz: gzipSync(code, { level: 9 }).length, files: files.size };
}

/** Every app bundled; growth is each app's min+gz minus the axios-alone app's. */
export async function measureMetro({ only } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asp-metro-'));
  try {
    makeApp(dir);
    const results = [];
    for (const a of APPS.filter((x) => !only || x.key === 'axios' || only.includes(x.key))) results.push({ ...a, ...(await bundle(dir, a.key)) });
    const bare = results[0];
    return results.map((r) => ({ ...r, growthMin: r.min - bare.min, growthGz: r.gz - bare.gz, target: TARGETS[r.key] }));
  } finally {
    if (process.env.METRO_SIZE_KEEP) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

export function metroTable(rows) {
  const out = [
    '| app (React Native release bundle, Metro) | bundle min+gz | growth over axios alone, min | growth, min+gz | files of this package | target |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const target = r.target === undefined ? '' : `≤ ${kb(r.target)} ${r.growthGz <= r.target ? '(met)' : '(NOT met)'}`;
    const growth = r.key === 'axios' ? ['—', '—'] : [kb(r.growthMin), kb(r.growthGz)];
    out.push(`| ${r.name} | ${kb(r.gz)} | ${growth[0]} | ${growth[1]} | ${r.files} | ${target} |`);
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--only');
  const rows = await measureMetro({ only: i > 0 ? process.argv[i + 1].split(',') : undefined });
  console.log(process.argv.includes('--json') ? JSON.stringify(rows.map(({ source, ...r }) => r), null, 2) : metroTable(rows));
}
