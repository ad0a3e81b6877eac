// The status rules in real headless Chromium, on axios's xhr and fetch adapters. Each scenario is
// one entry below.
import type http from 'node:http';
import { batchBody } from '../helpers/batch';
import type { SeenRequest } from '../helpers/server';
import { chromiumAvailable, startHarness, withConsole } from './harness';
import type { Harness } from './harness';
import type { Adapter, CallResult, CallSpec, PageHarness } from './page-entry';

jest.setTimeout(60_000);

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
};

/** Answers in order; the last answer repeats. */
const sequence = (...answers: Array<(req: SeenRequest, res: http.ServerResponse) => void>) => {
  let i = 0;
  return (req: SeenRequest, res: http.ServerResponse) => answers[Math.min(i++, answers.length - 1)]!(req, res);
};

const call = (h: Harness, spec: CallSpec): Promise<CallResult> =>
  h.page.evaluate((s) => (window as unknown as { harness: PageHarness }).harness.call(s), spec);

interface Scenario {
  name: string;
  run(h: Harness, adapter: Adapter): Promise<void>;
}

const scenarios: Scenario[] = [
  {
    name: '500 → retry → 200',
    async run(h, adapter) {
      h.onApi(sequence((_q, r) => json(r, 500, { code: 'BOOM' }), (_q, r) => json(r, 200, { ok: true })));
      const out = await call(h, { adapter, options: { retry: { baseDelayMs: 20 } }, request: { url: '/api/flaky' } });
      expect(out).toMatchObject({ ok: true, status: 200, data: { ok: true }, statusPolicy: { attempts: 2 } });
      expect(h.seen).toHaveLength(2);
    },
  },
  {
    name: '429 Retry-After: 1 is honoured (server-side gap ≥ 1 s), body re-sent',
    async run(h, adapter) {
      h.onApi(sequence((_q, r) => json(r, 429, {}, { 'retry-after': '1' }), (_q, r) => json(r, 200, { ok: true })));
      const out = await call(h, { adapter, request: { url: '/api/orders', method: 'POST', data: { n: 1 } } });
      expect(out).toMatchObject({ ok: true, status: 200, statusPolicy: { attempts: 2, retryAfterMs: 1000 } });
      expect(h.seen.map((r) => r.body)).toEqual(['{"n":1}', '{"n":1}']);
      expect(h.seen[1]!.at - h.seen[0]!.at).toBeGreaterThanOrEqual(990);
    },
  },
  {
    name: 'cross-origin 429: Retry-After is read when the API exposes it (CORS)',
    async run(h, adapter) {
      const expose = { 'access-control-expose-headers': 'Retry-After, ETag' };
      h.onApi(sequence((_q, r) => json(r, 429, {}, { 'retry-after': '1', ...expose }), (_q, r) => json(r, 200, { ok: true }, expose)));
      const out = await call(h, { adapter, request: { url: `${h.crossOrigin}/api/limited` } });
      expect(out).toMatchObject({ ok: true, status: 200, statusPolicy: { retryAfterMs: 1000 } });
      expect(h.seen[1]!.at - h.seen[0]!.at).toBeGreaterThanOrEqual(990);
    },
  },
  {
    name: 'cross-origin 429 without Access-Control-Expose-Headers: Retry-After is invisible, backoff is used',
    async run(h, adapter) {
      h.onApi(sequence((_q, r) => json(r, 429, {}, { 'retry-after': '1' }), (_q, r) => json(r, 200, { ok: true })));
      const out = await call(h, { adapter, options: { rateLimit: { baseDelayMs: 20 } }, request: { url: `${h.crossOrigin}/api/limited` } });
      // The browser hides the header from JS: the policy cannot know the server's wish.
      expect(out).toMatchObject({ ok: true, status: 200, statusPolicy: { attempts: 2 } });
      expect((out.statusPolicy as { retryAfterMs?: number }).retryAfterMs).toBeUndefined();
    },
  },
  {
    name: 'abort during a Retry-After wait: CanceledError at once, nothing more sent',
    async run(h, adapter) {
      h.onApi((_q, r) => json(r, 503, {}, { 'retry-after': '30' }));
      const out = await call(h, { adapter, abortDuringWaitMs: 50, request: { url: '/api/slow' } });
      expect(out.ok).toBe(false);
      expect(out.error).toMatchObject({ isCancel: true, code: 'ERR_CANCELED' });
      expect(h.seen).toHaveLength(1);
    },
  },
  {
    name: 'a redirect is followed by the browser itself (303 POST → GET), before the policy sees it',
    async run(h, adapter) {
      h.onApi((q, r) =>
        q.url === '/api/old' ? r.writeHead(303, { location: '/api/new', 'cache-control': 'no-store' }).end() : json(r, 200, { at: q.url, method: q.method }),
      );
      const out = await call(h, { adapter, request: { url: '/api/old', method: 'POST', data: { a: 1 } } });
      expect(out).toMatchObject({ ok: true, status: 200, data: { at: '/api/new', method: 'GET' }, statusPolicy: { attempts: 1 } });
      expect(h.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/old', 'GET /api/new']);
      // As README's redirect matrix says: the XHR's responseURL gives the final URL; fetch has none.
      const { finalUrl } = out.statusPolicy as { finalUrl?: string };
      expect(finalUrl).toBe(adapter === 'xhr' ? `${h.origin}/api/new` : undefined);
    },
  },
  {
    name: '401 burst: one refresh, every request repeated once with the new token',
    async run(h, adapter) {
      h.onApi((q, r) => {
        if (q.url === '/api/token') return json(r, 200, { token: 'fresh' });
        if (q.headers.authorization === 'Bearer fresh') return json(r, 200, { me: q.url });
        json(r, 401, { code: 'TOKEN_EXPIRED' });
      });
      const out = await h.page.evaluate((s) => (window as unknown as { harness: PageHarness }).harness.authBurst(s), { adapter, n: 5 });
      expect(out.refreshes).toBe(1);
      expect(out.results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(h.seen.filter((r) => r.url === '/api/token')).toHaveLength(1);
      expect(h.seen.filter((r) => r.url.startsWith('/api/me'))).toHaveLength(10);
    },
  },
  {
    name: '207 multipart/mixed batch is parsed from the text body',
    async run(h, adapter) {
      const b = 'Boundary_1';
      const body = batchBody(b, [
        { status: 200, body: { id: 1 } },
        { status: 404, body: { errorCode: 'NotFound' } },
      ]);
      h.onApi((_q, r) => r.writeHead(207, { 'content-type': `multipart/mixed; boundary=${b}` }).end(body));
      const out = await call(h, { adapter, request: { url: '/api/batch/1,2' } });
      expect(out).toMatchObject({ ok: true, status: 207 });
      expect(out.data).toMatchObject([
        { status: 200, data: { id: 1 } },
        { status: 404, data: { errorCode: 'NotFound' } },
      ]);
    },
  },
  {
    name: 'DELETE → 404 resolves as already deleted',
    async run(h, adapter) {
      h.onApi((_q, r) => json(r, 404, { code: 'NOT_FOUND' }));
      const out = await call(h, { adapter, request: { url: '/api/items/1', method: 'DELETE' } });
      expect(out).toMatchObject({ ok: true, status: 404, statusPolicy: { alreadyDeleted: true } });
      expect(h.seen).toHaveLength(1);
    },
  },
  {
    name: '304 with the validator cache: If-None-Match sent, cached body returned',
    async run(h, adapter) {
      h.onApi((q, r) =>
        q.headers['if-none-match'] === '"v1"'
          ? r.writeHead(304, { etag: '"v1"', 'cache-control': 'no-store' }).end()
          : // Storable (no-cache, not no-store), so a cache that honours no-store may keep it.
            json(r, 200, { doc: 1 }, { etag: '"v1"', 'cache-control': 'no-cache' }),
      );
      const spec: CallSpec = { adapter, options: { notModified: { cache: true } }, request: { url: '/api/doc' } };
      // One instance for both calls: the cache lives on the instance.
      const out = await h.page.evaluate(async (s) => {
        const { axios, lib } = window as unknown as { axios: typeof import('axios').default; lib: typeof import('../../src') };
        const api = axios.create({ adapter: s.adapter });
        lib.attachStatusPolicy(api, s.options);
        const first = await api.request(s.request);
        const second = await api.request(s.request);
        return { first: first.data as unknown, second: second.data as unknown, status: second.status };
      }, spec);
      expect(out.first).toEqual({ doc: 1 });
      expect(out.second).toEqual({ doc: 1 });
      expect(h.seen.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    },
  },
];

const suite = chromiumAvailable() ? describe : describe.skip;

suite.each(['xhr', 'fetch'] as const)('Chromium, %s adapter', (adapter) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  for (const s of scenarios) {
    it(s.name, () => withConsole(h, () => s.run(h, adapter)));
  }
});
