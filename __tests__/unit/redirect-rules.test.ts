import { AxiosHeaders } from 'axios';
import { hopKind, methodAfter } from '../../src/redirect/rules';
import { hopHeaders } from '../../src/redirect/strip';

describe('hopKind and methodAfter', () => {
  it.each([
    [301, true, 'rewrite'], [302, true, 'rewrite'], [303, true, 'rewrite'], [307, true, 'keep'], [308, true, 'keep'],
    [301, false, 'repeat'], [307, false, 'repeat'], [305, false, 'repeat'], [399, false, 'repeat'],
    [300, false, undefined], [300, true, undefined], [304, false, undefined], [304, true, undefined],
    [305, true, undefined], [200, true, undefined], [404, false, undefined],
  ] as const)('%i with Location=%s → %s', (status, hasLocation, kind) => {
    expect(hopKind(status, hasLocation)).toBe(kind);
  });

  it('rewrites to GET except HEAD, keeps the method otherwise', () => {
    expect(['POST', 'PUT', 'DELETE', 'PATCH', 'GET', 'HEAD'].map((m) => methodAfter('rewrite', m))).toEqual(['GET', 'GET', 'GET', 'GET', 'GET', 'HEAD']);
    expect(methodAfter('keep', 'PUT')).toBe('PUT');
    expect(methodAfter('repeat', 'POST')).toBe('POST');
  });
});

describe('hopHeaders', () => {
  const sent = (): AxiosHeaders =>
    new AxiosHeaders({
      Authorization: 'Bearer t',
      'proxy-authorization': 'Basic x',
      COOKIE: 'a=1',
      Host: 'api.test',
      'Content-Type': 'application/json',
      'Content-Length': '7',
      'content-encoding': 'gzip',
      'X-API-Key': 'k',
      Accept: 'application/json',
    });

  it('drops Content-* headers with the body, and only those', () => {
    const h = hopHeaders(sent(), true, false, []);
    expect(Object.keys(h.toJSON()).sort()).toEqual(['Accept', 'Authorization', 'COOKIE', 'Host', 'X-API-Key', 'proxy-authorization']);
  });

  it('drops credentials, Host and the extra names (any case) cross-origin', () => {
    const h = hopHeaders(sent(), false, true, ['x-api-KEY']);
    expect(Object.keys(h.toJSON()).sort()).toEqual(['Accept', 'Content-Length', 'Content-Type', 'content-encoding']);
  });

  it('keeps everything on a same-origin 307 and never edits the headers that were sent', () => {
    const original = sent();
    const h = hopHeaders(original, false, false, ['x-api-key']);
    expect(h.toJSON()).toEqual(original.toJSON());
    hopHeaders(original, true, true, []);
    expect(original.get('Authorization')).toBe('Bearer t');
  });
});
