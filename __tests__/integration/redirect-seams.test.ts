// axios's own redirect settings, as the plugin honours them, side by side with plain axios (its
// http adapter and follow-redirects) over two real loopback servers (two ports: two origins).
// Each case was a finding of the second adversarial review (issue 19): a guard written for plain
// axios that failed open with the plugin, a header the hook deleted that still reached another
// origin, userinfo in a Location, a caller's maxRedirects cut to ours.
import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import net from 'node:net';
import { ErrorCodes, attachStatusPolicy, isRedirectError } from '../../src';
import { adapterUnderTest } from '../helpers/adapter-env';
import { useTwoOrigins } from '../helpers/two-origins';

// Routes on both servers: /to?location=L answers 302 with Location L; /chain/N 302s to /chain/N+1
// up to /chain/15 (fifteen hops), which answers 200; anything else echoes the request.
const origins = useTwoOrigins(() => (req, res) => {
  const url = new URL(req.url, 'http://x');
  const location = url.searchParams.get('location');
  if (url.pathname === '/to' && location) {
    res.writeHead(302, { Location: location, 'X-From': 'redirector' });
    return void res.end();
  }
  const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
  if (chain && Number(chain[1]) < 15) {
    res.writeHead(302, { Location: `/chain/${Number(chain[1]) + 1}` });
    return void res.end();
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ url: req.url, authorization: req.headers.authorization ?? null }));
});

const to = (location: string): string => `/to?location=${encodeURIComponent(location)}`;

/** Plain axios, following with follow-redirects: the behaviour the plugin is compared with. */
const plain = (config: AxiosRequestConfig = {}): AxiosInstance => axios.create({ baseURL: origins.a.url, adapter: 'http', ...config });
/**
 * Plain axios where it behaves as the axios the plugin follows: axios 1.12, the lowest of the peer
 * range (AXIOS_UNDER_TEST=lowest), neither hands `beforeRedirect` the request's details nor puts
 * the caller's `auth` back on a same-origin hop; later axios does both, and so does the plugin. On
 * the lowest axios the rows that hinge on that check the plugin alone.
 */
const plainAsCurrent = (): AxiosInstance[] => (process.env.AXIOS_UNDER_TEST === 'lowest' ? [] : [plain()]);
/** The same instance with the policy attached (on the adapter under test: AXIOS_ADAPTER). */
const policed = (config: AxiosRequestConfig = {}): AxiosInstance => {
  const api = axios.create({ baseURL: origins.a.url, adapter: adapterUnderTest, ...config });
  attachStatusPolicy(api);
  return api;
};

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );

describe('beforeRedirect as an SSRF guard', () => {
  // The guard as it is commonly written for axios in Node: an IP literal in a blocked range is refused.
  const blocked = new net.BlockList();
  blocked.addSubnet('127.0.0.0', 8, 'ipv4');
  blocked.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
  blocked.addAddress('::1', 'ipv6');
  const refused: string[] = [];
  const guard = (options: Record<string, unknown>): void => {
    const host = String(options.hostname);
    const family = net.isIP(host);
    if (family && blocked.check(host, family === 4 ? 'ipv4' : 'ipv6')) {
      refused.push(host);
      throw new Error(`redirect to ${host} refused`);
    }
  };
  beforeEach(() => refused.splice(0));

  it('refuses a 302 to a bracketed IPv4-mapped loopback address, as plain axios does', async () => {
    const target = `http://[::ffff:127.0.0.1]:${origins.b.port}/internal`;
    const withoutPolicy = await failure(plain().get(to(target), { beforeRedirect: guard }));
    expect(axios.isAxiosError(withoutPolicy)).toBe(true);
    expect(refused).toEqual(['::ffff:7f00:1']);
    expect(origins.b.seen).toHaveLength(0);

    refused.splice(0);
    const error = await failure(policed().get(to(target), { beforeRedirect: guard }));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.REDIRECT_REFUSED);
    expect(refused).toEqual(['::ffff:7f00:1']);
    expect(origins.b.seen).toHaveLength(0);
  });
});

describe('what beforeRedirect is handed', () => {
  type Seen = { options: Record<string, unknown>; response: unknown; request: unknown };
  const record =
    (seen: Seen[], edit?: (options: Record<string, unknown>) => void) =>
    (options: Record<string, unknown>, response: unknown, request: unknown): void => {
      // A snapshot before the edit: the hook is handed the live object.
      seen.push({ options: { ...options, headers: { ...(options.headers as object) } }, response, request });
      edit?.(options);
    };

  it('the options follow-redirects hands it: unbracketed hostname, numeric port, the real headers after stripping', async () => {
    const headers = { Authorization: 'Bearer t', 'X-Api-Key': 'k', 'X-Trace': 't' };
    const location = `${origins.b.url}/next?q=1`;
    const fromPlain: Seen[] = [];
    for (const api of plainAsCurrent()) await api.get(to(location), { headers, beforeRedirect: record(fromPlain) });
    const fromPolicy: Seen[] = [];
    await policed().get(to(location), { headers, beforeRedirect: record(fromPolicy) });

    const expected = {
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: origins.b.port,
      path: '/next?q=1',
      method: 'GET',
      headers: expect.objectContaining({ 'X-Api-Key': 'k', 'X-Trace': 't' }),
    };
    for (const seen of plainAsCurrent().length ? [fromPlain, fromPolicy] : [fromPolicy]) {
      expect(seen).toHaveLength(1);
      const [{ options, response, request }] = seen as [Seen];
      expect(options).toMatchObject(expected);
      // Credentials are already gone when the hook sees the next request's headers.
      expect(Object.keys(options.headers as object).map((h) => h.toLowerCase())).not.toContain('authorization');
      expect(response).toMatchObject({ statusCode: 302, headers: expect.objectContaining({ location, 'x-from': 'redirector' }) });
      expect(request).toMatchObject({ method: 'GET', url: `${origins.a.url}${to(location)}`, headers: expect.objectContaining({ 'X-Api-Key': 'k' }) });
    }
  });

  it('a header the hook deletes is not sent, one it sets is, as with plain axios', async () => {
    const edit = (options: Record<string, unknown>): void => {
      const headers = options.headers as Record<string, string>;
      delete headers['X-Api-Key'];
      headers['X-Hop'] = 'set by the hook';
    };
    const location = `${origins.b.url}/echo`;
    for (const api of [plain(), policed()]) {
      origins.b.seen.splice(0);
      await api.get(to(location), { headers: { 'X-Api-Key': 'k' }, beforeRedirect: record([], edit) });
      expect(origins.a.seen.at(-1)?.headers['x-api-key']).toBe('k');
      const [atB] = origins.b.seen;
      expect(atB?.headers['x-api-key']).toBeUndefined();
      expect(atB?.headers['x-hop']).toBe('set by the hook');
    }
  });

  it('the hook may drop the caller’s basic auth on a same-origin hop, as with plain axios', async () => {
    const edit = (options: Record<string, unknown>): void => {
      expect(options.auth).toBe('u:p');
      delete options.auth;
    };
    for (const api of [...plainAsCurrent(), policed()]) {
      origins.a.seen.splice(0);
      await api.get(to('/echo'), { auth: { username: 'u', password: 'p' }, beforeRedirect: record([], edit) });
      expect(origins.a.seen.map((s) => s.headers.authorization)).toEqual([`Basic ${Buffer.from('u:p').toString('base64')}`, undefined]);
    }
  });
  it('a hook that points the hop at another origin: it goes there, without the credentials', async () => {
    // follow-redirects strips before the hook runs, so plain axios would send the token on to b here.
    const retarget = (options: Record<string, unknown>): void => {
      options.port = origins.b.port;
    };
    await policed().get(to('/echo'), { headers: { Authorization: 'Bearer t', 'X-Trace': 't' }, beforeRedirect: retarget });
    expect(origins.a.seen.map((s) => s.url)).toEqual([to('/echo')]);
    expect(origins.b.seen.map((s) => [s.url, s.headers.authorization, s.headers['x-trace']])).toEqual([['/echo', undefined, 't']]);
  });
});

describe('userinfo in a Location', () => {
  const basic = (userinfo: string): string => `Basic ${Buffer.from(userinfo).toString('base64')}`;

  it.each([
    ['a bearer header', { headers: { Authorization: 'Bearer t' } }, 'Bearer t'],
    ['axios auth', { auth: { username: 'u', password: 'p' } }, basic('u:p')],
    ['no credentials', {}, undefined],
  ] as const)('never replaces the caller’s credentials (%s), as with plain axios', async (_, config, expected) => {
    const sameOrigin = `http://evil:pw@127.0.0.1:${origins.a.port}/echo`;
    const otherOrigin = `http://evil:pw@127.0.0.1:${origins.b.port}/echo`;
    for (const api of [...plainAsCurrent(), policed()]) {
      origins.a.seen.splice(0);
      origins.b.seen.splice(0);
      await api.get(to(sameOrigin), config);
      expect(origins.a.seen.map((s) => s.headers.authorization)).toEqual([expected, expected]);
      await api.get(to(otherOrigin), config);
      expect(origins.b.seen.map((s) => s.headers.authorization)).toEqual([undefined]);
    }
  });
  it('the userinfo of the URL the caller asked still goes to a same-origin hop, never to another origin, as with plain axios', async () => {
    // The http adapter only: Node's fetch refuses a URL with credentials outright.
    const asked = (location: string): string => `http://u:p@127.0.0.1:${origins.a.port}${to(location)}`;
    const withPolicy = axios.create({ adapter: 'http' });
    attachStatusPolicy(withPolicy);
    for (const api of [...plainAsCurrent().map(() => axios.create({ adapter: 'http' })), withPolicy]) {
      origins.a.seen.splice(0);
      origins.b.seen.splice(0);
      await api.get(asked('/echo'));
      expect(origins.a.seen.map((s) => s.headers.authorization)).toEqual([basic('u:p'), basic('u:p')]);
      await api.get(asked(`${origins.b.url}/echo`));
      expect(origins.b.seen.map((s) => s.headers.authorization)).toEqual([undefined]);
    }
  });
});

describe("the caller's maxRedirects", () => {
  it('a request’s maxRedirects above the plugin’s default is honoured, as plain axios honours it', async () => {
    const withoutPolicy = await plain().get('/chain/0', { maxRedirects: 50 });
    expect(withoutPolicy.data).toMatchObject({ url: '/chain/15' });

    const res = await policed().get('/chain/0', { maxRedirects: 50 });
    expect(res.data).toMatchObject({ url: '/chain/15' });
    expect(res.statusPolicy?.redirectChain).toHaveLength(15);
  });

  it('so is one set on the instance', async () => {
    const res = await policed({ maxRedirects: 20 }).get('/chain/0');
    expect(res.statusPolicy?.redirectChain).toHaveLength(15);
    const error = await failure(policed({ maxRedirects: 12 }).get('/chain/0'));
    expect(isRedirectError(error) && [error.code, error.redirectChain.length]).toEqual([ErrorCodes.TOO_MANY_REDIRECTS, 13]);
  });

  it('without one, redirects.maxRedirects (10) is the limit', async () => {
    const error = await failure(policed().get('/chain/0'));
    expect(isRedirectError(error) && [error.code, error.redirectChain.length]).toEqual([ErrorCodes.TOO_MANY_REDIRECTS, 11]);
  });
});
