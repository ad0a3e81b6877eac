import type { RateLimitInfo } from '../types';

// Pure parser of the rate-limit header dialects into one shape. Values are split on `,` `;` `=`
// only (no regex over the whole value), so a hostile header costs linear time.

const DIGITS = /^\d{1,15}$/;

const int = (raw: string | undefined): number | undefined => {
  const v = raw?.trim();
  return v !== undefined && DIGITS.test(v) ? Number(v) : undefined;
};
const seconds = (raw: string | undefined): number | undefined => {
  const n = int(raw);
  return n === undefined ? undefined : n * 1000;
};

/** `X-RateLimit-Reset` is a delta on some servers and an epoch time (s or ms) on others (GitHub). */
function resetMs(raw: string | undefined, now: number): number | undefined {
  const n = int(raw);
  if (n === undefined) return undefined;
  if (n > 1e12) return Math.max(0, n - now);
  if (n > 1e9) return Math.max(0, n * 1000 - now);
  return n * 1000;
}

interface Item {
  /** The bare member: a quoted policy name (`"default"`) or, in older drafts, the limit (`10`). */
  name: string | undefined;
  params: Record<string, string>;
}

/** `"a";r=0;t=30, "b";r=5` or `limit=10, remaining=0` → items with their parameters. */
function items(value: string): Item[] {
  return value.split(',').map((member) => {
    const item: Item = { name: undefined, params: {} };
    for (const part of member.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) {
        const bare = part.trim().replace(/^"|"$/g, '');
        if (bare && item.name === undefined) item.name = bare;
      } else {
        item.params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
      }
    }
    return item;
  });
}

type Fields = Omit<RateLimitInfo, 'source'>;

/**
 * IETF `RateLimit`: the structured-field draft (`"name";r=0;t=30`, several policies possible: the
 * one with the fewest remaining counts) or the older `limit=10, remaining=0, reset=30`; with
 * `RateLimit-Policy` (`"name";q=100;w=60` or `10;w=60`) and the separate `RateLimit-Limit/-Remaining/-Reset`.
 */
function ietf(h: Record<string, string>): Fields {
  const out: Fields = { limit: int(h['ratelimit-limit']), remaining: int(h['ratelimit-remaining']), resetMs: seconds(h['ratelimit-reset']), windowMs: undefined, policy: undefined };
  const combined = h.ratelimit;
  if (combined) {
    const list = items(combined);
    const older = list.find((i) => 'limit' in i.params || 'remaining' in i.params || 'reset' in i.params);
    if (older) {
      const all: Record<string, string> = Object.assign({}, ...list.map((i) => i.params));
      out.limit = int(all.limit) ?? out.limit;
      out.remaining = int(all.remaining) ?? out.remaining;
      out.resetMs = seconds(all.reset) ?? out.resetMs;
    } else {
      let tightest: Item | undefined;
      for (const i of list) {
        const r = int(i.params.r);
        if (r !== undefined && (tightest === undefined || r < (int(tightest.params.r) ?? Infinity))) tightest = i;
      }
      if (tightest) {
        out.remaining = int(tightest.params.r);
        out.resetMs = seconds(tightest.params.t) ?? out.resetMs;
        out.policy = tightest.name;
      }
    }
  }
  const policies = h['ratelimit-policy'];
  if (policies) {
    const list = items(policies);
    const mine = list.find((i) => out.policy !== undefined && i.name === out.policy) ?? list[0];
    if (mine) {
      // Older drafts put the limit bare (`10;w=60`); the structured one names it (`"p";q=10;w=60`).
      const bareLimit = int(mine.name);
      out.limit = int(mine.params.q) ?? bareLimit ?? out.limit;
      out.windowMs = seconds(mine.params.w);
      if (bareLimit === undefined) out.policy ??= mine.name;
    }
  }
  return out;
}

/** Lower-case rate-limit headers only: one pass, and the common case (none at all) allocates little. */
function rateHeaders(headers: unknown): Record<string, string> | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  let found: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const c = name.charCodeAt(0) | 32; // 'r' or 'x', either case
    if (c !== 114 && c !== 120) continue;
    const key = name.toLowerCase();
    if (!key.startsWith('ratelimit') && !key.startsWith('x-ratelimit') && !key.startsWith('x-rate-limit')) continue;
    const v = Array.isArray(value) ? (value as unknown[]).join(', ') : value;
    if (typeof v === 'string' || typeof v === 'number') (found ??= {})[key] = String(v);
  }
  return found;
}

const empty = (f: Fields): boolean => f.limit === undefined && f.remaining === undefined && f.resetMs === undefined && f.windowMs === undefined;

/**
 * Every rate-limit header dialect in one shape, or `undefined` when the response has none:
 * IETF `RateLimit`/`RateLimit-Policy` (and `RateLimit-Limit/-Remaining/-Reset`), `X-RateLimit-Limit/
 * -Remaining/-Reset` (reset as seconds or an epoch), RingCentral's `X-Rate-Limit-Group/-Limit/
 * -Remaining/-Window`. When several are present the IETF fields win, then `X-RateLimit-*`.
 */
export function parseRateLimitHeaders(headers: unknown, now: number = Date.now()): RateLimitInfo | undefined {
  const h = rateHeaders(headers);
  if (!h) return undefined;
  const families: Array<[RateLimitInfo['source'], Fields]> = [
    ['ietf', ietf(h)],
    ['x-ratelimit', { limit: int(h['x-ratelimit-limit']), remaining: int(h['x-ratelimit-remaining']), resetMs: resetMs(h['x-ratelimit-reset'], now), windowMs: undefined, policy: undefined }],
    // RingCentral gives the window's length, not when it ends: the reset is at most that far off.
    ['x-rate-limit', { limit: int(h['x-rate-limit-limit']), remaining: int(h['x-rate-limit-remaining']), resetMs: seconds(h['x-rate-limit-window']), windowMs: seconds(h['x-rate-limit-window']), policy: h['x-rate-limit-group'] }],
  ];
  let out: RateLimitInfo | undefined;
  for (const [source, f] of families) {
    if (empty(f)) continue;
    if (!out) out = { ...f, source };
    else for (const k of ['limit', 'remaining', 'resetMs', 'windowMs', 'policy'] as const) (out[k] as unknown) ??= f[k];
  }
  return out;
}
