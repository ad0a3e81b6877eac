// Builds dist/ for the demo only when it is missing or older than what it is built from, and
// quietly: the build's own output is shown only if the build fails, so the demo prints its
// timeline and nothing else.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = ['src', 'rollup.config.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const OUTPUTS = ['dist/index.js', 'dist/index.cjs'];

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

/** The newest modification time under `entry` (a file or a folder). */
function newest(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file shows as a newer folder
  for (const child of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, child)));
  return latest;
}

/** True when every output exists and is newer than every input. */
export function distIsFresh() {
  const built = Math.min(...OUTPUTS.map((file) => mtime(path.join(root, file)) ?? -Infinity));
  const source = Math.max(...INPUTS.map((entry) => newest(path.join(root, entry))));
  return built > source;
}

/** Builds when stale; on failure prints the build's output and exits with its status. */
export function buildIfStale() {
  if (distIsFresh()) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    // The build's colours would only reach a captured buffer.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (result.status === 0) return;
  process.stderr.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  process.stderr.write(`demo: the build failed (${result.error?.message ?? `exit ${result.status}`})\n`);
  process.exit(result.status || 1);
}
