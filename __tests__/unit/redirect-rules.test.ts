import { AxiosHeaders } from 'axios';
import { mayHop } from '../../src/rules/redirects/rule';
import { hopHeaders } from '../../src/rules/redirects/hop-headers';
import { rig } from '../helpers/mock';

describe('the method rules (RFC 9110 §15.4), followed inside the adapter', () => {
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
  const cases = [301, 302, 303, 307, 308].flatMap((status) => methods.map((method) => [status, method] as const));

  it.each(cases)('%i after %s', async (status, method) => {
    const { api, mock } = rig();
    mock.onAny('/a').reply(status, undefined, { location: '/b' });
    mock.onAny('http://api.test/b').reply(200);
    const body = method === 'GET' || method === 'HEAD' ? undefined : '{"x":1}';
    const res = await api.request({ url: '/a', method, data: body, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    const second = Object.values(mock.history).flat().find((c) => c.url === 'http://api.test/b')!;
    const rewrite = status < 304;
    expect(second.method?.toUpperCase()).toBe(rewrite && method !== 'HEAD' ? 'GET' : method);
    expect(second.data).toBe(rewrite ? undefined : body);
    expect(AxiosHeaders.from(second.headers as AxiosHeaders).has('content-type')).toBe(!rewrite);
  });

  it.each([300, 304, 305, 306])('%i with a Location is not followed', async (status) => {
    const { api, mock } = rig();
    mock.onGet('/a').reply(status, undefined, { location: '/b' });
    const res = await api.get('/a', { validateStatus: () => true });
    expect(res.status).toBe(status);
    expect(mock.history.get).toHaveLength(1);
  });

  it.each([301, 305, 307, 399])('%i without a Location repeats the same request where a retry is allowed', async (status) => {
    const { api, mock } = rig();
    mock.onPut(/\/a$/).replyOnce(status).onPut(/\/a$/).replyOnce(200);
    const res = await api.put('/a', 'body');
    expect(res.statusPolicy?.redirectChain).toEqual([{ method: 'PUT', url: 'http://api.test/a', status }]);
    expect(mock.history.put.map((c) => [c.url, c.data])).toEqual([['/a', 'body'], ['http://api.test/a', 'body']]);

    mock.onPost(/\/a$/).replyOnce(status).onPost(/\/a$/).replyOnce(200);
    const keyed = await api.post('/a', 'body', { headers: { 'Idempotency-Key': 'k' } });
    expect(keyed.status).toBe(200);
    expect(mock.history.post).toHaveLength(2);
  });

  it.each([301, 307])('%i without a Location is not repeated for a POST: it settles as axios would', async (status) => {
    const { api, mock } = rig();
    mock.onPost(/\/a$/).replyOnce(status).onPost(/\/a$/).replyOnce(200);
    const error = await api.post('/a', 'body').catch((e: unknown) => e);
    expect((error as { response?: { status?: number } }).response?.status).toBe(status);
    expect(mock.history.post).toHaveLength(1);
  });

  it('mayHop: 301-399 but 304', () => {
    expect([200, 300, 301, 304, 308, 399, 400].map(mayHop)).toEqual([false, false, true, false, true, true, false]);
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
