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
 * What one run of `auth.refresh` gave: the token (undefined when the caller stored it elsewhere)
 * and, when known, when it expires (epoch ms); or its failure.
 */
export type RefreshResult = { token: string | undefined; expiresAt?: number | undefined } | { error: unknown };

/**
 * The refresh state every request of one or more instances shares: one refresh in flight at a
 * time, the token it returned, and a generation count that tells a late 401 (sent before the last
 * refresh settled) from a fresh one. This in-memory one is the default; a coordinator may hand out
 * one that extends `begin` across processes or tabs (one refresh for all, the token published).
 */
/** When a token expires (epoch ms) and, when known, how long it was valid from its issue. */
export interface Expiry {
  at: number;
  lifetimeMs: number | undefined;
}

export class RefreshScope implements AuthScope {
  private flight: Promise<RefreshFailure> | undefined = undefined;
  private settledFlight: Promise<RefreshFailure> | undefined = undefined;
  private settledCount = 0;
  private currentToken: string | undefined = undefined;
  private currentExpiry: number | undefined = undefined;
  private currentLifetime: number | undefined = undefined;
  private early = false;
  /**
   * True only while `auth.refresh` itself is running synchronously (until its first `await`): a
   * request sent then is that refresh's own token request (see `authRule.beforeSend`).
   */
  callingRefresh = false;
  /** The expiry that last started a proactive refresh: one per expiry value, so it cannot loop. */
  proactiveExpiry: number | undefined = undefined;
  /**
   * The last token read as a JWT and what its claims said (`jwtExpiry`): the same token goes out on
   * every request, and is decoded once.
   */
  decodedJwt: { token: string; expiry: Expiry | undefined } | undefined = undefined;

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

  /** When the last refreshed token expires (epoch ms), if the refresh (or the process that did it) said. */
  get expiresAt(): number | undefined {
    return this.currentExpiry;
  }

  /** How long the last refreshed token was valid when it arrived, if its expiry is known. */
  get lifetimeMs(): number | undefined {
    return this.currentLifetime;
  }

  /**
   * True while the flight in flight was started ahead of expiry: the token in use is still valid,
   * so requests go out with it instead of waiting (see `authRule.beforeSend`).
   */
  get earlyFlight(): boolean {
    return this.flight !== undefined && this.early;
  }

  get refreshing(): boolean {
    return this.flight !== undefined;
  }

  /**
   * Joins the refresh in flight, or starts one with `refresh`, called a microtask later so the
   * flight is in place before any of it runs. `early`: started ahead of expiry, while the token in
   * use is still valid. Resolves to the failure, or `undefined`; never rejects.
   */
  begin(refresh: () => Promise<RefreshResult>, early = false): Promise<RefreshFailure> {
    if (this.flight) return this.flight;
    this.early = early;
    const flight: Promise<RefreshFailure> = Promise.resolve()
      .then(refresh)
      .then((result) => {
        if (!('error' in result)) this.keep(result, now());
        this.flight = undefined;
        this.settledFlight = flight;
        this.settledCount++;
        return 'error' in result ? { error: result.error } : undefined;
      });
    return (this.flight = flight);
  }

  private keep(result: { token: string | undefined; expiresAt?: number | undefined }, at: number): void {
    this.currentToken = result.token;
    this.currentExpiry = result.expiresAt;
    this.currentLifetime = result.expiresAt === undefined ? undefined : result.expiresAt - at;
  }
}

const now = (): number => Date.now();

/** A refresh state to share between instances: pass it as `auth.scope` to each attach. */
export const createAuthScope = (): AuthScope => new RefreshScope();
