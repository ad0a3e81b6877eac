import { StatusPolicyConfigError } from '../config-error';
import { check, isObject } from '../options/validate';
import { RefreshScope } from '../rules/auth/refresh-scope';
import { circuit as makeCircuit } from '../rules/circuit-breaker/circuit';
import type { Coordinator, CoordinatorEvent, MakeCircuit } from './coordinator';
import { publishingCircuit } from './shared-circuit';
import { localCoordinator } from './memory';
import { originGate } from '../rules/rate-limit/origin-gate';
import type { OriginGate } from '../rules/rate-limit/origin-gate';
import { TabsChannel } from './tabs-channel';
import { browserTabsEnv } from './tabs-env';
import type { TabsEnv } from './tabs-env';
import type { PublishedToken, TabsMessage } from './tabs-messages';
import { TabsRefreshScope } from './tabs-refresh';

/** Options of {@link tabsCoordinator}. */
export interface TabsCoordinatorOptions {
  /**
   * The session the tabs share: tabs of one origin whose coordinators have the same name refresh
   * once between them, use each other's tokens and hold together. One name per token (per API
   * login), unique on the origin: another app of the origin that picks the same name gets this
   * app's tokens (name after the API and client, e.g. `'api.example.com/web-client'`).
   */
  name: string;
  /**
   * Runs in this tab when another tab published a new token, before any request here repeats with
   * it: update what `auth.getAccessToken` or your request interceptor reads, and re-read a
   * rotated refresh token if you keep one in memory.
   */
  onToken?: (published: PublishedToken) => void;
  /**
   * The new token's expiry (epoch ms), read in the refreshing tab right after `auth.refresh` and
   * published with the token: usually the same function as `auth.expiresAt`.
   */
  expiresAt?: () => number | null | undefined;
  /**
   * Longest a tab waits for another tab's refresh (the Web Lock) before its own refresh fails with
   * `AuthErrorCodes.REFRESH_TIMEOUT` as `cause`. 0: no limit. @default 60000
   */
  lockTimeoutMs?: number;
}

const SCHEMA = { name: 'str', onToken: 'fn', expiresAt: 'fn', lockTimeoutMs: 'ms' } as const;

/** The options checked at run time too: JavaScript callers get no compiler to catch a typo. */
function readOptions(options: TabsCoordinatorOptions) {
  if (!isObject(options)) throw new StatusPolicyConfigError('tabsCoordinator needs an options object: tabsCoordinator({ name: "my-app" })');
  check(options, SCHEMA, 'tabsCoordinator');
  // A blank name is a name left out (an unset variable, a template with nothing in it): two apps
  // making that mistake would share their tokens without having chosen to.
  if (typeof options.name !== 'string' || !options.name.trim()) throw new StatusPolicyConfigError('option "tabsCoordinator.name" must be a non-empty string (not only spaces)');
  const { name, onToken, expiresAt, lockTimeoutMs = 60_000 } = options;
  return { name, onToken, expiresAt, lockTimeoutMs };
}

/**
 * The BroadcastChannel and the Web Lock of the coordinators named `name`. Both carry this
 * package's name so that no other code of the origin (another library, the app's own locks) uses
 * them by chance: a foreign `session:refresh` lock would otherwise stall every refresh, and ours
 * stall theirs. The lock's prefix also keeps names starting with `-` usable (Web Locks reserves
 * those and refuses the request).
 */
const tabsNames = (name: string): { channel: string; lock: string } => ({
  channel: `${name}:axios-status-policy`,
  lock: `axios-status-policy:${name}:refresh`,
});

/**
 * One token refresh and one 429/503 hold shared by the tabs of one origin (Web Locks and
 * BroadcastChannel; docs/tabs.md). Holds, their paced release and the validator cache stay in
 * this tab's memory; a hold is mirrored into the other tabs' memory when it starts, so the happy
 * path costs what the in-memory coordinator costs. Every attach given this coordinator shares one
 * refresh. Without Web Locks or BroadcastChannel (React Native, Node, plain http, old browsers) it
 * is the in-memory coordinator, and each attach gets one `{ type: 'coordinator', state: 'degraded' }`.
 */
export function tabsCoordinator(options: TabsCoordinatorOptions): Coordinator {
  return createTabsCoordinator(options, browserTabsEnv());
}

/** {@link tabsCoordinator} on a given environment, or on none (`env` then says why). */
export function createTabsCoordinator(options: TabsCoordinatorOptions, env: TabsEnv | string, now: () => number = Date.now): Coordinator {
  const { name, lockTimeoutMs, onToken, expiresAt } = readOptions(options);
  const local = localCoordinator(now);
  /** Each attach's onEvent, to report losing the other tabs. */
  const owners = new Map<object, (event: CoordinatorEvent) => void>();
  let degradedBy: string | undefined = typeof env === 'string' ? env : undefined;
  const degrade = (reason: string): void => {
    if (degradedBy !== undefined) return;
    degradedBy = reason;
    for (const emit of owners.values()) emit({ type: 'coordinator', state: 'degraded', reason });
  };

  let scope: RefreshScope;
  let channel: TabsChannel | undefined;
  /** Circuits whose own moves the other tabs mirror; the counts stay in this tab. */
  const sharedCircuit =
    (origin: string, create: MakeCircuit): MakeCircuit =>
    (clock) =>
      publishingCircuit(create(clock), (notice) =>
        channel?.post({ kind: 'circuit', origin, state: notice.state, until: notice.state === 'open' ? now() + notice.openMs : 0 }),
      );
  if (typeof env === 'string') {
    scope = new RefreshScope();
  } else {
    const onMessage = (message: TabsMessage): void => {
      if (message.kind === 'token') {
        const { generation, token, expiresAt } = message;
        return tabsScope.received({ generation, token, expiresAt });
      }
      if (message.kind === 'circuit') {
        local.mirrorCircuit(message.origin, message.state, message.until - now(), sharedCircuit(message.origin, makeCircuit));
        return;
      }
      // Checked and clamped like any received hold: any script of the origin can post here.
      local.mirror(message.origin, message.until - now(), message.paced, originGate);
    };
    const names = tabsNames(name);
    const tabsChannel = new TabsChannel(env, names.channel, onMessage);
    const tabsScope = new TabsRefreshScope({
      locks: env.locks,
      lockName: names.lock,
      lockTimeoutMs,
      now,
      publish: (published) => tabsChannel.publish(published),
      expiresAt,
      onToken,
      degrade,
    });
    scope = tabsScope;
    channel = tabsChannel;
  }

  /** A gate whose holds the other tabs mirror; made only on the 429/503 path. */
  const sharedGate = (origin: string, gate: OriginGate): OriginGate => ({
    ...gate,
    hold(waitMs, paced) {
      gate.hold(waitMs, paced);
      channel?.post({ kind: 'hold', origin, until: now() + waitMs, paced: paced === true });
    },
  });

  return {
    // One refresh for every attach given this coordinator (and every tab), whatever `auth.scope` says.
    refreshScope: () => scope,
    gate: (origin, create) => sharedGate(origin, local.gate(origin, create)),
    busyGate: (origin, success) => local.busyGate(origin, success),
    get holding() {
      return local.holding;
    },
    validatorCache: (cacheOptions, create) => local.validatorCache(cacheOptions, create),
    retryBudget: (origin, create) => local.retryBudget(origin, create),
    circuit: (origin, create) => local.circuit(origin, sharedCircuit(origin, create)),
    connect(owner, emit, limits) {
      local.connect?.(owner, emit, limits);
      if (channel) {
        try {
          channel.open();
        } catch (error) {
          // Told to the attaches already connected here, and to this one below.
          degrade(`BroadcastChannel refused (${error instanceof Error ? error.message : String(error)})`);
        }
      }
      owners.set(owner, emit);
      if (degradedBy !== undefined) emit({ type: 'coordinator', state: 'degraded', reason: degradedBy });
    },
    detach(owner) {
      owners.delete(owner);
      local.detach(owner);
      if (!owners.size) channel?.close();
    },
  };
}
