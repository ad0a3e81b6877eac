import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const root = path.resolve(__dirname, '../..');

/**
 * Bundles `leak-probe.ts` with the sources (axios stays external) and runs it in a child
 * `node --expose-gc`, so heap figures are not those of the test runner. Resolves with its JSON.
 */
export function runLeakProbe(env: Record<string, string>, timeoutMs: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leak-probe-'));
  const outfile = path.join(dir, 'probe.cjs');
  buildSync({
    entryPoints: [path.join(__dirname, 'leak-probe.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['axios'],
    outfile,
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'silent',
  });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', outfile],
      { env: { ...process.env, ...env, NODE_PATH: path.join(root, 'node_modules') }, timeout: timeoutMs, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        if (error) return reject(new Error(`leak probe failed: ${error.message}\n${stderr}`));
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as Record<string, unknown>);
        } catch {
          reject(new Error(`leak probe printed no JSON:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}
