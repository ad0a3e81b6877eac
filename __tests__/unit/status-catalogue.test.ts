import fs from 'node:fs';
import path from 'node:path';
import { STATUS_CODES, isRetriedStatus, reasonPhrase, statusClass, statusInfo } from '../../src/status';
import type { KnownStatusCode } from '../../src/status';
import { COMMON_PHRASES } from '../../src/http/phrases';

/**
 * Every three-digit 1xx–5xx code that the five status-code guides behind the rules mention (RingCentral's
 * "Responses and response formats", two generic status-code references, a "Response status codes" page and
 * a client error-handling guide), extracted once from their text and kept here so the test reads nothing
 * outside the repo.
 */
const GUIDE_CODES = [
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 420, 422, 423, 424,
  425, 426, 428, 429, 431, 444, 449, 450, 451, 499, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
];

// Typed as a Record so the compiler rejects a code missing from `KnownStatusCode` or one too many.
const KNOWN: Record<KnownStatusCode, true> = {
  100: true, 101: true, 102: true, 103: true,
  200: true, 201: true, 202: true, 203: true, 204: true, 205: true, 206: true, 207: true, 208: true, 226: true,
  300: true, 301: true, 302: true, 303: true, 304: true, 305: true, 306: true, 307: true, 308: true,
  400: true, 401: true, 402: true, 403: true, 404: true, 405: true, 406: true, 407: true, 408: true, 409: true,
  410: true, 411: true, 412: true, 413: true, 414: true, 415: true, 416: true, 417: true, 418: true, 420: true,
  421: true, 422: true, 423: true, 424: true, 425: true, 426: true, 428: true, 429: true, 431: true, 444: true,
  449: true, 450: true, 451: true, 499: true,
  500: true, 501: true, 502: true, 503: true, 504: true, 505: true, 506: true, 507: true, 508: true, 510: true, 511: true,
};

describe('status catalogue', () => {
  it('types exactly its own codes as known (KnownStatusCode), so statusInfo(503) is never undefined', () => {
    expect(Object.keys(KNOWN).map(Number)).toEqual(STATUS_CODES.map((entry) => entry.code));
    // Compiles under strict with no `?.`: the overload for known codes returns the entry itself.
    const phrase: string = statusInfo(503).phrase;
    expect(phrase).toBe('Service Unavailable');
    const reason: string = reasonPhrase(429);
    expect(reason).toBe('Too Many Requests');
    const someCode: number = 299;
    expect(statusInfo(someCode)).toBeUndefined();
  });

  it('has every status code the source guides list', () => {
    expect(GUIDE_CODES.filter((c) => !statusInfo(c))).toEqual([]);
  });

  it('includes the non-standard codes, marked as such', () => {
    for (const code of [420, 444, 449, 450, 499]) expect(statusInfo(code)).toMatchObject({ code, standard: false });
    expect(reasonPhrase(420)).toBe('Enhance Your Calm');
    expect(reasonPhrase(444)).toBe('No Response');
    expect(reasonPhrase(449)).toBe('Retry With');
    expect(reasonPhrase(450)).toBe('Blocked by Windows Parental Controls');
    expect(reasonPhrase(499)).toBe('Client Closed Request');
    expect(statusInfo(404)).toMatchObject({ standard: true, phrase: 'Not Found' });
  });

  it('gives each entry its class, in code order, with no duplicates', () => {
    const codes = STATUS_CODES.map((e) => e.code);
    expect(codes).toEqual([...new Set(codes)].sort((a, b) => a - b));
    for (const e of STATUS_CODES) expect(e.class).toBe(statusClass(e.code));
    expect(statusClass(103)).toBe('informational');
    expect(statusClass(226)).toBe('success');
    expect(statusClass(308)).toBe('redirection');
    expect(statusClass(451)).toBe('client-error');
    expect(statusClass(511)).toBe('server-error');
    expect(statusClass(99)).toBeUndefined();
    expect(statusClass(600)).toBeUndefined();
    expect(statusClass(200.5)).toBeUndefined();
  });

  it('says which statuses the policy retries, and which rule acts', () => {
    const retried = STATUS_CODES.filter((e) => e.retried).map((e) => e.code);
    expect(retried).toEqual([429, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511]);
    expect(isRetriedStatus(408)).toBe(false);
    expect(isRetriedStatus(420)).toBe(false);
    expect(isRetriedStatus(449)).toBe(false);
    expect(isRetriedStatus(599)).toBe(true);
    expect(statusInfo(304)?.policy).toBe('notModified');
    expect(statusInfo(404)?.policy).toBe('deleteNotFound');
    expect(statusInfo(503)?.policy).toBe('rateLimit');
    expect(statusInfo(502)?.policy).toBe('retry');
    expect(statusInfo(301)?.policy).toBe('redirects');
    expect(statusInfo(300)?.policy).toBeUndefined();
    expect(statusInfo(207)?.policy).toBe('multiStatus');
    expect(statusInfo(400)?.policy).toBeUndefined();
  });

  it('agrees with the compact phrase table of the main bundle', () => {
    for (const [code, phrase] of Object.entries(COMMON_PHRASES)) expect(reasonPhrase(Number(code))).toBe(phrase);
  });

  it('is a separate entry of the package (./status, types first)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
      exports: Record<string, { import: Record<string, string>; require: Record<string, string> }>;
    };
    const entry = pkg.exports['./status']!;
    expect(Object.keys(entry.import)).toEqual(['types', 'default']);
    expect(entry.import.default).toBe('./dist/status.js');
    expect(entry.require.default).toBe('./dist/status.cjs');
    expect(entry.require.types).toBe('./dist/status.d.cts');
  });
});
