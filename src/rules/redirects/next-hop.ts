import type { AxiosBasicCredentials, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { field } from '../../field';
import { resolveLocation } from '../../http/resolve-url';
import type { Hop } from '../../run/hop';
import { runBeforeRedirect } from './before-redirect';
import { hopHeaders } from './hop-headers';
import { RedirectErrorCodes } from './error';
import type { RedirectErrorCode } from './error';
import { RedirectHop } from './redirect-hop';

/** What the redirects rule decided about the next request, before it is built. */
export interface HopPlan {
  /** Upper-case. */
  method: string;
  /** Absolute, without userinfo. */
  url: string;
  /** 301/302/303: the next request goes without body and `Content-*` headers. */
  dropBody: boolean;
  /** The next request goes to another origin than the hop that answered. */
  crossOrigin: boolean;
  /** Extra header names dropped on a cross-origin hop (`redirects.stripHeaders`, axios's `sensitiveHeaders`). */
  stripHeaders: readonly string[];
  /** `redirects.allowCrossOriginBody`. */
  allowCrossOriginBody: boolean;
}

/** A hop the rule will not send, and why. */
export interface Refusal {
  refused: string;
  code: RedirectErrorCode;
  cause?: unknown;
}

const USERINFO = /^([a-z][a-z\d+.-]*:\/\/)([^/?#]*)@/i;

/**
 * The URL without `user:password@`. A hop never takes userinfo from a `Location`: follow-redirects
 * drops it (axios then puts back the caller's own `auth` on a same-origin hop), so a server cannot
 * swap the caller's credentials for its own.
 */
export const withoutUserinfo = (url: string): string => url.replace(USERINFO, '$1');

const decoded = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/** The caller's credentials where they are still sent: axios's `auth`, or (as axios reads it) the userinfo of the URL they asked. */
function callerAuth(from: Hop): AxiosBasicCredentials | undefined {
  if (from.config.auth) return from.config.auth;
  const userinfo = USERINFO.exec(from.url)?.[2];
  if (!userinfo) return undefined;
  const colon = userinfo.indexOf(':');
  return colon < 0 ? { username: decoded(userinfo), password: '' } : { username: decoded(userinfo.slice(0, colon)), password: decoded(userinfo.slice(colon + 1)) };
}

/** A body to send: not nothing, not empty text, not an empty buffer or blob. */
export const hasBody = (data: unknown): boolean =>
  data != null && data !== '' && field(data, 'byteLength') !== 0 && field(data, 'size') !== 0;

/**
 * Builds the next request of a redirect completely: method, URL, body (dropped or kept), headers
 * with the credentials stripped on a cross-origin hop (`hopHeaders`: the one place for that rule),
 * axios's `auth` kept only on a same-origin hop, then axios's `beforeRedirect` applied. If the hook
 * points the hop elsewhere, the cross-origin rule is applied again to where it really goes. The run
 * only adds its transport settings (adapter, what is left of the timeout) and sends it.
 */
export function buildNextHop(from: Hop, response: AxiosResponse, plan: HopPlan): RedirectHop | Refusal {
  const planned = {
    method: plan.method,
    url: plan.url,
    headers: hopHeaders(from.config.headers, plan.dropBody, plan.crossOrigin, plan.stripHeaders),
    auth: plan.crossOrigin ? undefined : callerAuth(from),
  };
  let hop;
  try {
    hop = runBeforeRedirect(from, response, planned);
  } catch (cause) {
    return { refused: 'refused by beforeRedirect', code: RedirectErrorCodes.REDIRECT_REFUSED, cause };
  }
  let { url, headers, auth } = hop;
  let crossOrigin = plan.crossOrigin;
  if (url !== planned.url) {
    const target = resolveLocation(from.url, url);
    if (typeof target === 'string') return { refused: `beforeRedirect left a ${target}`, code: RedirectErrorCodes.REDIRECT_REFUSED };
    url = withoutUserinfo(target.url);
    if (target.crossOrigin && !crossOrigin) {
      crossOrigin = true;
      headers = hopHeaders(headers, false, true, plan.stripHeaders);
      auth = undefined;
      if (!plan.dropBody && hasBody(from.body) && !plan.allowCrossOriginBody) {
        return { refused: 'beforeRedirect sent a body to another origin (redirects.allowCrossOriginBody)', code: RedirectErrorCodes.REDIRECT_CROSS_ORIGIN_BODY };
      }
    }
  }
  const body = plan.dropBody ? undefined : from.body;
  const config: InternalAxiosRequestConfig = { ...from.config, url, method: hop.method.toLowerCase(), headers, data: body };
  // The URL is absolute and already carries the query: nothing may be added to it again.
  delete config.baseURL;
  delete config.params;
  // `auth` becomes an Authorization header inside the adapter: a credential like the header.
  if (auth) config.auth = auth;
  else delete config.auth;
  return new RedirectHop(config, hop.method, url, body, from.credentialsDropped || crossOrigin);
}
