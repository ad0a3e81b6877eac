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

/** What one run of `auth.refresh` gave: the token (undefined when the caller stored it elsewhere), or its failure. */
export type RefreshResult = { token: string | undefined } | { error: unknown };

/**
 * The refresh state every request of one or more instances shares: one refresh in flight at a
 * time, the token it returned, and a generation count that tells a late 401 (sent before the last
 * refresh settled) from a fresh one. This in-memory one is the default; a coordinator may hand out
 * one that extends `begin` across processes or tabs (one refresh for all, the token published).
 */
export class RefreshScope implements AuthScope {
  private flight: Promise<RefreshFailure> | undefined = undefined;
  private settledFlight: Promise<RefreshFailure> | undefined = undefined;
  private settledCount = 0;
  private currentToken: string | undefined = undefined;
  /**
   * True only while `auth.refresh` itself is running synchronously (until its first `await`): a
   * request sent then is that refresh's own token request (see `authRule.beforeSend`).
   */
  callingRefresh = false;
  /** The expiry that last started a proactive refresh: one per expiry value, so it cannot loop. */
  proactiveExpiry: number | undefined = undefined;

  /** The refresh in flight (single flight). Never rejects. */
  get inFlight(): Promise<RefreshFailure> | undefined {
    return this.flight;
  }

  /** The last settled refresh: it answers a late 401 from a request sent before it settled. */
  get lastSettled(): Promise<RefreshFailure> | undefined {
    return this.settledFlight;
  }

  /** Refreshes settled so far: the generation a request went out with. */
  get generation(): number {
    return this.settledCount;
  }

  /** The last token `auth.refresh` returned; cleared when it returns nothing. */
  get token(): string | undefined {
    return this.currentToken;
  }

  get refreshing(): boolean {
    return this.flight !== undefined;
  }

  /**
   * Joins the refresh in flight, or starts one with `refresh`, called a microtask later so the
   * flight is in place before any of it runs. Resolves to the failure, or `undefined`; never rejects.
   */
  begin(refresh: () => Promise<RefreshResult>): Promise<RefreshFailure> {
    if (this.flight) return this.flight;
    const flight: Promise<RefreshFailure> = Promise.resolve()
      .then(refresh)
      .then((result) => {
        if (!('error' in result)) this.currentToken = result.token;
        this.flight = undefined;
        this.settledFlight = flight;
        this.settledCount++;
        return 'error' in result ? { error: result.error } : undefined;
      });
    return (this.flight = flight);
  }
}

/** A refresh state to share between instances: pass it as `auth.scope` to each attach. */
export const createAuthScope = (): AuthScope => new RefreshScope();
