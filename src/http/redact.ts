// What an error message may show. Messages get pasted into tickets and logs, so a URL loses its
// credentials and secret-looking parameter values, and text a server supplied loses anything a
// terminal or log viewer would act on. String-only: React Native has no full `URL`.

/**
 * Parameter names whose values are credentials, judged lower-cased after percent-decoding, on the
 * last `[segment]` (`user[password]`, `token[]`). Any name ending in one of the words of the first
 * group: `access_token`, `refresh_token`, `id_token`, `api_key`, `apikey`, `client_secret`, and also
 * `accessToken`, `X-Amz-Signature`, `X-Amz-Security-Token`, `X-Goog-Credential`; hiding a harmless
 * `sortKey` costs less than showing a token. The second group only as the whole name: `country_code`
 * is no secret, OAuth's `code` is.
 */
const SECRET_NAME = /(?:token|key|secret|password|signature|credential|(?:^|\[)(?:sig|code|auth|jwt|passwd|pwd))\]?$/;

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
  return SECRET_NAME.test(decoded(name).trim().toLowerCase().replace(/\[\]$/, ''));
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

// A terminal escape sequence goes whole (`ESC[2J` clears a screen), not just its ESC, so no `[2J`
// debris is left; 7-bit and C1 (0x9b) introducers alike. Other sequences (OSC) lose their ESC below.
// eslint-disable-next-line no-control-regex
const CSI = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]/g;
/**
 * C0, DEL and C1 other than the line breaks and tabs (those become spaces below), and the
 * bidirectional overrides and isolates that make text display in another order than it reads.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\0-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Runs of whitespace, line breaks of every kind (NEL, U+2028 included): one space, one line. */
const SPACES = /[\s\x85]+/g;

/** Server text is scanned at most this many times the length kept: an error page may be megabytes. */
const SCAN_FACTOR = 4;

/**
 * Server-supplied text made safe for a one-line message: escape sequences and control characters
 * removed, line breaks and runs of whitespace made one space, cut to `maxLength` characters
 * (an ellipsis ends a cut text, never half a surrogate pair).
 */
export function safeText(text: string, maxLength = 300): string {
  const scanned = text.length > maxLength * SCAN_FACTOR ? text.slice(0, maxLength * SCAN_FACTOR) : text;
  const clean = scanned.replace(CSI, '').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
  if (clean.length <= maxLength && scanned.length === text.length) return clean;
  let end = Math.min(clean.length, maxLength - 1);
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${clean.slice(0, end).trimEnd()}…`;
}
