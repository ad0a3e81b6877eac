// What a React Native release build does to our code, step by step, then a run on Hermes:
//   1. bundle entry.ts with the built package (dist/browser.js, what the react-native condition picks) and axios, resolving like Metro
//      (`react-native` then `browser` fields/conditions): esbuild, one script (iife)
//   2. transform with @react-native/babel-preset through @babel/core (what Metro applies), with
//      the `hermes-stable` profile (Hermes V1: classes kept; the default from RN 0.88). The preset is
//      pinned to 0.86, the newest whose engines include Node 20 (0.87+ want Node ≥ 22).
//   3. compile with the current hermes-compiler: `hermesc -emit-binary` (the syntax is accepted)
//   4. run on the Hermes VM of hermes-engine-cli, the only Hermes VM for Linux on npm. It is 0.12:
//      it reads an older bytecode version than the current compiler writes, and it predates class
//      syntax. So for the run the same bundle goes through the preset's legacy profile
//      (`unstable_transformProfile: 'default'`, which lowers classes as RN did for older engines)
//      and is compiled by the VM's own hermesc.
import { transformAsync } from '@babel/core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT, useBuiltPackage } from '../browser/harness';

const bin = (...p: string[]): string => path.join(ROOT, 'node_modules', ...p);
export const HERMESC = bin('hermes-compiler/hermesc/linux64-bin/hermesc');
export const HERMES_VM = bin('hermes-engine-cli/linux64-bin/hermes');
export const HERMESC_FOR_VM = bin('hermes-engine-cli/linux64-bin/hermesc');

/** Null when this machine can run the pipeline, else why not. */
export function missingTools(): string | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `the Hermes binaries on npm are linux-x64 here, this is ${process.platform}-${process.arch}`;
  for (const f of [HERMESC, HERMES_VM, HERMESC_FOR_VM]) if (!existsSync(f)) return `${path.relative(ROOT, f)} not installed (npm ci)`;
  return null;
}

export interface PipelineRun {
  lines: string[];
  bytes: { bundle: number; babel: number; hbc: number };
  ms: { bundle: number; babel: number; hermesc: number; run: number };
}


/** @react-native/babel-preset as Metro applies it, for one transform profile. */
async function babel(code: string, profile: 'hermes-stable' | 'default'): Promise<string> {
  const result = await transformAsync(code, {
    babelrc: false,
    configFile: false,
    sourceType: 'script',
    compact: false,
    // enableBabelRuntime: false inlines helpers instead of importing @babel/runtime (Metro would
    // resolve those imports; one pre-bundled script has nowhere to resolve them from).
    presets: [[require.resolve('@react-native/babel-preset'), { enableBabelRuntime: false, unstable_transformProfile: profile }]],
  });
  if (!result?.code) throw new Error('babel produced no code');
  return result.code;
}

/** Runs `entry` (a Hermes program; the test suite's entry.ts unless told) through the steps above. */
export async function runOnHermes(entry = path.join(__dirname, 'entry.ts')): Promise<PipelineRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asp-hermes-'));
  const t = (): number => performance.now();
  let t0 = t();

  const bundled = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    mainFields: ['react-native', 'browser', 'module', 'main'],
    conditions: ['react-native', 'browser', 'import'],
    target: 'es2022', // modern syntax in, as Metro gets it; the babel preset lowers what Hermes needs
    plugins: [useBuiltPackage],
    logLevel: 'silent',
  });
  const js = bundled.outputFiles[0]!.text;
  const ms = { bundle: t() - t0, babel: 0, hermesc: 0, run: 0 };

  t0 = t();
  const transformed = await babel(js, 'hermes-stable');
  ms.babel = t() - t0;
  const source = path.join(dir, 'app.js');
  writeFileSync(source, transformed);

  t0 = t();
  const hbc = path.join(dir, 'app.hbc');
  execFileSync(HERMESC, ['-emit-binary', '-O', '-out', hbc, source], { stdio: 'pipe' });
  ms.hermesc = t() - t0;

  const vmSource = path.join(dir, 'app.legacy.js');
  writeFileSync(vmSource, await babel(js, 'default'));
  const vmHbc = path.join(dir, 'app.vm.hbc');
  execFileSync(HERMESC_FOR_VM, ['-emit-binary', '-O', '-out', vmHbc, vmSource], { stdio: 'pipe' });
  t0 = t();
  // -Xmicrotask-queue: promise jobs run as microtasks, as in React Native's Hermes (this CLI
  // otherwise runs each promise step as its own task, which no app sees).
  const output = execFileSync(HERMES_VM, ['-Xmicrotask-queue', vmHbc], { encoding: 'utf8', timeout: 60_000 });
  ms.run = t() - t0;

  return {
    lines: output.split('\n').filter(Boolean),
    bytes: { bundle: js.length, babel: transformed.length, hbc: statSync(hbc).size },
    ms,
  };
}
