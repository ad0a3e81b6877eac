import { AxiosHeaders } from 'axios';

/**
 * Headers that carry credentials or name the origin. Never sent to another origin: a redirect
 * must not hand a token to whoever the server points at (the follow-redirects CVEs).
 */
export const ORIGIN_BOUND = ['authorization', 'proxy-authorization', 'cookie', 'host'] as const;

const CONTENT = /^content-/i;

export interface HopHeaderRules {
  /** The body is dropped (301/302/303): its `Content-*` headers go with it. */
  dropBody: boolean;
  /** The next hop is another origin (or https→http): credentials go. */
  crossOrigin: boolean;
  /** More headers to drop cross-origin (`redirects.stripHeaders`). */
  extra: readonly string[];
}

/** The headers of the next hop: a copy, so the previous request's headers stay as they were sent. */
export function hopHeaders(headers: AxiosHeaders, rules: HopHeaderRules): AxiosHeaders {
  const next = new AxiosHeaders(headers);
  if (rules.dropBody) {
    for (const name of Object.keys(next)) if (CONTENT.test(name)) next.delete(name);
  }
  if (rules.crossOrigin) {
    // AxiosHeaders#delete matches names case-insensitively.
    for (const name of ORIGIN_BOUND) next.delete(name);
    for (const name of rules.extra) next.delete(name);
  }
  return next;
}
