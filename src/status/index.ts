import { COMMON_PHRASES } from '../http/phrases';
import type { PolicyName } from '../types';

/** The five classes of RFC 9110 §15. */
export type StatusClass = 'informational' | 'success' | 'redirection' | 'client-error' | 'server-error';

/** One status code as the policy sees it. */
export interface StatusEntry {
  code: number;
  /** The reason phrase (RFC 9110 wording for registered codes). */
  phrase: string;
  class: StatusClass;
  /** In the IANA registry; `false` for vendor codes (420 Twitter, 444/499 nginx, 449/450 Microsoft). */
  standard: boolean;
  /** Sent again with the default options: 429 and every 5xx (503 after its Retry-After). */
  retried: boolean;
  /** The rule that acts on it, if any (401 needs `auth` configured; 404 only for DELETE). */
  policy: PolicyName | undefined;
}

// Codes the seed guides list beyond the common ones; `!` marks a vendor (non-IANA) code.
const MORE: Readonly<Record<number, string>> = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 306: '(Unused)', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  402: 'Payment Required', 407: 'Proxy Authentication Required', 411: 'Length Required',
  414: 'URI Too Long', 416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a teapot",
  420: '!Enhance Your Calm', 421: 'Misdirected Request', 423: 'Locked', 424: 'Failed Dependency',
  425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 431: 'Request Header Fields Too Large',
  444: '!No Response', 449: '!Retry With', 450: '!Blocked by Windows Parental Controls',
  451: 'Unavailable For Legal Reasons', 499: '!Client Closed Request',
  505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage',
  508: 'Loop Detected', 510: 'Not Extended', 511: 'Network Authentication Required',
};

const CLASSES: readonly StatusClass[] = ['informational', 'success', 'redirection', 'client-error', 'server-error'];

const POLICY: Readonly<Record<number, PolicyName>> = {
  207: 'multiStatus', 304: 'notModified', 401: 'auth', 404: 'deleteNotFound', 429: 'rateLimit', 503: 'rateLimit',
};

/** The class of any status from 100 to 599; `undefined` outside that range. */
export function statusClass(code: number): StatusClass | undefined {
  return Number.isInteger(code) && code >= 100 && code <= 599 ? CLASSES[Math.floor(code / 100) - 1] : undefined;
}

function policyOf(code: number): PolicyName | undefined {
  const named = POLICY[code];
  if (named) return named;
  if (code >= 500 && code <= 599) return 'retry';
  // Every 3xx but 300 and 304 is followed (with Location) or repeated (without).
  return code >= 301 && code <= 308 ? 'redirects' : undefined;
}

function entry(code: number, raw: string): StatusEntry {
  const standard = !raw.startsWith('!');
  return {
    code,
    phrase: standard ? raw : raw.slice(1),
    class: statusClass(code) ?? 'server-error',
    standard,
    retried: code === 429 || (code >= 500 && code <= 599),
    policy: policyOf(code),
  };
}

/** Every status code the seed guides list (and the RFC 9110 ones between), in code order. */
export const STATUS_CODES: readonly StatusEntry[] = Object.entries({ ...COMMON_PHRASES, ...MORE })
  .map(([code, raw]) => entry(Number(code), raw))
  .sort((a, b) => a.code - b.code);

const BY_CODE = new Map(STATUS_CODES.map((e) => [e.code, e]));

/** The catalogue entry of `code`, or `undefined` when it is not in the catalogue. */
export const statusInfo = (code: number): StatusEntry | undefined => BY_CODE.get(code);

/** The reason phrase of `code`, or `undefined`. */
export const reasonPhrase = (code: number): string | undefined => BY_CODE.get(code)?.phrase;

/** Whether the policy, with its default options, sends a request answered `code` again. */
export const isRetriedStatus = (code: number): boolean => statusInfo(code)?.retried ?? (code >= 500 && code <= 599);
