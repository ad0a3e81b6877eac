import { RefreshScope } from '../rules/auth/refresh-scope';
import type { RefreshResult } from '../rules/auth/refresh-scope';
import type { RefreshLock, TokenRecord } from './redis-lock';
import type { SharedMessage } from './redis-messages';

type TokenMessage = Extract<SharedMessage, { kind: 'token' | 'failed' }>;

/** Told each time this process takes a token another process refreshed. */
export type OnSharedToken = (token: string | undefined, info: { expiresAt: number | undefined }) => void;

export interface SharedRefreshOptions {
  lock: RefreshLock;
  /** This process's name on the channel. */
  self: string;
  /** The lock's expiry: how long a dead refresher can keep the others waiting. */
  lockTtlMs: number;
  onToken: OnSharedToken | undefined;
  /** The refresher's expiry of its new token, published with it (the caller's `auth.expiresAt`). */
  expiresAt: (() => number | undefined | null) | undefined;
  now: () => number;
}

/** A little more than the lock's remaining life, so the retry finds it expired. */
const AFTER_EXPIRY_MS = 20;

/**
 * The refresh state shared by every process on one namespace. `begin` keeps the local single
 * flight (one coordination per process at a time) and, inside it, makes sure one process in all
 * runs `auth.refresh`: it takes the Redis lock, refreshes, stores the token under its fence and
 * publishes it; every other process waits for that message (or, should it be lost, for the lock's
 * expiry, then reads the stored token or takes the lock itself) and repeats its 401s with the
 * published token. With Redis down it refreshes locally, as the in-memory scope does.
 */
export class SharedRefreshScope extends RefreshScope {
  /** Fence of the token this process uses (its own refresh's or one it took): 0 before any. */
  private fence = 0;
  /** The newest token message seen (a subscription can deliver it while a step is on the wire). */
  private latest: TokenMessage | undefined = undefined;
  private readonly listeners = new Set<(message: TokenMessage) => void>();

  constructor(private readonly shared: SharedRefreshOptions) {
    super();
  }

  override begin(refresh: () => Promise<RefreshResult>) {
    return super.begin(() => this.coordinate(refresh));
  }

  /** A message from the channel. A newer token with no refresh in flight is taken at once. */
  receive(message: TokenMessage): void {
    if (message.from === this.shared.self || message.fence <= this.fence) return;
    if (message.kind === 'token') this.latest = message;
    // A failure only answers the waits it ends; a later 401 tries again.
    for (const listener of [...this.listeners]) listener(message);
    if (message.kind !== 'token') return;
    // Taking it through a settled flight bumps the generation, so 401s of requests sent with the
    // old token are repeated with this one instead of starting a refresh.
    if (!this.inFlight) void super.begin(() => Promise.resolve(this.take(message)));
  }

  private async coordinate(refresh: () => Promise<RefreshResult>): Promise<RefreshResult> {
    const { lock, lockTtlMs, now } = this.shared;
    // A refresher that died is replaced after one expiry; give up after a few such rounds.
    const deadline = now() + 3 * lockTtlMs;
    for (;;) {
      const known = this.newer();
      if (known) return this.take(known);
      let step;
      try {
        step = await lock.acquire(this.fence);
      } catch {
        return this.local(refresh);
      }
      if (step.kind === 'newer') return this.take(step.record);
      if (step.kind === 'acquired') return this.refreshLocked(refresh, step.fence, step.value);
      const left = deadline - now();
      if (left <= 0) return { error: new Error(`no process completed the shared token refresh within ${3 * lockTtlMs} ms`) };
      const message = await this.nextMessage(Math.min(step.ttlMs + AFTER_EXPIRY_MS, left));
      if (message?.kind === 'failed') return { error: new Error(`the token refresh failed in another process: ${message.reason}`) };
    }
  }

  /** This process holds the lock: it refreshes, then stores and publishes (fenced). */
  private async refreshLocked(refresh: () => Promise<RefreshResult>, fence: number, value: string): Promise<RefreshResult> {
    const { lock, self } = this.shared;
    const result = await refresh();
    if ('error' in result) {
      const reason = result.error instanceof Error ? result.error.message : String(result.error);
      lock.release(value, JSON.stringify({ kind: 'failed', from: self, fence, reason })).catch(() => undefined);
      return result;
    }
    const mine: TokenRecord = { fence, token: result.token, expiresAt: this.expiry() };
    const message = JSON.stringify({ kind: 'token', from: self, ...mine });
    let newer: TokenRecord | undefined;
    try {
      newer = await lock.store(mine, value, message);
    } catch {
      // Stored or not, this process has its token; the others will refresh or read it later.
    }
    // Our lock expired mid-refresh and a later refresh already stored its token: that one is current.
    if (newer) return this.take(newer);
    this.fence = fence;
    return result;
  }

  /** Redis is unreachable: refresh in this process alone, as without a coordinator. */
  private local(refresh: () => Promise<RefreshResult>): Promise<RefreshResult> {
    return refresh();
  }

  /** What the caller's `expiresAt` says now that its store has the new token; a throw says nothing. */
  private expiry(): number | undefined {
    try {
      const expiry = this.shared.expiresAt?.();
      return typeof expiry === 'number' ? expiry : undefined;
    } catch {
      return undefined;
    }
  }

  private newer(): TokenMessage | undefined {
    const latest = this.latest;
    return latest && latest.fence > this.fence ? latest : undefined;
  }

  /**
   * Uses a token another process refreshed: it becomes the scope's token (what requests send
   * without `auth.getAccessToken`), and `onToken` puts it in the caller's own store (what
   * `getAccessToken` reads) before any request is repeated.
   */
  private take(record: { fence: number; token?: string | undefined; expiresAt?: number | undefined }): RefreshResult {
    this.fence = Math.max(this.fence, record.fence);
    const { onToken } = this.shared;
    try {
      onToken?.(record.token, { expiresAt: record.expiresAt });
    } catch {
      // The caller's hook must not break the refresh the other requests wait for.
    }
    return { token: record.token };
  }

  private nextMessage(ms: number): Promise<TokenMessage | undefined> {
    return new Promise((resolve) => {
      const done = (message: TokenMessage | undefined): void => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve(message);
      };
      const timer = setTimeout(() => done(undefined), ms);
      this.listeners.add(done);
    });
  }
}
