import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyError, describeRequest } from '../../errors';
import { displayUrl } from '../../http/resolve-url';
import type { RedirectHop } from '../../types';

/**
 * A redirect the policy refused to follow: too many hops, a loop, a `Location` that is not an
 * http(s) URL, a body that cannot be replayed or may not cross origins, a browser's opaque
 * redirect. `redirectChain` lists the hops up to the refused one; `response` is the last 3xx.
 */
export class RedirectError<T = unknown> extends StatusPolicyError<T> {
  override readonly name: string = 'RedirectError';
  constructor(
    message: string,
    code: string,
    readonly redirectChain: RedirectHop[],
    config?: InternalAxiosRequestConfig,
    response?: AxiosResponse<T>,
    cause?: unknown,
  ) {
    super(message, code, config, response, cause);
  }
}

/** True for the errors above. */
export const isRedirectError = (error: unknown): error is RedirectError => error instanceof RedirectError;

/**
 * A RedirectError whose message names the request and lists the chain, the refused next request
 * last: `GET http://a/x failed: redirect loop: GET http://a/x → 302 → GET http://a/y → 302 → GET http://a/x`.
 */
export function redirectError(
  what: string,
  code: string,
  chain: RedirectHop[],
  config: InternalAxiosRequestConfig,
  response: AxiosResponse | undefined,
  next?: { method: string; to: string },
  cause?: unknown,
): RedirectError {
  let path = chain.map((h) => `${h.method} ${displayUrl(h.url)} → ${h.status}`).join(' → ');
  if (next) path += ` → ${next.method} ${displayUrl(next.to)}`;
  return new RedirectError(`${describeRequest(config)} failed: ${what}${path && `: ${path}`}`, code, chain, config, response, cause);
}
