// Forks the backend processes of the Redis suite: worker.ts bundled once with esbuild (src/ and
// the worker in one CommonJS file under .tmp/, axios and ioredis left to Node to resolve).
import { build } from 'esbuild';
import { execFile, fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Command, Report } from './worker';

const ROOT = path.resolve(__dirname, '../..');
let bundled: Promise<string> | undefined;

function bundle(): Promise<string> {
  return bundleWorker(path.join(__dirname, 'worker.ts'));
}

/** A worker entry and src/ bundled into one CommonJS file under .tmp/ (axios and ioredis left to Node). */
export function bundleWorker(entry: string): Promise<string> {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const outfile = path.join(mkdtempSync(path.join(ROOT, '.tmp', 'redis-worker-')), 'worker.cjs');
  return build({
    entryPoints: [entry],
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
  /** Comma-separated ports of a Redis Cluster's nodes: the worker uses ioredis's `Cluster`. */
  CLUSTER_PORTS?: string;
  API_URL: string;
  /** Empty: the worker calls `redisCoordinator(client)` without a namespace. */
  NAMESPACE: string;
  LOCK_TTL_MS: number;
  /** Where the processes of one app keep their (rotating) refresh token. */
  REFRESH_TOKEN_FILE: string;
  HANG_REFRESH?: string;
  /** '1': no validator cache, so a request makes no Redis call before its 401. */
  NO_CACHE?: string;
  /** Set: `circuitBreaker` on (4 requests open it) with this `openMs`. */
  BREAKER_OPEN_MS?: number;
}

/** A file holding the first refresh token (`r0`), for the processes of one app to share. */
export function refreshTokenFile(): string {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const file = path.join(mkdtempSync(path.join(ROOT, '.tmp', 'refresh-token-')), 'token');
  writeFileSync(file, 'r0');
  return file;
}

/** Resolves once `count` connections (summed over `ports`, the nodes of a cluster) subscribe to `channel`. */
export async function subscribed(ports: number[], channel: string, count: number): Promise<void> {
  for (;;) {
    let total = 0;
    for (const port of ports) {
      const { stdout } = await promisify(execFile)('redis-cli', ['-p', String(port), 'PUBSUB', 'NUMSUB', channel]);
      total += Number(stdout.trim().split('\n')[1]);
    }
    if (total >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
