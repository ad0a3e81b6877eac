import type { AxiosError } from 'axios';
import { refreshFailed, stillUnauthorized } from '../auth/errors';
import { defaultAuthorization, followDefaults, setToken } from '../auth/header';
import type { RefreshResult } from '../auth/scope';
import { waitForRefresh } from '../auth/wait';
import { DETACHED, waitFor } from '../delay';
import type { ResolvedAuthOptions } from '../options';
import { NEXT, statusOf } from '../policy';
import type { Decision, Outcome, Policy, PolicyContext } from '../policy';
import { StateSlot } from '../state';
import type { RefreshContext } from '../types';

/** What an attempt went out with: the refresh generation, and the default header it inherited. */
interface Sent {
  epoch: number;
  defaultAuth: string | undefined;
}
const SENT = new StateSlot<Sent>('auth.sent');

/**
 * 401: one refresh for every concurrent 401 (single flight, in a possibly shared `AuthScope`),
 * then each request is repeated once. Requests that start while a refresh runs are held until it
 * ends, so none goes out with the token being replaced.
 */
export const authPolicy: Policy = {
  name: 'auth',

  beforeRequest(ctx) {
    const auth = ctx.options.auth;
    if (auth === false) return undefined;
    if (auth.expiresAt && !auth.scope.refreshing) refreshIfExpiring(ctx, auth, auth.expiresAt);
    if (auth.scope.refreshing) return hold(ctx, auth);
    return ready(ctx, auth);
  },

  decide(outcome, ctx) {
    const auth = ctx.options.auth;
    if (auth === false || statusOf(outcome) !== 401) return NEXT;
    const { config, state } = ctx;
    // The loop guard: one repeat per request. A request whose own validateStatus accepted the 401
    // gets it back as it asked; otherwise a typed error.
    if ((state.retries.auth ?? 0) >= 1) {
      if (outcome.error === undefined) return { type: 'stop', reason: 'max-retries', retryable: false };
      return { type: 'reject', error: stillUnauthorized(config, outcome.response, outcome.error) };
    }
    const shared = auth.scope;
    const sent = state.get(SENT);
    // A late 401: a refresh settled after this request went out; its result answers this one too.
    if (!shared.refreshing && shared.last && sent && sent.epoch < shared.epoch) return after(shared.last, outcome, ctx, sent);
    const flight = shared.current ?? startRefresh(ctx, auth, 'unauthorized', outcome.error);
    return waitFor(flight, config, ctx.scope).then(
      (result) => after(result, outcome, ctx, sent),
      (error: unknown): Decision =>
        error === DETACHED ? { type: 'stop', reason: 'detached', retryable: true } : { type: 'reject', error },
    );
  },
};

function after(result: RefreshResult, outcome: Outcome, ctx: PolicyContext, sent: Sent | undefined): Decision {
  if (!result.ok) return { type: 'reject', error: refreshFailed(ctx.config, outcome.response, result.error) };
  const { instance } = ctx.scope;
  // The token itself is set by beforeRequest on the repeat (it runs for every attempt).
  return { type: 'retry', delayMs: 0, prepare: (next) => followDefaults(next, instance, sent?.defaultAuth) };
}

function startRefresh(
  ctx: PolicyContext,
  auth: ResolvedAuthOptions,
  reason: RefreshContext['reason'],
  error: unknown,
): Promise<RefreshResult> {
  const { config, scope } = ctx;
  const context: RefreshContext = { reason, error: error as AxiosError | undefined, config, instance: scope.instance };
  scope.emit({ type: 'refresh', phase: 'start', reason, config });
  return auth.scope.refresh({
    run: () => auth.refresh(context),
    timeoutMs: auth.refreshTimeoutMs,
    onSettled: (result) => {
      scope.emit({ type: 'refresh', phase: result.ok ? 'done' : 'failed', reason, config });
      if (result.ok) return;
      try {
        auth.onFailure(result.error);
      } catch {
        // A throwing logout hook must not turn into an unhandled rejection; waiters already know.
      }
    },
  });
}

/** Proactive refresh: once per expiry value, so a refresh that does not move it cannot loop. */
function refreshIfExpiring(ctx: PolicyContext, auth: ResolvedAuthOptions, expiresAt: () => number | undefined | null): void {
  const expiry = expiresAt();
  if (typeof expiry !== 'number' || !Number.isFinite(expiry)) return;
  if (expiry - auth.refreshBeforeMs > ctx.scope.now() || auth.scope.proactiveFor === expiry) return;
  auth.scope.proactiveFor = expiry;
  void startRefresh(ctx, auth, 'expiring', undefined);
}

/** Holds a request until no refresh is running, bounded by its own `timeout`; then lets it go. */
async function hold(ctx: PolicyContext, auth: ResolvedAuthOptions): Promise<void> {
  const { config, scope } = ctx;
  const before = defaultAuthorization(scope.instance, config.method);
  const timeout = config.timeout ?? 0;
  const deadline = timeout > 0 ? scope.now() + timeout : 0;
  for (let flight = auth.scope.current; flight; flight = auth.scope.current) {
    const left = deadline ? Math.max(1, deadline - scope.now()) : 0;
    const result = await waitForRefresh(flight, config, scope, left);
    if (!result.ok) throw refreshFailed(config, undefined, result.error);
  }
  followDefaults(config, scope.instance, before);
  await ready(ctx, auth);
}

/** Records the generation this attempt goes out with and attaches the token we know, if any. */
function ready(ctx: PolicyContext, auth: ResolvedAuthOptions): Promise<void> | undefined {
  const { config, state, scope } = ctx;
  const shared = auth.scope;
  const token = auth.getAccessToken ? auth.getAccessToken() : shared.token;
  // The default header only matters when we do not set the token ourselves (see followDefaults).
  const defaultAuth = token === undefined && !auth.getAccessToken ? defaultAuthorization(scope.instance, config.method) : undefined;
  state.set(SENT, { epoch: shared.epoch, defaultAuth });
  if (typeof token === 'string') {
    if (token) setToken(config, auth.scheme, token);
    return undefined;
  }
  if (token && typeof token.then === 'function') {
    return token.then((t) => {
      if (typeof t === 'string' && t) setToken(config, auth.scheme, t);
    });
  }
  return undefined;
}
