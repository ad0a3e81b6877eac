import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

// axios is a peer dependency: never bundled.
const external = ['axios'];
// status: the catalogue subpath (`axios-status-policy/status`), its own entry so it costs nothing unless imported.
const input = { index: 'src/index.ts', status: 'src/status/index.ts' };

export default [
  {
    input,
    external,
    plugins: [esbuild({ target: 'es2019', tsconfig: 'tsconfig.build.json' })],
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
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: 'chunks/[name]-[hash].d.cts' },
    ],
  },
];
