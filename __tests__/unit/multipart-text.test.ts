import fc from 'fast-check';
import { parseMediaType } from '../../src/http/content-type';
import { parseJson } from '../../src/http/json';
import { decodeUtf8Portable } from '../../src/http/utf8';

describe('portable UTF-8 decoder (hosts without TextDecoder)', () => {
  const native = new TextDecoder('utf-8');
  it('matches TextDecoder on text, on random bytes and on cut sequences', () => {
    const text = 'ascii é ß € 𝄞 🤔 \u0000 \uFFFD';
    expect(decodeUtf8Portable(new TextEncoder().encode(text))).toBe(text);
    for (const bad of [[0xef, 0xbb, 0xbf, 0x41], [0xef, 0xbb], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0xa4], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x28, 0xa1], [0xff]]) {
      const bytes = new Uint8Array(bad);
      expect(decodeUtf8Portable(bytes)).toBe(native.decode(bytes));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => decodeUtf8Portable(bytes) === native.decode(bytes)),
      { numRuns: 5000, seed: 0x207 },
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
    expect(parseMediaType(' Multipart/Mixed ;Boundary="a\\"b" ; charset = utf-8;flag; x=1')).toEqual({
      type: 'multipart/mixed',
      params: { boundary: 'a"b', charset: 'utf-8', x: '1' },
      json: false,
      text: true, // a charset parameter marks text
    });
    expect(parseMediaType('application/problem+json')).toMatchObject({ json: true, text: true });
    expect(parseMediaType('image/png')).toMatchObject({ json: false, text: false });
    expect(parseMediaType('').type).toBe('');
    expect(parseMediaType('a/b; boundary="unterminated').params.boundary).toBe('unterminated');
  });
});
