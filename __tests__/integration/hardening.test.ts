// Attacks and careless use, reproduced over a real loopback server with the real http adapter (or
// fetch with AXIOS_ADAPTER): a validator cache that never crosses credentials, user callbacks that
// never settle, and streamed bodies of discarded answers that must give their socket back.
import axios, { CanceledError } from 'axios';
import type { AxiosInstance } from 'axios';
import http from 'node:http';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { ErrorCodes, attachStatusPolicy, isFromCache, isStatusPolicyError } from '../../src';
import type { StatusPolicyOptions } from '../../src';
import type { SeenRequest } from '../helpers/server';
import { useLiveServer } from '../helpers/live-server';

const live = useLiveServer();

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );

/**
 * A careless server: any request with a validator gets a 304, whoever sends it. The body of /me
 * names the user of the credentials it was asked with.
 */
function carelessServer(req: SeenRequest, res: ServerResponse): void {
  if (req.headers['if-none-match'] || req.headers['if-modified-since']) {
    res.writeHead(304, { etag: '"v1"' });
    return void res.end();
  }
  const user = /Bearer (\w+)/.exec(req.headers.authorization ?? '')?.[1] ?? (req.headers.cookie ?? '').replace('session=', '') ?? 'nobody';
  const basic = req.headers.authorization?.startsWith('Basic ') ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':')[0] : undefined;
  res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 00:00:00 GMT', 'content-type': 'application/json', vary: 'Authorization, Cookie' });
  res.end(JSON.stringify({ user: basic ?? user }));
}

function cached(options: StatusPolicyOptions = {}): AxiosInstance {
  const api = axios.create({ baseURL: live.server.url });
  attachStatusPolicy(api, { notModified: { cache: true }, ...options });
  return api;
}

describe('the validator cache never crosses credentials', () => {
  beforeEach(() => {
    live.handler = carelessServer;
  });

  it('per-request Authorization: Bob never gets Alice’s body, nor her validators', async () => {
    const api = cached();
    expect((await api.get('/me', { headers: { Authorization: 'Bearer alice' } })).data).toEqual({ user: 'alice' });
    const bob = await api.get('/me', { headers: { Authorization: 'Bearer bob' } });
    expect(bob.data).toEqual({ user: 'bob' });
    expect(isFromCache(bob)).toBe(false);
    expect(live.server.seen[1]!.headers['if-none-match']).toBeUndefined();
    // Alice herself still revalidates.
    const again = await api.get('/me', { headers: { Authorization: 'Bearer alice' } });
    expect(isFromCache(again)).toBe(true);
    expect(again.data).toEqual({ user: 'alice' });
  });

  it('a token set by an interceptor registered before attach (runs after ours): judged on the headers as sent', async () => {
    const api = axios.create({ baseURL: live.server.url });
    let user = 'alice';
    api.interceptors.request.use((config) => {
      config.headers.set('Authorization', `Bearer ${user}`);
      return config;
    });
    attachStatusPolicy(api, { notModified: { cache: true } });
    expect((await api.get('/me')).data).toEqual({ user: 'alice' });
    user = 'bob';
    const bob = await api.get('/me');
    expect(bob.data).toEqual({ user: 'bob' });
    expect(isFromCache(bob)).toBe(false);
    user = 'alice';
    const alice = await api.get('/me');
    expect(alice.data).toEqual({ user: 'alice' });
  });

  it('Cookie and axios `auth` scope entries too', async () => {
    const api = cached();
    await api.get('/me', { headers: { Cookie: 'session=alice' } });
    expect((await api.get('/me', { headers: { Cookie: 'session=bob' } })).data).toEqual({ user: 'bob' });
    await api.get('/me', { auth: { username: 'carol', password: 'x' } });
    expect((await api.get('/me', { auth: { username: 'dave', password: 'y' } })).data).toEqual({ user: 'dave' });
  });

  it('Cache-Control: no-store is never kept', async () => {
    live.handler = (req, res) => {
      if (req.headers['if-none-match']) {
        res.writeHead(304);
        return void res.end();
      }
      res.writeHead(200, { etag: '"s"', 'cache-control': 'no-store', 'content-type': 'text/plain' });
      res.end('secret');
    };
    const api = cached();
    await api.get('/s');
    await api.get('/s');
    expect(live.server.seen.map((s) => s.headers['if-none-match'])).toEqual([undefined, undefined]);
  });
});

describe('every wait ends', () => {
  beforeEach(() => {
    live.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    };
  });
  const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

  it('auth.getAccessToken that never settles: abort() ends the request, nothing is sent', async () => {
    const api = axios.create({ baseURL: live.server.url });
    attachStatusPolicy(api, { auth: { refresh: async () => 't', getAccessToken: () => never<string>() } });
    const controller = new AbortController();
    const pending = api.get('/x', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await failure(pending)).toBeInstanceOf(CanceledError);
    expect(live.server.seen).toHaveLength(0);
  });

  it('auth.getAccessToken that never settles: the request timeout ends it', async () => {
    const api = axios.create({ baseURL: live.server.url, timeout: 50 });
    attachStatusPolicy(api, { auth: { refresh: async () => 't', getAccessToken: () => never<string>() } });
    const error = await failure(api.get('/x'));
    expect(axios.isAxiosError(error) && error.code).toBe(ErrorCodes.CALLBACK_TIMEOUT);
    expect((error as Error).message).toContain('waiting for auth.getAccessToken');
    // Not a connection that timed out: never retried as one.
    expect(isStatusPolicyError(error) && error.statusPolicy.attempts).toBe(1);
    expect(live.server.seen).toHaveLength(0);
  });

  it('redirects.onRedirect that never settles: timeout and abort end it, the hop is never sent', async () => {
    live.handler = (req, res) => {
      if (req.url === '/from') {
        res.writeHead(302, { location: '/to' });
        return void res.end();
      }
      res.end('ok');
    };
    const api = axios.create({ baseURL: live.server.url });
    attachStatusPolicy(api, { redirects: { onRedirect: () => never<boolean>() } });
    const timedOut = await failure(api.get('/from', { timeout: 50 }));
    expect(axios.isAxiosError(timedOut) && timedOut.code).toBe(ErrorCodes.CALLBACK_TIMEOUT);
    const controller = new AbortController();
    const pending = api.get('/from', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await failure(pending)).toBeInstanceOf(CanceledError);
    expect(live.server.seen.map((s) => s.url)).toEqual(['/from', '/from']);
  });
});

describe('streamed bodies of discarded answers give their socket back', () => {
  it('500 → 500 → 200 with keepAlive and maxSockets 1 ends in the 200', async () => {
    let count = 0;
    live.handler = (_req, res) => {
      count += 1;
      res.writeHead(count < 3 ? 500 : 200, { 'content-type': 'text/plain' });
      // A body long enough that nobody reads it by accident.
      res.end((count < 3 ? 'e' : 'k').repeat(256 * 1024));
    };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const api = axios.create({ baseURL: live.server.url, httpAgent: agent, responseType: 'stream', timeout: 3000, adapter: 'http' });
      attachStatusPolicy(api, { retry: { baseDelayMs: 1 } });
      const res = await api.get<Readable>('/s');
      expect(res.status).toBe(200);
      let bytes = 0;
      for await (const chunk of res.data) bytes += (chunk as Buffer).length;
      expect(bytes).toBe(256 * 1024);
      expect(res.statusPolicy?.attempts).toBe(3);
    } finally {
      agent.destroy();
    }
  });

  it('a 503 with Retry-After: 0, then 200, on one socket', async () => {
    let count = 0;
    live.handler = (_req, res) => {
      count += 1;
      res.writeHead(count === 1 ? 503 : 200, { 'retry-after': '0' });
      res.end('x'.repeat(256 * 1024));
    };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const api = axios.create({ baseURL: live.server.url, httpAgent: agent, responseType: 'stream', timeout: 3000, adapter: 'http' });
      attachStatusPolicy(api);
      const res = await api.get<Readable>('/s');
      expect(res.status).toBe(200);
      res.data.destroy();
    } finally {
      agent.destroy();
    }
  });
});
