import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { ErrorCodes } from '../errors';
import { getHeader } from '../http/headers';
import { withoutFragment } from '../http/resolve-url';
import { NEXT, methodOf } from '../policy';
import type { Decision, Policy, PolicyContext } from '../policy';
import { takeOverRedirects } from '../redirect/adapter';
import { redirectError } from '../redirect/error';
import { StateSlot } from '../state';
import { mayHop } from '../redirect/rules';

/** Whether this attempt's hops are followed by us (Node) or by the platform (browsers). */
const FOLLOWED = /* @__PURE__ */ new StateSlot<boolean>('redirects.followed');

const fullUrl = (ctx: PolicyContext, config: InternalAxiosRequestConfig): string =>
  withoutFragment(ctx.scope.instance.getUri(config));

/**
 * 3xx. In Node the hops are followed inside a wrapped adapter (see `src/redirect/follow.ts`),
 * so a redirect costs no extra interceptor run. Where the platform follows redirects itself
 * (browsers, React Native) this policy still repeats a 3xx that has no `Location`, turns a
 * fetch opaque redirect into an error, and reports where an XHR ended up.
 */
export const redirectPolicy: Policy = {
  name: 'redirects',
  beforeRequest({ config, state }) {
    // Only `false` is read: an unset slot means followed, so the common case stores nothing.
    const followed = takeOverRedirects(config);
    if (!followed || state.get(FOLLOWED) !== undefined) state.set(FOLLOWED, followed);
    return undefined;
  },

  decide({ response, error }, ctx): Decision {
    const opts = ctx.options.redirects;
    if (!opts || !response) return NEXT;
    const { status, config } = response;
    const request = Object(response.request) as { redirect?: unknown; responseURL?: unknown };
    // A fetch made with redirect: 'manual' in a browser: the 3xx is hidden behind status 0.
    if (!status && (request.redirect === 'manual' || Object(config.fetchOptions).redirect === 'manual')) {
      const e = redirectError("opaque redirect (fetch redirect: 'manual')", ErrorCodes.OPAQUE_REDIRECT, [], config, response);
      return { type: 'reject', error: e };
    }
    // Not ctx.config.adapter: an adapter may edit the config it is given (axios-mock-adapter deletes it).
    if (ctx.state.get(FOLLOWED) !== false) return NEXT;
    if (!mayHop(status)) {
      // Where a browser's XHR ended up after the redirects it followed on its own. Only XHR
      // exposes it (`responseURL`); fetch's Request has nothing comparable.
      const landed = request.responseURL;
      if (error === undefined && typeof landed === 'string' && landed) {
        const finalUrl = withoutFragment(landed);
        if (finalUrl !== fullUrl(ctx, config)) ctx.state.note({ finalUrl });
      }
      return NEXT;
    }
    // The platform follows every 3xx with a Location; one without is ours to repeat.
    if ((getHeader(response.headers, 'location') || '').trim()) return NEXT;
    const url = fullUrl(ctx, ctx.config);
    const chain = [...((ctx.state.notes && ctx.state.notes.redirectChain) || []), { method: methodOf(ctx.config), url, status }];
    ctx.state.note({ redirectChain: chain, finalUrl: url });
    if (chain.length <= opts.maxRedirects) return { type: 'retry', delayMs: 0 };
    const e = redirectError(`more than ${opts.maxRedirects} redirects`, ErrorCodes.TOO_MANY_REDIRECTS, chain, ctx.config, response);
    return { type: 'reject', error: e };
  },
};
