import { getHeader } from './headers';
import { parseRateLimitHeaders } from './rate-limit-headers';

// Pure parsers for "how long did the server ask us to wait". Every pattern is anchored and has no
// nested quantifier, so hostile header values cost linear time. No Date.parse: its accepted formats
// differ between engines (Hermes), while RFC 9110 names exactly three.

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

// IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
const IMF = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// obsolete RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
const RFC850 = /^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// obsolete asctime: Sun Nov  6 08:49:37 1994
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function utc(year: number, month: string, day: number, h: number, m: number, s: number): number | undefined {
  const mon = MONTHS[month.toLowerCase()];
  if (mon === undefined || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return undefined;
  return Date.UTC(year, mon, day, h, m, s);
}

/** An HTTP-date (RFC 9110 §5.6.7) in ms since the epoch, or `undefined` when it is not one. */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  const v = value.trim();
  let m = IMF.exec(v);
  if (m) return utc(+m[3]!, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
  m = RFC850.exec(v);
  if (m) {
    // Two-digit years: one more than 50 years ahead is taken as the past century (RFC 9110).
    let year = 2000 + +m[3]!;
    if (Date.UTC(year, 0, 1) > now + 50 * 365.25 * 86_400_000) year -= 100;
    return utc(year, m[2]!, +m[1]!, +m[4]!, +m[5]!, +m[6]!);
  }
  m = ASCTIME.exec(v);
  if (m) return utc(+m[6]!, m[1]!, +m[2]!.trim(), +m[3]!, +m[4]!, +m[5]!);
  return undefined;
}

const SECONDS = /^\d{1,15}(\.\d{1,6})?$/;

/**
 * `Retry-After` as a wait in ms: delta-seconds or an HTTP-date; 0 or a past date means now.
 * `undefined` for a missing or malformed value (the caller falls back to backoff).
 */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (SECONDS.test(v)) return Math.round(Number(v) * 1000);
  const date = parseHttpDate(v, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/**
 * The wait a 429/503 asks for: `Retry-After` first, then the rate-limit reset headers
 * (`RateLimit-Reset`, `RateLimit`, `X-RateLimit-Reset`, RingCentral's `X-Rate-Limit-Window`),
 * read by the one rate-limit header parser.
 */
export function waitFromHeaders(headers: unknown, now: number = Date.now()): number | undefined {
  return parseRetryAfter(getHeader(headers, 'retry-after'), now) ?? parseRateLimitHeaders(headers, now)?.resetMs;
}
