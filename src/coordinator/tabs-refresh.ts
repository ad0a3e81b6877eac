import { AuthErrorCodes, authError } from '../rules/auth/errors';
import { RefreshScope } from '../rules/auth/refresh-scope';
import type { RefreshFailure, RefreshResult } from '../rules/auth/refresh-scope';
import type { LockManagerLike } from './tabs-env';
import type { PublishedToken } from './tabs-messages';

/** What the refresh scope needs from the tabs coordinator. */
export interface RefreshLink {
  locks: LockManagerLike;
  lockName: string;
  /** How long to wait for another tab's refresh before failing this one; 0: no limit. */
  lockTimeoutMs: number;
  now(): number;
  /** Posts the token to the other tabs; settles once the message has gone round (bounded). */
  publish(published: PublishedToken): Promise<void>;
  expiresAt: (() => number | null | undefined) | undefined;
  onToken: ((published: PublishedToken) => void) | undefined;
  /** The lock manager failed: the refresh then runs in this tab alone, and the app is told. */
  degrade(reason: string): void;
}

/**
 * How far ahead of this tab's clock a received generation may be. Tabs share the system clock and
 * a publication's generation is the publisher's `Date.now()` (one more than the last one it saw
 * when that is higher, which cannot run ahead by more than a few steps), so a real one is never
 * ahead by more than a backward clock step. One further ahead is forged or corrupt: accepted, it
 * would make every real token published before that moment count as older and be ignored
 * (with `Number.MAX_VALUE`, forever: `MAX_VALUE + 1` is `MAX_VALUE`).
 */
const MAX_GENERATION_AHEAD_MS = 1000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A user callback must not break a refresh: one that throws counts as "no expiry known". */
function readExpiry(expiresAt: RefreshLink['expiresAt']): number | undefined {
  try {
    const value = expiresAt?.();
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The refresh state of one tab, extended to every tab of the origin. `begin` still makes one
 * flight per tab; the flight then takes the Web Lock, so one tab at a time may call
 * `auth.refresh`. Whoever holds the lock first checks whether another tab published a token since
 * this flight started: then that token is used and `auth.refresh` is not called (a rotating
 * refresh token may be used once). A tab that closes mid-refresh loses the lock with it, and the
 * next tab in line refreshes.
 */
export class TabsRefreshScope extends RefreshScope {
  /** The newest token any tab published that this tab knows of. */
  private latest: PublishedToken | undefined = undefined;

  constructor(private readonly link: RefreshLink) {
    super();
  }

  private get latestGeneration(): number {
    return this.latest ? this.latest.generation : 0;
  }

  override begin(refresh: () => Promise<RefreshResult>, early?: boolean): Promise<RefreshFailure> {
    return super.begin(() => this.acrossTabs(refresh), early);
  }

  /** A token another tab published (over the channel). */
  received(published: PublishedToken): void {
    if (published.generation <= this.latestGeneration || published.generation > this.link.now() + MAX_GENERATION_AHEAD_MS) return;
    this.latest = published;
    try {
      this.link.onToken?.(published);
    } catch {
      // The app's hook must not stop the token from reaching this tab's requests.
    }
    // Settle it here as a refresh of this tab: a request that went out with the old token and
    // answers 401 later is a late 401, repeated with this token, and starts no refresh. A flight
    // already waiting for the lock picks the token up when it gets the lock.
    if (!this.inFlight) void super.begin(() => Promise.resolve({ token: published.token, expiresAt: published.expiresAt }));
  }

  private acrossTabs(refresh: () => Promise<RefreshResult>): Promise<RefreshResult> {
    const { link } = this;
    const seen = this.latestGeneration;
    return new Promise<RefreshResult>((resolve) => {
      let waiting = true;
      const timer =
        link.lockTimeoutMs > 0
          ? setTimeout(() => {
              if (!waiting) return;
              waiting = false;
              const what = `another tab held the token refresh lock "${link.lockName}" for over ${link.lockTimeoutMs} ms`;
              resolve({ error: authError(AuthErrorCodes.REFRESH_TIMEOUT, what) });
            }, link.lockTimeoutMs)
          : undefined;
      const underLock = async (): Promise<void> => {
        clearTimeout(timer);
        // Granted after this tab gave up: the lock passes on at once, untouched.
        if (!waiting) return;
        waiting = false;
        try {
          resolve(await this.refreshUnderLock(refresh, seen));
        } catch (error) {
          resolve({ error });
        }
      };
      const lockFailed = (error: unknown): void => {
        clearTimeout(timer);
        if (!waiting) return;
        waiting = false;
        link.degrade(`Web Locks failed (${error instanceof Error ? error.message : String(error)}); this tab refreshed alone`);
        resolve(refresh());
      };
      try {
        link.locks.request(link.lockName, underLock).catch(lockFailed);
      } catch (error) {
        lockFailed(error);
      }
    });
  }

  private async refreshUnderLock(refresh: () => Promise<RefreshResult>, seen: number): Promise<RefreshResult> {
    // The last holder posted its token before it released the lock, but the message and the
    // grant reach this tab separately: give a message already on its way one turn to arrive.
    if (this.latestGeneration <= seen) await nextTurn();
    const known = this.latest;
    if (known && known.generation > seen) return { token: known.token, expiresAt: known.expiresAt };
    const result = await refresh();
    if ('error' in result) return result;
    const published: PublishedToken = {
      // Tabs share one clock; the +1 keeps order even if it steps back.
      generation: Math.max(this.link.now(), this.latestGeneration + 1),
      token: result.token,
      // The expiry the refresh returned travels with the token; else what the caller's hook says.
      expiresAt: result.expiresAt ?? readExpiry(this.link.expiresAt),
    };
    this.latest = published;
    await this.link.publish(published);
    return result;
  }
}
