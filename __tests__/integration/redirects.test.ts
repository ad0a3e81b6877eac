import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { Readable } from 'node:stream';
import { ErrorCodes, attachStatusPolicy, isRedirectError, isStatusPolicyError } from '../../src';
import type { PolicyEvent, StatusPolicyOptions } from '../../src';
import { startServer } from '../helpers/server';
import type { SeenRequest, TestServer } from '../helpers/server';

// Two loopback servers: two ports are two origins. Routes (any method):
//   /r?status=S&location=L[&missing=N&key=K]  answers S with Location L (the first N times for key K
//                                               without a Location, then 200)
//   /loop/a, /loop/b                           302 to each other
//   /chain/N                                   302 to /chain/N+1, forever
//   anything else                              200 echo
let a: TestServer;
let b: TestServer;
const counters = new Map<string, number>();

function handler(req: SeenRequest, res: import('node:http').ServerResponse): void {
  const u = new URL(req.url, 'http://x');
  const redirect = (status: number, location?: string): void => {
    res.writeHead(status, location === undefined ? {} : { Location: location });
    res.end(`redirect body ${status}`);
  };
  if (u.pathname.endsWith('/r')) {
    const status = Number(u.searchParams.get('status'));
    const missing = Number(u.searchParams.get('missing') ?? 0);
    if (missing) {
      const key = u.searchParams.get('key') ?? '';
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      if (n <= missing) return redirect(status);
    } else {
      return redirect(status, u.searchParams.get('location') ?? undefined);
    }
  }
  if (u.pathname === '/loop/a') return redirect(302, '/loop/b');
  if (u.pathname === '/loop/b') return redirect(302, '/loop/a');
  const chain = /^\/chain\/(\d+)$/.exec(u.pathname);
  if (chain) return redirect(302, `/chain/${Number(chain[1]) + 1}`);
  if (u.pathname === '/missing') return redirect(404);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ method: req.method, url: req.url, body: req.body }));
}

beforeAll(async () => {
  a = await startServer(handler);
  b = await startServer(handler);
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(() => {
  a.seen.length = 0;
  b.seen.length = 0;
  counters.clear();
});

const q = (params: Record<string, string | number>): string =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

/** Captures a rejection so the test can assert on it. */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the request to fail');
}

describe.each(['http', 'fetch'] as const)('redirects with the %s adapter', (adapter) => {
  let events: PolicyEvent[];
  const make = (options: StatusPolicyOptions = {}, config: AxiosRequestConfig = {}): AxiosInstance => {
    const api = axios.create({ baseURL: a.url, adapter, ...config });
    events = [];
    attachStatusPolicy(api, { ...options, onEvent: (e) => events.push(e) });
    return api;
  };

  describe('every method × status pair', () => {
    const methods = ['POST', 'PUT', 'DELETE', 'GET', 'HEAD'] as const;
    const statuses = [301, 302, 303, 307, 308] as const;
    const cases = methods.flatMap((method) => statuses.map((status) => [method, status] as const));

    it.each(cases)('%s answered %i', async (method, status) => {
      const api = make();
      const withBody = method === 'POST' || method === 'PUT' || method === 'DELETE';
      const res = await api.request({
        method,
        url: `/r?${q({ status, location: '/echo' })}`,
        ...(withBody ? { data: { a: 1 } } : {}),
        headers: { 'Content-Language': 'en' },
      });
      expect(res.status).toBe(200);
      expect(a.seen).toHaveLength(2);
      const [first, second] = a.seen as [SeenRequest, SeenRequest];
      expect(first.method).toBe(method);
      if (withBody) expect(first.body).toBe('{"a":1}');
      const keeps = status === 307 || status === 308;
      const expected = keeps || method === 'HEAD' ? method : 'GET';
      expect(second.method).toBe(expected);
      expect(second.url).toBe('/echo');
      if (keeps) {
        expect(second.body).toBe(withBody ? '{"a":1}' : '');
        if (withBody) expect(second.headers['content-type']).toBe('application/json');
        expect(second.headers['content-language']).toBe('en');
      } else {
        expect(second.body).toBe('');
        expect(second.headers['content-type']).toBeUndefined();
        expect(second.headers['content-length'] ?? '0').toBe('0');
        expect(second.headers['content-language']).toBeUndefined();
      }
      expect(res.statusPolicy?.redirectChain).toEqual([
        { method, url: `${a.url}/r?${q({ status, location: '/echo' })}`, status },
      ]);
      expect(res.statusPolicy?.finalUrl).toBe(`${a.url}/echo`);
    });
  });

  it('follows a relative Location against baseURL + url + params', async () => {
    const api = make({}, { baseURL: `${a.url}/base/` });
    const res = await api.get('sub/dir/r', { params: { status: 302, location: '../next?y=2' } });
    expect(res.status).toBe(200);
    expect(a.seen.map((s) => s.url)).toEqual([`/base/sub/dir/r?status=302&location=..%2Fnext%3Fy%3D2`, '/base/sub/next?y=2']);
    expect(res.statusPolicy?.finalUrl).toBe(`${a.url}/base/sub/next?y=2`);
  });

  it('follows an absolute Location to another origin, and a chain of hops', async () => {
    const api = make();
    const back = `${a.url}/r?${q({ status: 303, location: '/done' })}`;
    const res = await api.post(`/r?${q({ status: 308, location: `${b.url}/r?${q({ status: 302, location: back })}` })}`, 'x=1', {
      statusPolicy: { redirects: { allowCrossOriginBody: true } },
    });
    expect(res.data).toMatchObject({ method: 'GET', url: '/done' });
    expect(a.seen.map((s) => s.method)).toEqual(['POST', 'GET', 'GET']);
    expect(b.seen.map((s) => [s.method, s.body])).toEqual([['POST', 'x=1']]);
    expect(res.statusPolicy?.redirectChain?.map((h) => h.status)).toEqual([308, 302, 303]);
    expect(events.filter((e) => e.type === 'redirect')).toHaveLength(3);
  });

  it('repeats a 3xx without Location where a retry is allowed, counting toward the hop limit', async () => {
    const api = make();
    const res = await api.post(`/r?${q({ status: 302, missing: 2, key: 'k1' })}`, { n: 1 }, { headers: { 'Idempotency-Key': 'k1' } });
    expect(res.status).toBe(200);
    expect(a.seen.map((s) => [s.method, s.body])).toEqual([
      ['POST', '{"n":1}'],
      ['POST', '{"n":1}'],
      ['POST', '{"n":1}'],
    ]);
    expect(res.statusPolicy?.redirectChain).toHaveLength(2);

    const limited = make({ redirects: { maxRedirects: 3 } });
    const error = await failure(limited.get(`/r?${q({ status: 307, missing: 100, key: 'k2' })}`));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.TOO_MANY_REDIRECTS);
    expect(a.seen.filter((s) => s.url.includes('k2'))).toHaveLength(4);
  });

  it('never repeats a 300 or a 304', async () => {
    const api = make();
    const e300 = await failure(api.get(`/r?${q({ status: 300, missing: 5, key: 'k300' })}`));
    expect(axios.isAxiosError(e300) && e300.response?.status).toBe(300);
    // A 304 is not a redirect: the notModified rule resolves it, and nothing more is sent.
    const r304 = await api.get(`/r?${q({ status: 304, missing: 5, key: 'k304' })}`);
    expect(r304.status).toBe(304);
    expect(a.seen).toHaveLength(2);
  });

  describe('credentials', () => {
    const secrets = {
      Authorization: 'Bearer secret',
      Cookie: 'sid=1',
      'Proxy-Authorization': 'Basic cHJveHk6cHc=',
      'X-API-Key': 'k',
      'X-Trace': 't',
    };

    it('drops credentials and configured headers on a cross-origin hop, both ways', async () => {
      const api = make({ redirects: { stripHeaders: ['x-api-key'] } });
      await api.get(`/r?${q({ status: 302, location: `${b.url}/echo` })}`, { headers: secrets });
      const [atA] = a.seen as [SeenRequest];
      const [atB] = b.seen as [SeenRequest];
      expect(atA.headers).toMatchObject({ authorization: 'Bearer secret', cookie: 'sid=1', 'x-api-key': 'k' });
      expect(atB.headers.authorization).toBeUndefined();
      expect(atB.headers.cookie).toBeUndefined();
      expect(atB.headers['proxy-authorization']).toBeUndefined();
      expect(atB.headers['x-api-key']).toBeUndefined();
      expect(atB.headers['x-trace']).toBe('t');

      a.seen.length = 0;
      const fromB = axios.create({ baseURL: b.url, adapter });
      attachStatusPolicy(fromB);
      await fromB.get(`/r?${q({ status: 307, location: `${a.url}/echo` })}`, { auth: { username: 'u', password: 'p' } });
      expect(b.seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
      expect(a.seen[0]?.headers.authorization).toBeUndefined();
    });

    it('keeps credentials on a same-origin hop', async () => {
      const api = make({ redirects: { stripHeaders: ['x-api-key'] } });
      await api.get(`/r?${q({ status: 301, location: `${a.url}/echo` })}`, { headers: secrets, auth: { username: 'u', password: 'p' } });
      const second = a.seen[1]!;
      expect(second.headers).toMatchObject({ cookie: 'sid=1', 'x-api-key': 'k', 'proxy-authorization': 'Basic cHJveHk6cHc=' });
      expect(second.headers.authorization).toMatch(/^Basic |^Bearer /);
    });

    it('does not forward a 307 body to another origin unless allowed', async () => {
      const api = make();
      const error = await failure(api.put(`/r?${q({ status: 307, location: `${b.url}/echo` })}`, { a: 1 }));
      expect(isRedirectError(error) && error.code).toBe(ErrorCodes.REDIRECT_CROSS_ORIGIN_BODY);
      expect(b.seen).toHaveLength(0);

      const allowed = make({ redirects: { allowCrossOriginBody: true } });
      const res = await allowed.put(`/r?${q({ status: 307, location: `${b.url}/echo` })}`, { a: 1 }, { headers: { Authorization: 'x' } });
      expect(res.data).toMatchObject({ method: 'PUT', body: '{"a":1}' });
      expect(b.seen[0]?.headers.authorization).toBeUndefined();
    });
  });

  it('detects a loop and lists the chain', async () => {
    const api = make();
    const error = await failure(api.get('/loop/a'));
    expect(isRedirectError(error)).toBe(true);
    if (!isRedirectError(error)) return;
    expect(error.code).toBe(ErrorCodes.REDIRECT_LOOP);
    expect(error.message).toContain(`GET ${a.url}/loop/a → 302 → GET ${a.url}/loop/b → 302 → GET ${a.url}/loop/a`);
    expect(error.redirectChain.map((h) => h.url)).toEqual([`${a.url}/loop/a`, `${a.url}/loop/b`]);
    expect(error.response?.status).toBe(302);
    expect(a.seen).toHaveLength(2);
    expect(isStatusPolicyError(error) && error.statusPolicy.redirectChain).toHaveLength(2);
  });

  it('stops at the hop limit with a typed error', async () => {
    const api = make({ redirects: { maxRedirects: 3 } });
    const error = await failure(api.get('/chain/0'));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.TOO_MANY_REDIRECTS);
    expect(a.seen.map((s) => s.url)).toEqual(['/chain/0', '/chain/1', '/chain/2', '/chain/3']);
    expect(isRedirectError(error) && error.redirectChain).toHaveLength(4);
    expect((error as Error).message).toContain('more than 3 redirects');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hi', 'http:evil', 'http://'])(
    'refuses a Location of %s',
    async (location) => {
      const api = make();
      const error = await failure(api.get(`/r?${q({ status: 302, location })}`));
      expect(isRedirectError(error) && error.code).toBe(ErrorCodes.REDIRECT_BAD_LOCATION);
      expect(a.seen).toHaveLength(1);
    },
  );

  it('runs user interceptors once per request, not once per hop', async () => {
    const api = axios.create({ baseURL: a.url, adapter });
    let requests = 0;
    let responses = 0;
    api.interceptors.request.use((c) => {
      requests++;
      return c;
    });
    attachStatusPolicy(api);
    api.interceptors.response.use((r) => {
      responses++;
      return r;
    });
    const res = await api.get('/chain/7', { statusPolicy: { redirects: { maxRedirects: 20 } } }).catch((e: unknown) => e);
    expect(isRedirectError(res)).toBe(true);
    await api.get(`/r?${q({ status: 302, location: `/r?${q({ status: 302, location: '/echo' })}` })}`);
    expect(requests).toBe(2);
    expect(responses).toBe(1);
  });

  it("applies the caller's validateStatus to the final response", async () => {
    const api = make();
    const error = await failure(api.get(`/r?${q({ status: 302, location: '/missing' })}`));
    expect(axios.isAxiosError(error) && [error.code, error.response?.status, error.config?.url]).toEqual([
      'ERR_BAD_REQUEST',
      404,
      `/r?${q({ status: 302, location: '/missing' })}`,
    ]);
    const res = await api.get(`/r?${q({ status: 302, location: '/missing' })}`, { validateStatus: () => true });
    expect(res.status).toBe(404);
  });

  it('onRedirect observes and can veto a hop', async () => {
    const seen: string[] = [];
    const api = make({
      redirects: {
        onRedirect: ({ status, from, to, method, crossOrigin }) => {
          seen.push(`${status} ${method} ${from} -> ${to} ${crossOrigin}`);
          return !to.includes('stop');
        },
      },
    });
    const res = await api.get(`/r?${q({ status: 303, location: '/echo' })}`);
    expect(res.status).toBe(200);
    expect(seen).toEqual([`303 GET ${a.url}/r?${q({ status: 303, location: '/echo' })} -> ${a.url}/echo false`]);

    const vetoed = await failure(api.get(`/r?${q({ status: 302, location: '/stop' })}`));
    expect(axios.isAxiosError(vetoed) && vetoed.response?.status).toBe(302);
    const kept = await api.get(`/r?${q({ status: 302, location: '/stop' })}`, { validateStatus: (s) => s < 400 });
    expect(kept.status).toBe(302);
    expect(kept.headers.location).toBe('/stop');
  });

  it("leaves the caller's config as it was, so it can be sent again after detach", async () => {
    const api = axios.create({ baseURL: a.url, adapter });
    const policy = attachStatusPolicy(api);
    const url = `/r?${q({ status: 302, location: '/echo' })}`;
    const res = await api.get(url, { maxRedirects: 5, fetchOptions: { cache: 'no-store' } });
    expect(res.statusPolicy?.redirectChain).toHaveLength(1);
    expect(res.config.maxRedirects).toBe(5);
    expect(res.config.fetchOptions).toEqual({ cache: 'no-store' });
    policy.detach();
    const again = await api.request(res.config);
    expect(again.data).toMatchObject({ method: 'GET', url: '/echo' });
    expect(again.statusPolicy).toBeUndefined();
    expect(a.seen).toHaveLength(4);
  });

  it('redirects: false leaves axios to follow as it always did', async () => {
    const api = make({ redirects: false });
    const res = await api.put(`/r?${q({ status: 307, location: `${b.url}/echo` })}`, { a: 1 }, { headers: { 'X-API-Key': 'k' } });
    expect(res.data).toMatchObject({ method: 'PUT', body: '{"a":1}' });
    expect(b.seen[0]?.headers['x-api-key']).toBe('k');
    expect(res.config.maxRedirects).not.toBe(0);
    expect(res.statusPolicy?.redirectChain).toBeUndefined();

    const perRequest = make();
    const off = await perRequest.put(`/r?${q({ status: 307, location: `${b.url}/echo` })}`, { a: 1 }, { statusPolicy: { redirects: false } });
    expect(off.data).toMatchObject({ method: 'PUT', body: '{"a":1}' });
  });
});

describe.each(['http', 'fetch'] as const)('stream bodies with the %s adapter', (adapter) => {
  const make = (): AxiosInstance => {
    const api = axios.create({ baseURL: a.url, adapter });
    attachStatusPolicy(api);
    return api;
  };

  it('a stream body on 307 is a typed error, never re-sent empty', async () => {
    const error = await failure(make().put(`/r?${q({ status: 307, location: '/echo' })}`, Readable.from(['abc'])));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.BODY_NOT_REPLAYABLE);
    expect((error as Error).message).toContain('stream');
    expect(a.seen.map((s) => [s.method, s.body])).toEqual([['PUT', 'abc']]);
  });

  it('a streamed response follows too: only the final body is handed over', async () => {
    const res = await make().get(`/r?${q({ status: 302, location: '/echo' })}`, { responseType: 'stream' });
    const chunks: Buffer[] = [];
    for await (const chunk of res.data as AsyncIterable<Buffer | Uint8Array>) chunks.push(Buffer.from(chunk));
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toMatchObject({ method: 'GET', url: '/echo' });
  });

  it('a stream body on 303 is simply dropped with the method change', async () => {
    const res = await make().post(`/r?${q({ status: 303, location: '/echo' })}`, Readable.from(['abc']));
    expect(res.data).toMatchObject({ method: 'GET', body: '' });
  });
});

// https→http on the same host is another origin (the scheme differs): credentials must not follow.
// A self-signed certificate is made with the openssl binary; without it this block is skipped.
describe('https → http downgrade', () => {
  let httpsServer: import('node:https').Server | undefined;
  let httpsUrl = '';
  const hasOpenssl = (() => {
    try {
      require('node:child_process').execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  beforeAll(async () => {
    if (!hasOpenssl) return;
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const https = await import('node:https');
    const dir = mkdtempSync(path.join(tmpdir(), 'redirect-tls-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    httpsServer = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
      res.writeHead(302, { Location: `${a.url}/echo` });
      res.end();
    });
    await new Promise<void>((resolve) => httpsServer!.listen(0, '127.0.0.1', resolve));
    httpsUrl = `https://127.0.0.1:${(httpsServer.address() as import('node:net').AddressInfo).port}`;
  });
  afterAll(async () => {
    httpsServer?.closeAllConnections();
    await new Promise((resolve) => (httpsServer ? httpsServer.close(resolve) : resolve(undefined)));
  });

  (hasOpenssl ? it : it.skip)('drops Authorization and Cookie when an https request is redirected to http', async () => {
    const https = await import('node:https');
    // The http adapter on purpose: only it takes an agent that trusts the self-signed certificate
    // (Node's fetch would need undici's dispatcher). The stripping itself is adapter-independent.
    const api = axios.create({ adapter: 'http', httpsAgent: new https.Agent({ rejectUnauthorized: false }) });
    attachStatusPolicy(api);
    const res = await api.get(`${httpsUrl}/start`, { headers: { Authorization: 'Bearer t', Cookie: 'sid=1', 'X-Trace': 't' } });
    expect(res.data).toMatchObject({ url: '/echo' });
    expect(res.statusPolicy?.finalUrl).toBe(`${a.url}/echo`);
    const [seen] = a.seen as [SeenRequest];
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-trace']).toBe('t');
  });
});
