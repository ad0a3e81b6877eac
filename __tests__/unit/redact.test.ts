import fc from 'fast-check';
import { isSecretParam, redactUrl, safeText } from '../../src/http/redact';

describe('redactUrl', () => {
  it.each([
    // userinfo
    ['http://svc:hunter2@host/x', 'http://***@host/x'],
    ['http://svc@host/x', 'http://***@host/x'],
    ['https://u@x@a.test/p', 'https://***@a.test/p'], // the last @ of the authority ends it
    ['//u:p@a.test/x', '//***@a.test/x'], // protocol-relative
    ['http:\\\\u:p@a.test/x', 'http:\\\\***@a.test/x'], // WHATWG reads \\ as //
    ['  http://u:p@a.test/', '  http://***@a.test/'], // leading space, trimmed by parsers
    ['http://u:p%40ss@a.test/', 'http://***@a.test/'], // an encoded @ in the password
    ['http://u:p@[::1]:8080/x?token=t', 'http://***@[::1]:8080/x?token=***'], // IPv6
    ['http://[::1]:8080/x?page=2', 'http://[::1]:8080/x?page=2'],
    // `@` elsewhere is not userinfo
    ['http://a.test/x@y', 'http://a.test/x@y'],
    ['http://a.test/?email=a@b.test', 'http://a.test/?email=a@b.test'],
    ['http://a.test#@evil', 'http://a.test#@evil'],
    ['mailto:a@b.test', 'mailto:a@b.test'],
    // query parameters: names kept, secret values hidden, the rest untouched
    ['http://a.test/x?access_token=SECRET&page=2', 'http://a.test/x?access_token=***&page=2'],
    ['http://a.test/x?page=2&ACCESS_TOKEN=S', 'http://a.test/x?page=2&ACCESS_TOKEN=***'],
    ['/x?token=a&token=b&q=1', '/x?token=***&token=***&q=1'], // repeated; relative
    ['x?api_key=k', 'x?api_key=***'],
    ['?code=c&state=s', '?code=***&state=s'],
    ['http://a.test/x?access%5Ftoken=S', 'http://a.test/x?access%5Ftoken=***'], // encoded name
    ['http://a.test/x?%zz=1&key=S', 'http://a.test/x?%zz=1&key=***'], // a bad escape is judged as written
    ['http://a.test/x?user[password]=S&token[]=T', 'http://a.test/x?user[password]=***&token[]=***'],
    ['http://a.test/x?token=a=b;c?d&n=1', 'http://a.test/x?token=***&n=1'], // the whole value as a server reads it
    ['http://a.test/x?a=1?token=S', 'http://a.test/x?a=1?token=S'], // `token=S` is part of a's value…
    ['http://a.test/x?a=1&b=2?token=S', 'http://a.test/x?a=1&b=2?token=S'], // …here too
    ['http://a.test/x?token=&token', 'http://a.test/x?token=&token'], // nothing to hide
    ['http://a.test/x?X-Amz-Signature=S&X-Amz-Security-Token=T&X-Amz-Date=D', 'http://a.test/x?X-Amz-Signature=***&X-Amz-Security-Token=***&X-Amz-Date=D'],
    ['http://a.test/x?accessToken=S&clientSecret=C', 'http://a.test/x?accessToken=***&clientSecret=***'],
    ['http://a.test/x?country_code=NZ&passcode_hint=h', 'http://a.test/x?country_code=NZ&passcode_hint=h'],
    // fragments: OAuth's implicit flow and hash routers put tokens there
    ['http://a.test/cb#access_token=S&state=s', 'http://a.test/cb#access_token=***&state=s'],
    ['http://a.test/#/route?token=S&tab=2', 'http://a.test/#/route?token=***&tab=2'],
    ['http://a.test/x?sig=S#section', 'http://a.test/x?sig=***#section'],
    ['http://a.test/x#token', 'http://a.test/x#token'],
    // no query, not a URL
    ['http://a.test/x', 'http://a.test/x'],
    ['/token=S/x', '/token=S/x'], // a path is not a query
    ['', ''],
    ['not a url', 'not a url'],
  ])('%j → %j', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('never lets a password or a secret value through where a WHATWG parser (the adapters) sees one', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/);
    const name = fc.oneof(fc.constantFrom('token', 'Access_Token', 'api_key', 'sig', 'password', 'page', 'q', 'x-amz-signature'), word);
    const param = fc.tuple(name, word).map(([n, v]) => `${n}=${v}`);
    const url = fc.record({
      user: fc.option(fc.tuple(word, word).map(([u, p]) => `${u}:${p}@`), { nil: '' }),
      host: fc.constantFrom('a.test', '127.0.0.1:8080', '[::1]'),
      path: fc.constantFrom('/', '/x', '/x@y', '/a/b;c'),
      query: fc.array(param, { maxLength: 4 }).map((ps) => (ps.length ? `?${ps.join('&')}` : '')),
      fragment: fc.option(fc.array(param, { maxLength: 2 }).map((ps) => `#${ps.join('&')}`), { nil: '' }),
    });
    fc.assert(
      fc.property(url, ({ user, host, path, query, fragment }) => {
        const original = new URL(`http://${user}${host}${path}${query}${fragment}`);
        const shown = new URL(redactUrl(original.href));
        expect(shown.password).toBe('');
        expect(shown.username).toBe(original.username ? '***' : '');
        expect(shown.host).toBe(original.host);
        expect(shown.pathname).toBe(original.pathname);
        const params = [...original.searchParams];
        expect([...shown.searchParams]).toEqual(params.map(([n, v]) => [n, v && isSecretParam(n) ? '***' : v]));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isSecretParam', () => {
  it.each(['token', 'access_token', 'refresh_token', 'id_token', 'key', 'api_key', 'apikey', 'signature', 'sig', 'password', 'secret', 'client_secret', 'code'])(
    '%s (the list of issue 13), in any case',
    (name) => {
      expect(isSecretParam(name)).toBe(true);
      expect(isSecretParam(name.toUpperCase())).toBe(true);
    },
  );
  it.each(['page', 'q', 'state', 'redirect_uri', 'country_code', 'signed', 'tokens_left', 'id'])('not %s', (name) => {
    expect(isSecretParam(name)).toBe(false);
  });
});

describe('safeText', () => {
  it('removes escape sequences and control characters, and makes the text one line', () => {
    expect(safeText('bad\x1b[2J\x1b[31mred\x1b[0m\r\nnext\tline\u2028end')).toBe('badred next line end');
    expect(safeText('a\x00b\x07c\x7fd\x85e\x9af\u202eg')).toBe('abcd efg'); // C0, DEL, C1 (NEL is a break), bidi override
    expect(safeText('x\x9b2Jy')).toBe('xy'); // the one-byte CSI
    // Other sequences (OSC: titles, links) lose their ESC and BEL: inert text is left
    expect(safeText('title\x1b]0;pwned\x07 after')).toBe('title]0;pwned after');
    expect(safeText('open \x1b]0;not closed')).toBe('open ]0;not closed');
    expect(safeText('  spaced   out \n\n ')).toBe('spaced out');
  });

  it('keeps printable Unicode', () => {
    expect(safeText('Grüße — 日本語 🙂')).toBe('Grüße — 日本語 🙂');
  });

  it('cuts to the bound with an ellipsis, never half a surrogate pair', () => {
    expect(safeText('m'.repeat(10_000))).toBe(`${'m'.repeat(299)}…`);
    expect(safeText('x'.repeat(200), 200)).toBe('x'.repeat(200));
    expect(safeText('x'.repeat(201), 200)).toBe(`${'x'.repeat(199)}…`);
    const cut = safeText(`${'a'.repeat(8)}🙂🙂`, 10);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
  });

  it('marks a long text as cut even when little of it was printable', () => {
    const text = `short${'\x00'.repeat(5_000)}tail`;
    expect(safeText(text)).toBe('short…');
  });

  it('output never holds a control character and stays within the bound', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2_000 }), fc.integer({ min: 2, max: 400 }), (text, max) => {
        const out = safeText(text, max);
        // eslint-disable-next-line no-control-regex
        expect(out).not.toMatch(/[\0-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 500 },
    );
  });
});
