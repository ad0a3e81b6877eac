// Every rule judges the hop that produced the answer, never just the original request. Two real
// loopback servers (two ports: two origins), the real http adapter (or fetch with AXIOS_ADAPTER).
// Each case here was a bug of the design before the run redesign.
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { ServerResponse } from 'node:http';
import { ErrorCodes, attachStatusPolicy, isAlreadyDeleted, isFromCache, isRedirectError } from '../../src';
import type { PolicyEvent, StatusPolicyOptions } from '../../src';
import type { SeenRequest, TestServer } from '../helpers/server';
import { useTwoOrigins } from '../helpers/two-origins';

/** Per-server routes: path → what to answer, given how many times that path was asked so far. */
type Route = (res: ServerResponse, count: number, req: SeenRequest) => void;
const routes = { a: new Map<string, Route>(), b: new Map<string, Route>() };

const origins = useTwoOrigins((which) => (req, res) => {
  const path = req.url.split('?')[0]!;
  const route = routes[which].get(path);
  const count = origins[which].seen.filter((s) => s.url.split('?')[0] === path).length;
  if (route) return route(res, count, req);
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('echo');
});
const route = (which: 'a' | 'b', path: string, answer: Route): void => {
  routes[which].set(path, answer);
};
const reply = (status: number, headers: Record<string, string> = {}, body = '') => (res: ServerResponse) => {
  res.writeHead(status, headers);
  res.end(body);
};
beforeEach(() => {
  routes.a.clear();
  routes.b.clear();
});

function make(options: StatusPolicyOptions = {}): { api: AxiosInstance; events: PolicyEvent[] } {
  const events: PolicyEvent[] = [];
  const api = axios.create({ baseURL: origins.a.url });
  attachStatusPolicy(api, { retry: { baseDelayMs: 1 }, ...options, onEvent: (e) => events.push(e) });
  return { api, events };
}

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
const statusOf = (e: unknown): number | undefined => (axios.isAxiosError(e) ? e.response?.status : undefined);
const methodsAndPaths = (server: TestServer): string[] => server.seen.map((s) => `${s.method} ${s.url}`);

describe('retries judge the hop that answered', () => {
  it.each([503, 429])('POST → 303 → GET → %i retries the GET; the POST is sent once', async (status) => {
    route('a', '/a', reply(303, { location: '/b' }));
    route('a', '/b', (res, count) => (count === 1 ? reply(status, { 'retry-after': '0' })(res) : reply(200, {}, 'done')(res)));
    const { api } = make();
    const res = await api.post('/a', { order: 1 });
    expect(res.data).toBe('done');
    expect(methodsAndPaths(origins.a)).toEqual(['POST /a', 'GET /b', 'GET /b']);
    expect(origins.a.seen[0]!.body).toBe('{"order":1}');
    expect(origins.a.seen[2]!.body).toBe('');
    expect(res.statusPolicy?.attempts).toBe(2);
  });

  it('POST → 303 → GET → 500 retries the GET (idempotent) up to maxRetries', async () => {
    route('a', '/a', reply(303, { location: '/b' }));
    route('a', '/b', reply(500));
    const { api } = make({ retry: { baseDelayMs: 1, maxRetries: 2 } });
    expect(statusOf(await failure(api.post('/a', 'x')))).toBe(500);
    expect(methodsAndPaths(origins.a)).toEqual(['POST /a', 'GET /b', 'GET /b', 'GET /b']);
  });

  it('DELETE → 301 → GET → 404 is not "already deleted": the DELETE never ran', async () => {
    route('a', '/d', reply(301, { location: '/gone' }));
    route('a', '/gone', reply(404));
    const { api } = make();
    const error = await failure(api.delete('/d'));
    expect(statusOf(error)).toBe(404);
    expect(methodsAndPaths(origins.a)).toEqual(['DELETE /d', 'GET /gone']);

    route('a', '/really', reply(404));
    expect(isAlreadyDeleted(await api.delete('/really'))).toBe(true);
  });
});

describe('another origin reached by a redirect', () => {
  it('a 429 from B holds origin B, not A', async () => {
    route('a', '/x', (res) => reply(302, { location: `${origins.b.url}/y` })(res));
    route('b', '/y', (res, count) => (count === 1 ? reply(429, { 'retry-after': '1' })(res) : reply(200, {}, 'from b')(res)));
    const { api, events } = make();
    const first = api.get('/x');
    // Wait until B has answered 429 (the hold starts then).
    for (let i = 0; i < 200 && origins.b.seen.length < 1; i++) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 50));
    // A is not held: this goes out at once.
    await api.get('/free');
    // B is held: this request waits for the deadline and is reported as held.
    const toB = api.get(`${origins.b.url}/other`);
    expect((await first).data).toBe('from b');
    await toB;
    const holds = events.filter((e): e is Extract<PolicyEvent, { type: 'hold' }> => e.type === 'hold');
    expect(holds.map((h) => h.origin)).toEqual([origins.b.url]);
    expect(events.some((e) => e.type === 'hold' && e.origin === origins.a.url)).toBe(false);
  });

  it('a 401 from B starts no refresh: our token was never sent there', async () => {
    route('a', '/x', reply(302, { location: `${origins.b.url}/private` }));
    route('b', '/private', reply(401, { 'www-authenticate': 'Bearer' }));
    const refresh = jest.fn(async () => 'new-token');
    const { api } = make({ auth: { refresh, getAccessToken: () => 'our-token' } });
    const error = await failure(api.get('/x'));
    expect(statusOf(error)).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
    expect(origins.a.seen[0]!.headers.authorization).toBe('Bearer our-token');
    expect(origins.b.seen[0]!.headers.authorization).toBeUndefined();
    expect(origins.b.seen).toHaveLength(1);
  });

  it('a 401 from the same origin after a redirect refreshes and repeats that hop', async () => {
    let token = 'old';
    route('a', '/x', reply(302, { location: '/final' }));
    route('a', '/final', (res, _count, req) => reply(req.headers.authorization === 'Bearer new' ? 200 : 401, {}, 'final')(res));
    const { api } = make({ auth: { refresh: async () => (token = 'new'), getAccessToken: () => token } });
    const res = await api.get('/x');
    expect(res.data).toBe('final');
    expect(methodsAndPaths(origins.a)).toEqual(['GET /x', 'GET /final', 'GET /final']);
  });
});

describe('the validator cache stores under the URL that served it', () => {
  it('A/page → 302 → A/final: /page never carries /final validators, /final revalidates on its own', async () => {
    route('a', '/page', reply(302, { location: '/final' }));
    route('a', '/final', (res, _count, req) =>
      req.headers['if-none-match'] === '"f1"' ? reply(304, { etag: '"f1"' })(res) : reply(200, { etag: '"f1"', 'content-type': 'text/plain' }, 'final body')(res),
    );
    const { api } = make({ notModified: { cache: true } });
    expect((await api.get('/page')).data).toBe('final body');
    expect((await api.get('/page')).data).toBe('final body');
    const pageRequests = origins.a.seen.filter((s) => s.url === '/page');
    expect(pageRequests.map((s) => s.headers['if-none-match'])).toEqual([undefined, undefined]);
    origins.a.seen.length = 0;
    const direct = await api.get('/final');
    expect(origins.a.seen[0]!.headers['if-none-match']).toBe('"f1"');
    expect(isFromCache(direct)).toBe(true);
    expect(direct.data).toBe('final body');
  });
});

describe("axios's own redirect settings", () => {
  it('maxRedirects: 0 leaves the 3xx to the caller', async () => {
    route('a', '/x', reply(302, { location: '/y' }));
    const { api } = make();
    const error = await failure(api.get('/x', { maxRedirects: 0 }));
    expect(statusOf(error)).toBe(302);
    expect(methodsAndPaths(origins.a)).toEqual(['GET /x']);
    const res = await api.get('/x', { maxRedirects: 0, validateStatus: () => true });
    expect(res.status).toBe(302);
    expect(res.config.maxRedirects).toBe(0);
  });

  it('a per-request maxRedirects below ours bounds the chain', async () => {
    route('a', '/1', reply(302, { location: '/2' }));
    route('a', '/2', reply(302, { location: '/3' }));
    route('a', '/3', reply(302, { location: '/4' }));
    const { api } = make();
    const error = await failure(api.get('/1', { maxRedirects: 1 }));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.TOO_MANY_REDIRECTS);
    expect(methodsAndPaths(origins.a)).toEqual(['GET /1', 'GET /2']);
  });

  it('beforeRedirect runs before each hop with the target, and a throw refuses it (an SSRF guard)', async () => {
    route('a', '/x', reply(302, { location: `${origins.b.url}/internal` }));
    const seen: Array<{ hostname: string; port: string; path: string; status: number }> = [];
    const { api } = make();
    const error = await failure(
      api.get('/x', {
        beforeRedirect: (options, response) => {
          seen.push({ hostname: String(options.hostname), port: String(options.port), path: String(options.path), status: response.statusCode });
          if (String(options.port) === String(origins.b.port)) throw new Error('internal host refused');
        },
      }),
    );
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.REDIRECT_REFUSED);
    expect((error as Error & { cause?: Error }).cause?.message).toBe('internal host refused');
    expect(seen).toEqual([{ hostname: '127.0.0.1', port: String(origins.b.port), path: '/internal', status: 302 }]);
    expect(origins.b.seen).toHaveLength(0);
  });

  it('sensitiveHeaders are stripped on a cross-origin hop, kept on a same-origin one', async () => {
    route('a', '/x', reply(302, { location: '/same' }));
    route('a', '/same', reply(302, { location: `${origins.b.url}/other` }));
    const { api } = make();
    await api.get('/x', { headers: { 'X-Api-Key': 'secret' }, sensitiveHeaders: ['X-Api-Key'] });
    expect(origins.a.seen.map((s) => s.headers['x-api-key'])).toEqual(['secret', 'secret']);
    expect(origins.b.seen[0]!.headers['x-api-key']).toBeUndefined();
  });
});

describe('a 3xx without Location', () => {
  it('is repeated only where a retry is allowed: never a plain POST', async () => {
    route('a', '/nl', (res, count) => (count === 1 ? reply(307)(res) : reply(200, {}, 'ok')(res)));
    const { api, events } = make();
    expect(statusOf(await failure(api.post('/nl', 'body')))).toBe(307);
    expect(origins.a.seen).toHaveLength(1);

    origins.a.seen.length = 0;
    const res = await api.put('/nl', 'body');
    expect(res.data).toBe('ok');
    expect(origins.a.seen.map((s) => [s.method, s.body])).toEqual([
      ['PUT', 'body'],
      ['PUT', 'body'],
    ]);
    // A repeat is a redirect hop, reported as one (the same in every build).
    expect(events.filter((e) => e.type === 'redirect')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(0);
  });

  it('onRedirect is asked before the repeat and can stop it', async () => {
    route('a', '/nl', reply(302));
    const onRedirect = jest.fn(() => false);
    const { api } = make({ redirects: { onRedirect } });
    expect(statusOf(await failure(api.get('/nl')))).toBe(302);
    expect(onRedirect).toHaveBeenCalledTimes(1);
    expect(onRedirect.mock.calls[0]).toEqual([expect.objectContaining({ from: `${origins.a.url}/nl`, to: `${origins.a.url}/nl`, method: 'GET' })]);
    expect(origins.a.seen).toHaveLength(1);
  });
});
