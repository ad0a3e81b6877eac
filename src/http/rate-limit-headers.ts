import type { RateLimitInfo } from '../types';

// Pure parser of the rate-limit header dialects into one shape. Values are split on `,` `;` `=`
// only (no regex over the whole value), so a hostile header costs linear time. Fields travel as
// locals and tuples until the end: the minifier can shorten those, not property names.

type Headers = Record<string, string | undefined>;
/** limit, remaining, resetMs, windowMs, policy: the order of {@link RateLimitInfo}'s fields. */
type Row = [number | undefined, number | undefined, number | undefined, number | undefined, string | undefined];

const int = (raw: string | undefined): number | undefined => (raw && /^\s*\d{1,15}\s*$/.test(raw) ? +raw : undefined);
const seconds = (raw: string | undefined): number | undefined => {
  const n = int(raw);
  return n === undefined ? n : n * 1000;
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
      else if (v) item[''] ??= v;
    }
    return item;
  });

/**
 * `<prefix>limit/-remaining/-reset/-window/-group`. A reset is a delta on some servers and an
 * epoch time (s or ms) on others (GitHub). RingCentral gives only the window's length, not when it
 * ends: the reset is then at most that far off.
 */
function family(h: Headers, prefix: string, now: number): Row {
  const win = seconds(h[`${prefix}window`]);
  const n = int(h[`${prefix}reset`]);
  const reset = n === undefined ? win : n > 1e12 ? Math.max(0, n - now) : n > 1e9 ? Math.max(0, n * 1000 - now) : n * 1000;
  return [int(h[`${prefix}limit`]), int(h[`${prefix}remaining`]), reset, win, h[`${prefix}group`]];
}

/**
 * IETF on top of the separate `RateLimit-Limit/-Remaining/-Reset`: `RateLimit` in the structured
 * draft (`"name";r=0;t=30`; of several policies the one with the fewest remaining counts) or the
 * older `limit=10, remaining=0, reset=30`; `RateLimit-Policy` (`"name";q=100;w=60` or `10;w=60`).
 */
function ietf(h: Headers, now: number): Row {
  let [limit, remaining, reset] = family(h, 'ratelimit-', now);
  let policy: string | undefined;
  let fewest = Infinity;
  for (const p of items(h.ratelimit)) {
    limit = int(p.limit) ?? limit;
    remaining = int(p.remaining) ?? remaining;
    reset = seconds(p.reset) ?? reset;
    const r = int(p.r);
    if (r !== undefined && r < fewest) {
      fewest = remaining = r;
      reset = seconds(p.t) ?? reset;
      policy = p[''];
    }
  }
  const policies = items(h['ratelimit-policy']);
  const named = policies.find((p) => p[''] === (policy ?? p[''])) ?? policies[0]!;
  // Older drafts put the limit bare (`10;w=60`); the structured one names the policy (`"p";q=10`).
  const bare = int(named['']);
  return [int(named.q) ?? bare ?? limit, remaining, reset, seconds(named.w), policy ?? (bare === undefined ? named[''] : undefined)];
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
    const v: unknown = Array.isArray(value) ? value.join(', ') : value;
    if (/^(x-)?rate-?limit/.test(key) && (typeof v === 'string' || typeof v === 'number')) (h ??= {})[key] = `${v}`;
  }
  if (!h) return undefined;
  const out: Row = [undefined, undefined, undefined, undefined, undefined];
  let source: RateLimitInfo['source'] | undefined;
  [ietf(h, now), family(h, 'x-ratelimit-', now), family(h, 'x-rate-limit-', now)].forEach((row, i) => {
    // A family counts when it gave a number; a group or policy name alone is not a rate limit.
    if (row.slice(0, 4).every((v) => v === undefined)) return;
    source ??= (['ietf', 'x-ratelimit', 'x-rate-limit'] as const)[i];
    row.forEach((v, k) => ((out[k] as unknown) ??= v));
  });
  const [limit, remaining, resetMs, windowMs, policy] = out;
  return source && { limit, remaining, resetMs, windowMs, policy, source };
}
