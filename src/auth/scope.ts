import { StatusPolicyConfigError } from '../errors';
import { refreshTimedOut } from './errors';

/** How one refresh ended. `token` is what `auth.refresh` returned, if it returned a string. */
export type RefreshResult = { ok: true; token: string | undefined } | { ok: false; error: unknown };

export interface RefreshRun {
  /** Calls the user's `auth.refresh`. */
  run: () => unknown;
  /** 0 for no limit. */
  timeoutMs: number;
  /** Runs once when this refresh settles (events, `onFailure`). */
  onSettled: (result: RefreshResult) => void;
}

/**
 * A refresh state to share between instances (from `createAuthScope()`); pass the same one as
 * `auth.scope` to several `attachStatusPolicy` calls and they refresh once between them.
 */
export interface AuthScope {
  /** True while a refresh is in flight. */
  readonly refreshing: boolean;
}

/**
 * The refresh state every request of one or more instances shares: at most one refresh in flight,
 * and a generation counter (`epoch`) that moves on each time a refresh settles, so a 401 can tell
 * whether a refresh already happened after its request went out.

 */
export class SharedRefresh implements AuthScope {
  /** Settled refreshes so far, succeeded or failed. */
  epoch = 0;
  /** The last token `auth.refresh` returned; cleared when it returns nothing. */
  token: string | undefined = undefined;
  /** How the last refresh ended. */
  last: RefreshResult | undefined = undefined;
  /** The expiry that last started a proactive refresh: one proactive refresh per expiry value. */
  proactiveFor: number | undefined = undefined;
  private flight: Promise<RefreshResult> | undefined = undefined;

  /** True while a refresh is in flight. */
  get refreshing(): boolean {
    return this.flight !== undefined;
  }

  /** The refresh in flight, if any. Never rejects: failures are a `RefreshResult`. */
  get current(): Promise<RefreshResult> | undefined {
    return this.flight;
  }

  /** Joins the refresh in flight, or starts one with `run`. */
  refresh({ run, timeoutMs, onSettled }: RefreshRun): Promise<RefreshResult> {
    if (this.flight) return this.flight;
    const flight = new Promise<RefreshResult>((resolve) => {
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (result: RefreshResult): void => {
        if (done) return;
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        this.flight = undefined;
        this.epoch += 1;
        this.last = result;
        if (result.ok) this.token = result.token;
        resolve(result);
        onSettled(result);
      };
      // The guard against a refresh that never ends, e.g. one whose token request went through
      // the same instance without `statusPolicy: false` and is itself held for this refresh.
      if (timeoutMs > 0) timer = setTimeout(() => finish({ ok: false, error: refreshTimedOut(timeoutMs) }), timeoutMs);
      // Started a microtask later, so `this.flight` is set before any of the callback runs.
      Promise.resolve()
        .then(run)
        .then(
          (value) => finish(tokenOf(value)),
          (error: unknown) => finish({ ok: false, error }),
        );
    });
    this.flight = flight;
    return flight;
  }
}

function tokenOf(value: unknown): RefreshResult {
  if (value === undefined || value === null) return { ok: true, token: undefined };
  if (typeof value === 'string' && value !== '') return { ok: true, token: value };
  const shown = typeof value === 'string' ? 'an empty string' : typeof value;
  return {
    ok: false,
    error: new StatusPolicyConfigError(`auth.refresh must return the new access token (a string) or nothing, got ${shown}`),
  };
}

/** A refresh state to share between instances: pass it as `auth.scope` to each attach. */
export function createAuthScope(): AuthScope {
  return new SharedRefresh();
}
