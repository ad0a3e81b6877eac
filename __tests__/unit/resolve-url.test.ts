import fc from 'fast-check';
import { displayUrl, resolveLocation, withoutFragment } from '../../src/http/resolve-url';

describe('resolveLocation', () => {
  const base = 'http://api.test/v1/items?x=1';

  it.each([
    'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'JavaScript:alert(1)', 'ftp://h/', '  file:///x  ',
    'http:evil', 'https:evil', 'http://', '/a\nb', '/a\u0000b', 'java\tscript:alert(1)', 'http://[::1/',
  ])('refuses %j, saying which Location', (location) => {
    expect(resolveLocation(base, location)).toBe(`bad Location ${JSON.stringify(location)}`);
  });

  it.each([
    ['/next', 'http://api.test/next'],
    ['next?y=2', 'http://api.test/v1/next?y=2'],
    ['../../a/./b/../c#frag', 'http://api.test/a/c'],
    ['?y', 'http://api.test/v1/items?y'],
    ['HTTPS://Other.test:443/x', 'https://other.test/x'],
    ['\\\\evil.test/x', 'http://evil.test/x'],
    ['/\\evil.test', 'http://evil.test/'],
    ['http:\\\\evil.test/', 'http://evil.test/'],
    ['//other.test?q', 'http://other.test/?q'],
    ['  /trimmed  ', 'http://api.test/trimmed'],
  ])('resolves %j to %s', (location, url) => {
    expect(resolveLocation(base, location)).toMatchObject({ url });
  });

  it.each([
    ['/same', false],
    ['http://API.test:80/x', false],
    ['http://user:pw@api.test/x', false],
    ['https://api.test/x', true], // http→https is another origin too (strict)
    ['http://api.test:8080/x', true],
    ['//other.test/x', true],
    ['http://evil.test\\@api.test/', true], // the backslash ends the host, as the adapter reads it
    ['http://x@y@evil.test/', true],
  ])('%j is cross-origin: %s', (location, crossOrigin) => {
    expect(resolveLocation(base, location)).toMatchObject({ crossOrigin });
  });

  it('an https→http hop is cross-origin', () => {
    expect(resolveLocation('https://a.test/x', 'http://a.test/x')).toMatchObject({ crossOrigin: true });
  });

  it('a base that is not absolute (no baseURL) makes an absolute target cross-origin', () => {
    expect(resolveLocation('/a', 'http://a.test/b')).toEqual({ url: 'http://a.test/b', crossOrigin: true });
    expect(resolveLocation('/a', '/b')).toBe('bad Location "/b"');
  });

  it('says so where there is no URL to resolve with (a custom adapter in React Native)', () => {
    const saved = globalThis.URL;
    try {
      (globalThis as { URL?: unknown }).URL = undefined;
      expect(resolveLocation(base, '/next')).toBe('no URL to resolve Location "/next"');
    } finally {
      globalThis.URL = saved;
    }
  });

  it('never calls two URLs the same origin when the WHATWG parser (the adapters) would not', () => {
    const piece = fc.constantFrom('a', 'b.test', '/', '\\', '@', ':', '.', '?', '#', '%2F', '[::1]', '80', '443', 'http:', 'https:', '//', ' ');
    const bases = fc.constantFrom('http://b.test/p/q', 'http://u:p@b.test:80/p', 'https://b.test/', 'http://[::1]:8080/x');
    fc.assert(
      fc.property(bases, fc.array(piece, { maxLength: 8 }), (b, parts) => {
        const location = parts.join('');
        const ours = resolveLocation(b, location);
        if (typeof ours === 'string') return;
        expect(ours.crossOrigin).toBe(new URL(location, b).origin !== new URL(b).origin);
        expect(ours.url).toBe(new URL(location, b).href.replace(/#.*$/, ''));
      }),
      { numRuns: 2000 },
    );
  });
});

it('withoutFragment drops the #fragment only', () => {
  expect(withoutFragment('http://a.test/x?q#f#g')).toBe('http://a.test/x?q');
  expect(withoutFragment('http://a.test/x')).toBe('http://a.test/x');
});

it('displayUrl hides userinfo and secret-looking query values (redactUrl)', () => {
  expect(displayUrl('https://u:p@a.test/x?sig=secret&page=2')).toBe('https://***@a.test/x?sig=***&page=2');
  expect(displayUrl('https://u@x@a.test/x@y')).toBe('https://***@a.test/x@y');
  expect(displayUrl('http://a.test/x')).toBe('http://a.test/x');
});

it('a refused Location is quoted redacted', () => {
  expect(resolveLocation('http://a.test/', 'ftp://u:pw@b.test/?token=SECRET')).toBe('bad Location "ftp://***@b.test/?token=***"');
});
