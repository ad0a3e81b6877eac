import type { Coordinator, CoordinatorEvent } from './coordinator';
import { localCoordinator } from './memory';
import { resolveRedisOptions } from './redis-options';
import type { RedisCoordinatorOptions } from './redis-options';
import { redisConnection } from './redis-client';
import type { RedisClient } from './redis-client';
import { sharedHolds } from './redis-holds';
import { redisLink } from './redis-link';
import { refreshLock } from './redis-lock';
import { parseMessage } from './redis-messages';
import type { SharedMessage } from './redis-messages';
import { SharedRefreshScope } from './redis-refresh';
import { redisValidatorStore } from './redis-cache-store';
import { circuit as makeCircuit } from '../rules/circuit-breaker/circuit';
import { publishingCircuit } from './shared-circuit';
import type { MakeCircuit } from './coordinator';

/** A Redis-backed coordinator; `close()` ends its subscription connection (the client stays yours). */
export interface RedisCoordinator extends Coordinator {
  close(): void;
}

/**
 * Shares the refresh, origin holds and the validator cache between processes through your Redis
 * client (ioredis, or node-redis v4+). Everything a request reads on its happy path stays local:
 * Redis is only asked on a 401, sent a 429/503 hold, or used by the validator cache. Redis lost:
 * everything goes on locally (an `onEvent` `coordinator` event says so) and picks up again when
 * the client has reconnected. See docs/coordination.md.
 */
export function redisCoordinator(client: RedisClient, options: RedisCoordinatorOptions): RedisCoordinator {
  const { namespace, commandTimeoutMs, lockTimeoutMs, lockTtlMs, recordTtlMs, cacheTtlMs, onToken, expiresAt } = resolveRedisOptions(options);
  const connection = redisConnection(client);
  const now = Date.now;
  const local = localCoordinator(now);
  // This process's name on the channel, so it skips its own messages.
  const self = `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  // The hash tag puts every key of a namespace on one Redis Cluster slot, so the scripts that
  // touch two of them run there (without it, Cluster refuses them with CROSSSLOT).
  const tag = `{${namespace}}`;
  const channel = `${tag}:events`;
  /** The attaches using this coordinator, and where their events go. */
  const owners = new Map<object, (event: CoordinatorEvent) => void>();
  const report = (state: 'degraded' | 'restored' | 'reset', reason: string): void => {
    for (const emit of owners.values()) emit({ type: 'coordinator', state, reason });
  };
  const link = redisLink(connection, commandTimeoutMs, report);

  const publish = (message: SharedMessage): void => {
    link.command('PUBLISH', [channel, JSON.stringify(message)]).catch(() => undefined);
  };
  const lock = refreshLock(link, { tag, channel, ttlMs: lockTtlMs, recordTtlMs, timeoutMs: lockTimeoutMs });
  const refresh = new SharedRefreshScope({ lock, self, lockTtlMs, recordTtlMs, onToken, expiresAt, now, report: (reason) => report('reset', reason) });
  const holds = sharedHolds(local, self, publish);
  const store = redisValidatorStore(link, tag, cacheTtlMs);
  /** Circuits whose own moves are published on the channel; the counts stay in this process. */
  const sharedCircuit =
    (origin: string, create: MakeCircuit): MakeCircuit =>
    (clock) =>
      publishingCircuit(create(clock), (notice) => publish({ kind: 'circuit', from: self, origin, state: notice.state, openMs: notice.state === 'open' ? notice.openMs : 0 }));

  let unsubscribe: (() => void) | undefined;
  const onMessage = (text: string): void => {
    const message = parseMessage(text);
    if (!message) return;
    if (message.kind === 'hold') holds.receive(message);
    else if (message.kind === 'circuit') {
      if (message.from !== self) local.mirrorCircuit(message.origin, message.state, message.openMs, sharedCircuit(message.origin, makeCircuit));
    }
    else refresh.receive(message);
  };
  const close = (): void => {
    unsubscribe?.();
    unsubscribe = undefined;
  };

  return {
    // One refresh per namespace across processes, so one per process too, whatever `auth.scope`.
    refreshScope: () => refresh,
    gate: holds.gate,
    busyGate: (origin, success) => local.busyGate(origin, success),
    get holding() {
      return local.holding;
    },
    validatorCache: (cache, create) => local.validatorCache(cache.store ? cache : { ...cache, store }, create),
    // The retry budget stays per process: it bounds what this process adds to an outage.
    retryBudget: (origin, create) => local.retryBudget(origin, create),
    // Opening and closing are published (notices only); the window's counts stay per process.
    circuit: (origin, create) => local.circuit(origin, sharedCircuit(origin, create)),
    connect(owner, emit, limits) {
      local.connect?.(owner, emit, limits);
      owners.set(owner, emit);
      unsubscribe ??= connection.subscribe(channel, onMessage, (up) => link.setUp(up, up ? 'subscription ready' : 'subscription connection lost'));
    },
    detach(owner) {
      owners.delete(owner);
      local.detach(owner);
      if (!owners.size) close();
    },
    close,
  };
}
