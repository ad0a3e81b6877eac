import { backoffDelay, parseHttpDate, parseRetryAfter, waitFromHeaders } from '../../src';
import { getHeader } from '../../src/http/headers';
import { originOf } from '../../src/http/url';
import { isReplayable } from '../../src/http/body';
import { Readable } from 'node:stream';

const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);

describe('parseHttpDate', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Sun Nov  6 08:49:37 1994', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Thu, 01 Jan 2026 00:00:10 GMT', NOW + 10_000],
    ['Wednesday, 01-Jan-31 00:00:00 GMT', Date.UTC(2031, 0, 1)],
    ['Fri Jan 16 12:00:00 2026', Date.UTC(2026, 0, 16, 12)],
    ['thu, 01 jan 2026 00:00:10 GMT', NOW + 10_000],
  ])('reads %s', (text, expected) => {
    expect(parseHttpDate(text, NOW)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '2026-01-01T00:00:00Z',
    'Sun, 06 Nov 1994 08:49:37 PST',
    'Sun, 32 Nov 1994 08:49:37 GMT',
    'Sun, 06 Foo 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 24:49:37 GMT',
    // hybrids of the three forms
    'Sun, 06-Nov-1994 08:49:37 GMT',
    'Sunday, 06 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 1994',
    'Sun Nov  6 08:49:37 1994 GMT',
    'Sun Nov  6 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 gmt',
  ])('refuses %j', (text) => {
    expect(parseHttpDate(text, NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['5', 5000],
    [' 120 ', 120_000],
    ['1.5', 1500],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['Wed, 31 Dec 2025 00:00:00 GMT', 0],
  ])('%j → %d ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([undefined, null, '', '-1', 'abc', '1e3', '0x10', '5 seconds', 'Infinity', 'NaN', '9'.repeat(400)])(
    'garbage %j → undefined (the caller backs off)',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it('is fast on hostile input (no backtracking)', () => {
    // A long run of digits followed by junk: anchored patterns with bounded repeats fail at once.
    const hostile = `${'1'.repeat(100_000)}x`;
    expect(parseRetryAfter(hostile, NOW)).toBeUndefined();
    expect(parseHttpDate(`${'Sun, '.repeat(20_000)}`, NOW)).toBeUndefined();
  });
});

describe('waitFromHeaders', () => {
  it('prefers Retry-After over reset headers', () => {
    expect(waitFromHeaders({ 'retry-after': '2', 'ratelimit-reset': '9' }, NOW)).toBe(2000);
  });
  it('reads X-RateLimit-Reset as epoch seconds, epoch ms or a delta', () => {
    expect(waitFromHeaders({ 'x-ratelimit-reset': String(NOW / 1000 + 30) }, NOW)).toBe(30_000);
    expect(waitFromHeaders({ 'x-ratelimit-reset': String(NOW + 4000) }, NOW)).toBe(4000);
    expect(waitFromHeaders({ 'x-ratelimit-reset': '12' }, NOW)).toBe(12_000);
  });
  it('reads the older RateLimit field form', () => {
    expect(waitFromHeaders({ RateLimit: 'limit=10, remaining=0, reset=8' }, NOW)).toBe(8000);
  });
  it('returns undefined when there is no hint', () => {
    expect(waitFromHeaders({}, NOW)).toBeUndefined();
    expect(waitFromHeaders(undefined, NOW)).toBeUndefined();
    expect(waitFromHeaders({ 'ratelimit-reset': 'soon' }, NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, capped, with equal jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 500, 30_000, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 500, 30_000, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20, 500, 30_000, () => 0.5)).toBe(22_500);
  });
});

describe('small helpers', () => {
  it('getHeader finds any case and the first of an array', () => {
    expect(getHeader({ 'Retry-After': '3' }, 'retry-after')).toBe('3');
    expect(getHeader({ 'set-cookie': ['a', 'b'] }, 'set-cookie')).toBe('a');
    expect(getHeader({ n: 5 }, 'n')).toBe('5');
    expect(getHeader(null, 'x')).toBeUndefined();
  });

  it('originOf keys absolute URLs by scheme and host, relative ones by baseURL', () => {
    expect(originOf({ url: 'https://API.example.com:8443/a?b' })).toBe('https://api.example.com:8443');
    expect(originOf({ url: '/a', baseURL: 'http://x.test/v1' })).toBe('http://x.test');
    expect(originOf({ url: '/a' })).toBe('');
    expect(originOf({ url: '//cdn.test/x' })).toBe('//cdn.test');
  });

  it('isReplayable refuses streams only', () => {
    expect(isReplayable(undefined)).toBe(true);
    expect(isReplayable('text')).toBe(true);
    expect(isReplayable({ a: 1 })).toBe(true);
    expect(isReplayable(new Uint8Array(2))).toBe(true);
    expect(isReplayable(Readable.from(['x']))).toBe(false);
    expect(isReplayable(new ReadableStream())).toBe(false);
  });
});
