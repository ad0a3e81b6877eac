import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { field } from '../../field';
import { isReplayable } from '../../http/body';
import { getHeader } from '../../http/headers';
import { resolveLocation, withoutFragment } from '../../http/resolve-url';
import type { Hop } from '../../run/hop';
import { Slot } from '../../run/run-state';
import type { RunState } from '../../run/run-state';
import { DETACHED } from '../../run/wait';
import { waitForCallback } from '../../run/callback-wait';
import { NEXT, isThenable } from '../rule';
import type { Decision, Rule } from '../rule';
import { RedirectErrorCodes, redirectError } from './error';
import type { RedirectErrorCode } from './error';
import { hasBody, withoutUserinfo } from './next-hop';
import type { HopPlan } from './next-hop';
import { buildNextHop, handOverRedirects, redirectHandling } from './platform';
import type { RedirectHandling } from './platform';

interface CallerSettings {
  handling: RedirectHandling;
  /** The caller's own values, as they were before the first send handed redirects over to us. */
  maxRedirects?: number | undefined;
  fetchOptions?: unknown;
}
/** Set on the first send: what the adapter does with redirects, and the caller's settings we changed. */
const CALLER_SETTINGS = /* @__PURE__ */ new Slot<CallerSettings>('redirects.caller');
/**
 * The settings of a caller who set neither (the usual case), one object per handling: nothing is
 * made per request. For `'platform'` nothing was changed and nothing is put back.
 */
const UNSET: Readonly<Record<RedirectHandling, CallerSettings>> = { platform: { handling: 'platform' }, fetch: { handling: 'fetch' }, other: { handling: 'other' } };

/**
 * `response.config` is the config as the caller gave it, as without us. Only what was changed is
 * put back: a config key written costs every request (axios keeps configs as dictionaries).
 */
function restoreCallerSettings(settled: InternalAxiosRequestConfig, state: RunState): void {
  const caller = state.get(CALLER_SETTINGS);
  if (!caller) return;
  const config = settled as { maxRedirects?: unknown; fetchOptions?: unknown };
  config.maxRedirects = caller.maxRedirects;
  if (caller.handling === 'fetch') config.fetchOptions = caller.fetchOptions;
}

/**
 * The caller's axios `maxRedirects` (request or instance config) where the plugin follows: a
 * number, as follow-redirects compares it; anything else is no setting, as axios then passes none.
 */
const axiosLimit = (caller: CallerSettings | undefined): number | undefined =>
  caller && caller.handling !== 'platform' && typeof caller.maxRedirects === 'number' && !Number.isNaN(caller.maxRedirects) ? caller.maxRedirects : undefined;

const METHODS_SAFE_TO_REPEAT = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'];

/** A 3xx that may turn out to be a hop once the `Location` is read: 300 and 304 are answers. */
export const mayHop = (status: number): boolean => status > 300 && status < 400 && status !== 304;

/** A request that may be sent twice: an idempotent method, or one the caller vouches for with an `Idempotency-Key`. */
const mayRepeat = (hop: Hop): boolean =>
  METHODS_SAFE_TO_REPEAT.includes(hop.method) || getHeader(hop.config.headers, 'idempotency-key') !== undefined;

/** Where a browser's XHR ended up after the redirects it followed on its own (fetch has nothing comparable). */
function whereXhrLanded(hop: Hop, response: AxiosResponse): Decision {
  const landed = field(response.request, 'responseURL');
  if (typeof landed !== 'string' || !landed) return NEXT;
  const finalUrl = withoutFragment(landed);
  return finalUrl === hop.url ? NEXT : { type: 'next', note: { finalUrl } };
}

/**
 * 3xx: the redirect rules of RFC 9110 §15.4, judged hop by hop. 301/302/303 follow with GET (HEAD
 * stays HEAD) without body and `Content-*`; 307/308 keep method and body; a 3xx without `Location`
 * repeats the same request, only where a retry is allowed. axios's own `maxRedirects`,
 * `beforeRedirect` and `sensitiveHeaders` are honoured. The run sends the hop (`src/run/run.ts`).
 */
export const redirectsRule: Rule = {
  id: 'redirects',
  name: 'redirects',

  beforeSend({ state, hop, services }) {
    if (hop.redirected) return undefined;
    const { config } = hop;
    const known = state.get(CALLER_SETTINGS);
    if (known) {
      // A retry through the instance: its config may have been rebuilt by an interceptor.
      if (known.handling !== 'platform') handOverRedirects(config, known.handling);
      return undefined;
    }
    const setting = config.adapter;
    const cacheable = typeof setting === 'object' || typeof setting === 'function';
    let handling = cacheable ? services.redirectHandling.get(setting) : undefined;
    if (!handling) {
      handling = redirectHandling(config);
      if (cacheable) services.redirectHandling.set(setting, handling);
    }
    const { maxRedirects, fetchOptions } = config;
    const unset = handling === 'platform' || (maxRedirects === undefined && fetchOptions === undefined);
    state.set(CALLER_SETTINGS, unset ? UNSET[handling] : { handling, maxRedirects, fetchOptions });
    if (handling === 'platform') return undefined;
    state.whenSettled(restoreCallerSettings);
    handOverRedirects(config, handling);
    return undefined;
  },

  decide({ response, error }, ctx): Decision | Promise<Decision> {
    const opts = ctx.options.redirects;
    if (!opts || !response) return NEXT;
    const { hop, callerConfig } = ctx;
    const { status } = response;
    const caller = ctx.state.get(CALLER_SETTINGS);
    const ours = !!caller && caller.handling !== 'platform';
    // A fetch made with redirect: 'manual' in a browser: the 3xx is hidden behind status 0.
    if (!status && (field(response.request, 'redirect') === 'manual' || Object(hop.config.fetchOptions).redirect === 'manual')) {
      return { type: 'reject', error: redirectError("opaque redirect (fetch redirect: 'manual')", RedirectErrorCodes.OPAQUE_REDIRECT, [], callerConfig, response) };
    }
    if (!mayHop(status)) {
      return !ours && error === undefined ? whereXhrLanded(hop, response) : NEXT;
    }
    const location = (getHeader(response.headers, 'location') || '').trim();
    const repeat = !location;
    const rewrite = !repeat && status < 304;
    // 305 and 306 are not followed; neither is a Location the platform chose not to follow.
    if ((!repeat && !rewrite && status !== 307 && status !== 308) || (!repeat && !ours)) return NEXT;
    // Repeating a request is a retry: only where a retry is allowed.
    if (repeat && !mayRepeat(hop)) return NEXT;
    const callerLimit = axiosLimit(caller);
    // axios's `maxRedirects: 0`: the caller wants the 3xx itself.
    if (callerLimit === 0) return NEXT;

    // This 3xx joins the chain (the run records it from the decision, `redirect`), whatever is
    // decided below, unless `onRedirect` declines to follow it.
    const redirect = { method: hop.method, url: hop.url, status };
    const chain = [...ctx.chain, redirect];
    // Userinfo is never taken from a Location, nor carried in a hop's URL (see next-hop.ts).
    let to = withoutUserinfo(hop.url);
    let crossOrigin = false;
    if (!repeat) {
      const target = resolveLocation(hop.url, location);
      if (typeof target === 'string') return { type: 'reject', error: redirectError(target, RedirectErrorCodes.REDIRECT_BAD_LOCATION, chain, callerConfig, response), redirect };
      to = withoutUserinfo(target.url);
      crossOrigin = target.crossOrigin;
    }
    const sensitive = hop.config.sensitiveHeaders;
    const plan: HopPlan = {
      method: rewrite && hop.method !== 'HEAD' ? 'GET' : hop.method,
      url: to,
      dropBody: rewrite,
      crossOrigin,
      stripHeaders: Array.isArray(sensitive) ? [...opts.stripHeaders, ...sensitive] : opts.stripHeaders,
      allowCrossOriginBody: opts.allowCrossOriginBody,
    };
    const refuse = (what: string, code: RedirectErrorCode, cause?: unknown): Decision => ({
      type: 'reject',
      error: redirectError(what, code, chain, callerConfig, response, { method: plan.method, to }, cause),
      redirect,
    });
    // The caller's own axios limit where they set one (axios has no default: follow-redirects' 21
    // applies without one), else ours.
    const limit = callerLimit === undefined ? opts.maxRedirects : callerLimit;
    if (chain.length > limit) return refuse(`more than ${limit} redirects`, RedirectErrorCodes.TOO_MANY_REDIRECTS);
    if (!repeat && chain.some((h) => h.method === plan.method && withoutUserinfo(h.url) === to)) return refuse('redirect loop', RedirectErrorCodes.REDIRECT_LOOP);
    if (!rewrite && hasBody(hop.body)) {
      if (!isReplayable(hop.body)) return refuse(`${status}: a stream body cannot be re-sent`, RedirectErrorCodes.BODY_NOT_REPLAYABLE);
      if (crossOrigin && !opts.allowCrossOriginBody) return refuse(`${status}: body to another origin (redirects.allowCrossOriginBody)`, RedirectErrorCodes.REDIRECT_CROSS_ORIGIN_BODY);
    }

    const afterHook = (verdict: boolean | void): Decision => {
      if (verdict === false) return NEXT;
      const next = buildNextHop(hop, response, plan);
      if ('refused' in next) return refuse(next.refused, next.code, next.cause);
      ctx.services.emit({ type: 'redirect', status, method: next.method, from: hop.url, to: next.url, config: callerConfig });
      return { type: 'follow', next, redirect };
    };
    const failed = (e: unknown): Decision =>
      e === DETACHED ? { type: 'stop', reason: 'detached', retryable: true, redirect } : { type: 'reject', error: e, redirect };
    let verdict: boolean | void | Promise<boolean | void>;
    try {
      verdict = opts.onRedirect({ response, status, from: hop.url, to, method: plan.method, crossOrigin, hops: chain.length - 1 });
    } catch (e) {
      return failed(e);
    }
    if (!isThenable<boolean | void>(verdict)) return afterHook(verdict);
    return waitForCallback(verdict, hop.config, ctx.services, 'redirects.onRedirect').then(afterHook, failed);
  },
};
