import fc from 'fast-check';
import { isJson, isText, mediaParam, mediaType } from '../../src/http/content-type';
import { parseJson } from '../../src/http/json';
import { decodeUtf8Portable } from '../../src/http/utf8';

describe('portable UTF-8 decoder (hosts without TextDecoder)', () => {
  const native = new TextDecoder('utf-8');
  // Where TextDecoder writes several U+FFFD for one malformed sequence, the fallback may write one.
  const collapse = (s: string): string => s.replace(/\uFFFD+/g, '\uFFFD');
  it('matches TextDecoder exactly on valid UTF-8, and up to repeated U+FFFD on malformed bytes', () => {
    const text = 'ascii é ß € 𝄞 🤔 \u0000 \uFFFD';
    expect(decodeUtf8Portable(new TextEncoder().encode(text))).toBe(text);
    expect(decodeUtf8Portable(new TextEncoder().encode(`\uFEFF${text}`))).toBe(text); // BOM dropped, as TextDecoder does
    for (const bad of [[0xef, 0xbb, 0xbf, 0x41], [0xef, 0xbb], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0xa4], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x28, 0xa1], [0xff], [0xc3, 0xa9, 0x80, 0x41]]) {
      const bytes = new Uint8Array(bad);
      expect(collapse(decodeUtf8Portable(bytes))).toBe(collapse(native.decode(bytes)));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => collapse(decodeUtf8Portable(bytes)) === collapse(native.decode(bytes))),
      { numRuns: 5000, seed: 0x207 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => decodeUtf8Portable(new TextEncoder().encode(s)) === native.decode(new TextEncoder().encode(s))),
      { numRuns: 2000, seed: 0x207 },
    );
    const long = new TextEncoder().encode('é'.repeat(20_000));
    expect(decodeUtf8Portable(long)).toBe('é'.repeat(20_000));
  });
});

describe('largeIntegers: "string"', () => {
  it('quotes only integers a double cannot hold, outside strings', () => {
    const text = '{"a":5717224681082742945,"b":-9007199254740993,"c":9007199254740991,"d":"12345678901234567890","e":1.2345678901234567e5,"f":[12345678901234567890]}';
    expect(parseJson(text, true)).toEqual({
      a: '5717224681082742945',
      b: '-9007199254740993',
      c: 9007199254740991,
      d: '12345678901234567890',
      e: 123456.78901234567,
      f: ['12345678901234567890'],
    });
    expect(parseJson('{"s":"a\\"12345678901234567890"}', true)).toEqual({ s: 'a"12345678901234567890' });
    expect((parseJson(text, false) as { a: unknown }).a).toBe(5717224681082743000);
    expect(() => parseJson('{bad 12345678901234567890', true)).toThrow(SyntaxError);
  });
});

describe('Content-Type parameters', () => {
  it('parses type, quoted and bare values, escapes, missing values', () => {
    const ct = ' Multipart/Mixed ;Boundary="a\\"b" ; charset = utf-8;flag; x=1';
    expect(mediaType(ct)).toBe('multipart/mixed');
    expect([mediaParam(ct, 'boundary'), mediaParam(ct, 'charset'), mediaParam(ct, 'x'), mediaParam(ct, 'flag')]).toEqual(['a"b', 'utf-8', '1', undefined]);
    expect(mediaParam('a/b; type="x; boundary=no"; boundary=yes', 'boundary')).toBe('yes');
    expect(mediaParam('a/b; boundary="unterminated', 'boundary')).toBe('unterminated');
    expect(mediaType('')).toBe('text/plain');
    expect(mediaType(undefined)).toBe('text/plain');
  });
  it('tells JSON and text types from binary ones', () => {
    expect(['application/json', 'text/json', 'application/problem+json'].map(isJson)).toEqual([true, true, true]);
    expect(['application/jsonx', 'text/plain'].map(isJson)).toEqual([false, false]);
    for (const t of ['text/html', 'Text/Plain; x=1', 'application/json', 'application/atom+xml', 'application/xml', 'application/http', 'application/javascript', undefined]) {
      expect(isText(t)).toBe(true);
    }
    expect(isText('application/x-thing; charset=utf-8')).toBe(true);
    for (const t of ['image/png', 'application/octet-stream', 'application/pdf', 'application/jsonl-thing+zip']) expect(isText(t)).toBe(false);
  });
});
