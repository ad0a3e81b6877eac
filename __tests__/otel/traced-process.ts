import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Mode } from './traced/tracing';
import type { ScenarioResult } from './traced/scenarios';

/**
 * instrumentation-http patches `http` as Node's own `require` loads it, which jest's module
 * registry bypasses: the traced scenarios run in a child Node process. traced/main.ts is bundled
 * once (esbuild, every package left to Node's require) and run per scenario.
 */
const root = path.resolve(__dirname, '../..');

export interface TracedRun extends ScenarioResult {
  mode: Mode;
}

export const bundleDriver = (): Promise<{ file: string; remove(): void }> => bundle(path.join(__dirname, 'traced/main.ts'));

/** `entry` bundled for Node as CommonJS, every package left to Node's `require`, as a published build is. */
export async function bundle(entry: string): Promise<{ file: string; remove(): void }> {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, '.tmp', 'otel-'));
  const file = path.join(dir, 'main.cjs');
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    logLevel: 'error',
    plugins: [{ name: 'packages-external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true })) }],
  });
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function runTraced(file: string, mode: Mode, scenario: string, withOtel = true): Promise<TracedRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [file, mode, scenario, withOtel ? 'otel' : 'plain'], { cwd: root, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${scenario} (${mode}): ${stderr || error.message}`));
      resolve(JSON.parse(stdout) as TracedRun);
    });
  });
}
