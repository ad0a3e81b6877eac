import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * docs/telemetry.md's runnable example (examples/backend/tracing.ts and traced-upstream.ts, driven
 * by scripts/examples/telemetry.ts): the real SDK and instrumentation-http in their own Node
 * process, as a service runs them. It exits 0 only when the trace shows the retry event and the
 * resend_count its checks expect.
 */
it('node scripts/examples/run.mjs telemetry: the trace shows the 503, the wait and resend_count 1', () => {
  const run = spawnSync(process.execPath, ['scripts/examples/run.mjs', 'telemetry'], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('GET → 200  http.request.resend_count=1');
  expect(run.stdout).toContain('example:telemetry: OK');
  expect(run.status).toBe(0);
});
