import type { RateLimitInfo } from '../types';

// Pure parser of the rate-limit header dialects into one shape. Values are split on `,` `;` `=`
// only (no regex over the whole value), so a hostile header costs linear time. Fields travel as
// locals and tuples until the end: the minifier can shorten those, not property names. (`??` and
// `?.` are avoided too: the es2019 build spells each one out at length.)

type Headers = Record<string, string | undefined>;
/** limit, remaining, resetMs, windowMs, policy, source: the fields of {@link RateLimitInfo}. */
type Row = [number | undefined, number | undefined, number | undefined, number | undefined, string | undefined, RateLimitInfo['source']];

/** The first of `raws` that is a whole number, as one. */
function int(...raws: Array<string | undefined>): number | undefined {
  for (const raw of raws) if (raw && /^\s*\d{1,15}\s*$/.test(raw)) return +raw;
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
const items = (value = ''): Headers[] =>
  value.split(',').map((member) => {
    const item: Headers = {};
    for (const part of member.split(';')) {
      const eq = part.indexOf('=');
      const v = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
      if (eq >= 0) item[part.slice(0, eq).trim().toLowerCase() || ' '] = v;
      else if (v && !item['']) item[''] = v;
    }
    return item;
  });

/**
 * IETF: `RateLimit` in the structured draft (`"name";r=0;t=30`; of several policies the one with
 * the fewest remaining counts) or the older `limit=10, remaining=0, reset=30`; `RateLimit-Policy`
 * (`"name";q=100;w=60`, or `10;w=60` with a bare limit); then `RateLimit-Limit/-Remaining/-Reset`.
 */
function ietf(h: Headers): Row {
  let fewest: Headers = {};
  let least = Infinity;
  const all: Headers = {};
  for (const item of items(h.ratelimit)) {
    Object.assign(all, item);
    const r = int(item.r);
    if (r! < least) {
      least = r!;
      fewest = item;
    }
  }
  const policy = fewest[''];
  const policies = items(h['ratelimit-policy']);
  const named = policies.find((p) => !policy || p[''] === policy) || policies[0]!;
  const bare = int(named['']);
  return [
    int(named.q, named[''], all.limit, h['ratelimit-limit']),
    int(fewest.r, all.remaining, h['ratelimit-remaining']),
    seconds(fewest.t, all.reset, h['ratelimit-reset']),
    seconds(named.w),
    policy || (bare === undefined ? named[''] : undefined),
    'ietf',
  ];
}

/**
 * `X-RateLimit-*` and RingCentral's `X-Rate-Limit-*`: limit, remaining, reset, window, group. A
 * reset is a delta on some servers and an epoch time (s or ms) on others (GitHub). RingCentral
 * gives only the window's length, not when it ends: the reset is then at most that far off.
 */
function family(h: Headers, source: 'x-ratelimit' | 'x-rate-limit', now: number): Row {
  const win = seconds(h[`${source}-window`]);
  const n = int(h[`${source}-reset`]);
  const reset = n === undefined ? win : n > 1e9 ? Math.max(0, (n > 1e12 ? n : n * 1000) - now) : n * 1000;
  return [int(h[`${source}-limit`]), int(h[`${source}-remaining`]), reset, win, h[`${source}-group`], source];
}

/**
 * Every rate-limit header dialect in one shape, or `undefined` when the response has none:
 * IETF `RateLimit`/`RateLimit-Policy` (and `RateLimit-Limit/-Remaining/-Reset`), `X-RateLimit-Limit/
 * -Remaining/-Reset` (reset as seconds or an epoch), RingCentral's `X-Rate-Limit-Group/-Limit/
 * -Remaining/-Window`. When several are present the IETF fields win, then `X-RateLimit-*`.
 */
export function parseRateLimitHeaders(headers: unknown, now: number = Date.now()): RateLimitInfo | undefined {
  let h: Headers | undefined;
  // The common case, a response without any: one cheap test per header name, nothing allocated.
  for (const name in headers as object) {
    const c = name.charCodeAt(0) | 32; // 'r' or 'x', either case
    if (c !== 114 && c !== 120) continue;
    const key = name.toLowerCase();
    const value: unknown = (headers as Record<string, unknown>)[name];
    if (value != null && /^(x-)?rate-?limit/.test(key)) (h || (h = {}))[key] = `${value}`;
  }
  if (!h) return undefined;
  // A family counts when it gave a number; a group or policy name alone is not a rate limit.
  const rows = [ietf(h), family(h, 'x-ratelimit', now), family(h, 'x-rate-limit', now)].filter((r) =>
    r.slice(0, 4).some((v) => v !== undefined),
  );
  const get = <K extends 0 | 1 | 2 | 3 | 4 | 5>(k: K): Row[K] => rows.map((r) => r[k]).find((v) => v !== undefined)!;
  return rows[0] && { limit: get(0), remaining: get(1), resetMs: get(2), windowMs: get(3), policy: get(4), source: get(5) };
}
