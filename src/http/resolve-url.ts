import { redactUrl } from './redact';

// Redirect targets are resolved by the platform's WHATWG `URL`: hops are only followed where the
// adapter hands a 3xx to JS (Node's http and fetch, custom adapters), and Node has it. Everything
// that also runs in browsers and React Native (the Location-less repeat, messages) is string-only.

interface WhatwgUrl {
  href: string;
  origin: string;
  protocol: string;
}
type UrlConstructor = new (url: string, base?: string) => WhatwgUrl;

const parse = (url: string, base?: string): WhatwgUrl | undefined => {
  try {
    return new (globalThis as unknown as { URL: UrlConstructor }).URL(url, base);
  } catch {
    return undefined; // also where there is no URL, or a partial one (React Native's throws)
  }
};

/** The URL without its `#fragment`, which is never sent. (No regex: every request's URL passes here.) */
export const withoutFragment = (url: string): string => {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
};

// Control characters, and `http:foo`: WHATWG reads the latter as relative when the scheme
// matches the base and as a host otherwise. Too ambiguous to follow.
// eslint-disable-next-line no-control-regex
const REFUSED = /[\0-\x1f\x7f]|^https?:(?![/\\]{2})/i;

/**
 * A `Location` resolved against the URL that answered with it, parsed as the adapter will parse
 * it (so the origin compared for credential stripping is the one the request really goes to;
 * `http://evil\@good/` is evil's). Anything but an http(s) target (`file:`, `javascript:`,
 * `data:`) is refused: the answer is then the reason, as a string.
 */
export function resolveLocation(base: string, location: string): { url: string; crossOrigin: boolean } | string {
  // A base that does not parse (a relative URL, no baseURL): only an absolute target will do,
  // and it counts as another origin.
  const from = parse(base);
  const target = REFUSED.test(location) ? undefined : parse(location, from && base);
  if (target && /^https?:$/.test(target.protocol)) {
    return { url: withoutFragment(target.href), crossOrigin: !from || from.origin !== target.origin };
  }
  const known = (globalThis as { URL?: unknown }).URL;
  // The reason ends up in a message: the Location is shown redacted (JSON escapes its controls).
  return `${known ? 'bad' : 'no URL to resolve'} Location ${JSON.stringify(redactUrl(location).slice(0, 100))}`;
}

/**
 * A hop's URL as the redirect chain of an error message shows it: the same rule as the request
 * line (`redactUrl`), so userinfo and the values of secret-looking parameters (signatures of signed
 * URLs, tokens) are hidden and the rest stays readable.
 */
export const displayUrl = (url: string): string => redactUrl(url);
