import axios from 'axios';
import { attachStatusPolicy } from '../../src';
import { startServer } from '../helpers/server';
import type { TestServer } from '../helpers/server';

// Security of the redirects policy (Node follows hops itself): credentials never reach a second
// origin, and a Location with another scheme is refused. Two loopback servers on different
// ports are two origins. Skipped until src/policies/redirect.ts is more than its placeholder.

const SECRET_HEADERS = {
  Authorization: 'Bearer secret-token',
  Cookie: 'session=secret',
  'Proxy-Authorization': 'Basic c2VjcmV0',
  'X-Api-Key': 'secret-key', // configured as secret through redirects.stripHeaders
};

let a: TestServer;
let b: TestServer;
let hostileLocation = '';

beforeAll(async () => {
  b = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"landed":true}');
  });
  a = await startServer((req, res) => {
    const [, route, status] = req.url.split('/');
    if (route === 'cross') {
      res.writeHead(Number(status), { location: `${b.url}/landing` });
    } else if (route === 'protocol-relative') {
      res.writeHead(302, { location: `//127.0.0.1:${b.port}/landing` });
    } else if (route === 'hostile') {
      res.writeHead(302, { location: hostileLocation });
    } else {
      res.writeHead(404);
    }
    res.end();
  });
});

afterAll(async () => {
  await a.close();
  await b.close();
});

beforeEach(() => {
  a.seen.length = 0;
  b.seen.length = 0;
});

const client = () => {
  const api = axios.create({ baseURL: a.url, headers: SECRET_HEADERS });
  const handle = attachStatusPolicy(api, { redirects: { maxRedirects: 5, stripHeaders: ['X-Api-Key'] } });
  return { api, handle };
};

describe('redirect security', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`${status} to another origin: no Authorization, Cookie, Proxy-Authorization or configured secret arrives there`, async () => {
      const { api, handle } = client();
      const res = await api.get(`/cross/${status}`);
      handle.detach();
      expect(res.status).toBe(200);
      expect(b.seen).toHaveLength(1);
      const headers = b.seen[0]!.headers;
      expect({ authorization: headers.authorization, cookie: headers.cookie, proxy: headers['proxy-authorization'], secret: headers['x-api-key'] }).toEqual({
        authorization: undefined,
        cookie: undefined,
        proxy: undefined,
        secret: undefined,
      });
    });
  }

  for (const status of [307, 308]) {
    it(`${status} PUT to another origin: refused, or sent without credentials`, async () => {
      const { api, handle } = client();
      const outcome = await api.put(`/cross/${status}`, { x: 1 }).then(
        () => 'sent',
        (e: unknown) => (axios.isAxiosError(e) ? 'refused' : 'crashed'),
      );
      handle.detach();
      expect(outcome).not.toBe('crashed');
      if (outcome === 'refused') expect(b.seen).toHaveLength(0);
      else expect(b.seen[0]?.headers.authorization).toBeUndefined();
    });
  }

  it('a protocol-relative Location to another origin is stripped too', async () => {
    const { api, handle } = client();
    await api.get('/protocol-relative');
    handle.detach();
    expect(b.seen[0]?.headers.authorization).toBeUndefined();
    expect(b.seen[0]?.headers.cookie).toBeUndefined();
  });

  for (const location of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hi', 'ftp://127.0.0.1/x', 'gopher://127.0.0.1/x']) {
    it(`a hostile Location (${location.split(':')[0]}:) is refused with an AxiosError, nothing else is requested`, async () => {
      hostileLocation = location;
      const { api, handle } = client();
      const error = await api.get('/hostile').then(
        () => undefined,
        (e: unknown) => e,
      );
      handle.detach();
      expect(axios.isAxiosError(error)).toBe(true);
      expect(a.seen).toHaveLength(1);
      expect(b.seen).toHaveLength(0);
    });
  }
});
