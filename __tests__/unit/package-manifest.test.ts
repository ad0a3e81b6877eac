import fs from 'node:fs';
import path from 'node:path';

// What a tarball carries is decided by package.json: these keep the licence in it and make sure
// `npm pack`/`npm publish` can never ship without a fresh dist/.
const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  license: string;
  files: string[];
  scripts: Record<string, string>;
};

it('ships an MIT LICENSE that matches the license field', () => {
  expect(pkg.license).toBe('MIT');
  expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'LICENSE']));
  const text = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
  expect(text.split('\n').slice(0, 3)).toEqual(['MIT License', '', 'Copyright (c) 2026 axios-status-policy contributors']);
});

it('builds before packing', () => {
  expect(pkg.scripts.prepack).toBe('npm run build');
  expect(pkg.scripts.build).toMatch(/rollup -c/);
});

// ---- the per-factory entries for Metro (DESIGN §1 "Pay for what you use") ----------------------

type Conditions = Record<string, unknown>;
const exportsOf = pkg as unknown as { exports: Record<string, Conditions> };
const composeDir = path.join(root, 'src/compose');
const composeEntries = fs
  .readdirSync(composeDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
/** The factories DESIGN §1 names and the two opt-in ones, each with the folder it lives in. */
const FACTORIES: Record<string, string> = {
  retry: 'retry',
  rateLimit: 'rate-limit',
  auth: 'auth',
  redirects: 'redirects',
  notModified: 'not-modified',
  deleteNotFound: 'delete-not-found',
  multiStatus: 'multi-status',
  circuitBreaker: 'circuit-breaker',
  rateLimitHeaders: 'rate-limit',
  errorDetails: '.',
};

it('has an entry per factory of axios-status-policy/compose and one for attachPolicies, each the same function', () => {
  const compose = jest.requireActual<Record<string, unknown>>('../../src/compose');
  expect(composeEntries).toEqual(expect.arrayContaining(['attach', ...Object.keys(FACTORIES)]));
  for (const name of composeEntries) {
    const entry = jest.requireActual<Record<string, unknown>>(path.join(composeDir, name));
    const exported = name === 'attach' ? 'attachPolicies' : name;
    // One value each, and the compose entry's own: a Policy from either is the same Policy.
    expect(Object.keys(entry)).toEqual([exported]);
    expect(entry[exported]).toBe(compose[exported]);
  }
});

it('exports "./compose/*" with the conditions and types of "./compose" (browser, react-native, import, require)', () => {
  const compose = exportsOf.exports['./compose'];
  const perFactory = exportsOf.exports['./compose/*'];
  expect(JSON.parse(JSON.stringify(compose).replace(/\.\/dist\/compose\./g, './dist/compose/*.'))).toEqual(perFactory);
  expect(Object.keys(perFactory!)).toEqual(['browser', 'react-native', 'import', 'require']);
});

it('lets attw check every per-factory entry by name (it skips a pattern)', () => {
  expect(pkg.scripts['lint:package']).toContain('--include-entrypoints $(node scripts/compose-entrypoints.mjs)');
});
