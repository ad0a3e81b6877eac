import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { ErrorCodes } from '../errors';
import { getHeader } from '../http/headers';
import { withoutFragment } from '../http/resolve-url';
import { NEXT, methodOf } from '../policy';
import type { Decision, Policy, PolicyContext } from '../policy';
import { RedirectAdapters, takeOverRedirects } from '../redirect/adapter';
import { redirectError } from '../redirect/error';
import { follow } from '../redirect/follow';
import type { FollowHost } from '../redirect/follow';
import { hopKind } from '../redirect/rules';
import type { Scope } from '../scope';
import { StateSlot, readState } from '../state';
import type { RequestState } from '../state';
import type { RedirectHop } from '../types';

/** Whether this attempt's hops are followed by us (Node) or by the platform (browsers). */
const MANAGED = new StateSlot<boolean>('redirects.managed');
const ADAPTERS = new WeakMap<Scope, RedirectAdapters>();
/** Location-less repeats made through the engine when the platform is in charge. */
const REPEATS = new StateSlot<RedirectHop[]>('redirects.repeats');

function record(state: RequestState, chain: RedirectHop[], finalUrl: string): void {
  if (chain.length) state.note({ redirectChain: chain, finalUrl });
  // A retry that was not redirected must not report the previous attempt's hops.
  else if (state.notes?.redirectChain) state.note({ redirectChain: undefined, finalUrl: undefined });
}

const fullUrl = (ctx: PolicyContext, config: InternalAxiosRequestConfig): string =>
  withoutFragment(ctx.scope.instance.getUri(config));

/**
 * Where a browser's XHR ended up after the redirects it followed on its own. Only XHR exposes
 * it (`responseURL`); Node responses and fetch's Request have nothing comparable.
 */
function notePlatformRedirect(response: AxiosResponse, ctx: PolicyContext): void {
  const landed = (response.request as { responseURL?: unknown } | null | undefined)?.responseURL;
  if (typeof landed !== 'string' || landed === '') return;
  const finalUrl = withoutFragment(landed);
  if (finalUrl !== fullUrl(ctx, response.config)) ctx.state.note({ finalUrl });
}

/** A fetch made with redirect: 'manual' in a browser: the 3xx is hidden behind status 0. */
const isOpaqueRedirect = (response: AxiosResponse): boolean =>
  response.status === 0 &&
  ((response.request as { redirect?: unknown } | null | undefined)?.redirect === 'manual' ||
    (response.config.fetchOptions as { redirect?: unknown } | undefined)?.redirect === 'manual');

/** The follower of one attach: per request it reads options and state from the config. */
function adaptersFor(scope: Scope): RedirectAdapters {
  let adapters = ADAPTERS.get(scope);
  if (adapters) return adapters;
  const host: FollowHost = {
    uri: (config) => scope.instance.getUri(config),
    now: scope.now,
    record: (config, chain, finalUrl) => {
      const state = readState(config, scope);
      if (state) record(state, chain, finalUrl);
    },
    emit: (hop) => scope.emit({ type: 'redirect', ...hop }),
  };
  adapters = new RedirectAdapters((config, quiet, raw) => {
    // No live state: a config re-sent after detach (or with statusPolicy: false) is plain axios.
    const opts = readState(config, scope)?.options.redirects;
    return opts && !scope.detached ? follow(config, quiet, opts, host) : raw(config);
  });
  ADAPTERS.set(scope, adapters);
  return adapters;
}

/**
 * 3xx. In Node the hops are followed inside a wrapped adapter (see `src/redirect/follow.ts`),
 * so a redirect costs no extra interceptor run. Where the platform follows redirects itself
 * (browsers, React Native) this policy still repeats a 3xx that has no `Location`, turns a
 * fetch opaque redirect into an error, and reports where an XHR ended up.
 */
export const redirectPolicy: Policy = {
  name: 'redirects',
  beforeRequest({ config, state, scope }) {
    state.set(MANAGED, takeOverRedirects(config, adaptersFor(scope)));
    return undefined;
  },

  decide(outcome, ctx): Decision {
    const opts = ctx.options.redirects;
    const { response } = outcome;
    if (opts === false || !response) return NEXT;
    const { status } = response;
    if (isOpaqueRedirect(response)) {
      const error = redirectError(
        "opaque redirect: fetch with redirect 'manual' hides the status and Location",
        ErrorCodes.OPAQUE_REDIRECT, [], response.config, response,
      );
      return { type: 'reject', error };
    }
    if (ctx.state.get(MANAGED) !== false) return NEXT;
    if (status < 300 || status > 399) {
      if (outcome.error === undefined) notePlatformRedirect(response, ctx);
      return NEXT;
    }
    // The platform follows every 3xx with a Location; one without is ours to repeat.
    if (hopKind(status, !!getHeader(response.headers, 'location')?.trim()) !== 'repeat') return NEXT;
    const repeats = ctx.state.get(REPEATS) ?? [];
    ctx.state.set(REPEATS, repeats);
    const url = fullUrl(ctx, ctx.config);
    repeats.push({ method: methodOf(ctx.config), url, status });
    ctx.state.note({ redirectChain: repeats.slice(), finalUrl: url });
    if (repeats.length > opts.maxRedirects) {
      const error = redirectError(
        `more than ${opts.maxRedirects} redirects`, ErrorCodes.TOO_MANY_REDIRECTS, repeats, ctx.config, response,
      );
      return { type: 'reject', error };
    }
    return { type: 'retry', delayMs: 0 };
  },
};
