// Pure parsers for "how long did the server ask us to wait". Every pattern is anchored and has no
// nested quantifier, so hostile header values cost linear time. No Date.parse: its accepted formats
// differ between engines (Hermes), while RFC 9110 names exactly three.

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

// The three forms of RFC 9110 §5.6.7, groups: day, month, year (per form), then h, m, s, and the
// asctime year, which comes last:
//   IMF-fixdate  Sun, 06 Nov 1994 08:49:37 GMT
//   RFC 850      Sunday, 06-Nov-94 08:49:37 GMT
//   asctime      Sun Nov  6 08:49:37 1994
const DATE =
  /^(?:[A-Za-z]{3}, (\d\d) ([A-Za-z]{3}) (\d{4})|[A-Za-z]{6,9}, (\d\d)-([A-Za-z]{3})-(\d\d)|[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d)) (\d\d):(\d\d):(\d\d)(?: GMT| (\d{4}))$/;

/** An HTTP-date (RFC 9110 §5.6.7) in ms since the epoch, or `undefined` when it is not one. */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  const m = DATE.exec(value.trim());
  // Only asctime ends in a year, and it must: no hybrids of the forms.
  if (!m || !m[7] !== !m[12]) return undefined;
  const mon = MONTHS.indexOf((m[2] || m[5] || m[7]!).toLowerCase());
  const day = +(m[1] || m[4] || m[8]!);
  const [h, min, s] = m.slice(9).map(Number) as [number, number, number];
  let year = +(m[3] || m[12] || 2000 + +m[6]!);
  // Two-digit years: one more than 50 years ahead is taken as the past century (RFC 9110).
  if (m[6] && Date.UTC(year, 0) > now + 1.57788e12) year -= 100;
  return mon % 3 || day < 1 || day > 31 || h > 23 || min > 59 || s > 60 ? undefined : Date.UTC(year, mon / 3, day, h, min, s);
}

/**
 * `Retry-After` as a wait in ms: delta-seconds or an HTTP-date; 0 or a past date means now.
 * `undefined` for a missing or malformed value (the caller falls back to backoff).
 */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (/^\d{1,15}(\.\d{1,6})?$/.test(v)) return Math.round(+v * 1000);
  const date = parseHttpDate(v, now);
  return date === undefined ? date : Math.max(0, date - now);
}
