import axios, { AxiosError, CanceledError } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { ErrorCodes, StatusPolicyConfigError, attachStatusPolicy, isRedirectError } from '../../src';
import { rig } from '../helpers/mock';

const failure = (p: Promise<unknown>): Promise<unknown> => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);

describe('with a custom adapter (axios-mock-adapter): the plugin follows', () => {
  it('follows inside one dispatch and reports the chain', async () => {
    const { api, mock } = rig();
    mock.onPost('/a').reply(303, undefined, { location: '/b' });
    mock.onGet('http://api.test/b').reply(200, { ok: true });
    const res = await api.post('/a', { x: 1 });
    expect(res.data).toEqual({ ok: true });
    expect(mock.history.post).toHaveLength(1);
    expect(mock.history.get).toHaveLength(1);
    expect(mock.history.get[0]?.data).toBeUndefined();
    expect(res.statusPolicy).toMatchObject({ attempts: 1, finalUrl: 'http://api.test/b', redirectChain: [{ method: 'POST', url: 'http://api.test/a', status: 303 }] });
    expect(res.config.url).toBe('/a');
  });

  it('a retry sends the hop that answered again, not the first URL', async () => {
    const { api, mock } = rig({ retry: { baseDelayMs: 0 } });
    mock.onGet('/a').replyOnce(302, undefined, { location: '/b' });
    mock.onGet('http://api.test/b').replyOnce(500);
    mock.onGet('http://api.test/b').replyOnce(200, 'after retry');
    const res = await api.get('/a');
    expect(res.data).toBe('after retry');
    expect(res.statusPolicy?.attempts).toBe(2);
    expect(res.statusPolicy?.redirectChain).toEqual([{ method: 'GET', url: 'http://api.test/a', status: 302 }]);
    expect(mock.history.get.map((c) => c.url)).toEqual(['/a', 'http://api.test/b', 'http://api.test/b']);
  });

  it('a plain answer (resolved, rejected or thrown by the adapter) leaves the config as the caller gave it', async () => {
    const sent: Array<number | undefined> = [];
    const answers: Array<(c: InternalAxiosRequestConfig) => Promise<AxiosResponse>> = [
      (c) => Promise.resolve({ data: 'ok', status: 200, statusText: 'OK', headers: {}, config: c }),
      (c) => Promise.reject(new AxiosError('nope', AxiosError.ERR_BAD_RESPONSE, c, {}, { data: '', status: 404, statusText: '', headers: {}, config: c })),
      () => {
        throw new Error('adapter broke');
      },
    ];
    const api = axios.create({ baseURL: 'http://api.test', adapter: (c) => (sent.push(c.maxRedirects), answers.shift()!(c)) });
    attachStatusPolicy(api, { retry: false });
    const res = await api.get('/a', { maxRedirects: 7 });
    expect(res.config.maxRedirects).toBe(7);
    expect(res.statusPolicy?.redirectChain).toBeUndefined();
    const rejected = await failure(api.get('/a', { maxRedirects: 7 }));
    expect((rejected as AxiosError).response?.status).toBe(404);
    expect((rejected as AxiosError).config?.maxRedirects).toBe(7);
    // fetchOptions was never touched for this adapter: nothing of it is written back either.
    expect('fetchOptions' in res.config).toBe(false);
    await expect(api.get('/a')).rejects.toThrow('adapter broke');
    expect(sent).toEqual([0, 0, 0]);
  });

  it('an abort between hops ends the request: the next hop is never sent', async () => {
    const controller = new AbortController();
    const { api, mock } = rig({ redirects: { onRedirect: () => controller.abort() } });
    mock.onGet('/a').reply(302, undefined, { location: '/b' });
    mock.onGet('http://api.test/b').reply(200);
    const error = await failure(api.get('/a', { signal: controller.signal }));
    expect(error).toBeInstanceOf(CanceledError);
    expect(mock.history.get).toHaveLength(1);
  });

  it('an async onRedirect can veto; the 3xx then settles as the adapter settles it without the plugin', async () => {
    const { api, mock } = rig({ redirects: { onRedirect: async ({ to }) => !to.endsWith('/login') } });
    mock.onGet('/a').reply(302, undefined, { location: '/login' });
    const error = await failure(api.get('/a'));
    const plain = await failure(axios.create({ baseURL: 'http://api.test', adapter: api.defaults.adapter! }).get('/a'));
    expect(axios.isAxiosError(error) && [error.code, error.response?.status, error.config?.url]).toEqual([
      axios.isAxiosError(plain) && plain.code, 302, '/a',
    ]);
    expect(axios.isAxiosError(plain) && plain.response?.status).toBe(302);
    expect(isRedirectError(error)).toBe(false);
    expect(mock.history.get).toHaveLength(2); // one each: nothing followed
  });

  it('timeout covers the whole chain: each hop gets what is left of it', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const { api, mock } = rig();
      mock.onGet('/a').reply(() => {
        jest.setSystemTime(1500); // the first hop "took" 1.5 s
        return [302, undefined, { location: '/b' }];
      });
      mock.onGet('http://api.test/b').reply(200);
      await api.get('/a', { timeout: 5000 });
      expect(mock.history.get.map((c) => c.timeout)).toEqual([5000, 3500]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('onRedirect, errors and their responses carry the config the caller sent, on every hop', async () => {
    const seen: Array<string | undefined> = [];
    const { api, mock } = rig({ redirects: { maxRedirects: 1, onRedirect: ({ response }) => void seen.push(response.config.url) } });
    mock.onGet('/a').reply(302, undefined, { location: '/b' });
    mock.onGet('http://api.test/b').reply(302, undefined, { location: '/c' });
    const error = await failure(api.get('/a'));
    expect(isRedirectError(error) && [error.config?.url, error.response?.config.url, error.response?.status]).toEqual(['/a', '/a', 302]);
    expect(seen).toEqual(['/a']);
    expect(isRedirectError(error) && error.redirectChain.map((h) => h.url)).toEqual(['http://api.test/a', 'http://api.test/b']);
  });

  it('a per-request maxRedirects overrides the instance', async () => {
    const { api, mock } = rig();
    mock.onGet('/a').reply(302, undefined, { location: '/b' });
    mock.onGet('http://api.test/b').reply(200);
    const error = await failure(api.get('/a', { statusPolicy: { redirects: { maxRedirects: 0 } } }));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.TOO_MANY_REDIRECTS);
    expect(isRedirectError(error) && error.message).toContain('GET http://api.test/a → 302 → GET http://api.test/b');
  });
});

/** A stand-in for the browser's XHR adapter: the "platform" answers from a script. */
function xhrLike(script: Array<Partial<AxiosResponse> & { status: number }>) {
  const seen: InternalAxiosRequestConfig[] = [];
  const adapter = Object.assign(
    async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
      seen.push(config);
      const step = script[Math.min(seen.length, script.length) - 1]!;
      const response = { data: '', statusText: '', headers: {}, request: {}, ...step, config } as AxiosResponse;
      const valid = config.validateStatus;
      if (!response.status || !valid || valid(response.status)) return response;
      throw new AxiosError('Request failed', response.status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE', config, response.request, response);
    },
    { adapterName: 'xhr' },
  );
  const api = axios.create({ baseURL: 'http://api.test', adapter });
  return { api, seen };
}

describe('where the platform follows redirects (XHR)', () => {
  it('leaves the config alone', async () => {
    const { api, seen } = xhrLike([{ status: 200 }]);
    attachStatusPolicy(api);
    await api.get('/a');
    expect(seen[0]?.maxRedirects).not.toBe(0);
    expect((seen[0]?.adapter as { adapterName?: string } | undefined)?.adapterName).toBe('xhr');
  });

  it('repeats a 3xx without Location where a retry is allowed, bounded; never a plain POST', async () => {
    const { api, seen } = xhrLike([{ status: 302 }, { status: 200, data: 'ok' }]);
    let interceptor = 0;
    api.interceptors.request.use((c) => (interceptor++, c));
    attachStatusPolicy(api);
    const res = await api.post('/a', 'body', { headers: { 'Idempotency-Key': 'k1' } });
    expect(res.data).toBe('ok');
    expect(seen.map((c) => [c.method, c.data])).toEqual([['post', 'body'], ['post', 'body']]);
    // A hop, like a redirect: sent as the first one went out, without running interceptors again.
    expect(interceptor).toBe(1);
    expect(res.statusPolicy?.redirectChain).toEqual([{ method: 'POST', url: 'http://api.test/a', status: 302 }]);

    const plain = xhrLike([{ status: 302 }, { status: 200, data: 'ok' }]);
    attachStatusPolicy(plain.api);
    const settled = await failure(plain.api.post('/a', 'body'));
    expect(axios.isAxiosError(settled) && settled.response?.status).toBe(302);
    expect(plain.seen).toHaveLength(1);

    const always = xhrLike([{ status: 307 }]);
    attachStatusPolicy(always.api, { redirects: { maxRedirects: 2 } });
    const error = await failure(always.api.get('/a'));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.TOO_MANY_REDIRECTS);
    expect(always.seen).toHaveLength(3);
  });

  it('does not follow a Location itself: that 3xx settles as axios would', async () => {
    const { api, seen } = xhrLike([{ status: 302, headers: { location: '/b' } }]);
    attachStatusPolicy(api);
    const error = await failure(api.get('/a'));
    expect(axios.isAxiosError(error) && error.response?.status).toBe(302);
    expect(seen).toHaveLength(1);
  });

  it("turns a fetch 'manual' opaque redirect (status 0) into a typed error", async () => {
    const { api } = xhrLike([{ status: 0, request: { redirect: 'manual' } }]);
    attachStatusPolicy(api);
    const error = await failure(api.get('/a'));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.OPAQUE_REDIRECT);
    expect(isRedirectError(error) && error.response?.status).toBe(0);
  });

  it('a status 0 that is not a redirect (a file: URL in React Native) still resolves', async () => {
    const { api } = xhrLike([{ status: 0, request: { responseURL: 'file:///app/x.json' } }]);
    attachStatusPolicy(api);
    await expect(api.get('file:///app/x.json')).resolves.toMatchObject({ status: 0 });
  });

  it("reports where the browser's XHR ended up", async () => {
    const moved = xhrLike([{ status: 200, request: { responseURL: 'http://cdn.test/a#x' } }]);
    attachStatusPolicy(moved.api);
    expect((await moved.api.get('/a', { params: { q: 1 } })).statusPolicy?.finalUrl).toBe('http://cdn.test/a');
    const stayed = xhrLike([{ status: 200, request: { responseURL: 'http://api.test/a?q=1' } }]);
    attachStatusPolicy(stayed.api);
    expect((await stayed.api.get('/a', { params: { q: 1 } })).statusPolicy?.finalUrl).toBeUndefined();
  });
});

describe('redirect options', () => {
  it.each([
    [{ redirects: { follow: true } }, /unknown option "redirects.follow"/],
    [{ redirects: { stripHeaders: 'x-api-key' } }, /redirects.stripHeaders/],
    [{ redirects: { onRedirect: 1 } }, /redirects.onRedirect/],
    [{ redirects: { allowCrossOriginBody: 'yes' } }, /redirects.allowCrossOriginBody/],
    [{ redirects: { maxRedirects: -1 } }, /redirects.maxRedirects/],
  ])('rejects %j', (options, message) => {
    expect(() => attachStatusPolicy(axios.create(), options as never)).toThrow(StatusPolicyConfigError);
    expect(() => attachStatusPolicy(axios.create(), options as never)).toThrow(message);
  });
});
