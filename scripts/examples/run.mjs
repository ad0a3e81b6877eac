// `npm run example:<name>`: bundles scripts/examples/<name>.ts (the driver: a local API on
// 127.0.0.1 plus the example run end to end) with esbuild for Node, then runs it with node.
// Exit code: the driver's (0 when every check passed).
//
// Why a bundle: the examples and drivers are TypeScript and import the package by name, as users
// do. esbuild maps `axios-status-policy` to src/index.ts and leaves every other package to Node.
// The bundle is written under .tmp/ in the repository (git-ignored) so Node finds node_modules.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const name = process.argv[2];
const driver = path.join(ROOT, 'scripts/examples', `${name}.ts`);
if (!name || !existsSync(driver)) {
  console.error('usage: node scripts/examples/run.mjs backend|frontend|react-native|telemetry');
  process.exit(2);
}

/** The package by name → src/; any other bare import stays a require() for Node to resolve. */
const resolvePackages = {
  name: 'resolve-packages',
  setup(b) {
    b.onResolve({ filter: /^axios-status-policy$/ }, () => ({ path: path.join(ROOT, 'src/index.ts') }));
    b.onResolve({ filter: /^axios-status-policy\/otel$/ }, () => ({ path: path.join(ROOT, 'src/otel.ts') }));
    b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * The test helpers the drivers reuse (the Hermes pipeline, the browser harness) find files
 * relative to `__dirname`; in one bundle under .tmp/ that would point there. Each such module
 * gets its own directory back.
 */
const keepDirname = {
  name: 'keep-dirname',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const prelude = `const __dirname = ${JSON.stringify(path.dirname(args.path))}; const __filename = ${JSON.stringify(args.path)};\n`;
      return { contents: prelude + source, loader: 'ts' };
    });
  },
};

mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
const dir = mkdtempSync(path.join(ROOT, '.tmp', `example-${name}-`));
const outfile = path.join(dir, `${name}.cjs`);
let status = 1;
try {
  await build({
    entryPoints: [driver],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    logLevel: 'warning',
    // src/index.ts imports its type augmentation for its types only; nothing to keep at run time.
    logOverride: { 'ignored-bare-import': 'silent' },
    plugins: [resolvePackages, keepDirname],
  });
  const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit', cwd: ROOT });
  status = run.status ?? 1;
  if (run.signal) console.error(`example:${name} ended by ${run.signal}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
