import { AxiosHeaders } from 'axios';

/**
 * The headers of the next hop: a copy, so the previous request's headers stay as they were sent.
 * A dropped body (301/302/303) takes its `Content-*` headers with it. Credentials and `Host` are
 * never sent to another origin (the follow-redirects CVEs), nor `redirects.stripHeaders`.
 * AxiosHeaders matches names case-insensitively.
 */
export function hopHeaders(headers: AxiosHeaders, dropBody: boolean, crossOrigin: boolean, extra: readonly string[]): AxiosHeaders {
  const next = new AxiosHeaders(headers);
  if (dropBody) next.clear(/^content-/i);
  if (crossOrigin) next.delete(['authorization', 'proxy-authorization', 'cookie', 'host', ...extra]);
  return next;
}
