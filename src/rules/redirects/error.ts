import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyError, describeRequest } from '../../errors';
import { displayUrl } from '../../http/resolve-url';
import type { RedirectHop } from './types';

/** Codes of the errors the redirects rule creates (also in `ErrorCodes`, on `error.code`). */
export const RedirectErrorCodes = {
  /** A 307/308 whose stream body cannot be sent again. */
  BODY_NOT_REPLAYABLE: 'ERR_STATUS_POLICY_BODY_NOT_REPLAYABLE',
  TOO_MANY_REDIRECTS: 'ERR_STATUS_POLICY_TOO_MANY_REDIRECTS',
  REDIRECT_LOOP: 'ERR_STATUS_POLICY_REDIRECT_LOOP',
  REDIRECT_BAD_LOCATION: 'ERR_STATUS_POLICY_REDIRECT_BAD_LOCATION',
  REDIRECT_CROSS_ORIGIN_BODY: 'ERR_STATUS_POLICY_REDIRECT_CROSS_ORIGIN_BODY',
  /** axios's `beforeRedirect` threw for this hop (`cause` is what it threw). */
  REDIRECT_REFUSED: 'ERR_STATUS_POLICY_REDIRECT_REFUSED',
  OPAQUE_REDIRECT: 'ERR_STATUS_POLICY_OPAQUE_REDIRECT',
} as const;

export type RedirectErrorCode = (typeof RedirectErrorCodes)[keyof typeof RedirectErrorCodes];

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
  code: RedirectErrorCode,
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
