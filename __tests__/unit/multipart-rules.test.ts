import { MultipartParseError, multipartBoundary, parseHttpMessage, parseMultipart } from '../../src';
import type { MultipartErrorCode, MultipartPart } from '../../src';

// One test (or a few) per parsing rule of the issue, each checked on the string and bytes paths.
const CT = 'multipart/mixed; boundary=b';
const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const str = (b: string | Uint8Array): string => (typeof b === 'string' ? b : Buffer.from(b).toString('utf8'));

/** Parses as string and as bytes, checks both agree, returns the bodies/headers of the string run. */
function parse(body: string, contentType = CT, options = {}): MultipartPart<string>[] {
  const fromString = parseMultipart(body, contentType, options);
  const fromBytes = parseMultipart(enc(body), contentType, options);
  const simplify = (parts: MultipartPart[]): unknown =>
    parts.map((p) => ({ headers: { ...p.headers }, type: p.type, body: str(p.body), parts: p.parts && simplify(p.parts) }));
  expect(simplify(fromBytes)).toEqual(simplify(fromString));
  return fromString;
}
const bodies = (body: string, contentType = CT): string[] => parse(body, contentType).map((p) => p.body);

function failure(fn: () => unknown): MultipartParseError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MultipartParseError);
    return e as MultipartParseError;
  }
  throw new Error('did not throw');
}
const codeOf = (fn: () => unknown): MultipartErrorCode => failure(fn).code;

describe('boundary parameter', () => {
  it('is read quoted or not, anywhere among the parameters, in any case, stopping at ;', () => {
    expect(multipartBoundary('multipart/mixed; boundary=abc')).toBe('abc');
    expect(multipartBoundary('multipart/mixed; BOUNDARY="a b;c"; charset=utf-8')).toBe('a b;c');
    expect(multipartBoundary('Multipart/Mixed; charset=utf-8; Boundary=xyz;type=foo')).toBe('xyz');
    expect(multipartBoundary('multipart/mixed;boundary = "q\\"x"')).toBe('q"x');
    expect(bodies('--a b\nx\n\nv\n--a b--', 'multipart/mixed; type="x"; Boundary="a b"')).toEqual(['v']);
  });
  it('is 1 to 70 printable characters', () => {
    expect(multipartBoundary(`multipart/mixed; boundary=${'x'.repeat(70)}`)).toHaveLength(70);
    expect(codeOf(() => multipartBoundary(`multipart/mixed; boundary=${'x'.repeat(71)}`))).toBe('BAD_BOUNDARY');
    expect(codeOf(() => multipartBoundary('multipart/mixed; boundary=""'))).toBe('BAD_BOUNDARY');
    expect(codeOf(() => multipartBoundary('multipart/mixed'))).toBe('BAD_BOUNDARY');
    expect(codeOf(() => multipartBoundary('multipart/mixed; boundary="a\u00e9"'))).toBe('BAD_BOUNDARY');
    expect(bodies('--x\n\none\n--x--', 'multipart/mixed; boundary=x')).toEqual(['one']);
  });
  it('is quoted in the message without control characters or escape sequences', () => {
    const error = failure(() => multipartBoundary('multipart/mixed; boundary=""\u001b[2J\r\nX-Injected: 1'));
    expect(error.code).toBe('BAD_BOUNDARY');
    expect(error.message).toContain('boundary="" X-Injected: 1');
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('delimiters', () => {
  it('count only at the start of a line: boundary text mid-line is body', () => {
    expect(bodies('--b\n\nsee --b here\n and x--b--\n--b--')).toEqual(['see --b here\n and x--b--']);
  });
  it('must be followed by --, padding or a line break: a longer boundary-like line is body', () => {
    expect(bodies('--b\n\n--bx\n--b_2--\n--b--')).toEqual(['--bx\n--b_2--']);
  });
  it('accept CRLF, bare LF, and both mixed in one body', () => {
    expect(bodies('--b\r\nA: 1\r\n\r\none\r\n--b\r\n\r\ntwo\r\n--b--\r\n')).toEqual(['one', 'two']);
    expect(bodies('--b\nA: 1\n\none\n--b\n\ntwo\n--b--\n')).toEqual(['one', 'two']);
    const mixed = parse('--b\nA: 1\r\nB: 2\n\r\none\r\n--b\r\n\ntwo\n--b--');
    expect(mixed.map((p) => [p.headers, p.body])).toEqual([
      [{ a: '1', b: '2' }, 'one'],
      [{}, 'two'],
    ]);
  });
  it('allow transport padding (spaces, tabs) after a delimiter', () => {
    expect(bodies('--b  \t\r\n\r\none\r\n--b\t\n\ntwo\n--b--  \n')).toEqual(['one', 'two']);
  });
  it('ignore the preamble and the epilogue, even delimiter-like text in the epilogue', () => {
    expect(bodies('preamble\n--b is not a delimiter\n\n--b\n\none\n--b--\nepilogue\n--b\n\nnot a part\n')).toEqual(['one']);
  });
  it('close with extra characters after -- (--b---) and with no final line break', () => {
    expect(bodies('--b\n\none\n--b---')).toEqual(['one']);
    expect(bodies('--b\n\none\n--b--garbage after')).toEqual(['one']);
    expect(bodies('--b\n\none\n--b--')).toEqual(['one']);
  });
  it('own the line break before them: exactly one is removed from the body', () => {
    expect(bodies('--b\r\n\r\none\r\n\r\n--b\n\ntwo\n\n\n--b\n\nthree\r\n--b--')).toEqual(['one\r\n', 'two\n\n', 'three']);
    expect(bodies('--b\n\n\n--b--')).toEqual(['']);
  });
  it('with nothing between two of them give an empty part', () => {
    expect(parse('--b\n--b\n\nx\n--b--').map((p) => [p.headers, p.body])).toEqual([
      [{}, ''],
      [{}, 'x'],
    ]);
  });
  it('a body with a close delimiter first has no parts', () => {
    expect(parse('--b--\n')).toEqual([]);
  });
});

describe('part headers', () => {
  it('an empty header block means text/plain', () => {
    const [part] = parse('--b\r\n\r\nhello\r\n--b--');
    expect(part).toEqual({ headers: {}, type: 'text/plain', body: 'hello' });
  });
  it('names are lower-cased, values trimmed, repeats joined, type without parameters', () => {
    const [part] = parse('--b\nContent-Type:  Application/JSON ; charset=utf-8 \nX-A: 1\nx-a: 2\n\n{}\n--b--');
    expect(part?.headers).toEqual({ 'content-type': 'Application/JSON ; charset=utf-8', 'x-a': '1, 2' });
    expect(part?.type).toBe('application/json');
  });
  it('values are trimmed as String.prototype.trim does: control characters kept, Unicode spaces removed', () => {
    const [part] = parse('--b\nA:\x01one\x01\nB: \u00a0two\u3000\nC:\t\x0bthree \nD:\n\n\n--b--');
    expect(part?.headers).toEqual({ a: '\x01one\x01', b: 'two', c: 'three', d: '' });
  });
  it('folded lines are unfolded', () => {
    const [part] = parse('--b\r\nX-Long: one\r\n  two\r\n\tthree\r\nY: y\r\n\r\nbody\r\n--b--');
    expect(part?.headers).toEqual({ 'x-long': 'one two three', y: 'y' });
  });
  it('a header line without a colon is skipped, the others kept', () => {
    const [part] = parse('--b\nContent-Type application/json\nX: 1\n\nbody\n--b--');
    expect(part?.headers).toEqual({ x: '1' });
    expect(part?.type).toBe('text/plain');
  });
  it('a part without a blank line whose first line is no header is all body', () => {
    expect(parse('--b\n{"a": 1}\n--b--').map((p) => [p.headers, p.body])).toEqual([[{}, '{"a": 1}']]);
  });
  it('a part that is only headers has an empty body', () => {
    expect(parse('--b\nX: 1\n--b--').map((p) => [p.headers, p.body])).toEqual([[{ x: '1' }, '']]);
  });
  it('parts with the same header block get their own header objects', () => {
    const body = '--b\nX: 1\n\none\n--b\nX: 1\n\ntwo\n--b--';
    const [a, b] = parseMultipart(body, CT);
    expect(a?.headers).not.toBe(b?.headers);
    a!.headers.x = 'changed';
    expect(b?.headers).toEqual({ x: '1' });
    expect(parseMultipart(body, CT)[0]?.headers).toEqual({ x: '1' });
  });
  it('a header named __proto__ is an ordinary header', () => {
    const [part] = parse('--b\n__proto__: x\n\n\n--b--');
    expect(part?.headers.__proto__).toBe('x');
    expect(Object.getPrototypeOf(part?.headers)).toBe(Object.prototype);
    expect(Object.keys(part?.headers ?? {})).toEqual(['__proto__']);
  });
});

describe('nesting', () => {
  const nested = '--b\nContent-Type: multipart/mixed; boundary="c"\n\n--c\n\ninner 1\n--c\n\ninner 2\n--c--\n--b\n\nouter\n--b--';
  it('parses a multipart part into parts', () => {
    const parts = parse(nested);
    expect(parts[0]?.parts?.map((p) => p.body)).toEqual(['inner 1', 'inner 2']);
    expect(parts[1]?.body).toBe('outer');
  });
  it('refuses nesting deeper than maxDepth', () => {
    expect(codeOf(() => parseMultipart(nested, CT, { maxDepth: 0 }))).toBe('TOO_DEEP');
  });
});

describe('errors', () => {
  it('a truncated body keeps the complete parts', () => {
    const e = failure(() => parseMultipart('--b\n\none\n--b\n\ntwo\n--b\n\nthree, cut', CT));
    expect(e.code).toBe('TRUNCATED');
    expect(e.parts.map((p) => p.body)).toEqual(['one', 'two']);
    expect(codeOf(() => parseMultipart(enc('--b\n\none'), CT))).toBe('TRUNCATED');
    expect(codeOf(() => parseMultipart('--b', CT))).toBe('TRUNCATED');
  });
  it('a body without the delimiter', () => {
    expect(codeOf(() => parseMultipart('just text\n', CT))).toBe('BOUNDARY_NOT_FOUND');
    expect(codeOf(() => parseMultipart('', CT))).toBe('BOUNDARY_NOT_FOUND');
  });
  it('too many parts', () => {
    const body = `${'--b\n\nx\n'.repeat(6)}--b--`;
    expect(parse(body, CT, { maxParts: 6 })).toHaveLength(6);
    const e = failure(() => parseMultipart(body, CT, { maxParts: 5 }));
    expect(e.code).toBe('TOO_MANY_PARTS');
    expect(e.parts).toHaveLength(5);
  });
  it('a header block longer than maxHeaderBytes is refused, a longer limit reads it whole', () => {
    const body = `--b\nX: ${'v'.repeat(100_000)}\nY: 1\n\nbody\n--b--`;
    expect(codeOf(() => parseMultipart(body, CT))).toBe('HEADERS_TOO_LARGE');
    expect(codeOf(() => parseMultipart(enc(body), CT))).toBe('HEADERS_TOO_LARGE');
    const whole = parse(body, CT, { maxHeaderBytes: 200_000 });
    expect(whole.map((p) => [p.headers.x?.length, p.headers.y, p.body])).toEqual([[100_000, '1', 'body']]);
  });
  it('input that is neither string nor bytes', () => {
    expect(codeOf(() => parseMultipart(42 as unknown as string, CT))).toBe('BAD_INPUT');
    expect(codeOf(() => parseMultipart({} as unknown as string, CT))).toBe('BAD_INPUT');
  });
});

describe('bytes', () => {
  it('accepts ArrayBuffer, DataView and Buffer alike', () => {
    const raw = Buffer.from('--b\n\nhi\n--b--');
    const ab = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length);
    for (const input of [ab, new DataView(ab), raw]) expect(str(parseMultipart(input, CT)[0]!.body)).toBe('hi');
  });
  it('keeps binary bodies byte for byte (not valid UTF-8)', () => {
    const payload = Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x2d, 0x2d, 0x62, 0x80, 0x0d]);
    const body = Buffer.concat([Buffer.from('--b\r\nContent-Type: application/octet-stream\r\n\r\n'), payload, Buffer.from('\r\n--b--')]);
    const [part] = parseMultipart(new Uint8Array(body), CT);
    expect(Buffer.from(part!.body).equals(payload)).toBe(true);
  });
});

describe('hostile input finishes (guarded by the jest timeout, not timed)', () => {
  it('many near-delimiters, long padding, a long header-less line', () => {
    const b = 'a'.repeat(70);
    const ct = `multipart/mixed; boundary=${b}`;
    const nearMisses = `--${b}\n\n${`\n--${b.slice(0, 69)}x`.repeat(20_000)}`;
    expect(codeOf(() => parseMultipart(nearMisses, ct))).toBe('TRUNCATED');
    const padding = `--${b}${' '.repeat(500_000)}x\n`;
    expect(codeOf(() => parseMultipart(padding, ct))).toBe('BOUNDARY_NOT_FOUND');
    const line = `--${b}\n${'y'.repeat(1_000_000)}\n--${b}--`;
    expect(parseMultipart(enc(line), ct)[0]?.body.length).toBe(1_000_000);
  });
});

describe('application/http parts', () => {
  it('reads status line, headers (colon-less ones skipped) and body', () => {
    expect(parseHttpMessage('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nBroken\r\n\r\n{"a":1}')).toEqual({
      status: 404,
      statusText: 'Not Found',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(parseHttpMessage('\r\nHTTP/1.1 204\r\n')).toEqual({ status: 204, statusText: '', headers: {}, body: '' });
    expect(parseHttpMessage('GET / HTTP/1.1\r\n\r\n')).toBeUndefined();
    expect(parseHttpMessage('HTTP/1.1 20x OK\r\n\r\n')).toBeUndefined();
    expect(parseHttpMessage('HTTP/1.1 2000 OK\r\n\r\n')).toBeUndefined();
  });
});
