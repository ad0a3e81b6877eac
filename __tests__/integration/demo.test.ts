import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run demo` as a new user runs it (the built package, real loopback servers): every request
 * the server saw has a server line, a dropped connection included, and the hold figures say what
 * they measure. Builds dist/ first when it is stale (demo/build.mjs).
 */
jest.setTimeout(180_000);

it('the demo shows the reset connection and explains the hold figures', () => {
  const run = spawnSync(process.execPath, ['demo/run.mjs'], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8', timeout: 170_000 });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/server {2}GET \/dropped → connection reset, no response\n.*policy {2}retry: ECONNRESET → retry/);
  expect(run.stdout).toMatch(/held, \d+ ms to the Retry-After deadline/);
  expect(run.stdout).toMatch(/From the deadline the queue is released paced/);
  expect(run.stdout).toMatch(/all \d+ scenarios ran/);
});
