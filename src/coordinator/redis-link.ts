import type { RedisArgs, RedisConnection } from './redis-client';

/** Rejection of a command not sent because Redis is known to be down (no wait at all). */
export const REDIS_DOWN = new Error('axios-status-policy: Redis unreachable, coordinating locally');

/** Reports the shared store going (`degraded`) and coming back (`restored`), once per change. */
export type HealthReport = (state: 'degraded' | 'restored', reason: string) => void;

/** Redis commands that never take longer than `timeoutMs`, and know whether Redis is reachable. */
export interface RedisLink {
  /** Resolves to the reply; rejects on an error, after `timeoutMs` (or `ms`), or at once while Redis is down. */
  command(command: string, args: RedisArgs, ms?: number): Promise<unknown>;
  /**
   * Like `command`, but sent even while Redis is believed down: for the refresh lock, where a
   * false alarm (one slow cache read during a pause) would cost a second refresh.
   */
  attempt(command: string, args: RedisArgs, ms: number): Promise<unknown>;
  /** Whether the last word from Redis was good. */
  readonly up: boolean;
  /** A reachability change seen elsewhere (the subscription's connection). */
  setUp(up: boolean, reason: string): void;
}

/** How often a command is let through to Redis while it is down, to notice it is back. */
const PROBE_EVERY_MS = 1000;

/**
 * Every call is time-boxed: a slow or unreachable Redis costs a request at most `timeoutMs`, once;
 * after that, until a probe succeeds or the client reports it reconnected, calls fail at once and
 * the caller goes on locally.
 */
export function redisLink(connection: RedisConnection, timeoutMs: number, report: HealthReport, now: () => number = Date.now): RedisLink {
  let up = true;
  let nextProbe = 0;
  const setUp = (value: boolean, reason: string): void => {
    if (value === up) return;
    up = value;
    if (!up) nextProbe = now() + PROBE_EVERY_MS;
    report(up ? 'restored' : 'degraded', reason);
  };
  connection.onReady(() => setUp(true, 'Redis connection ready'));

  const send = (command: string, args: RedisArgs, ms: number): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      const late = (): void => reject(new Error(`Redis ${command} took longer than ${ms} ms`));
      // Timers run before the event loop reads sockets: after a long synchronous stretch the timer
      // would fire ahead of a reply already waiting. One more turn lets such a reply win.
      timer = setTimeout(() => (timer = setTimeout(late, 0)), ms);
    });
    return Promise.race([connection.send(command, args), timeout]).then(
      (reply) => {
        clearTimeout(timer);
        setUp(true, `Redis ${command} answered`);
        return reply;
      },
      (error: unknown) => {
        clearTimeout(timer);
        // A reply error (bad script, wrong type) is Redis answering: it is reachable.
        const answered = error instanceof Error && /ReplyError|ErrorReply/.test(error.name);
        if (!answered) setUp(false, error instanceof Error ? error.message : String(error));
        throw error;
      },
    );
  };

  return {
    get up() {
      return up;
    },
    setUp,
    command(command, args, ms = timeoutMs) {
      if (!up) {
        if (now() < nextProbe) return Promise.reject(REDIS_DOWN);
        nextProbe = now() + PROBE_EVERY_MS;
      }
      return send(command, args, ms);
    },
    attempt: send,
  };
}
