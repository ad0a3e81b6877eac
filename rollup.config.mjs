import { existsSync, readdirSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

// axios is a peer dependency: never bundled. @opentelemetry/api too, an optional peer that only
// the otel entry imports.
const external = ['axios', '@opentelemetry/api'];
// ES2020 (`??`, `?.` kept as written): every runtime the package supports has it, Node ≥ 18, the
// browsers of axios 1.x and Hermes (React Native), whose Metro preset lowers what an older engine
// lacks. scripts/size-measure.mjs measures with the same target.
const target = 'es2020';
// status: the catalogue subpath (`axios-status-policy/status`), its own entry so it costs nothing unless imported.
// compose: `axios-status-policy/compose`, attachPolicies and one factory per rule (pay for what you use).
// tabs: `axios-status-policy/tabs`, the coordinator shared by browser tabs (Web Locks, BroadcastChannel).
// redis: `axios-status-policy/redis`, redisCoordinator; Node only, and it imports no Redis client
// (the caller passes an instance), so nothing is external beyond axios.
// otel: `axios-status-policy/otel`, OpenTelemetry span events and resend_count (imports @opentelemetry/api).
// compose/<name>: `axios-status-policy/compose/attach` and one entry per factory (package.json
// "./compose/*"), every file of src/compose/: for Metro, which does not tree-shake, each reaches only
// its own files. Adding a factory's entry is adding its one-line file there.
const composeInputs = Object.fromEntries(
  readdirSync(new URL('./src/compose/', import.meta.url))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [`compose/${file.slice(0, -3)}`, `src/compose/${file}`]),
);
const input = { index: 'src/index.ts', status: 'src/status/index.ts', compose: 'src/compose.ts', redis: 'src/redis.ts', otel: 'src/otel.ts', ...composeInputs };
const tabsInput = { tabs: 'src/tabs.ts' };

// axios's CommonJS typings (index.d.cts) declare the `AxiosError` class outside the exported
// namespace and re-export it as a type alias, and an alias can neither be augmented nor merged
// with an interface ("Duplicate identifier 'AxiosError'" for consumers with skipLibCheck off).
// So in the .d.cts the `AxiosError` augmentation becomes an overload of `axios.isAxiosError` that
// narrows to an AxiosError carrying the same `statusPolicy`: `if (axios.isAxiosError(e))
// e.statusPolicy` type-checks for CommonJS users as it does for ESM ones (checked by
// scripts/consumer-types/consumer.cts). `isStatusPolicyError(e)` narrows in both.
const cjsAugmentation = {
  name: 'cjs-augmentation',
  renderChunk(code) {
    if (!code.includes('interface AxiosError {')) return null;
    const pattern = /\n([ \t]*)interface AxiosError \{[^}]*?statusPolicy\?: (\w+);[^}]*\}/;
    const match = pattern.exec(code);
    if (!match) throw new Error('cjs-augmentation: the AxiosError augmentation has changed shape');
    const [, indent, infoType] = match;
    const overload = [
      `${indent}interface AxiosStatic {`,
      `${indent}    /** An AxiosError, with what the status policy did and knows about this failure when it handled it. */`,
      `${indent}    isAxiosError<T = any, D = any>(payload: any): payload is AxiosError<T, D> & { statusPolicy?: ${infoType} };`,
      `${indent}}`,
    ].join('\n');
    return code.replace(pattern, `\n${overload}`);
  },
};

// The browser and React Native build: the same package with each `platform.ts` of src/ swapped for
// the `platform.browser.ts` beside it. There the platform follows redirects before JavaScript sees
// them (src/rules/redirects/), no adapter produces Node's socket or undici error codes
// (src/rules/retry/) and no body is a Node stream (src/run/). package.json points the `browser` and
// `react-native` conditions here. scripts/size-measure.mjs makes the same swap.
const SRC = fileURLToPath(new URL('./src/', import.meta.url));
export const browserPlatform = {
  name: 'browser-platform',
  async resolveId(source, importer, options) {
    if (!source.endsWith('/platform')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    if (!resolved || !resolved.id.startsWith(SRC) || !resolved.id.endsWith(`${sep}platform.ts`)) return null;
    const browser = resolved.id.replace(/\.ts$/, '.browser.ts');
    if (!existsSync(browser)) throw new Error(`browser-platform: ${browser} is missing`);
    return browser;
  },
};

// tabs.d.ts takes `Coordinator` from the main entry's declarations instead of sharing a chunk of
// private types with them: the main entries' declarations stay exactly as they were without it.
const CORE_TYPES = 'axios-status-policy:core-types';
const COORDINATOR = fileURLToPath(new URL('./src/coordinator/coordinator.ts', import.meta.url));
const coreTypesFromIndex = {
  name: 'core-types-from-index',
  async resolveId(source, importer, options) {
    if (!source.endsWith('/coordinator')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && resolved.id === COORDINATOR ? { id: CORE_TYPES, external: true } : null;
  },
};

/**
 * The JavaScript outputs of one build. Rollup puts each source file in the chunk of the entries
 * that reach it, so with an entry per factory a chunk holds only code that every entry importing it
 * needs: a bundler that does not tree-shake (Metro) gets from `compose/retry` the files of `retry`
 * and of the core, not every rule. (One file per source file, `preserveModules`, would do the same
 * at about 1.2 KB min+gz more in a Metro bundle for `attachPolicies + retry + rateLimit`, 2.4 KB for
 * `attachStatusPolicy`: Metro wraps every module and its imports.)
 */
const outputs = [
  { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named' },
];
const suffixed = (entries, suffix) => Object.fromEntries(Object.entries(entries).map(([name, file]) => [`${name}${suffix}`, file]));

export default [
  {
    input: { ...input, ...tabsInput },
    external,
    plugins: [esbuild({ target, tsconfig: 'tsconfig.build.json' })],
    output: outputs,
  },
  {
    // compose/<name>.browser.js beside the Node build's compose/<name>.js, as compose.browser.js is.
    input: { browser: 'src/index.ts', 'compose.browser': 'src/compose.ts', 'tabs.browser': 'src/tabs.ts', ...suffixed(composeInputs, '.browser') },
    external,
    plugins: [browserPlatform, esbuild({ target, tsconfig: 'tsconfig.build.json' })],
    output: outputs,
  },
  {
    input,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.build.json' })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: 'chunks/[name]-[hash].d.cts', plugins: [cjsAugmentation] },
    ],
  },
  {
    input: tabsInput,
    external,
    plugins: [coreTypesFromIndex, dts({ tsconfig: 'tsconfig.build.json' })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', paths: { [CORE_TYPES]: './index.js' } },
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.cts', paths: { [CORE_TYPES]: './index.cjs' } },
    ],
  },
];
