// A real redis-server (the Debian package) on a free loopback port, started and stopped by the tests.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** Whether the suite can run here; prints the loud skip line once when it cannot. */
export function redisAvailable(): boolean {
  if (existsSync(REDIS_SERVER)) return true;
  process.stderr.write(`\n*** SKIPPED: Redis suite — redis-server not found at ${REDIS_SERVER} (apt-get install -y redis-server; CI's .ci/run does) ***\n\n`);
  return false;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RedisServer {
  port: number;
  /** Stops the server by its PID and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts redis-server on `port` with no persistence (plus `extra` arguments); resolves once it accepts connections. */
export function startRedis(port: number, extra: string[] = []): Promise<RedisServer> {
  const child: ChildProcess = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGTERM');
    await exited;
  };
  return new Promise<RedisServer>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/ready to accept connections/i.test(output)) {
        child.stdout?.off('data', onData);
        resolve({ port, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
}

export interface RedisCluster {
  ports: number[];
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of `masters` nodes (no replicas) on free loopback ports, its state in a fresh
 * directory under .tmp/; resolves once every node reports `cluster_state:ok`.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  mkdirSync(path.resolve(__dirname, '../../.tmp'), { recursive: true });
  const dir = mkdtempSync(path.resolve(__dirname, '../../.tmp/redis-cluster-'));
  const nodes: RedisServer[] = [];
  const stop = async (): Promise<void> => void (await Promise.all(nodes.map((node) => node.stop())));
  try {
    for (let i = 0; i < masters; i++) {
      const [port, bus] = [await freePort(), await freePort()];
      const config = ['--cluster-enabled', 'yes', '--cluster-port', String(bus), '--cluster-config-file', path.join(dir, `nodes-${port}.conf`), '--dir', dir];
      nodes.push(await startRedis(port, config));
    }
    const ports = nodes.map((node) => node.port);
    const cli = promisify(execFile);
    await cli('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports) {
      while (!(await cli('redis-cli', ['-p', String(port), 'CLUSTER', 'INFO'])).stdout.includes('cluster_state:ok')) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    return { ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
