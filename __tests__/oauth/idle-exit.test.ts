// "No timer": after its last request an idle Node process with early refresh exits on its own.
import { fork } from 'node:child_process';
import path from 'node:path';
import { bundleWorker } from '../redis/workers';

test('a process whose token expiry is known exits on its own once idle', async () => {
  const file = await bundleWorker(path.join(__dirname, 'idle-exit-entry.ts'));
  const child = fork(file, [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = await new Promise<number | string>((resolve) => {
    // Far below any token lifetime or refresh window: only a timer of ours could keep it past this.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('still running after 5 s');
    }, 5_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
  expect(exit).toBe(0);
  // The first request had no token (401, refreshed, repeated); the second went out with it.
  expect(JSON.parse(output)).toEqual({ statuses: [200, 200], refreshes: 1 });
});
