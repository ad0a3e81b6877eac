// What an error message may show. Messages get pasted into tickets and logs, so a URL loses its
// credentials and secret-looking parameter values, and text a server supplied loses anything a
// terminal or log viewer would act on. String-only: React Native has no full `URL`.

/** Parameter names whose values are credentials, compared lower-cased after percent-decoding. */
const SECRET_NAMES = new Set([
  'token', 'access_token', 'refresh_token', 'id_token', 'key', 'api_key', 'apikey', 'signature', 'sig',
  'password', 'secret', 'client_secret', 'code', 'auth', 'jwt', 'passwd', 'pwd',
]);

/**
 * Endings that mark a credential whatever comes before them: `accessToken`, `X-Amz-Signature`,
 * `X-Amz-Security-Token`, `X-Goog-Credential`, `subscription-key`, `newPassword`. Hiding a
 * harmless `sortKey` costs less than showing a token. (`code` is exact only: `country_code` is not
 * a secret, OAuth's `code` is.)
 */
const SECRET_ENDINGS = ['token', 'key', 'secret', 'password', 'signature', 'credential'];

/** `user[password]` is judged by `password`, `token[]` by `token`. */
const lastSegment = (name: string): string => {
  const segments = name.split(/[[\]]/).filter(Boolean);
  return segments[segments.length - 1] || '';
};

function decoded(name: string): string {
  const plain = name.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain; // a stray `%`: judge the name as written
  }
}

/** True for a query parameter name whose value should never be shown. */
export function isSecretParam(name: string): boolean {
  const judged = lastSegment(decoded(name).trim().toLowerCase());
  return SECRET_NAMES.has(judged) || SECRET_ENDINGS.some((ending) => judged.endsWith(ending));
}

/**
 * `scheme://user:pass@` (or `//user@`, as WHATWG parsers also accept backslashes): everything
 * up to the last `@` before the first `/`, `?` or `#` is userinfo. A backslash does not end it
 * here, so `http://a\b@host` hides `a\b` too: over-hiding is the safe side.
 */
const USERINFO = /^([\0- ]*(?:[a-z][a-z\d+.-]*:)?[/\\]{2})[^/?#]*@/i;

/**
 * One `name=value` of the query or fragment (`#access_token=…` of OAuth's implicit flow, and
 * `#/route?token=…` of hash routers). A value runs to the next `&` or `#`: a `;` or `?` inside
 * it is part of the value as a server reads it, so it is hidden with the rest.
 */
const PARAM = /([?&#])([^=&#?]*)=([^&#]*)/g;

/**
 * The URL as an error message may show it: userinfo replaced by `***@`, the values of
 * secret-looking query (and fragment) parameters by `***`. Names, the path and every other
 * parameter stay readable. Never throws; a string that is not a URL comes back unchanged.
 */
export function redactUrl(url: string): string {
  const withoutUser = url.replace(USERINFO, '$1***@');
  const start = withoutUser.search(/[?#]/);
  if (start < 0) return withoutUser;
  const tail = withoutUser
    .slice(start)
    .replace(PARAM, (whole, separator: string, name: string, value: string) =>
      value && isSecretParam(name) ? `${separator}${name}=***` : whole,
    );
  return withoutUser.slice(0, start) + tail;
}

// Terminal escape sequences go whole (`ESC[2J` clears a screen; OSC sets titles and links), not
// just their ESC, so no `[2J` debris is left. Both the 7-bit and the C1 (0x9b, 0x9d) introducers;
// an OSC with no terminator loses only its introducer (below), not the text after it.
// eslint-disable-next-line no-control-regex
const ESCAPES = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\x9d]*(?:\x07|\x1b\\|\x9c)/g;
/** Line breaks of every kind (and tabs) become spaces: a message is one line. */
const BREAKS = /[\t\n\v\f\r\x85\u2028\u2029]/g;
/**
 * What is left of C0, DEL and C1, plus the bidirectional overrides and isolates that make text
 * display in another order than it reads.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\0-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Server text is scanned at most this many times the length kept: an error page may be megabytes. */
const SCAN_FACTOR = 4;

/**
 * Server-supplied text made safe for a one-line message: escape sequences and control characters
 * removed, line breaks and runs of whitespace made one space, cut to `maxLength` characters
 * (an ellipsis ends a cut text, never half a surrogate pair).
 */
export function safeText(text: string, maxLength = 300): string {
  const scanned = text.length > maxLength * SCAN_FACTOR ? text.slice(0, maxLength * SCAN_FACTOR) : text;
  const clean = scanned.replace(ESCAPES, '').replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength && scanned.length === text.length) return clean;
  let end = Math.min(clean.length, maxLength - 1);
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${clean.slice(0, end).trimEnd()}…`;
}
