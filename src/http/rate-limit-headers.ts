import type { RateLimitInfo } from '../types';

// Pure parser of the rate-limit header dialects into one shape. Values are split on `,` `;` `=`
// only (no regex over the whole value), so a hostile header costs linear time. Fields travel as
// locals and tuples until the end: the minifier can shorten those, not property names.

const DIGITS = /^\d{1,15}$/;
const QUOTES = /^"|"$/g;

const int = (raw: string | undefined): number | undefined => {
  const v = raw?.trim();
  return v !== undefined && DIGITS.test(v) ? Number(v) : undefined;
};
const seconds = (raw: string | undefined): number | undefined => {
  const n = int(raw);
  return n === undefined ? n : n * 1000;
};

/** `X-RateLimit-Reset` is a delta on some servers and an epoch time (s or ms) on others (GitHub). */
function epochOrDelta(raw: string | undefined, now: number): number | undefined {
  const n = int(raw);
  if (n === undefined) return n;
  return n > 1e12 ? Math.max(0, n - now) : n > 1e9 ? Math.max(0, n * 1000 - now) : n * 1000;
}

/** A list member: its bare value (a quoted policy name, or in older drafts the limit) and its parameters. */
type Item = [string | undefined, Record<string, string>];

/** `"a";r=0;t=30, "b";r=5` or `limit=10, remaining=0` → members with their parameters. */
const items = (value: string | undefined): Item[] =>
  (value ?? '').split(',').map((member) => {
    const item: Item = [undefined, {}];
    for (const part of member.split(';')) {
      const eq = part.indexOf('=');
      const bare = (eq < 0 ? part : part.slice(eq + 1)).trim().replace(QUOTES, '');
      if (eq >= 0) item[1][part.slice(0, eq).trim().toLowerCase()] = bare;
      else if (bare) item[0] ??= bare;
    }
    return item;
  });

/** limit, remaining, resetMs, windowMs, policy: the order of {@link RateLimitInfo}'s fields. */
type Row = [number | undefined, number | undefined, number | undefined, number | undefined, string | undefined];

/**
 * IETF `RateLimit`: the structured-field draft (`"name";r=0;t=30`; of several policies the one with
 * the fewest remaining counts) or the older `limit=10, remaining=0, reset=30`; `RateLimit-Policy`
 * (`"name";q=100;w=60` or `10;w=60`); and the separate `RateLimit-Limit/-Remaining/-Reset`.
 */
function ietf(h: Record<string, string>): Row {
  let limit = int(h['ratelimit-limit']);
  let remaining = int(h['ratelimit-remaining']);
  let reset = seconds(h['ratelimit-reset']);
  let policy: string | undefined;
  const list = items(h.ratelimit);
  const all: Record<string, string> = Object.assign({}, ...list.map((i) => i[1]));
  if ('limit' in all || 'remaining' in all || 'reset' in all) {
    limit = int(all.limit) ?? limit;
    remaining = int(all.remaining) ?? remaining;
    reset = seconds(all.reset) ?? reset;
  } else {
    let fewest = Infinity;
    for (const [name, params] of list) {
      const r = int(params.r);
      if (r === undefined || r >= fewest) continue;
      fewest = remaining = r;
      reset = seconds(params.t) ?? reset;
      policy = name;
    }
  }
  const policies = items(h['ratelimit-policy']);
  const [name, params] = policies.find((i) => policy !== undefined && i[0] === policy) ?? policies[0]!;
  // Older drafts put the limit bare (`10;w=60`); the structured one names the policy (`"p";q=10`).
  const bareLimit = int(name);
  return [int(params.q) ?? bareLimit ?? limit, remaining, reset, seconds(params.w), policy ?? (bareLimit === undefined ? name : undefined)];
}

/** Lower-case rate-limit headers only: one pass, and the common case (none at all) allocates little. */
function rateHeaders(headers: unknown): Record<string, string> | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  let found: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const c = name.charCodeAt(0) | 32; // 'r' or 'x', either case
    if (c !== 114 && c !== 120) continue;
    const key = name.toLowerCase();
    if (!/^(?:x-)?rate-?limit/.test(key)) continue;
    const v: unknown = Array.isArray(value) ? value.join(', ') : value;
    if (typeof v === 'string' || typeof v === 'number') (found ??= {})[key] = String(v);
  }
  return found;
}

const SOURCES = ['ietf', 'x-ratelimit', 'x-rate-limit'] as const;

/**
 * Every rate-limit header dialect in one shape, or `undefined` when the response has none:
 * IETF `RateLimit`/`RateLimit-Policy` (and `RateLimit-Limit/-Remaining/-Reset`), `X-RateLimit-Limit/
 * -Remaining/-Reset` (reset as seconds or an epoch), RingCentral's `X-Rate-Limit-Group/-Limit/
 * -Remaining/-Window`. When several are present the IETF fields win, then `X-RateLimit-*`.
 */
export function parseRateLimitHeaders(headers: unknown, now: number = Date.now()): RateLimitInfo | undefined {
  const h = rateHeaders(headers);
  if (!h) return undefined;
  const win = seconds(h['x-rate-limit-window']);
  const rows: Row[] = [
    ietf(h),
    [int(h['x-ratelimit-limit']), int(h['x-ratelimit-remaining']), epochOrDelta(h['x-ratelimit-reset'], now), undefined, undefined],
    // RingCentral gives the window's length, not when it ends: the reset is at most that far off.
    [int(h['x-rate-limit-limit']), int(h['x-rate-limit-remaining']), win, win, h['x-rate-limit-group']],
  ];
  let source: RateLimitInfo['source'] | undefined;
  const out: Row = [undefined, undefined, undefined, undefined, undefined];
  rows.forEach((row, i) => {
    // A family counts when it gave a number; a group or policy name alone is not a rate limit.
    if (row.slice(0, 4).every((v) => v === undefined)) return;
    source ??= SOURCES[i];
    row.forEach((v, k) => ((out[k] as unknown) ??= v));
  });
  if (!source) return undefined;
  const [limit, remaining, resetMs, windowMs, policy] = out;
  return { limit, remaining, resetMs, windowMs, policy, source };
}
