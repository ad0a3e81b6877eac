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

/** The caller's `maxRedirects` and `fetchOptions`, as they were before we set them. */
type Saved = [Config['maxRedirects'] | undefined, Config['fetchOptions'] | undefined];

/**
 * Sends `hop` through the real adapter with `maxRedirects: 0` (and fetch's `redirect: 'manual'`),
 * so the adapter itself follows nothing. The first hop is the caller's config (copying it costs
 * more than the rest of the policy together); `restore` puts it back once the adapter settles,
 * which settles with the user's validateStatus, as without us.
 */
function dispatch(hop: Config, saved: Saved, send: AxiosAdapter, fetch: boolean): Promise<AxiosResponse> {
  hop.maxRedirects = 0;
  if (fetch) hop.fetchOptions = { ...saved[1], redirect: 'manual' };
  try {
    return send(hop);
  } catch (error) {
    return Promise.reject(error);
  }
}

function restore(config: Config, saved: Saved): void {
  // As they were, `undefined` included (an own key then, as Object.assign would leave it).
  const c = config as { maxRedirects?: unknown; fetchOptions?: unknown };
  c.maxRedirects = saved[0];
  c.fetchOptions = saved[1];
}

/** Told once per dispatch: a retry that was not redirected must not report earlier hops. */
function tell(state: RequestState, chain: RedirectHop[] | undefined, url: string): void {
  const hops = chain && chain.length ? chain : undefined;
  if (hops || (state.notes && state.notes.redirectChain)) state.note({ redirectChain: hops, finalUrl: hops && url });
}

/**
 * Sends `config` through the real adapter and follows 3xx hops by the rules of DESIGN.md §2.
 * The caller's config keeps its own values (`response.config` and `error.config` are it).
 * Most responses are no 3xx: those settle straight from the first send, without the hop loop.
 */
export function follow(
  config: Config,
  send: AxiosAdapter,
  opts: Required<RedirectOptions>,
  state: RequestState,
  scope: Scope,
  fetch: boolean,
): Promise<AxiosResponse> {
  const started = config.timeout ? scope.now() : 0;
  const saved: Saved = [config.maxRedirects, config.fetchOptions];
  return dispatch(config, saved, send, fetch).then(
    (response) => {
      restore(config, saved);
      adopt(response, config);
      if (mayHop(response.status)) return hops({ config, send, opts, state, scope, fetch, saved, started }, response, false, undefined);
      tell(state, undefined, '');
      return response;
    },
    (error: unknown) => {
      restore(config, saved);
      const response = Object(adopt(error, config)).response as AxiosResponse | undefined;
      if (response && mayHop(response.status)) return hops({ config, send, opts, state, scope, fetch, saved, started }, response, true, error);
      tell(state, undefined, '');
      throw error;
    },
  );
}

/** What the hop loop works with: `follow`'s arguments, the saved config values and the start time. */
interface Run {
  config: Config;
  send: AxiosAdapter;
  opts: Required<RedirectOptions>;
  state: RequestState;
  scope: Scope;
  fetch: boolean;
  saved: Saved;
  started: number;
}

/** The hop loop, from the first 3xx (`response`, resolved, or rejected as `error` when `failed`). */
async function hops(run: Run, response: AxiosResponse, failed: boolean, error: unknown): Promise<AxiosResponse> {
  const { config, send, opts, state, scope, fetch, saved, started } = run;
  const { timeout, signal, cancelToken } = config;
  // Every request made that got a 3xx (the refused last one included): what
  // statusPolicy.redirectChain reports, and what loop detection looks in.
  const chain: RedirectHop[] = [];
  let url = '';
  let hop = config;
  // One the adapter rejected (the user's validateStatus) is still followed; one we do not follow
  // settles exactly as the adapter did.
  const settle = (): AxiosResponse => {
    if (failed) throw error;
    return response;
  };
  try {
    for (;;) {
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
      const at = response;
      const fail = (what: string, code: string): AxiosError => redirectError(what, code, chain, config, at, context);
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
      let next: AxiosResponse | undefined;
      try {
        next = adopt(await dispatch(hop, saved, send, fetch), config);
        failed = false;
      } catch (e) {
        next = Object(adopt(e, config)).response as AxiosResponse | undefined;
        failed = true;
        error = e;
      } finally {
        restore(config, saved);
      }
      if (!next || !mayHop(next.status)) {
        if (!failed) return next!;
        throw error;
      }
      response = next;
    }
  } finally {
    tell(state, chain, url);
  }
}
