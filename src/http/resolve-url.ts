// String-only URL resolution (RFC 3986 §5): React Native has no complete `URL`, and src/ must not
// depend on one. Only what redirects need: resolve a `Location` against the request URL, and say
// whether two absolute http(s) URLs share an origin.

interface UrlParts {
  scheme: string | undefined;
  authority: string | undefined;
  path: string;
  query: string | undefined;
}

// RFC 3986 appendix B. It matches any string; the fragment is dropped (never sent over HTTP).
const PARTS = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?/;

function split(url: string): UrlParts {
  const m = PARTS.exec(url)!;
  return { scheme: m[1], authority: m[2], path: m[3] ?? '', query: m[4] };
}

function join({ scheme, authority, path, query }: UrlParts): string {
  return `${scheme === undefined ? '' : `${scheme}:`}${authority === undefined ? '' : `//${authority}`}${path}${
    query === undefined ? '' : `?${query}`
  }`;
}

/** RFC 3986 §5.2.4, on an absolute path (every path we build starts with `/` or is empty). */
export function removeDotSegments(path: string): string {
  const input = path.split('/');
  const out: string[] = [];
  const last = input.length - 1;
  input.forEach((seg, i) => {
    if (seg === '.' || seg === '..') {
      // The leading '' of an absolute path is never popped: `/..` stays at the root.
      if (seg === '..' && out.length > 1) out.pop();
      if (i === last) out.push('');
    } else {
      out.push(seg);
    }
  });
  return out.join('/');
}

/** RFC 3986 §5.2.2: `ref` resolved against the absolute `base`, without fragment. */
export function resolveUrl(base: string, ref: string): string {
  const b = split(base);
  const r = split(ref);
  if (r.scheme !== undefined) return join({ ...r, path: removeDotSegments(r.path) });
  if (r.authority !== undefined) return join({ ...r, scheme: b.scheme, path: removeDotSegments(r.path) });
  if (r.path === '') return join({ ...b, query: r.query ?? b.query });
  let path: string;
  if (r.path.startsWith('/')) path = r.path;
  else if (b.authority !== undefined && b.path === '') path = `/${r.path}`;
  else path = b.path.slice(0, b.path.lastIndexOf('/') + 1) + r.path;
  return join({ scheme: b.scheme, authority: b.authority, path: removeDotSegments(path), query: r.query });
}

/** Why a `Location` was refused: a scheme other than http(s), or a value no client should follow. */
export type LocationProblem = 'scheme' | 'malformed';

const SCHEME = /^([a-z][a-z\d+.-]*):/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// What the WHATWG parser (Node's http adapter, browsers) accepts as `http:foo`: resolved against
// the base when the scheme matches, as a host otherwise. Too ambiguous to follow.
const NO_SLASHES = /^https?:(?!\/\/)/i;

/**
 * Resolves a `Location` header against the URL that answered with it. Refuses anything but an
 * http(s) target, so `file:`, `javascript:` or `data:` never reach an adapter.
 *
 * WHATWG URL parsers (which the adapters use) treat `\` as `/` in http(s) URLs and strip leading
 * and trailing blanks; we do the same before resolving, so the origin we compare for credential
 * stripping is the origin the request really goes to (`http://evil\@good/` is evil's).
 */
export function resolveLocation(base: string, location: string): { url: string } | { problem: LocationProblem } {
  // eslint-disable-next-line no-control-regex
  const value = location.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/\\/g, '/');
  if (value === '' || CONTROL.test(value)) return { problem: 'malformed' };
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return { problem: 'scheme' };
  if (NO_SLASHES.test(value)) return { problem: 'malformed' };
  const url = resolveUrl(base, value);
  // Only a base without a host (never an http request URL) or `http:///x` gets here empty-handed.
  const { scheme: s, authority } = split(url);
  if (!s || !/^https?$/i.test(s) || !hostOf(authority ?? '')) return { problem: 'malformed' };
  // `http://h?q` and `http://h/?q` are one resource; say it the way adapters and browsers do.
  return { url: url.replace(/^([^:]+:\/\/[^/?]*)(?=$|\?)/, '$1/') };
}

/** The host[:port] part of an authority: userinfo removed (the LAST `@`, as WHATWG does). */
function hostOf(authority: string): string {
  return authority.slice(authority.lastIndexOf('@') + 1);
}

const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

/**
 * `scheme://host[:port]` of an absolute URL, lower-cased, userinfo and default port removed:
 * two URLs with the same value are the same origin. `''` when the URL has no authority.
 */
export function urlOrigin(url: string): string {
  const { scheme, authority } = split(url);
  if (scheme === undefined || authority === undefined) return '';
  const s = scheme.toLowerCase();
  let host = hostOf(authority).toLowerCase();
  // The port follows the last ':' unless that ':' is inside an IPv6 literal `[…]`.
  const colon = host.lastIndexOf(':');
  if (colon > host.lastIndexOf(']') && host.slice(colon + 1) === (DEFAULT_PORT[s] ?? '')) host = host.slice(0, colon);
  if (host.endsWith(':')) host = host.slice(0, -1);
  return `${s}://${host}`;
}

/** The URL without its `#fragment`, which is never sent. */
export const withoutFragment = (url: string): string => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/** The URL as shown in an error message: no userinfo, query values hidden (signed URLs carry tokens). */
export function displayUrl(url: string): string {
  const { scheme, authority, path, query } = split(url);
  return join({
    scheme,
    authority: authority === undefined ? undefined : hostOf(authority),
    path,
    query: query === undefined ? undefined : '…',
  });
}
