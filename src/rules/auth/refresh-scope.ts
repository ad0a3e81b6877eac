/**
 * A refresh state to share between instances (from `createAuthScope()`); pass the same one as
 * `auth.scope` to several `attachStatusPolicy` calls and they refresh once between them.
 */
export interface AuthScope {
  /** True while a refresh is in flight. */
  readonly refreshing: boolean;
}

/** How a refresh ended: `undefined` when it succeeded, else what it failed with. */
export type RefreshFailure = { error: unknown } | undefined;

/**
 * The refresh state every request of one or more instances shares: one refresh in flight at a
 * time, the token it returned, and a generation count that tells a late 401 (sent before the last
 * refresh settled) from a fresh one. `src/rules/auth/rule.ts` does the work.
 */
export class RefreshScope implements AuthScope {
  /** The refresh in flight (single flight). Never rejects. */
  inFlight: Promise<RefreshFailure> | undefined = undefined;
  /** The last settled refresh: it answers a late 401 from a request sent before it settled. */
  lastSettled: Promise<RefreshFailure> | undefined = undefined;
  /** Refreshes settled so far: the generation a request went out with. */
  generation = 0;
  /** The last token `auth.refresh` returned; cleared when it returns nothing. */
  token: string | undefined = undefined;
  /** The expiry that last started a proactive refresh: one per expiry value, so it cannot loop. */
  proactiveExpiry: number | undefined = undefined;

  get refreshing(): boolean {
    return this.inFlight !== undefined;
  }
}

/** A refresh state to share between instances: pass it as `auth.scope` to each attach. */
export const createAuthScope = (): AuthScope => new RefreshScope();
