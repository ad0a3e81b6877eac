// Bundle size, minified + gzipped, axios external, as a user's bundler would ship it. Per policy
// the figure is its marginal cost: the whole bundle minus the bundle with that policy's module
// replaced by a do-nothing stub (shared helpers it pulls in count towards it only if nothing
// else uses them).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const policiesDir = path.join(root, 'src/policies');

/** `[{ file, exportName, policyName }]` read from src/policies/order.ts's imports. */
function policyModules() {
  const order = readFileSync(path.join(policiesDir, 'order.ts'), 'utf8');
  const out = [];
  for (const m of order.matchAll(/import \{ (\w+) \} from '\.\/([\w-]+)';/g)) {
    const src = readFileSync(path.join(policiesDir, `${m[2]}.ts`), 'utf8');
    const name = /name: '(\w+)'/.exec(src)?.[1] ?? m[2];
    out.push({ file: path.join(policiesDir, `${m[2]}.ts`), exportName: m[1], policyName: name, label: `${name} (${m[2]}.ts)` });
  }
  return out;
}

function stubPlugin(stubbed) {
  return {
    name: 'stub-policies',
    setup(b) {
      b.onLoad({ filter: /src[\\/]policies[\\/][\w-]+\.ts$/ }, (args) => {
        const hit = stubbed.find((p) => p.file === args.path);
        if (!hit) return undefined;
        return {
          loader: 'ts',
          contents: `export const ${hit.exportName} = { name: '${hit.policyName}', decide: () => ({ type: 'next' }) };`,
        };
      });
    },
  };
}

async function gz(stubbed = []) {
  const result = await build({
    entryPoints: [path.join(root, 'src/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2019',
    external: ['axios'],
    write: false,
    logLevel: 'silent',
    tsconfig: path.join(root, 'tsconfig.build.json'),
    metafile: true,
    plugins: [stubPlugin(stubbed)],
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const modules = Object.entries(inputs)
    .map(([file, v]) => ({ file, min: v.bytesInOutput }))
    .sort((a, b) => b.min - a.min);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, modules };
}

/** `{ total, core, policies: [{ name, gzip, min }] }` in bytes; `total.modules` is the per-file minified split. */
export async function runSize() {
  const mods = policyModules();
  const total = await gz();
  const core = await gz(mods);
  const policies = [];
  for (const mod of mods) {
    const without = await gz([mod]);
    policies.push({ name: mod.label, gzip: total.gzip - without.gzip, min: total.min - without.min });
  }
  return { total, core, policies };
}
