// Forks the backend processes of the Redis suite: worker.ts bundled once with esbuild (src/ and
// the worker in one CommonJS file under .tmp/, axios and ioredis left to Node to resolve).
import { build } from 'esbuild';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { Command, Report } from './worker';

const ROOT = path.resolve(__dirname, '../..');
let bundled: Promise<string> | undefined;

function bundle(): Promise<string> {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const outfile = path.join(mkdtempSync(path.join(ROOT, '.tmp', 'redis-worker-')), 'worker.cjs');
  return build({
    entryPoints: [path.join(__dirname, 'worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['axios', 'ioredis'],
    // 'error': the package's `sideEffects: false` makes esbuild warn about the type-only augment import.
    logLevel: 'error',
  }).then(() => outfile);
}

export interface Worker {
  id: number;
  child: ChildProcess;
  reports: Report[];
  send(command: Command): void;
  /** The next report of `type` (already received ones count, oldest first; each is taken once). */
  next<T extends Report['type']>(type: T): Promise<Extract<Report, { type: T }>>;
}

export interface WorkerEnv {
  REDIS_PORT: number;
  API_URL: string;
  NAMESPACE: string;
  LOCK_TTL_MS: number;
  HANG_REFRESH?: string;
}

export async function startWorker(id: number, env: WorkerEnv): Promise<Worker> {
  const file = await (bundled ??= bundle());
  const child = fork(file, [], {
    cwd: ROOT,
    env: { ...process.env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])), WORKER_ID: String(id) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reports: Report[] = [];
  const waiting = new Set<() => void>();
  child.on('message', (report: Report) => {
    reports.push(report);
    for (const wake of [...waiting]) wake();
  });
  const worker: Worker = {
    id,
    child,
    reports,
    send: (command) => void child.send(command),
    next(type) {
      return new Promise((resolve, reject) => {
        const look = (): boolean => {
          const i = reports.findIndex((r) => r.type === type);
          if (i < 0) return false;
          waiting.delete(wake);
          child.off('exit', onExit);
          resolve(reports.splice(i, 1)[0] as never);
          return true;
        };
        const wake = (): void => void look();
        const onExit = (): void => {
          waiting.delete(wake);
          reject(new Error(`worker ${id} exited before reporting ${type}`));
        };
        if (look()) return;
        waiting.add(wake);
        child.once('exit', onExit);
      });
    },
  };
  await worker.next('ready');
  return worker;
}

export function stopWorker(worker: Worker): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => worker.child.once('exit', () => resolve()));
  worker.child.kill('SIGKILL');
  return exited;
}
