import { fileURLToPath } from 'node:url';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

// axios is a peer dependency: never bundled. @opentelemetry/api too, an optional peer that only
// the otel entry imports.
const external = ['axios', '@opentelemetry/api'];
// status: the catalogue subpath (`axios-status-policy/status`), its own entry so it costs nothing unless imported.
// compose: `axios-status-policy/compose`, attachPolicies and one factory per rule (pay for what you use).
// tabs: `axios-status-policy/tabs`, the coordinator shared by browser tabs (Web Locks, BroadcastChannel).
// redis: `axios-status-policy/redis`, redisCoordinator; Node only, and it imports no Redis client
// (the caller passes an instance), so nothing is external beyond axios.
// otel: `axios-status-policy/otel`, OpenTelemetry span events and resend_count (imports @opentelemetry/api).
const input = { index: 'src/index.ts', status: 'src/status/index.ts', compose: 'src/compose.ts', redis: 'src/redis.ts', otel: 'src/otel.ts' };
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

// The browser and React Native build: the same package with `src/rules/redirects/platform.ts` (the
// plugin follows hops itself) swapped for `platform.browser.ts`, since there the platform follows
// redirects before JavaScript sees them. package.json points the `browser` and `react-native`
// conditions here.
const PLATFORM = fileURLToPath(new URL('./src/rules/redirects/platform.ts', import.meta.url));
const BROWSER_PLATFORM = fileURLToPath(new URL('./src/rules/redirects/platform.browser.ts', import.meta.url));
export const platformFollowsRedirects = {
  name: 'platform-follows-redirects',
  async resolveId(source, importer, options) {
    if (!source.endsWith('/platform')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && resolved.id === PLATFORM ? BROWSER_PLATFORM : null;
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

export default [
  {
    input: { ...input, ...tabsInput },
    external,
    plugins: [esbuild({ target: 'es2019', tsconfig: 'tsconfig.build.json' })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named' },
    ],
  },
  {
    input: { browser: 'src/index.ts', 'compose.browser': 'src/compose.ts', 'tabs.browser': 'src/tabs.ts' },
    external,
    plugins: [platformFollowsRedirects, esbuild({ target: 'es2019', tsconfig: 'tsconfig.build.json' })],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named' },
    ],
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
