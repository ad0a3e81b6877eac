// String-only URL handling: React Native's URL is incomplete, so no `URL` object is needed here.

const ABSOLUTE = /^([a-z][a-z\d+.-]*:)?\/\/([^/?#]*)/i;

/**
 * `scheme://host:port` of where a request goes, lower-cased; `''` for a relative URL with no
 * `baseURL` (the page's own origin in a browser). Used to key the origin-wide hold.
 */
export function originOf(url: string | undefined, baseURL: string | undefined): string {
  const m = ABSOLUTE.exec(url ?? '') ?? ABSOLUTE.exec(baseURL ?? '');
  if (!m) return '';
  return `${(m[1] ?? '').toLowerCase()}//${(m[2] ?? '').toLowerCase()}`;
}
