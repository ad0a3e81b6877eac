// What a bundler ships for this package, minified (esbuild, ESM, es2019) and gzipped (-9), with
// axios external (users already have it). One module, used by `npm run size` (CI budget) and by
// `npm run bench` (BENCHMARKS.md), so both report the same figures.
//
//   whole package  every ESM entry of package.json "exports" with every export kept (worst case);
//                  browserWhole: the same as a browser or React Native bundler resolves it
//   per entry      each subpath alone (".", "./status", ...); "." also under the browser and
//                  react-native conditions (dist/browser.js: no Node hop follower)
//   per export     only that named export imported: what tree-shaking leaves
//   attach         `import { attachStatusPolicy }` built from src/ (what an app using the policy ships)
//   per policy     attach minus the same build with that policy's module replaced by a do-nothing
//                  stub: the bytes each status rule adds, its parsers included (policies are wired in
//                  src/policies/order.ts, so they are not tree-shaken one by one)
//   core           attach with every policy stubbed
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The whole-package target: 5 KB min+gz, axios external. */
export const TARGET = 5 * 1024;

async function bundle(contents, { plugins = [], metafile = false } = {}) {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'size-entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2019',
    external: ['axios'],
    tsconfig: join(root, 'tsconfig.build.json'),
    write: false,
    plugins,
    metafile,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].contents;
  const size = { min: code.length, gz: gzipSync(code, { level: 9 }).length };
  if (!metafile) return size;
  const inputs = Object.values(out.metafile.outputs)[0].inputs;
  size.modules = Object.entries(inputs)
    .map(([file, v]) => ({ file, min: v.bytesInOutput }))
    .sort((a, b) => b.min - a.min);
  return size;
}

/** `[{ file, exportName, name }]`, read from the imports of src/policies/order.ts. */
function policyModules() {
  const dir = join(root, 'src/policies');
  const order = readFileSync(join(dir, 'order.ts'), 'utf8');
  return [...order.matchAll(/import \{ (\w+) \} from '\.\/([\w-]+)';/g)].map(([, exportName, file]) => {
    const text = readFileSync(join(dir, `${file}.ts`), 'utf8');
    return { file: join(dir, `${file}.ts`), exportName, name: /name: '(\w+)'/.exec(text)?.[1] ?? file, label: file };
  });
}

function stub(modules) {
  return {
    name: 'stub-policies',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]policies[\\/][\w-]+\.ts$/ }, (args) => {
        const hit = modules.find((m) => m.file === args.path);
        return hit
          ? { loader: 'ts', contents: `export const ${hit.exportName} = { name: '${hit.name}', decide: () => ({ type: 'next' }) };` }
          : undefined;
      });
    },
  };
}

/** Every figure above, in bytes. Needs a built dist/ for the package-level rows. */
export async function measureSize() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entries = Object.entries(pkg.exports)
    .map(([subpath, target]) => [subpath, target?.import?.default])
    .filter(([, file]) => typeof file === 'string' && file.endsWith('.js'))
    .map(([subpath, file]) => ({ subpath, file: join(root, file) }));
  const browserFile = pkg.exports['.']?.browser?.import?.default;
  const browser = browserFile && { subpath: '. (browser, react-native)', file: join(root, browserFile) };
  // Every entry with every export kept: the worst case a bundler can be asked to ship.
  const wholeOf = (list) => bundle(list.map((e, i) => `export * as e${i} from ${JSON.stringify(e.file)};`).join('\n'));
  const whole = await wholeOf(entries);
  const browserWhole = browser && (await wholeOf([browser, ...entries.filter((e) => e.subpath !== '.')]));
  if (browser) entries.push(browser);
  for (const e of entries) Object.assign(e, await bundle(`export * from ${JSON.stringify(e.file)};`));

  const dist = entries.find((e) => e.subpath === '.').file;
  const lib = await import(dist);
  const exports = [];
  for (const name of Object.keys(lib).sort()) exports.push({ name, ...(await bundle(`export { ${name} } from ${JSON.stringify(dist)};`)) });

  const attachOnly = `export { attachStatusPolicy } from ${JSON.stringify(join(root, 'src/index.ts'))};`;
  const attach = await bundle(attachOnly, { metafile: true });
  const mods = policyModules();
  const core = await bundle(attachOnly, { plugins: [stub(mods)] });
  const policies = [];
  for (const mod of mods) {
    const without = await bundle(attachOnly, { plugins: [stub([mod])] });
    policies.push({ name: mod.name, label: mod.label, min: attach.min - without.min, gz: attach.gz - without.gz });
  }
  return { whole, browserWhole, entries, exports, attach, core, policies };
}
