import axios, { AxiosError, AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import fc from 'fast-check';
import { attachStatusPolicy, parseHttpDate, parseMultipart, parseRetryAfter, waitFromHeaders } from '../../src';
import { FUZZ_SCALE } from './settings';

// Bad input: hostile or broken headers and bodies get `undefined` or a typed error, never a
// crash, a hang or a non-number. 133 000 cases × FUZZ_SCALE (settings.ts: 0.1 in npm test, 1 in
// test:reliability, 10 in the soak). Seeded: FUZZ_SEED reproduces a run (fast-check prints the
// seed and the shrunk counterexample on failure).
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_121);
const SCALE = FUZZ_SCALE;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const params = (n: number) => ({ seed: SEED, numRuns: runs(n), endOnFailure: true });

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Monday', 'Sunday', 'Xyz'];
const MONTHS = ['Jan', 'Feb', 'Nov', 'Dec', 'jan', 'NOV', 'Foo'];

/** Strings near the grammar (dates, numbers with odd signs and spaces) plus anything at all. */
const headerValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[\d. +-eE]{0,30}$/),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc
    .tuple(fc.constantFrom(...DAYS), fc.integer({ min: -5, max: 99 }), fc.constantFrom(...MONTHS), fc.integer({ min: -1, max: 99999 }), fc.integer({ min: -1, max: 99 }), fc.constantFrom(' GMT', 'GMT', ' UTC', ''))
    .map(([d, day, m, y, h, tz]) => `${d}, ${String(day).padStart(2, '0')} ${m} ${y} ${h}:${h}:${h}${tz}`),
  fc
    .tuple(fc.constantFrom(...DAYS), fc.integer({ min: 0, max: 99 }), fc.constantFrom(...MONTHS), fc.integer({ min: 0, max: 99 }))
    .map(([d, day, m, y]) => `${d}, ${day}-${m}-${y} 08:49:37 GMT`),
  fc.string().map((s) => `${'9'.repeat(20)}${s}`),
  fc.constant('1'.repeat(10_000)),
  fc.constant(`${' '.repeat(5000)}1`),
);

const isWait = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);

it(`parseRetryAfter: undefined or a finite wait ≥ 0 (seed ${SEED})`, () => {
  fc.assert(
    fc.property(headerValue, fc.integer({ min: 0, max: 4_102_444_800_000 }), (v, now) => isWait(parseRetryAfter(v, now))),
    params(40_000),
  );
  for (const odd of [null, undefined, 5, {}, [], Symbol('x')]) expect(parseRetryAfter(odd as never)).toBeUndefined();
});

it(`parseHttpDate: undefined or a finite epoch time (seed ${SEED})`, () => {
  fc.assert(
    fc.property(headerValue, (v) => {
      const t = parseHttpDate(v, NOW);
      return t === undefined || Number.isFinite(t);
    }),
    params(30_000),
  );
});

const HEADER_NAMES = ['retry-after', 'Retry-After', 'ratelimit-reset', 'RateLimit', 'ratelimit', 'x-ratelimit-reset', 'X-Rate-Limit-Window', 'x-other'];
const headersArb = fc.oneof(
  fc.dictionary(fc.constantFrom(...HEADER_NAMES), fc.oneof(headerValue, fc.array(headerValue, { maxLength: 3 }), fc.integer(), fc.constant(null))),
  fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue).map((h) => new AxiosHeaders(h)),
  fc.constantFrom(null, undefined, 42, 'retry-after: 5', [], [['retry-after', '5']]),
);

it(`waitFromHeaders: undefined or a finite wait ≥ 0 for any header bag (seed ${SEED})`, () => {
  fc.assert(
    fc.property(headersArb, fc.integer({ min: 0, max: 4_102_444_800_000 }), (h, now) => isWait(waitFromHeaders(h, now))),
    params(30_000),
  );
});

it(`the engine with fuzzed 429/503 headers: every request settles once, to a 200 or an AxiosError (seed ${SEED})`, async () => {
  // Waits are 0 or refused (maxRetryAfterMs 0), so no case sleeps: only the decisions are fuzzed.
  let plan: { status: number; headers: Record<string, unknown> } = { status: 429, headers: {} };
  let calls = 0;
  const adapter = (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    calls++;
    const status = calls === 1 ? plan.status : 200;
    const response: AxiosResponse = { data: '', status, statusText: '', headers: plan.headers as AxiosResponse['headers'], config, request: {} };
    return status === 200 ? Promise.resolve(response) : Promise.reject(new AxiosError('x', AxiosError.ERR_BAD_RESPONSE, config, {}, response));
  };
  const api = axios.create({ adapter });
  const handle = attachStatusPolicy(api, { rateLimit: { maxRetries: 2, maxRetryAfterMs: 0, baseDelayMs: 0, hold: false }, retry: { baseDelayMs: 0 } });
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(429, 503),
      fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue),
      async (status, headers) => {
        plan = { status, headers };
        calls = 0;
        let settled = 0;
        await api.get('/x').then(
          (r) => {
            settled++;
            expect(r.status).toBe(200);
          },
          (e: unknown) => {
            settled++;
            expect(axios.isAxiosError(e)).toBe(true);
          },
        );
        return settled === 1 && calls >= 1 && calls <= 3;
      },
    ),
    params(3_000),
  );
  handle.detach();
}, 120_000 * Math.max(1, SCALE));

const boundary = fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,20}$/);
const multipartBody = fc.oneof(
  fc.string(),
  fc.tuple(boundary, fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 5 }), fc.constantFrom('\r\n', '\n'), fc.boolean()).map(
    ([b, parts, nl, closed]) => `${parts.map(([h, body]) => `--${b}${nl}${h}${nl}${nl}${body}${nl}`).join('')}${closed ? `--${b}--` : ''}`,
  ),
);
const contentType = fc.oneof(
  fc.string(),
  boundary.map((b) => `multipart/mixed; boundary=${b}`),
  boundary.map((b) => `multipart/mixed; boundary="${b}"`),
  fc.constant('multipart/mixed'),
  fc.constant('application/vnd.ringcentral.multipart+json'),
);

it(`the multipart parser: returns or throws a typed error, for any body and content type (seed ${SEED})`, () => {
  fc.assert(
    fc.property(multipartBody, contentType, (body, type) => {
      try {
        parseMultipart(body, type);
      } catch (e) {
        // A typed error of ours, not an engine error from a bug (TypeError on undefined, RangeError).
        return e instanceof Error && e.constructor !== TypeError && e.constructor !== RangeError;
      }
      return true;
    }),
    params(30_000),
  );
});
