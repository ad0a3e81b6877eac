import { COMMON_PHRASES } from '../http/phrases';
import { blockForStatus } from '../rules/registry';
import type { PolicyName } from '../types';

/** The five classes of RFC 9110 §15. */
export type StatusClass = 'informational' | 'success' | 'redirection' | 'client-error' | 'server-error';

/**
 * Every code in the catalogue, as a type, so `statusInfo(503).phrase` needs no `?.` or `!` under
 * `strict`. Kept equal to `STATUS_CODES` by __tests__/unit/status-catalogue.test.ts.
 */
export type KnownStatusCode =
  | 100 | 101 | 102 | 103
  | 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226
  | 300 | 301 | 302 | 303 | 304 | 305 | 306 | 307 | 308
  | 400 | 401 | 402 | 403 | 404 | 405 | 406 | 407 | 408 | 409 | 410 | 411 | 412 | 413 | 414 | 415 | 416 | 417 | 418
  | 420 | 421 | 422 | 423 | 424 | 425 | 426 | 428 | 429 | 431 | 444 | 449 | 450 | 451 | 499
  | 500 | 501 | 502 | 503 | 504 | 505 | 506 | 507 | 508 | 510 | 511;

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

// Codes the seed guides list beyond the common ones, in code order, `|` between them. A phrase
// that starts with its code begins a new run; one without is the code after the previous one.
// `!` marks a vendor (non-IANA) code.
const MORE =
  '100Continue|Switching Protocols|Processing|Early Hints|' +
  '200OK|Created|Accepted|Non-Authoritative Information|No Content|Reset Content|Partial Content|Multi-Status|Already Reported|226IM Used|' +
  '300Multiple Choices|Moved Permanently|Found|See Other|Not Modified|Use Proxy|(Unused)|Temporary Redirect|Permanent Redirect|' +
  "402Payment Required|407Proxy Authentication Required|411Length Required|414URI Too Long|416Range Not Satisfiable|Expectation Failed|I'm a teapot|" +
  '420!Enhance Your Calm|Misdirected Request|423Locked|Failed Dependency|Too Early|Upgrade Required|428Precondition Required|' +
  '431Request Header Fields Too Large|444!No Response|449!Retry With|!Blocked by Windows Parental Controls|Unavailable For Legal Reasons|' +
  '499!Client Closed Request|505HTTP Version Not Supported|Variant Also Negotiates|Insufficient Storage|Loop Detected|510Not Extended|' +
  'Network Authentication Required';

const CLASSES: readonly StatusClass[] = ['informational', 'success', 'redirection', 'client-error', 'server-error'];

/** The class of any status from 100 to 599; `undefined` outside that range. */
export function statusClass(code: number): StatusClass | undefined {
  return Number.isInteger(code) && code >= 100 && code <= 599 ? CLASSES[Math.floor(code / 100) - 1] : undefined;
}

/** Whether the policy, with its default options, sends a request answered `code` again: 429 and every 5xx. */
export const isRetriedStatus = (code: number): boolean => code === 429 || (code >= 500 && code <= 599);

function catalogue(): StatusEntry[] {
  const phrases: Record<number, string> = { ...COMMON_PHRASES };
  let code = 0;
  for (const raw of MORE.split('|')) {
    const n = parseInt(raw, 10);
    phrases[(code = n || code + 1)] = n ? raw.slice(3) : raw;
  }
  // Integer keys enumerate in ascending order: the entries come out in code order.
  return Object.entries(phrases).map(([key, raw]) => {
    const c = +key;
    const standard = raw[0] !== '!';
    return {
      code: c,
      phrase: standard ? raw : raw.slice(1),
      class: statusClass(c)!,
      standard,
      retried: isRetriedStatus(c),
      policy: blockForStatus(c),
    };
  });
}

/** Every status code the seed guides list (and the RFC 9110 ones between), in code order. */
export const STATUS_CODES: readonly StatusEntry[] = catalogue();

/** The catalogue entry of `code`; always there for a `KnownStatusCode`, else `undefined` when not in the catalogue. */
export function statusInfo(code: KnownStatusCode): StatusEntry;
export function statusInfo(code: number): StatusEntry | undefined;
export function statusInfo(code: number): StatusEntry | undefined {
  return STATUS_CODES.find((entry) => entry.code === code);
}

/** The reason phrase of `code`; always there for a `KnownStatusCode`, else `undefined` when not in the catalogue. */
export function reasonPhrase(code: KnownStatusCode): string;
export function reasonPhrase(code: number): string | undefined;
export function reasonPhrase(code: number): string | undefined {
  const entry = statusInfo(code);
  return entry && entry.phrase;
}
