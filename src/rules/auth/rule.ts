import { isAxiosError } from 'axios';
import type { AxiosError, AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyConfigError } from '../../config-error';
import { field } from '../../field';
import { getHeader } from '../../http/headers';
import { isThenable } from '../../thenable';
import { Slot } from '../../run/run-state';
import { DETACHED, abortable } from '../../run/wait';
import { waitForCallback } from '../../run/callback-wait';
import type { RefreshContext } from './types';
import { NEXT } from '../rule';
import type { Decision, Rule, RuleContext, RuleServices } from '../rule';
import { AuthErrorCodes, authError, refreshFailed } from './errors';
import { knownExpiry, tokenState } from './expiry';
import { refreshNow } from './refresh-now';
import { readRefreshed } from './refreshed';
import type { ResolvedAuthOptions } from './options';
import type { RefreshFailure, RefreshResult, RefreshScope } from './refresh-scope';

type Config = InternalAxiosRequestConfig;

/** What an attempt went out with: the refresh generation, and the default `Authorization` it inherited. */
const SENT = /* @__PURE__ */ new Slot<[generation: number, defaultAuth: string | undefined]>('auth');

/**
 * Set on a request sent while `auth.refresh` ran synchronously: the refresh's own token request.
 * The auth rule leaves it alone (as `statusPolicy: { auth: false }`): held behind the refresh it
 * belongs to, it would wait for itself until `refreshTimeoutMs`.
 */
const TOKEN_REQUEST = /* @__PURE__ */ new Slot<true>('auth.tokenRequest');

const AUTHORIZATION = 'authorization';

/** The `Authorization` the instance defaults give a request of this method, if any. */
function defaultAuth(instance: AxiosInstance, config: Config): string | undefined {
  const d = instance.defaults.headers;
  // `||`, not `??`: an empty header is no header, and the next place is read.
  return getHeader(field(d, (config.method || 'get').toLowerCase()), AUTHORIZATION) || getHeader(d.common, AUTHORIZATION) || getHeader(d, AUTHORIZATION);
}

/**
 * A refresh that stores its token in `instance.defaults.headers` (and returns nothing) changes the
 * defaults after axios merged the old ones into this config. A header that came from the defaults
 * (`before`) takes the new default; one the caller set on the request itself is left alone.
 */
function followDefaults(config: Config, instance: AxiosInstance, before: string | undefined): void {
  const now = before && defaultAuth(instance, config);
  if (now && now !== before && getHeader(config.headers, AUTHORIZATION) === before) config.headers.set('Authorization', now);
}

/** `Authorization: <scheme> <token>`; an empty scheme sends the bare token. */
function setToken(config: Config, scheme: string, token: unknown): void {
  if (typeof token === 'string' && token) config.headers.set('Authorization', scheme ? `${scheme} ${token}` : token);
}

/**
 * A token that already starts with the scheme (`'Bearer xyz'`) would go out as `Bearer Bearer xyz`
 * and fail as a 401 nobody can explain: refused with an error naming the mistake instead.
 */
function doubledScheme(scheme: string, token: unknown, from: string): StatusPolicyConfigError | undefined {
  if (!scheme || typeof token !== 'string' || token.length <= scheme.length) return undefined;
  if (token.slice(0, scheme.length + 1).toLowerCase() !== `${scheme.toLowerCase()} `) return undefined;
  return new StatusPolicyConfigError(
    `${from} returned a token that already starts with "${scheme} "; return the bare token: the plugin adds auth.scheme ("${scheme}") itself (or set auth.scheme: '')`,
  );
}

/** Sets the token `getAccessToken` gave, or throws for one that already carries the scheme. */
function setAccessToken(config: Config, scheme: string, token: unknown): void {
  const mistake = doubledScheme(scheme, token, 'auth.getAccessToken');
  if (mistake) throw mistake;
  setToken(config, scheme, token);
}

/**
 * Waits for a shared refresh without being able to cancel it: the request's abort signal, cancel
 * token, a detach or `ms` (0 for no limit) end only this request's wait.
 */
const wait = ({ hop: { config }, services }: RuleContext, flight: Promise<RefreshFailure>, ms: number) =>
  abortable<RefreshFailure>(config, services, (settle, fail) => {
    void flight.then(settle);
    const timer =
      ms > 0
        ? setTimeout(() => {
            fail(authError(AuthErrorCodes.WAIT_TIMEOUT, `timeout of ${config.timeout}ms exceeded waiting for the token refresh`, config));
          }, ms)
        : undefined;
    return () => clearTimeout(timer);
  });

/**
 * Starts the one refresh of `auth.scope` (or joins the one in flight); the promise resolves to its
 * failure, never rejects. `onFailure` runs once per failed refresh. `early`: started ahead of
 * expiry, while the token in use is still valid.
 */
function startRefresh(
  config: Config,
  services: RuleServices,
  auth: ResolvedAuthOptions,
  shared: RefreshScope,
  reason: RefreshContext['reason'],
  error?: unknown,
  early = false,
) {
  if (shared.inFlight) return shared.inFlight;
  const emit = (phase: 'start' | 'done' | 'failed'): void => services.emit({ type: 'refresh', phase, reason, config });
  emit('start');
  return shared
    .begin(() => callRefresh(auth, shared, { reason, error: isAxiosError(error) ? error : undefined, config, instance: services.instance }, services.now), early)
    .then((failure) => {
      emit(failure ? 'failed' : 'done');
      try {
        if (failure) auth.onFailure(failure.error);
      } catch {
        // A throwing logout hook must not turn into an unhandled rejection; waiters already know.
      }
      return failure;
    });
}

/**
 * Calls `auth.refresh` with `shared.callingRefresh` set for as long as the call runs synchronously.
 * A request the refresh sends before its first `await` (the usual token request, through this
 * instance or another one sharing the scope) starts its run right then, in axios's synchronous
 * `runWhen`, so `beforeSend` sees the flag: no marker to pass, no AsyncLocalStorage, the same in
 * every environment. A request sent after an `await` cannot be told apart from the caller's others.
 */
function invokeRefresh(auth: ResolvedAuthOptions, shared: RefreshScope, context: RefreshContext): ReturnType<ResolvedAuthOptions['refresh']> {
  shared.callingRefresh = true;
  try {
    return auth.refresh(context);
  } finally {
    shared.callingRefresh = false;
  }
}

/**
 * Runs `auth.refresh` once. The first of its token and the time limit settles it: a late token after
 * the limit is ignored. The limit guards against a refresh that never ends, e.g. one whose token
 * request (sent after an `await`, so not recognised) went through the same instance without
 * `statusPolicy: false` and is itself held for it.
 */
function callRefresh(auth: ResolvedAuthOptions, shared: RefreshScope, context: RefreshContext, now: () => number): Promise<RefreshResult> {
  const ms = auth.refreshTimeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<RefreshResult>((resolve) => {
    if (ms > 0) {
      timer = setTimeout(() => {
        resolve({ error: authError(AuthErrorCodes.REFRESH_TIMEOUT, `auth.refresh did not settle within ${ms} ms (send its token request with statusPolicy: false)`) });
      }, ms);
    }
    Promise.resolve()
      .then(() => invokeRefresh(auth, shared, context))
      .then((returned) => {
        const result = readRefreshed(returned, now());
        const mistake = 'token' in result && doubledScheme(auth.scheme, result.token, 'auth.refresh');
        if (mistake) throw mistake;
        resolve(result);
      })
      .catch((e: unknown) => resolve({ error: e }));
  }).finally(() => clearTimeout(timer));
}

/** Holds a request while refreshes run, bounded by its own `timeout`; then lets it go. */
async function hold(ctx: RuleContext, auth: ResolvedAuthOptions, shared: RefreshScope): Promise<void> {
  const { config } = ctx.hop;
  const { instance, now } = ctx.services;
  const before = defaultAuth(instance, config);
  const timeout = config.timeout || 0;
  const deadline = timeout > 0 ? now() + timeout : 0;
  for (let flight; (flight = shared.inFlight); ) {
    const failure = await wait(ctx, flight, deadline && Math.max(1, deadline - now()));
    if (failure) throw refreshFailed(failure.error, config);
  }
  followDefaults(config, instance, before);
  return ready(ctx, auth, shared);
}

/** The token a request would go out with: the getter's (maybe a promise) or the last refreshed one. */
const currentToken = (auth: ResolvedAuthOptions, shared: RefreshScope): unknown => (auth.getAccessToken ? auth.getAccessToken() : shared.token);

/**
 * Records the generation this attempt goes out with and attaches the token we know, if any
 * (`token`: already read by `beforeSend`).
 */
function ready({ hop: { config }, state, services }: RuleContext, auth: ResolvedAuthOptions, shared: RefreshScope, token = currentToken(auth, shared)): Promise<void> | undefined {
  const get = auth.getAccessToken;
  // The inherited default only matters when we set no token ourselves (see followDefaults).
  // Only a header the request carries can have come from the defaults: most carry none yet here.
  const inherited = token === undefined && !get && getHeader(config.headers, AUTHORIZATION) !== undefined;
  state.set(SENT, [shared.generation, inherited ? defaultAuth(services.instance, config) : undefined]);
  if (isThenable<unknown>(token)) {
    return waitForCallback(token, config, services, 'auth.getAccessToken').then((t) => setAccessToken(config, auth.scheme, t));
  }
  // Only a getter's token can carry the scheme here: refresh's was checked when it returned.
  const mistake = get && doubledScheme(auth.scheme, token, 'auth.getAccessToken');
  if (mistake) return Promise.reject(mistake);
  setToken(config, auth.scheme, token);
  return undefined;
}

/**
 * Starts the refresh of a token inside its window or past its expiry, once per expiry value so a
 * refresh that does not move it cannot loop (the next 401 still refreshes). Ahead of expiry it
 * runs in the background; past it, the requests wait for it (`beforeSend`).
 */
function refreshAhead(ctx: RuleContext, auth: ResolvedAuthOptions, shared: RefreshScope, expiresAt: number, early: boolean): void {
  if (shared.inFlight || shared.proactiveExpiry === expiresAt) return;
  shared.proactiveExpiry = expiresAt;
  void startRefresh(ctx.hop.config, ctx.services, auth, shared, 'expiring', undefined, early);
}

/**
 * 401: one refresh for every concurrent 401 (single flight, in a possibly shared `AuthScope`),
 * then each request is repeated once. Requests that start while a refresh runs are held until it
 * ends, so none goes out with the token being replaced. A 401 from a hop our credentials were not
 * sent to (another origin, reached by a redirect) is not about our token: it starts no refresh.
 */
export const authRule: Rule = {
  id: 'auth',
  name: 'auth',

  beforeSend(ctx) {
    const auth = ctx.options.auth;
    // Our token never goes to another origin, whatever the redirect chain did before.
    if (!auth || ctx.hop.credentialsDropped) return undefined;
    const shared = ctx.services.coordinator.refreshScope(auth.scope);
    // The refresh's own token request: never held behind it, never given the token it replaces.
    if (shared.callingRefresh) ctx.state.set(TOKEN_REQUEST, true);
    if (ctx.state.get(TOKEN_REQUEST)) return undefined;
    const token = currentToken(auth, shared);
    const expiry = knownExpiry(auth, shared, token);
    const state = tokenState(expiry, ctx.services.now(), auth.refreshAheadMs);
    if (expiry && (state === 'ahead' || state === 'expired')) refreshAhead(ctx, auth, shared, expiry.at, state === 'ahead');
    // Requests wait for a refresh, except for one started ahead of expiry while their token is still valid.
    return shared.inFlight && (state === 'expired' || !shared.earlyFlight) ? hold(ctx, auth, shared) : ready(ctx, auth, shared, token);
  },

  refreshNow: (services, options) => refreshNow(options, (config, auth, shared) => startRefresh(config, services, auth, shared, 'requested')),

  decide(answer, ctx) {
    const auth = ctx.options.auth;
    const { response, error } = answer;
    if (!auth || !response || response.status !== 401 || ctx.hop.credentialsDropped) return NEXT;
    const { config } = ctx.hop;
    const { state } = ctx;
    // The token endpoint's 401 fails the refresh at once: it would otherwise wait for itself.
    if (state.get(TOKEN_REQUEST)) return NEXT;
    // The loop guard: one repeat per request. A 401 the request's own validateStatus accepted
    // comes back as it asked; otherwise a typed error.
    if (ctx.retries.auth) {
      return error === undefined
        ? { type: 'stop', reason: 'max-retries', retryable: false }
        : {
            type: 'reject',
            error: authError(AuthErrorCodes.STILL_UNAUTHORIZED, '401 again after the token refresh; not repeated', config, response, error),
          };
    }
    const shared = ctx.services.coordinator.refreshScope(auth.scope);
    const sent = state.get(SENT);
    // A late 401, from before the last refresh settled: that refresh answers it too.
    const flight = shared.inFlight || (sent && sent[0] < shared.generation && shared.lastSettled) || startRefresh(config, ctx.services, auth, shared, 'unauthorized', error);
    return wait(ctx, flight, 0).then(
      (failure): Decision =>
        failure
          ? { type: 'reject', error: refreshFailed(failure.error, config, response) }
          : // The token itself is set by beforeSend on the repeat (it runs for every send).
            { type: 'retry', delayMs: 0, prepare: (next) => followDefaults(next, ctx.services.instance, sent && sent[1]) },
      (e: unknown): Decision => (e === DETACHED ? { type: 'stop', reason: 'detached', retryable: true } : { type: 'reject', error: e }),
    );
  },
};
