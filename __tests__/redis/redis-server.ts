// A real redis-server (the Debian package) on a free loopback port, started and stopped by the tests.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

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

/** Starts redis-server on `port` with no persistence; resolves once it accepts connections. */
export function startRedis(port: number): Promise<RedisServer> {
  const child: ChildProcess = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
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
