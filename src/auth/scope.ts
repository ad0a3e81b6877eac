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
 * The refresh state every request of one or more instances shares. Plain short fields, since
 * property names survive minification; `policies/auth.ts` does all the work.
 */
export class SharedRefresh implements AuthScope {
  /** The refresh in flight (single flight). Never rejects. */
  declare f: Promise<RefreshFailure> | undefined;
  /** The last settled refresh: it answers a late 401 from a request sent before it settled. */
  declare l: Promise<RefreshFailure> | undefined;
  /** Refreshes settled so far: the generation a request went out with. */
  n = 0;
  /** The last token `auth.refresh` returned; cleared when it returns nothing. */
  declare t: string | undefined;
  /** The expiry that last started a proactive refresh: one per expiry value, so it cannot loop. */
  declare x: number | undefined;

  get refreshing(): boolean {
    return this.f !== undefined;
  }
}

/** A refresh state to share between instances: pass it as `auth.scope` to each attach. */
export const createAuthScope = (): AuthScope => new SharedRefresh();
