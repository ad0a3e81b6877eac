// Metro (React Native's bundler) does not tree-shake: an app gets every file its imports reach.
// So each `axios-status-policy/compose/<factory>` entry (src/compose/, one file each) must reach
// no other rule's folder, and `compose/attach` none at all. Rollup puts each source file in the
// chunk of the entries that reach it (rollup.config.mjs), so what holds for src/ holds for dist/.
// bench/metro-size.mjs measures the result with Metro itself.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const composeDir = path.join(root, 'src/compose');
const entries = fs
  .readdirSync(composeDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

/** The rule folders (src/rules/<folder>/) that `src/compose/<name>.ts` reaches, with its imports followed as a bundler does. */
function ruleFoldersReached(name: string): string[] {
  const out = buildSync({
    entryPoints: [path.join(composeDir, `${name}.ts`)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    external: ['axios'],
    logLevel: 'silent',
  });
  const folders = Object.keys(out.metafile.inputs).flatMap((file) => /^src\/rules\/([^/]+)\//.exec(file)?.[1] ?? []);
  return [...new Set(folders)].sort();
}

/**
 * The rule folders a factory may reach: its own, named in kebab case (`rateLimit` → rate-limit);
 * `rateLimitHeaders` lives in rate-limit/ beside the rule it reads for, `errorDetails` in no rule.
 */
const foldersOf = (factory: string): string[] =>
  factory === 'errorDetails' ? [] : factory === 'rateLimitHeaders' ? ['rate-limit'] : [factory.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)];

it('compose/attach reaches no rule', () => {
  expect(ruleFoldersReached('attach')).toEqual([]);
});

// Each factory lives in its rule's folder (src/rules/<rule>/policy.ts) and src/compose/<factory>.ts
// re-exports it from there, never from src/policies.ts (which imports every rule).
it.each(entries.filter((e) => e !== 'attach'))('compose/%s reaches only its own rule folder', (factory) => {
  expect(ruleFoldersReached(factory)).toEqual(foldersOf(factory));
});
