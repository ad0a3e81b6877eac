import axios from 'axios';
import fc from 'fast-check';
import { MultiStatusError, MultipartParseError, StatusPolicyConfigError, attachStatusPolicy, parseBatchResponse, parseMultipart } from '../../src';
import type { MultipartErrorCode, MultipartOptions, MultipartPart } from '../../src';
import { rig } from '../helpers/mock';

// The limits that keep a hostile 207 body cheap: header lines and bytes per part, and maxParts
// for RingCentral's JSON batch. Each is checked on the string and the bytes path.
const CT = 'multipart/mixed; boundary=b';
const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const text = (b: string | Uint8Array): string => (typeof b === 'string' ? b : Buffer.from(b).toString('utf8'));

/** The outcome on both paths, which must agree: the parts (bodies as text) or the error code. */
function outcome(body: string, contentType = CT, options: MultipartOptions = {}): MultipartErrorCode | Array<[Record<string, string>, string]> {
  const run = (input: string | Uint8Array): MultipartErrorCode | Array<[Record<string, string>, string]> => {
    try {
      return (parseMultipart(input, contentType, options) as MultipartPart[]).map((p) => [{ ...p.headers }, text(p.body)]);
    } catch (e) {
      if (!(e instanceof MultipartParseError)) throw e;
      return e.code;
    }
  };
  const fromString = run(body);
  expect(run(enc(body))).toEqual(fromString);
  return fromString;
}
const lines = (count: number, line = (i: number) => `X-${i}: v`): string => Array.from({ length: count }, (_, i) => line(i)).join('\r\n');
const rejection = async (p: Promise<unknown>): Promise<unknown> => p.then(() => new Error('resolved'), (e: unknown) => e);

describe('header lines per part', () => {
  it('100 lines are read, 101 refused with HEADERS_TOO_LARGE', () => {
    expect(outcome(`--b\r\n${lines(100)}\r\n\r\nbody\r\n--b--`)).toEqual([[expect.objectContaining({ 'x-99': 'v' }), 'body']]);
    expect(outcome(`--b\r\n${lines(101)}\r\n\r\nbody\r\n--b--`)).toBe('HEADERS_TOO_LARGE');
  });
  it('folded lines count as lines; maxHeaderLines moves the limit', () => {
    const folded = `--b\nX: 1\n${' more\n'.repeat(3)}\nbody\n--b--`;
    expect(outcome(folded, CT, { maxHeaderLines: 4 })).toEqual([[{ x: '1 more more more' }, 'body']]);
    expect(outcome(folded, CT, { maxHeaderLines: 3 })).toBe('HEADERS_TOO_LARGE');
  });
  it('the error keeps the parts read before the oversized one', () => {
    const e = (() => {
      try {
        return parseMultipart(`--b\n\none\n--b\n${lines(101)}\n\ntwo\n--b--`, CT);
      } catch (error) {
        return error as MultipartParseError;
      }
    })() as MultipartParseError;
    expect(e.code).toBe('HEADERS_TOO_LARGE');
    expect(e.parts.map((p) => p.body)).toEqual(['one']);
  });
});

describe('header bytes per part', () => {
  it('a head of exactly maxHeaderBytes is read, one byte more is refused', () => {
    const head = (size: number): string => `X: ${'v'.repeat(size - 3)}`;
    expect(outcome(`--b\n${head(65_536)}\n\nbody\n--b--`)).toEqual([[{ x: 'v'.repeat(65_533) }, 'body']]);
    expect(outcome(`--b\n${head(65_537)}\n\nbody\n--b--`)).toBe('HEADERS_TOO_LARGE');
    expect(outcome(`--b\n${head(1000)}\n\nbody\n--b--`, CT, { maxHeaderBytes: 999 })).toBe('HEADERS_TOO_LARGE');
  });
  it('a part with no blank line: all head if its first line is a header (then bounded), else all body', () => {
    expect(outcome(`--b\nX: ${'v'.repeat(70_000)}\n--b--`)).toBe('HEADERS_TOO_LARGE');
    expect(outcome(`--b\nX: 1\nY: 2\n--b--`)).toEqual([[{ x: '1', y: '2' }, '']]);
    // A body that forgot its blank line, longer than both limits: still all body, not an error.
    const prose = 'plain words\n'.repeat(10_000);
    expect(outcome(`--b\n${prose}--b--`)).toEqual([[{}, prose.slice(0, -1)]]);
    expect(outcome(`--b\n${'y'.repeat(200_000)}\n--b--`)).toEqual([[{}, 'y'.repeat(200_000)]]);
  });
  it('a first line that is no header, and no blank line within the limits: all body, however it goes on', () => {
    const body = `not a header\n${lines(200)}\n\nbody`;
    expect(outcome(`--b\n${body}\n--b--`)).toEqual([[{}, body]]);
    // Within the limits the old reading stands: the lines before the blank line are the head.
    expect(outcome(`--b\nnot a header\nX: 1\n\nbody\n--b--`)).toEqual([[{ x: '1' }, 'body']]);
  });
  it('a million header lines (13 MB) are refused, on both paths', () => {
    const body = `--b\r\n${'X-Pad: aaaa\r\n'.repeat(1_000_000)}\r\n{}\r\n--b--\r\n`;
    expect(body.length).toBeGreaterThan(13_000_000);
    expect(outcome(body)).toBe('HEADERS_TOO_LARGE');
  });
});

describe('application/http parts', () => {
  const google = (headerLines: number): string =>
    `--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n${lines(headerLines)}\r\n\r\n{"a":1}\r\n--b--`;
  it('the head inside the part is bounded the same way', () => {
    expect(parseBatchResponse(google(100), CT)?.parts.map((p) => [p.status, p.data])).toEqual([[200, '{"a":1}']]);
    for (const input of [google(101), enc(google(101))]) {
      expect(() => parseBatchResponse(input, CT)).toThrow(expect.objectContaining({ code: 'HEADERS_TOO_LARGE' }));
    }
    expect(parseBatchResponse(google(101), CT, { maxHeaderLines: 101 })?.parts[0]?.headers['x-100']).toBe('v');
  });
});

describe('RingCentral JSON batch and maxParts', () => {
  const RC = 'application/vnd.ringcentral.multipart+json';
  const entries = (n: number): Array<{ status: number; body: unknown }> => Array.from({ length: n }, (_, i) => ({ status: 200, body: { i } }));
  it('more entries than maxParts are refused, as text, bytes or parsed by axios', () => {
    const list = entries(3);
    for (const input of [list, JSON.stringify(list), enc(JSON.stringify(list))]) {
      expect(parseBatchResponse(input, RC, { maxParts: 3 })?.parts).toHaveLength(3);
      expect(() => parseBatchResponse(input, RC, { maxParts: 2 })).toThrow(expect.objectContaining({ code: 'TOO_MANY_PARTS' }));
    }
  });
  it('the default of 100000 applies', () => {
    expect(() => parseBatchResponse(entries(100_001), RC)).toThrow(expect.objectContaining({ code: 'TOO_MANY_PARTS' }));
  });
});

describe('through the 207 policy', () => {
  it('multiStatus.maxHeaderLines and maxHeaderBytes reach the parser', async () => {
    const body = `--b\r\nContent-Type: application/json\r\nX-A: 1\r\n\r\n{}\r\n--b--`;
    for (const multiStatus of [{ maxHeaderLines: 1 }, { maxHeaderBytes: 37 }]) {
      const { api, mock } = rig({ multiStatus });
      mock.onGet('/batch').reply(207, body, { 'content-type': CT });
      const e = await rejection(api.get('/batch'));
      expect(e).toBeInstanceOf(MultiStatusError);
      expect((e as MultiStatusError).parseError.code).toBe('HEADERS_TOO_LARGE');
    }
    const { api, mock } = rig();
    mock.onGet('/batch').reply(207, body, { 'content-type': CT });
    expect((await api.get('/batch')).data).toEqual([{ status: undefined, headers: { 'content-type': 'application/json', 'x-a': '1' }, data: {} }]);
  });
  it('accepts whole numbers as limits, rejects anything else', () => {
    expect(() => attachStatusPolicy(axios.create(), { multiStatus: { maxHeaderLines: 10, maxHeaderBytes: 1000 } })).not.toThrow();
    expect(() => attachStatusPolicy(axios.create(), { multiStatus: { maxHeaderLines: -1 } })).toThrow(StatusPolicyConfigError);
    expect(() => attachStatusPolicy(axios.create(), { multiStatus: { maxHeaderBytes: 1.5 } })).toThrow(StatusPolicyConfigError);
  });
});

describe('the byte search agrees with the string search', () => {
  // Bytes are searched with Boyer–Moore–Horspool; small alphabets make its skips and near misses
  // frequent. Both paths must give the same parts or the same error.
  it('on boundaries and bodies drawn from a few characters', () => {
    const boundary = fc.array(fc.constantFrom('a', 'b', '-'), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    const body = fc.array(fc.constantFrom('a', 'b', '-', '--', '\n', '\r\n', ':', 'X: 1', 'é'), { maxLength: 60 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(boundary, body, (b, rest) => {
        outcome(`--${b}\n${rest}\n--${b}--`, `multipart/mixed; boundary="${b}"`);
      }),
      { numRuns: 3000, seed: 0x207 },
    );
  });
});
