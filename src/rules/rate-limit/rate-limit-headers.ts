import type { RateLimitInfo } from '../../types';
import { getHeader } from '../../http/headers';
import { isRecord } from '../../http/record';
import { parseRetryAfter } from './retry-after';

// Pure parser of the rate-limit header dialects into one shape. Values are split on `,` `;` `=`
// only (no regex over the whole value), so a hostile header costs linear time. Fields travel as
// locals and tuples until the end: the minifier can shorten those, not property names. (`??` and
// `?.` are avoided too: the es2019 build spells each one out at length.)

type Fields = Record<string, string | undefined>;
/** limit, remaining, resetMs, windowMs, policy, source: the fields of {@link RateLimitInfo}. */
type Row = [number | undefined, number | undefined, number | undefined, number | undefined, string | undefined, RateLimitInfo['source']];

const SOURCES = ['ietf', 'x-ratelimit', 'x-rate-limit'] as const;
/** A rate-limit header: its family (`ratelimit` is the IETF one) and field (`''` for `RateLimit` itself). */
const NAME = /^(x-rate-limit|x-ratelimit|ratelimit)(?:-(.+))?$/;
const WHOLE = /^\s*\d{1,15}\s*$/;

/** The first of `raws` that is a whole number, as one. */
function int(...raws: Array<string | undefined>): number | undefined {
  for (const raw of raws) if (raw && WHOLE.test(raw)) return +raw;
  return undefined;
}
/** The same in ms, for values in seconds. */
const seconds = (...raws: Array<string | undefined>): number | undefined => {
  const n = int(...raws);
  return n && n * 1000;
};

/**
 * One list member per `,`: its parameters by lower-case name, its bare value (a quoted policy
 * name, or in older drafts the limit) under `''`. `"a";r=0;t=30, "b";r=5` or `limit=10, remaining=0`.
 */
const items = (value: string | undefined): Fields[] =>
  !value ? [{}] : value.split(',').map((member) => {
    const item: Fields = {};
    for (const part of member.split(';')) {
      const eq = part.indexOf('=');
      const v = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
      if (eq >= 0) item[part.slice(0, eq).trim().toLowerCase() || ' '] = v;
      else if (v && !item['']) item[''] = v;
    }
    return item;
  });

/**
 * One family's headers by field. IETF: `RateLimit` in the structured draft (`"name";r=0;t=30`; of
 * several policies the one with the fewest remaining counts) or the older `limit=10, remaining=0,
 * reset=30`, then `RateLimit-Policy` (`"name";q=100;w=60`, or `10;w=60` with a bare limit), then
 * the separate `-Limit/-Remaining/-Reset`, which are also all that `X-RateLimit-*` has, and with
 * `-Window/-Group` all of RingCentral's `X-Rate-Limit-*`. A reset is a delta on some servers and
 * an epoch time (s or ms) on others (GitHub). RingCentral gives only the window's length, not
 * when it ends: the reset is then at most that far off.
 */
function row(h: Fields, source: Row[5], now: number): Row {
  let fewest: Fields = {};
  let least = Infinity;
  const all: Fields = {};
  for (const item of items(h[''])) {
    Object.assign(all, item);
    const r = int(item.r);
    // A member without `r` compares false (undefined < n), so it never counts as the fewest.
    if (r! < least) {
      least = r!;
      fewest = item;
    }
  }
  const policy = fewest[''];
  const policies = items(h.policy);
  const named = policies.find((p) => !policy || p[''] === policy) || policies[0]!;
  const win = seconds(named.w, h.window);
  const n = int(fewest.t, all.reset, h.reset);
  return [
    int(named.q, named[''], all.limit, h.limit),
    int(fewest.r, all.remaining, h.remaining),
    n === undefined ? win : n > 1e9 ? Math.max(0, (n > 1e12 ? n : n * 1000) - now) : n * 1000,
    win,
    policy || (int(named['']) === undefined && named['']) || h.group,
    source,
  ];
}

/**
 * Every rate-limit header dialect in one shape, or `undefined` when the response has none:
 * IETF `RateLimit`/`RateLimit-Policy` (and `RateLimit-Limit/-Remaining/-Reset`), `X-RateLimit-Limit/
 * -Remaining/-Reset` (reset as seconds or an epoch), RingCentral's `X-Rate-Limit-Group/-Limit/
 * -Remaining/-Window`. When several are present the IETF fields win, then `X-RateLimit-*`.
 */
export function parseRateLimitHeaders(headers: unknown, now: number | (() => number) = Date.now): RateLimitInfo | undefined {
  let families: Record<string, Fields> | undefined;
  // Own names only (for-in on AxiosHeaders walks a long prototype chain).
  if (!isRecord(headers)) return undefined;
  for (const name of Object.keys(headers)) {
    const m = NAME.exec(name.toLowerCase());
    const value = headers[name];
    if (m && value != null) {
      const family = (families || (families = {}))[m[1]!] || (families[m[1]!] = {});
      family[m[2] || ''] = `${value}`;
    }
  }
  if (!families) return undefined;
  // The clock only once there is a reset to place in time (`now` may be a clock, read here).
  if (typeof now === 'function') now = now();
  // A family counts when it gave a number; a group or policy name alone is not a rate limit.
  const rows: Row[] = [];
  for (const source of SOURCES) {
    const h = families[source === 'ietf' ? 'ratelimit' : source];
    const r = h && row(h, source, now);
    if (r && r.some((v, k) => k < 4 && v !== undefined)) rows.push(r);
  }
  if (!rows[0]) return undefined;
  const [limit, remaining, resetMs, windowMs, policy, source] = rows.reduce((a, r) => a.map((v, k) => (v === undefined ? r[k] : v)) as Row);
  return { limit, remaining, resetMs, windowMs, policy, source };
}

/**
 * The wait a 429/503 asks for: `Retry-After` first, then the rate-limit reset headers
 * (`RateLimit-Reset`, `RateLimit`, `X-RateLimit-Reset`, RingCentral's `X-Rate-Limit-Window`),
 * read by the one rate-limit header parser. Here, not beside `parseRetryAfter`, so a bundle that
 * reads Retry-After alone (`rateLimit()` without `rateLimitHeaders()`) carries no header parser.
 */
export function waitFromHeaders(headers: unknown, now: number = Date.now()): number | undefined {
  const wait = parseRetryAfter(getHeader(headers, 'retry-after'), now);
  const info = wait === undefined && parseRateLimitHeaders(headers, now);
  return info ? info.resetMs : wait;
}
