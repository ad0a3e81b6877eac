import { CanceledError } from 'axios';
import type { AxiosError } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig as Config } from 'axios';
import { ErrorCodes } from '../errors';
import { isReplayable } from '../http/body';
import { getHeader } from '../http/headers';
import { resolveLocation, withoutFragment } from '../http/resolve-url';
import { methodOf } from '../policy';
import type { Scope } from '../scope';
import type { RequestState } from '../state';
import type { RedirectHop, RedirectOptions } from '../types';
import { redirectError } from './error';
import { mayHop } from './rules';
import { hopHeaders } from './strip';

const hasBody = (data: unknown): boolean =>
  data != null &&
  data !== '' &&
  (data as { byteLength?: unknown }).byteLength !== 0 &&
  (data as { size?: unknown }).size !== 0;

/** Errors and responses keep the config the caller dispatched, not a hop's internal copy. */
function adopt<T>(target: T, config: Config): T {
  const t = target as { config?: unknown; response?: { config?: unknown } } | null;
  if (typeof t === 'object' && t) {
    t.config = config;
    if (t.response) t.response.config = config;
  }
  return target;
}

/**
 * Sends `config` through the real adapter and follows 3xx hops by the rules of DESIGN.md §2.
 * The caller's config keeps its own values (`response.config` and `error.config` are it).
 */
export async function follow(
  config: Config,
  send: AxiosAdapter,
  opts: Required<RedirectOptions>,
  state: RequestState,
  scope: Scope,
  fetch: boolean,
): Promise<AxiosResponse> {
  const { timeout, signal, cancelToken, maxRedirects, fetchOptions } = config;
  const started = scope.now();
  // Every request made that got a 3xx (the refused last one included): what
  // statusPolicy.redirectChain reports, and what loop detection looks in.
  const chain: RedirectHop[] = [];
  let url = '';
  let hop = config;
  try {
    for (;;) {
      // Each request goes out with `maxRedirects: 0` (and fetch's `redirect: 'manual'`), so the
      // adapter itself follows nothing. The first is the caller's config (copying it costs more
      // than the rest of the policy together), put back as it was once the adapter is done.
      hop.maxRedirects = 0;
      if (fetch) hop.fetchOptions = { ...fetchOptions, redirect: 'manual' };
      // The adapter settles with the user's validateStatus, as without us. A 3xx it rejected is
      // still followed; one we do not follow settles exactly as the adapter did.
      let response: AxiosResponse | undefined;
      let settle: () => AxiosResponse;
      try {
        const sent = adopt(await send(hop), config);
        settle = () => sent;
        response = sent;
      } catch (error) {
        adopt(error, config);
        settle = () => {
          throw error;
        };
        response = Object(error).response as AxiosResponse | undefined;
      } finally {
        Object.assign(config, { maxRedirects, fetchOptions });
      }
      if (!response || !mayHop(response.status)) return settle();
      const { status } = response;
      const location = (getHeader(response.headers, 'location') || '').trim();
      // The rules of DESIGN.md §2: no Location, repeat; 301-303, GET (HEAD stays HEAD) without
      // body and Content-*; 307/308, same method and body; others (305, 306) are not followed.
      const repeat = !location;
      const rewrite = !repeat && status < 304;
      if (!repeat && !rewrite && status !== 307 && status !== 308) return settle();

      const method = methodOf(hop);
      // Built at the first 3xx only: getUri merges configs, too dear for every plain request.
      url = url || withoutFragment(scope.instance.getUri(config));
      chain.push({ method, url, status });
      let to = url;
      let crossOrigin = false;
      if (!repeat) {
        const target = resolveLocation(url, location);
        if (typeof target === 'string') throw redirectError(target, ErrorCodes.REDIRECT_BAD_LOCATION, chain, config, response);
        ({ url: to, crossOrigin } = target);
      }
      const context = { response, status, from: url, to, method: rewrite && method !== 'HEAD' ? 'GET' : method, crossOrigin, hops: chain.length - 1 };
      const fail = (what: string, code: string): AxiosError => redirectError(what, code, chain, config, response, context);
      if (chain.length > opts.maxRedirects) throw fail(`more than ${opts.maxRedirects} redirects`, ErrorCodes.TOO_MANY_REDIRECTS);
      if (!repeat && chain.some((h) => h.method === context.method && h.url === to)) throw fail('redirect loop', ErrorCodes.REDIRECT_LOOP);
      if ((await opts.onRedirect(context)) === false) {
        chain.pop();
        return settle();
      }
      if (!rewrite && hasBody(hop.data)) {
        if (!isReplayable(hop.data)) throw fail(`${status}: a stream body cannot be re-sent`, ErrorCodes.BODY_NOT_REPLAYABLE);
        if (crossOrigin && !opts.allowCrossOriginBody) throw fail(`${status}: body to another origin (redirects.allowCrossOriginBody)`, ErrorCodes.REDIRECT_CROSS_ORIGIN_BODY);
      }

      // An intermediate 3xx body is never read: release a streamed one so its socket is freed.
      const body = Object(response.data) as { destroy?: unknown; cancel?: unknown };
      if (typeof body.destroy === 'function') (body.destroy as () => void)();
      else if (typeof body.cancel === 'function') (body.cancel as () => Promise<void>)().catch(() => undefined);
      scope.emit({ type: 'redirect', status, method: context.method, from: url, to, config });
      hop = { ...hop, url: to, method: context.method.toLowerCase(), headers: hopHeaders(hop.headers, rewrite, crossOrigin, opts.stripHeaders) };
      // The URL is absolute and already carries the query: nothing may be added to it again.
      delete hop.baseURL;
      delete hop.params;
      if (rewrite) delete hop.data;
      // `auth` becomes an Authorization header inside the adapter: a credential like the header.
      if (crossOrigin) delete hop.auth;
      // `timeout` covers the whole chain of one attempt.
      if (timeout) hop.timeout = Math.max(1, timeout - (scope.now() - started));
      url = to;
      if (signal && signal.aborted) throw new CanceledError(undefined, config);
      if (cancelToken) cancelToken.throwIfRequested();
    }
  } finally {
    // Told once per dispatch: a retry that was not redirected must not report earlier hops.
    const hops = chain.length ? chain : undefined;
    if (hops || (state.notes && state.notes.redirectChain)) state.note({ redirectChain: hops, finalUrl: hops && url });
  }
}
