import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { attachStatusPolicy, isFromCache, StatusPolicyConfigError } from '../../src';
import type { CachedResponse, ValidatorStore } from '../../src';
import { rig } from '../helpers/mock';

const header = (h: unknown, name: string): unknown => (h as { get(n: string): unknown }).get(name);

describe('304 without the cache', () => {
  it('resolves the 304 as is and sends nothing more', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(304, undefined, { etag: '"a"' });
    const res = await api.get('/x', { headers: { 'If-None-Match': '"a"' } });
    expect(res.status).toBe(304);
    expect(isFromCache(res)).toBe(false);
    expect(mock.history.get).toHaveLength(1);
  });

  it('adds no validators and remembers nothing', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(200, { v: 1 }, { etag: '"a"' });
    await api.get('/x');
    await api.get('/x');
    expect(header(mock.history.get[1]!.headers, 'If-None-Match')).toBeUndefined();
  });

  it('notModified: false lets axios reject the 304', async () => {
    const { api, mock } = rig({ notModified: false });
    mock.onGet('/x').reply(304);
    await expect(api.get('/x')).rejects.toMatchObject({ response: { status: 304 } });
  });
});

describe('validator cache', () => {
  it('ETag round trip: remembers the 200, revalidates, answers the 304 from the cache', async () => {
    const { api, mock, events } = rig({ notModified: { cache: true } });
    mock.onGet('/doc').replyOnce(200, { v: 1 }, { etag: '"v1"', 'content-type': 'application/json', 'x-a': 'old' });
    mock.onGet('/doc').replyOnce(304, undefined, { etag: '"v1"', 'x-a': 'new' });
    const first = await api.get('/doc');
    const second = await api.get('/doc');
    expect(header(mock.history.get[0]!.headers, 'If-None-Match')).toBeUndefined();
    expect(header(mock.history.get[1]!.headers, 'If-None-Match')).toBe('"v1"');
    expect(second.status).toBe(200);
    expect(second.data).toEqual({ v: 1 });
    expect(second.data).not.toBe(first.data); // a fresh copy each time
    expect(header(second.headers, 'x-a')).toBe('new');
    expect(header(second.headers, 'content-type')).toBe('application/json');
    expect(second.statusPolicy).toMatchObject({ fromCache: true, attempts: 1 });
    expect(isFromCache(second)).toBe(true);
    expect(isFromCache(first)).toBe(false);
    expect(mock.history.get).toHaveLength(2);
    expect(events).toContainEqual(expect.objectContaining({ type: 'resolve', policy: 'notModified', status: 304 }));
  });

  it('Last-Modified round trip', async () => {
    const { api, mock } = rig({ notModified: { cache: true } });
    const lm = 'Sun, 06 Nov 1994 08:49:37 GMT';
    mock.onGet('/doc').replyOnce(200, 'text body', { 'last-modified': lm }).onGet('/doc').replyOnce(304);
    await api.get('/doc');
    const res = await api.get('/doc');
    expect(header(mock.history.get[1]!.headers, 'If-Modified-Since')).toBe(lm);
    expect(header(mock.history.get[1]!.headers, 'If-None-Match')).toBeUndefined();
    expect(res.data).toBe('text body');
    expect(isFromCache(res)).toBe(true);
  });

  it('keys on the full URL, params included', async () => {
    const { api, mock } = rig({ notModified: { cache: true } });
    mock.onGet('/list').reply(200, [], { etag: '"p1"' });
    await api.get('/list', { params: { page: 1 } });
    await api.get('/list', { params: { page: 2 } });
    await api.get('/list', { params: { page: 1 } });
    expect(mock.history.get.map((c) => header(c.headers, 'If-None-Match'))).toEqual([undefined, undefined, '"p1"']);
  });

  it('Vary: keys on the request header values; Vary: * is never stored', async () => {
    const { api, mock } = rig({ notModified: { cache: true } });
    mock.onGet('/v').reply((c) => [200, { lang: header(c.headers, 'Accept-Language') }, { etag: `"${String(header(c.headers, 'Accept-Language'))}"`, vary: 'Accept-Language' }]);
    mock.onGet('/star').reply(200, {}, { etag: '"s"', vary: '*' });
    await api.get('/v', { headers: { 'Accept-Language': 'en' } });
    await api.get('/v', { headers: { 'Accept-Language': 'de' } });
    await api.get('/v', { headers: { 'Accept-Language': 'en' } });
    await api.get('/v', { headers: { 'Accept-Language': 'fr' } });
    expect(mock.history.get.map((c) => header(c.headers, 'If-None-Match'))).toEqual([undefined, undefined, '"en"', undefined]);
    await api.get('/star');
    await api.get('/star');
    expect(header(mock.history.get[5]!.headers, 'If-None-Match')).toBeUndefined();
  });

  it('store keys are the URL plus each varied header (persisted stores keep working across versions)', async () => {
    const store = new Map<string, CachedResponse>();
    const { api, mock } = rig({ notModified: { cache: { store } } });
    mock.onGet('/v').reply(200, 'x', { etag: '"e"', vary: 'Accept-Language, X-B, accept-language' });
    mock.onGet('/plain').reply(200, 'y', { etag: '"p"' });
    await api.get('/v', { headers: { 'Accept-Language': 'en' } });
    await api.get('/plain');
    expect([...store.keys()]).toEqual(['http://api.test/v\naccept-language:en\nx-b:', 'http://api.test/plain']);
    expect(store.get('http://api.test/plain')).toMatchObject({ key: 'http://api.test/plain', status: 200, text: 'y', etag: '"p"' });
  });

  it('revalidates when an interceptor running after ours adds the varied header or a param', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    // Registered before attaching: axios runs it after the policy's request interceptor.
    api.interceptors.request.use((c) => {
      c.headers.set('Authorization', 'Bearer t');
      c.params = { ...(c.params as object), key: 'k' };
      return c;
    });
    const mock = new MockAdapter(api);
    attachStatusPolicy(api, { notModified: { cache: true } });
    mock.onGet('/me').replyOnce(200, { me: 1 }, { etag: '"m"', vary: 'Authorization' }).onGet('/me').replyOnce(304);
    await api.get('/me');
    const res = await api.get('/me');
    expect(header(mock.history.get[1]!.headers, 'If-None-Match')).toBe('"m"');
    expect(isFromCache(res)).toBe(true);
  });

  it('the caller’s own validators win: none added, the 304 is theirs', async () => {
    const { api, mock } = rig({ notModified: { cache: true } });
    mock.onGet('/doc').replyOnce(200, { v: 1 }, { etag: '"v1"' }).onGet('/doc').reply(304);
    await api.get('/doc');
    const res = await api.get('/doc', { headers: { 'If-None-Match': '"mine"' } });
    expect(header(mock.history.get[1]!.headers, 'If-None-Match')).toBe('"mine"');
    expect(res.status).toBe(304);
    expect(isFromCache(res)).toBe(false);
  });

  it('header names in any case: a mixed-case ETag is remembered, a caller’s IF-MODIFIED-SINCE wins', async () => {
    const { api, mock } = rig({ notModified: { cache: true } });
    // A function adapter, so the header names reach axios exactly as spelled here.
    mock.onGet('/doc').replyOnce(() => [200, { v: 1 }, { ETag: '"v1"' }]).onGet('/doc').reply(304);
    await api.get('/doc');
    const ours = await api.get('/doc');
    expect(header(mock.history.get[1]!.headers, 'If-None-Match')).toBe('"v1"');
    expect(isFromCache(ours)).toBe(true);
    const theirs = await api.get('/doc', { headers: { 'IF-MODIFIED-SINCE': 'Sun, 06 Nov 1994 08:49:37 GMT' } });
    expect(header(mock.history.get[2]!.headers, 'If-None-Match')).toBeUndefined();
    expect(theirs.status).toBe(304);
    expect(isFromCache(theirs)).toBe(false);
  });

  it('a 304 whose entry was evicted in flight is re-sent once, without validators', async () => {
    const store = new Map<string, CachedResponse>();
    const { api, mock, events } = rig({ notModified: { cache: { store } } });
    mock.onGet('/doc').replyOnce(200, { v: 1 }, { etag: '"v1"' });
    mock.onGet('/doc').replyOnce(() => {
      store.clear(); // evicted while the request was on the wire
      return [304];
    });
    mock.onGet('/doc').replyOnce(200, { v: 2 }, { etag: '"v2"' });
    await api.get('/doc');
    const res = await api.get('/doc');
    expect(res.data).toEqual({ v: 2 });
    expect(mock.history.get.map((c) => header(c.headers, 'If-None-Match'))).toEqual([undefined, '"v1"', undefined]);
    expect(res.statusPolicy).toMatchObject({ attempts: 2, delays: [0] });
    expect(events).toContainEqual(expect.objectContaining({ type: 'retry', policy: 'notModified', status: 304 }));
    // and the new 200 is remembered
    expect([...store.values()].map((e) => e.etag)).toEqual(['"v2"']);
  });

  it('re-sends only once: a second 304 resolves as is', async () => {
    const store = new Map<string, CachedResponse>();
    const { api, mock } = rig({ notModified: { cache: { store } } });
    mock.onGet('/doc').replyOnce(200, { v: 1 }, { etag: '"v1"' });
    mock.onGet('/doc').reply(() => {
      store.clear();
      return [304];
    });
    await api.get('/doc');
    const res = await api.get('/doc');
    expect(res.status).toBe(304);
    expect(mock.history.get).toHaveLength(3);
  });

  it('LRU: maxEntries evicts the least recently used', async () => {
    const store = new Map<string, CachedResponse>();
    const { api, mock } = rig({ notModified: { cache: { store, maxEntries: 2 } } });
    mock.onGet(/\/r\d/).reply((c) => [200, {}, { etag: `"${c.url ?? ''}"` }]);
    await api.get('/r1');
    await api.get('/r2');
    mock.resetHistory();
    mock.onGet('/r1').replyOnce(304); // touch r1, so r2 is the oldest
    await api.get('/r1');
    await api.get('/r3');
    expect([...store.keys()].sort()).toEqual(['http://api.test/r1', 'http://api.test/r3']);
  });

  it('in-memory cache: a URL is looked up while it has an entry, across hits, evictions and re-stores', async () => {
    // Without a store, a GET whose URL has no entry skips the lookup: the count behind that must
    // follow every hit, eviction and replacement.
    const { api, mock } = rig({ notModified: { cache: { maxEntries: 1 } } });
    mock.onGet('/a').replyOnce(200, { a: 1 }, { etag: '"a"' });
    mock.onGet('/a').replyOnce(304).onGet('/a').replyOnce(304);
    mock.onGet('/b').replyOnce(200, { b: 1 }, { etag: '"b"' });
    mock.onGet('/a').replyOnce(200, { a: 2 }, { etag: '"a2"' }).onGet('/a').replyOnce(304);
    await api.get('/a');
    expect(isFromCache(await api.get('/a'))).toBe(true);
    expect(isFromCache(await api.get('/a'))).toBe(true); // a hit keeps the entry counted
    await api.get('/b'); // evicts /a
    await api.get('/a'); // no validators: stored again
    const again = await api.get('/a');
    const sent = mock.history.get.map((c) => header(c.headers, 'If-None-Match'));
    expect(sent).toEqual([undefined, '"a"', '"a"', undefined, undefined, '"a2"']);
    expect(again.data).toEqual({ a: 2 });
  });

  it('LRU: maxBytes bounds the total, and a body bigger than it is not stored', async () => {
    const store = new Map<string, CachedResponse>();
    const { api, mock } = rig({ notModified: { cache: { store, maxBytes: 400 } } });
    mock.onGet('/big').reply(200, 'x'.repeat(500), { etag: '"b"' });
    mock.onGet(/\/s\d/).reply(200, 'y'.repeat(120), { etag: '"s"' });
    await api.get('/big');
    expect(store.size).toBe(0);
    for (const u of ['/s1', '/s2', '/s3']) await api.get(u);
    const total = [...store.values()].reduce((n, e) => n + e.size, 0);
    expect(total).toBeLessThanOrEqual(400);
    expect(store.has('http://api.test/s3')).toBe(true);
    expect(store.has('http://api.test/s2')).toBe(true);
    expect(store.has('http://api.test/s1')).toBe(false);
  });

  it('works with an async store (AsyncStorage-like), and a failing store is only a miss', async () => {
    const data = new Map<string, string>();
    const store: ValidatorStore = {
      get: async (k) => {
        const v = data.get(k);
        return v === undefined ? undefined : (JSON.parse(v) as CachedResponse);
      },
      set: async (k, v) => void data.set(k, JSON.stringify(v)),
      delete: async (k) => void data.delete(k),
    };
    const { api, mock } = rig({ notModified: { cache: { store } } });
    mock.onGet('/doc').replyOnce(200, { v: 1 }, { etag: '"v1"' }).onGet('/doc').replyOnce(304);
    await api.get('/doc');
    const res = await api.get('/doc');
    expect(res.data).toEqual({ v: 1 });
    expect(isFromCache(res)).toBe(true);

    const broken: ValidatorStore = {
      get: () => {
        throw new Error('quota');
      },
      set: () => Promise.reject(new Error('quota')),
      delete: () => undefined,
    };
    const r2 = rig({ notModified: { cache: { store: broken } } });
    r2.mock.onGet('/doc').reply(200, { v: 1 }, { etag: '"v1"' });
    await expect(r2.api.get('/doc')).resolves.toMatchObject({ status: 200 });
    await expect(r2.api.get('/doc')).resolves.toMatchObject({ status: 200 });
  });

  it('does not store no-store responses, non-GETs, or byte bodies', async () => {
    const store = new Map<string, CachedResponse>();
    const { api, mock } = rig({ notModified: { cache: { store } } });
    mock.onGet('/ns').reply(200, {}, { etag: '"a"', 'cache-control': 'private, no-store' });
    mock.onPost('/p').reply(200, {}, { etag: '"a"' });
    mock.onGet('/bytes').reply(200, new ArrayBuffer(4), { etag: '"a"' });
    await api.get('/ns');
    await api.post('/p', {});
    await api.get('/bytes', { responseType: 'arraybuffer' });
    expect(store.size).toBe(0);
  });

  it('never adds cache-busting headers', async () => {
    const { api, mock } = rig({ notModified: { cache: true } });
    mock.onGet('/doc').reply(200, {}, { etag: '"v1"' });
    await api.get('/doc');
    await api.get('/doc');
    const names = Object.keys((mock.history.get[1]!.headers as { toJSON(): object }).toJSON()).map((n) => n.toLowerCase());
    expect(names.filter((n) => /cache-control|pragma|expires/.test(n))).toEqual([]);
    expect(mock.history.get[1]!.url).toBe('/doc');
  });

  it('can be turned off per request', async () => {
    const { api, mock } = rig({ notModified: { cache: true } });
    mock.onGet('/doc').reply(200, {}, { etag: '"v1"' });
    await api.get('/doc');
    await api.get('/doc', { statusPolicy: { notModified: { cache: false } } });
    expect(header(mock.history.get[1]!.headers, 'If-None-Match')).toBeUndefined();
  });

  it('rejects malformed cache options', () => {
    expect(() => rig({ notModified: { cache: { maxEntries: 0 } } })).toThrow(StatusPolicyConfigError);
    expect(() => rig({ notModified: { cache: { store: {} as ValidatorStore } } })).toThrow(/get, set and delete/);
    expect(() => rig({ notModified: { cache: { maxBites: 1 } as never } })).toThrow(/unknown option "notModified.cache.maxBites"/);
  });
});
