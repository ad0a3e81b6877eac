import { AxiosError, CanceledError } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { ErrorCodes } from '../errors';
import { isReplayable } from '../http/body';
import { getHeader } from '../http/headers';
import { resolveLocation, urlOrigin, withoutFragment } from '../http/resolve-url';
import type { RedirectHop, RedirectOptions } from '../types';
import { RedirectError, redirectError } from './error';
import { hopKind, mayHop, methodAfter } from './rules';
import type { HopKind } from './rules';
import { hopHeaders } from './strip';

export interface FollowHost {
  /** Builds the full request URL as the adapter will (baseURL, url, params). */
  uri(config: InternalAxiosRequestConfig): string;
  now(): number;
  /** Told once per dispatch, whatever the outcome: the hops made and where the last request went. */
  record(config: InternalAxiosRequestConfig, chain: RedirectHop[], finalUrl: string): void;
  emit(hop: { status: number; method: string; from: string; to: string; config: InternalAxiosRequestConfig }): void;
}

/** What the next request looks like. */
interface Plan {
  kind: HopKind;
  url: string;
  method: string;
  crossOrigin: boolean;
}

const hasBody = (data: unknown): boolean =>
  data !== undefined &&
  data !== null &&
  data !== '' &&
  (data as { byteLength?: unknown }).byteLength !== 0 &&
  (data as { size?: unknown }).size !== 0;

/** An intermediate 3xx body is never read: release a streamed one so its socket is freed. */
function discard(data: unknown): void {
  const d = data as { destroy?: unknown; cancel?: unknown } | null;
  if (typeof d?.destroy === 'function') (d.destroy as () => void)();
  else if (typeof d?.cancel === 'function') (d.cancel as () => Promise<void>)().catch(() => undefined);
}

/** Errors and responses keep the config the caller dispatched, not a hop's internal copy. */
function adopt<T extends { config?: unknown; response?: { config?: unknown } | undefined }>(
  target: T,
  config: InternalAxiosRequestConfig,
): T {
  if (typeof target === 'object' && target !== null) {
    target.config = config;
    if (target.response) target.response.config = config;
  }
  return target;
}

/** What axios's settle does with a status the user's `validateStatus` may refuse. */
function settleLikeAxios(response: AxiosResponse, config: InternalAxiosRequestConfig): AxiosResponse {
  const { validateStatus } = config;
  const { status } = response;
  if (!status || !validateStatus || validateStatus(status)) return response;
  throw new AxiosError(
    `Request failed with status code ${status}`,
    status >= 400 && status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE,
    config,
    response.request,
    response,
  );
}

function throwIfCancelled(config: InternalAxiosRequestConfig): void {
  if (config.signal?.aborted) throw new CanceledError(undefined, config);
  config.cancelToken?.throwIfRequested();
}

/**
 * Sends `config` through the real adapter and follows 3xx hops by the rules of DESIGN.md §2.
 * The adapter is asked to resolve every status we might follow; everything else is settled by
 * the adapter itself with the user's `validateStatus`, exactly as without us.
 */
export async function follow(
  config: InternalAxiosRequestConfig,
  send: AxiosAdapter,
  opts: Required<RedirectOptions>,
  host: FollowHost,
): Promise<AxiosResponse> {
  const userValidate = config.validateStatus;
  const letHopsThrough = (status: number): boolean => mayHop(status) || !userValidate || userValidate(status);
  const started = host.now();
  const chain: RedirectHop[] = [];
  // Built at the first 3xx only: getUri merges configs, too dear for every plain request.
  let url = '';
  const visited = new Set<string>();
  let hop = config;
  // What statusPolicy.redirectChain reports: the 3xx answers met, a refused last one included.
  let met = chain;
  try {
    for (;;) {
      let response: AxiosResponse;
      hop.validateStatus = letHopsThrough;
      try {
        response = await send(hop);
      } catch (error) {
        throw adopt(error as AxiosError, config);
      } finally {
        if (userValidate === undefined) delete hop.validateStatus;
        else hop.validateStatus = userValidate;
      }
      adopt(response, config);
      // Anything else was already settled by the adapter with the user's validateStatus.
      if (!mayHop(response.status)) return response;
      const location = getHeader(response.headers, 'location')?.trim();
      const kind = hopKind(response.status, !!location);
      if (!kind) return settleLikeAxios(response, config);

      const method = (hop.method ?? 'get').toUpperCase();
      if (!url) {
        url = withoutFragment(host.uri(config));
        visited.add(`${method} ${url}`);
      }
      const here: RedirectHop = { method, url, status: response.status };
      const plan = planHop(kind, method, url, location);
      if ('problem' in plan) {
        throw redirectError(plan.problem, ErrorCodes.REDIRECT_BAD_LOCATION, [...chain, here], config, response);
      }
      const next = { method: plan.method, url: plan.url };
      if (chain.length >= opts.maxRedirects) {
        throw redirectError(`more than ${opts.maxRedirects} redirects`, ErrorCodes.TOO_MANY_REDIRECTS, [...chain, here], config, response, next);
      }
      if (kind !== 'repeat' && visited.has(`${plan.method} ${plan.url}`)) {
        throw redirectError('redirect loop', ErrorCodes.REDIRECT_LOOP, [...chain, here], config, response, next);
      }
      const context = { response, status: response.status, from: url, to: plan.url, method: plan.method, crossOrigin: plan.crossOrigin, hops: chain.length };
      if ((await opts.onRedirect(context)) === false) return settleLikeAxios(response, config);

      if (kind !== 'rewrite' && hasBody(hop.data)) {
        if (!isReplayable(hop.data)) {
          throw redirectError(
            `${response.status} needs the body again, but a stream cannot be re-sent`,
            ErrorCodes.BODY_NOT_REPLAYABLE, [...chain, here], config, response, next,
          );
        }
        if (plan.crossOrigin && !opts.allowCrossOriginBody) {
          throw redirectError(
            `${response.status} would send the body to another origin (see redirects.allowCrossOriginBody)`,
            ErrorCodes.REDIRECT_CROSS_ORIGIN_BODY, [...chain, here], config, response, next,
          );
        }
      }

      discard(response.data);
      chain.push(here);
      visited.add(`${plan.method} ${plan.url}`);
      host.emit({ status: response.status, method: plan.method, from: url, to: plan.url, config });
      hop = nextHop(hop, plan, opts, config.timeout ? Math.max(1, config.timeout - (host.now() - started)) : 0);
      url = plan.url;
      throwIfCancelled(config);
    }
  } catch (error) {
    if (error instanceof RedirectError) met = error.redirectChain;
    throw error;
  } finally {
    host.record(config, met, url);
  }
}

function planHop(
  kind: HopKind,
  method: string,
  url: string,
  location: string | undefined,
): Plan | { problem: string } {
  const nextMethod = methodAfter(kind, method);
  if (kind === 'repeat' || location === undefined) return { kind, url, method: nextMethod, crossOrigin: false };
  const target = resolveLocation(url, location);
  if ('problem' in target) {
    const why = target.problem === 'scheme' ? 'not http(s)' : 'malformed';
    return { problem: `refused Location ${JSON.stringify(location.slice(0, 100))} (${why})` };
  }
  return { kind, url: target.url, method: nextMethod, crossOrigin: urlOrigin(target.url) !== urlOrigin(url) };
}

/** A copy of the hop's config for the next request: new URL, method, body and headers. */
function nextHop(hop: InternalAxiosRequestConfig, plan: Plan, opts: Required<RedirectOptions>, timeout: number): InternalAxiosRequestConfig {
  const dropBody = plan.kind === 'rewrite';
  const next: InternalAxiosRequestConfig = {
    ...hop,
    url: plan.url,
    method: plan.method.toLowerCase(),
    headers: hopHeaders(hop.headers, { dropBody, crossOrigin: plan.crossOrigin, extra: opts.stripHeaders }),
  };
  // The URL is absolute and already carries the query: nothing may be added to it again.
  delete next.baseURL;
  delete next.params;
  if (dropBody) delete next.data;
  // `auth` becomes an Authorization header inside the adapter: it is a credential like the header.
  if (plan.crossOrigin) delete next.auth;
  if (timeout) next.timeout = timeout;
  return next;
}
