import { safeText } from '../http/redact';
import { RefreshScope } from '../rules/auth/refresh-scope';
import type { RefreshResult } from '../rules/auth/refresh-scope';
import type { RecordState, RefreshLock, TokenRecord } from './redis-lock';
import type { SharedMessage } from './redis-messages';

type RefreshMessage = Extract<SharedMessage, { kind: 'token' | 'failed' }>;

/** What ends a wait for another process's refresh: the token it stored, or its failure. */
type Wake = { kind: 'token'; record: TokenRecord } | { kind: 'failed'; reason: string };

/** Told each time this process takes a token another process refreshed. */
export type OnSharedToken = (token: string | undefined, info: { expiresAt: number | undefined }) => void;

export interface SharedRefreshOptions {
  lock: RefreshLock;
  /** This process's name on the channel. */
  self: string;
  /** The lock's expiry: how long a dead refresher can keep the others waiting. */
  lockTtlMs: number;
  /** How long Redis keeps a record whose token's expiry is unknown. */
  recordTtlMs: number;
  onToken: OnSharedToken | undefined;
  /** The refresher's expiry of its new token, published with it (the caller's `auth.expiresAt`). */
  expiresAt: (() => number | undefined | null) | undefined;
  now: () => number;
  /** The shared record was found broken (lost or overwritten): a `coordinator` event. */
  report: (reason: string) => void;
}

/** A little more than the lock's remaining life, so the retry finds it expired. */
const AFTER_EXPIRY_MS = 20;
/** Lock holders in a row that ended without a token (died) before a waiter gives up. */
const MAX_DEAD_HOLDERS = 3;
/** The longest a timer may be set for (Node fires longer ones at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The longest failure reason a refresher publishes (receivers cut and clean it again). */
const MAX_REASON = 200;

/**
 * The refresh state shared by every process on one namespace. `begin` keeps the local single
 * flight (one coordination per process at a time) and, inside it, makes sure one process in all
 * runs `auth.refresh`: it takes the Redis lock (extending it while it refreshes), refreshes, stores
 * the token under its fence and publishes a notice naming that fence; every other process waits
 * for the notice (or, should it be lost, for the lock's expiry), reads the stored token and repeats
 * its 401s with it. With Redis down it refreshes locally, as the in-memory scope does.
 */
export class SharedRefreshScope extends RefreshScope {
  /** Fence of the token this process uses (its own refresh's or one it took): 0 before any. */
  private fence = 0;
  /** When the record of `fence` was due to leave Redis: missing before then, it was lost. */
  private recordUntil = 0;
  /** The newest stored token read after a notice (it can arrive while a step is on the wire). */
  private latest: TokenRecord | undefined = undefined;
  private readonly listeners = new Set<(wake: Wake) => void>();

  constructor(private readonly shared: SharedRefreshOptions) {
    super();
  }

  override begin(refresh: () => Promise<RefreshResult>, early?: boolean) {
    return super.begin(() => this.coordinate(refresh), early);
  }

  /**
   * A message from the channel. A token notice only says where to look: the token is read from
   * the record, and taken when that record is newer than ours (at once when no refresh is in flight).
   */
  receive(message: RefreshMessage): void {
    if (message.from === this.shared.self || message.fence <= this.fence) return;
    // A failure only answers the waits it ends; a later 401 tries again.
    if (message.kind === 'failed') return this.wake({ kind: 'failed', reason: message.reason });
    this.shared.lock.read().then(
      (record) => this.found(record),
      () => undefined, // Redis lost: the waits end at the lock's expiry and go on locally.
    );
  }

  private found(record: TokenRecord | undefined): void {
    if (!record || record.fence <= this.fence || (this.latest && record.fence <= this.latest.fence)) return;
    this.latest = record;
    this.wake({ kind: 'token', record });
    // Taking it through a settled flight bumps the generation, so 401s of requests sent with the
    // old token are repeated with this one instead of starting a refresh.
    if (!this.inFlight) void super.begin(() => Promise.resolve(this.take(record)));
  }

  private wake(wake: Wake): void {
    for (const listener of [...this.listeners]) listener(wake);
  }

  private async coordinate(refresh: () => Promise<RefreshResult>): Promise<RefreshResult> {
    const { lock } = this.shared;
    // A holder that dies is replaced after one expiry; one that lives extends the lock, however
    // long its refresh takes (auth.refreshTimeoutMs bounds it). Give up after a few dead ones.
    const holders = new Set<string>();
    for (;;) {
      const known = this.newer();
      if (known) return this.take(known);
      let step;
      try {
        step = await lock.acquire(this.fence);
      } catch {
        return this.local(refresh);
      }
      this.check(step.state);
      if (step.kind === 'newer') return this.take(step.record);
      if (step.kind === 'acquired') return this.refreshLocked(refresh, step.fence, step.value);
      // The notice may have come while our request was on the wire: the token is here, use it.
      if (this.newer()) continue;
      holders.add(step.holder);
      if (holders.size > MAX_DEAD_HOLDERS) return { error: new Error(`${MAX_DEAD_HOLDERS} processes in a row took the shared refresh lock and ended without a token`) };
      const wake = await this.nextWake(step.ttlMs + AFTER_EXPIRY_MS);
      if (wake?.kind === 'failed') return { error: new Error(`the token refresh failed in another process: ${wake.reason}`) };
    }
  }

  /** What the lock's script found of the shared record: a loss or a repair is a `coordinator` event. */
  private check(state: RecordState): void {
    const { report, now } = this.shared;
    if (state === 'repaired') report('the shared refresh record in Redis held a value that was not ours; it was replaced');
    else if (state === 'created' && this.fence > 0 && now() < this.recordUntil) {
      report('the shared refresh record left Redis before its expiry (a restart without persistence, FLUSHALL or eviction); refreshes are numbered on from above the last');
    }
  }

  /** This process holds the lock: it refreshes, then stores and publishes (fenced). */
  private async refreshLocked(refresh: () => Promise<RefreshResult>, fence: number, value: string): Promise<RefreshResult> {
    const { lock, self } = this.shared;
    const result = await this.renewing(value, refresh);
    if ('error' in result) {
      const reason = safeText(result.error instanceof Error ? result.error.message : String(result.error), MAX_REASON);
      lock.release(value, JSON.stringify({ kind: 'failed', from: self, fence, reason })).catch(() => undefined);
      return result;
    }
    // The expiry the refresh returned travels with the token; else what the caller's hook says.
    const mine: TokenRecord = { fence, token: result.token, expiresAt: result.expiresAt ?? this.expiry() };
    let newer: TokenRecord | undefined;
    try {
      newer = await lock.store(mine, value, JSON.stringify({ kind: 'token', from: self, fence }));
    } catch {
      // Stored or not, this process has its token; the others will refresh or read it later.
    }
    // Our lock expired mid-refresh and a later refresh already stored its token: that one is current.
    if (newer) return this.take(newer);
    this.use(mine);
    return result;
  }

  /**
   * Runs `refresh` while extending the lock every third of its TTL, so the lock outlives the
   * refresh it guards. Extending stops when the lock is no longer ours (it expired while Redis was
   * unreachable and another process took it): that one's fence is above ours and wins the store.
   */
  private async renewing(value: string, refresh: () => Promise<RefreshResult>): Promise<RefreshResult> {
    const { lock, lockTtlMs } = this.shared;
    let running = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
      timer = setTimeout(() => {
        lock.renew(value).then(
          (ours) => void (ours && running && schedule()),
          () => void (running && schedule()),
        );
      }, Math.min(lockTtlMs / 3, MAX_TIMER_MS));
    };
    schedule();
    try {
      return await refresh();
    } finally {
      running = false;
      clearTimeout(timer);
    }
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

  private newer(): TokenRecord | undefined {
    const latest = this.latest;
    return latest && latest.fence > this.fence ? latest : undefined;
  }

  /** `record` is the token this process now uses; remembers when Redis should drop it. */
  private use(record: TokenRecord): void {
    this.fence = Math.max(this.fence, record.fence);
    this.recordUntil = record.expiresAt ?? this.shared.now() + this.shared.recordTtlMs;
  }

  /**
   * Uses a token another process refreshed: it becomes the scope's token (what requests send
   * without `auth.getAccessToken`), and `onToken` puts it in the caller's own store (what
   * `getAccessToken` reads) before any request is repeated.
   */
  private take(record: TokenRecord): RefreshResult {
    this.use(record);
    const { onToken } = this.shared;
    try {
      onToken?.(record.token, { expiresAt: record.expiresAt });
    } catch {
      // The caller's hook must not break the refresh the other requests wait for.
    }
    return { token: record.token, expiresAt: record.expiresAt };
  }

  private nextWake(ms: number): Promise<Wake | undefined> {
    return new Promise((resolve) => {
      const done = (wake: Wake | undefined): void => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve(wake);
      };
      // The lock's TTL comes from Redis: whoever may write it could make it anything.
      const timer = setTimeout(() => done(undefined), Math.min(ms, MAX_TIMER_MS));
      this.listeners.add(done);
    });
  }
}
