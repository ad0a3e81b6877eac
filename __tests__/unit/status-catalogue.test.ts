import fs from 'node:fs';
import path from 'node:path';
import { STATUS_CODES, isRetriedStatus, reasonPhrase, statusClass, statusInfo } from '../../src/status';
import { COMMON_PHRASES } from '../../src/http/phrases';

const SEEDS = path.resolve(__dirname, '../../../shared/seeds');

/** Every three-digit 1xx–5xx code the seed guides mention, in any of their formats. */
function seedCodes(): number[] {
  const codes = new Set<number>();
  for (const file of fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
    const text = fs.readFileSync(path.join(SEEDS, file), 'utf8');
    for (const m of text.matchAll(/(?:^|[^\d.\/:-])([1-5]\d\d)(?![\d.])/gm)) codes.add(Number(m[1]));
  }
  return [...codes].sort((a, b) => a - b);
}

describe('status catalogue', () => {
  it('has every status code listed in the seed references', () => {
    const codes = seedCodes();
    expect(codes.length).toBeGreaterThan(60);
    expect(codes.filter((c) => !statusInfo(c))).toEqual([]);
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
