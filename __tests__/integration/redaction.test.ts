import axios from 'axios';
import { ErrorCodes, attachStatusPolicy, isRedirectError, isStatusPolicyError } from '../../src';
import { adapterUnderTest } from '../helpers/adapter-env';
import { useLiveServer } from '../helpers/live-server';

// Issue 13, "error messages": users paste them into tickets, so no credential of the URL and no
// terminal-active server text may reach one. The full data stays on error.response.
const live = useLiveServer();

const HOSTILE_BODY = `Bad request\n\x1b[2Jcleared your screen\r\n${'A'.repeat(10 * 1024)}`;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\0-\x1f\x7f-\x9f]/;

const api = () => {
  const instance = axios.create();
  attachStatusPolicy(instance, { retry: false });
  return instance;
};

/** The URL the way the server has to be asked, with a password and a token in it. */
const secretUrl = (path: string, query: string): string =>
  `http://svc:hunter2@127.0.0.1:${live.server.port}${path}?${query}`;

function expectClean(message: string): void {
  expect(message).not.toContain('hunter2');
  expect(message).not.toContain('SECRET');
  expect(message).not.toMatch(CONTROL);
}

// fetch refuses a URL that carries credentials (it never sends the request), so over fetch the
// userinfo is given as axios `auth` instead and only the query has something to redact.
const withUserinfo = adapterUnderTest === 'http';

describe('error messages keep no secrets and no server control text', () => {
  it('a 400 with a hostile body, asked with userinfo and a token in the URL', async () => {
    live.handler = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(HOSTILE_BODY);
    };
    const url = withUserinfo ? secretUrl('/x', 'access_token=SECRET&page=2') : `${live.server.url}/x?access_token=SECRET&page=2`;
    const error: unknown = await api()
      .get(url, { responseType: 'text', ...(withUserinfo ? {} : { auth: { username: 'svc', password: 'hunter2' } }) })
      .catch((e: unknown) => e);
    if (!isStatusPolicyError(error)) throw error;

    // The request really carried both secrets…
    const seen = live.server.seen[0]!;
    expect(seen.url).toBe('/x?access_token=SECRET&page=2');
    expect(seen.headers.authorization).toBe(`Basic ${Buffer.from('svc:hunter2').toString('base64')}`);

    // …the message names the request without them, and the server's text without its controls.
    expectClean(error.message);
    expect(error.message).toContain('access_token=***&page=2');
    if (withUserinfo) expect(error.message).toContain(`http://***@127.0.0.1:${live.server.port}/x`);
    expect(error.message).toContain('failed with 400 Bad Request: Bad request cleared your screen AAAA');
    expect(error.message.length).toBeLessThan(500);
    expect(error.message.endsWith('…')).toBe(true);
    expect(error.statusPolicy.serverMessage).toHaveLength(300);
    expect(error.statusPolicy.serverMessage).not.toMatch(CONTROL);

    // The data is all there for code that needs it.
    expect(error.response?.data).toBe(HOSTILE_BODY);
  });

  it('a redirect to a URL with a token that then fails with 500', async () => {
    live.handler = (req, res) => {
      if (req.url.startsWith('/start')) {
        res.writeHead(302, { Location: '/next?token=SECRET&page=3' });
        res.end();
        return;
      }
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('down\x1b[31m for maintenance');
    };
    const error: unknown = await api().get(`${live.server.url}/start?access_token=SECRET`).catch((e: unknown) => e);
    if (!isStatusPolicyError(error)) throw error;
    expect(live.server.seen.map((r) => r.url)).toEqual(['/start?access_token=SECRET', '/next?token=SECRET&page=3']);
    expectClean(error.message);
    expect(error.message).toBe(`GET ${live.server.url}/start?access_token=*** failed with 500 Internal Server Error: down for maintenance`);
    // The chain on statusPolicy is data, like the response: left as the requests went.
    expect(error.statusPolicy.redirectChain).toEqual([{ method: 'GET', url: `${live.server.url}/start?access_token=SECRET`, status: 302 }]);
  });

  it('the redirect chain listed in a RedirectError message', async () => {
    // /a?token=… → /b?sig=… → /a?token=…: a loop, refused with the chain in the message.
    live.handler = (req, res) => {
      const next = req.url.startsWith('/a') ? '/b?sig=SECRET&page=2' : '/a?token=SECRET&page=1';
      res.writeHead(302, { Location: next });
      res.end();
    };
    const start = withUserinfo ? secretUrl('/a', 'token=SECRET&page=1') : `${live.server.url}/a?token=SECRET&page=1`;
    const error: unknown = await api().get(start).catch((e: unknown) => e);
    if (!isRedirectError(error)) throw error;
    expect(error.code).toBe(ErrorCodes.REDIRECT_LOOP);
    expectClean(error.message);
    // The caller's URL shows its userinfo hidden; a hop's URL never carries userinfo (the
    // caller's credentials go on same-origin hops as axios's auth), and the loop is still seen.
    const origin = withUserinfo ? `http://***@127.0.0.1:${live.server.port}` : live.server.url;
    const hops = live.server.url;
    expect(error.message).toBe(
      `GET ${origin}/a?token=***&page=1 failed: redirect loop: ` +
        `GET ${origin}/a?token=***&page=1 → 302 → GET ${hops}/b?sig=***&page=2 → 302 → GET ${hops}/a?token=***&page=1`,
    );
  });
});
