import axios from 'axios';
import { attachStatusPolicy, isAlreadyDeleted, isFromCache } from '../../src';
import type { CachedResponse, StatusPolicyOptions } from '../../src';
import { useLiveServer } from '../helpers/live-server';
import type { Handler } from '../helpers/server';

const live = useLiveServer();

const client = (options: StatusPolicyOptions) => {
  const api = axios.create({ baseURL: live.server.url });
  attachStatusPolicy(api, options);
  return api;
};

/** A resource with a version: answers 304 when the request's validator matches it. */
function versioned(get: () => { etag?: string; lastModified?: string; body: unknown; vary?: string }): Handler {
  return (req, res) => {
    const v = get();
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const headers: Record<string, string> = {};
    if (v.etag) headers.ETag = v.etag;
    if (v.lastModified) headers['Last-Modified'] = v.lastModified;
    if (v.vary) headers.Vary = v.vary;
    if ((v.etag && inm === v.etag) || (!v.etag && v.lastModified && ims === v.lastModified)) {
      res.writeHead(304, { ...headers, 'X-Served': 'revalidated' });
      return res.end();
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'X-Served': 'full' });
    res.end(JSON.stringify(v.body));
  };
}

describe('304 over real HTTP', () => {
  it('without the cache a 304 resolves and nothing more is sent', async () => {
    live.handler = versioned(() => ({ etag: '"1"', body: { n: 1 } }));
    const api = client({});
    const res = await api.get('/doc', { headers: { 'If-None-Match': '"1"' } });
    expect(res.status).toBe(304);
    expect(res.statusText).toBe('Not Modified');
    expect(live.server.seen).toHaveLength(1);
  });

  it('ETag round trip', async () => {
    live.handler = versioned(() => ({ etag: 'W/"abc"', body: { n: 1 } }));
    const api = client({ notModified: { cache: true } });
    const first = await api.get('/doc');
    const second = await api.get('/doc');
    expect(live.server.seen.map((r) => r.headers['if-none-match'])).toEqual([undefined, 'W/"abc"']);
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    expect(second.headers['x-served']).toBe('revalidated'); // the 304's headers merged over the cached ones
    expect(second.headers['content-type']).toBe('application/json');
    expect(isFromCache(second)).toBe(true);
    expect(live.server.seen.every((r) => r.headers['cache-control'] === undefined && r.headers.pragma === undefined)).toBe(true);
  });

  it('Last-Modified round trip, and a changed resource replaces the entry', async () => {
    let version = { lastModified: 'Sun, 06 Nov 1994 08:49:37 GMT', body: { n: 1 } as unknown };
    live.handler = versioned(() => version);
    const api = client({ notModified: { cache: true } });
    await api.get('/doc');
    const hit = await api.get('/doc');
    expect(hit.data).toEqual({ n: 1 });
    expect(live.server.seen[1]!.headers['if-modified-since']).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
    version = { lastModified: 'Mon, 07 Nov 1994 08:49:37 GMT', body: { n: 2 } };
    const changed = await api.get('/doc');
    expect(changed.data).toEqual({ n: 2 });
    expect(isFromCache(changed)).toBe(false);
    await api.get('/doc');
    expect(live.server.seen[3]!.headers['if-modified-since']).toBe('Mon, 07 Nov 1994 08:49:37 GMT');
  });

  it('Vary: each Accept-Language variant revalidates with its own ETag', async () => {
    live.handler = (req, res, raw) =>
      versioned(() => ({ etag: `"${String(req.headers['accept-language'])}"`, body: { lang: req.headers['accept-language'] }, vary: 'Accept-Language' }))(req, res, raw);
    const api = client({ notModified: { cache: true } });
    await api.get('/doc', { headers: { 'Accept-Language': 'en' } });
    await api.get('/doc', { headers: { 'Accept-Language': 'de' } });
    const en = await api.get('/doc', { headers: { 'Accept-Language': 'en' } });
    const de = await api.get('/doc', { headers: { 'Accept-Language': 'de' } });
    expect(live.server.seen.map((r) => r.headers['if-none-match'])).toEqual([undefined, undefined, '"en"', '"de"']);
    expect([en.data, de.data]).toEqual([{ lang: 'en' }, { lang: 'de' }]);
    expect(isFromCache(en) && isFromCache(de)).toBe(true);
  });

  it('an entry evicted in flight: the 304 is re-sent once without validators', async () => {
    const store = new Map<string, CachedResponse>();
    let evict = false;
    live.handler = (req, res, raw) => {
      if (evict) store.clear();
      versioned(() => ({ etag: '"1"', body: { n: 1 } }))(req, res, raw);
    };
    const api = client({ notModified: { cache: { store } } });
    await api.get('/doc');
    evict = true;
    const res = await api.get('/doc');
    expect(live.server.seen.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"1"', undefined]);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ n: 1 });
    expect(res.statusPolicy).toMatchObject({ attempts: 2 });
  });

  it('LRU eviction by maxEntries: the evicted URL is fetched in full again', async () => {
    live.handler = versioned(() => ({ etag: '"1"', body: { n: 1 } }));
    const api = client({ notModified: { cache: { maxEntries: 1 } } });
    await api.get('/a');
    await api.get('/b'); // evicts /a
    await api.get('/a');
    expect(live.server.seen.map((r) => `${r.url} ${String(r.headers['if-none-match'])}`)).toEqual(['/a undefined', '/b undefined', '/a undefined']);
  });
});

describe('DELETE → 404 over real HTTP', () => {
  it('a DELETE of an already deleted item resolves; a GET of it rejects', async () => {
    live.handler = (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errorCode: 'CMN-102', message: 'Resource for parameter [id] is not found' }));
    };
    const api = client({});
    const del = await api.delete('/items/7');
    expect(del.status).toBe(404);
    expect(isAlreadyDeleted(del)).toBe(true);
    const error = await api.get('/items/7').catch((e: unknown) => e);
    expect(axios.isAxiosError(error)).toBe(true);
    expect((error as Error).message).toBe(`GET ${live.server.url}/items/7 failed with 404 Not Found: Resource for parameter [id] is not found`);
    expect(live.server.seen.map((r) => r.method)).toEqual(['DELETE', 'GET']);
  });
});
