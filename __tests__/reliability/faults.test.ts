import axios from 'axios';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachStatusPolicy, isMultiStatusError } from '../../src';
import { Outcomes } from '../helpers/outcome';
import { startServer } from '../helpers/server';
import type { Handler, TestServer } from '../helpers/server';

// Faults a real network produces, against a real server on 127.0.0.1 and the real http adapter:
// every call must settle exactly once, with what the client can know, and nothing left running.

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}

/** A fresh instance with no keep-alive, so a fault on one attempt does not leak into the next. */
function client(baseURL: string, options: Parameters<typeof attachStatusPolicy>[1] = {}, timeout = 0) {
  const api = axios.create({ baseURL, timeout, httpAgent: new http.Agent({ keepAlive: false }) });
  const handle = attachStatusPolicy(api, { retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...options });
  return { api, handle };
}

// Every call here ends within a few seconds; one not settled by then is a hang, reported as such.
const DEADLINE_MS = 10_000;

it('connection reset mid-body: the GET is retried and succeeds', async () => {
  let n = 0;
  const server = await serve((_req, res, raw) => {
    if (++n === 1) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"partial":');
      setTimeout(() => raw.socket.destroy(), 10);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  const { api, handle } = client(server.url);
  const outcomes = new Outcomes(DEADLINE_MS);
  const r = await outcomes.track(api.get('/x'));
  handle.detach();
  expect({ ok: r.ok, status: r.status, attempts: r.attempts, error: r.ok ? undefined : String(r.error) }).toEqual({ ok: true, status: 200, attempts: 2, error: undefined });
  expect(server.seen).toHaveLength(2);
  expect([outcomes.started, outcomes.settled]).toEqual([1, 1]);
});

it('server that never answers: each attempt times out, then the call rejects with the attempts made', async () => {
  const server = await serve(() => undefined); // holds every request open
  const { api, handle } = client(server.url, { retry: { maxRetries: 2, baseDelayMs: 1 } }, 100);
  const outcomes = new Outcomes(DEADLINE_MS);
  const r = await outcomes.track(api.get('/never'));
  handle.detach();
  expect(r).toMatchObject({ ok: false, status: undefined, attempts: 3, code: 'ECONNABORTED', reason: 'max-retries' });
  expect(server.seen).toHaveLength(3);
  expect([outcomes.started, outcomes.settled]).toEqual([1, 1]);
});

it('server that never answers with a total budget: the budget ends it, however many attempts fit', async () => {
  const server = await serve(() => undefined);
  const { api, handle } = client(server.url, { retry: { maxRetries: 100, baseDelayMs: 1 }, totalTimeoutMs: 300 }, 120);
  const outcomes = new Outcomes(DEADLINE_MS);
  const r = await outcomes.track(api.get('/never'));
  handle.detach();
  expect(r.ok).toBe(false);
  expect(r.code).toBe('ECONNABORTED');
  // A budget of 300 ms with 120 ms attempts leaves room for at most 3 attempts.
  expect(server.seen.length).toBeGreaterThanOrEqual(1);
  expect(server.seen.length).toBeLessThanOrEqual(3);
  expect(r.attempts).toBe(server.seen.length);
  expect([outcomes.started, outcomes.settled]).toEqual([1, 1]);
});

it('slow headers: an attempt past its timeout is retried; the late answer is ignored', async () => {
  let n = 0;
  const server = await serve((_req, res) => {
    const delay = ++n === 1 ? 400 : 0;
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ attempt: n }));
    }, delay);
  });
  const { api, handle } = client(server.url, {}, 150);
  const outcomes = new Outcomes(DEADLINE_MS);
  const settled = outcomes.track(api.get('/slow'));
  const r = await settled;
  await new Promise((resolve) => setTimeout(resolve, 400)); // the first answer would have come by now
  handle.detach();
  expect(r).toMatchObject({ ok: true, status: 200, attempts: 2 });
  expect([outcomes.started, outcomes.settled]).toEqual([1, 1]);
});

it('server restart between attempts: close, re-listen on the same port, the retry gets through', async () => {
  let restarted = false;
  const seenAfterRestart: string[] = [];
  const first = http.createServer((req) => {
    // Answer nothing; go away and come back on the same port a little later.
    req.socket.destroy();
    first.closeAllConnections();
    first.close(() => {
      setTimeout(() => {
        second.listen(port, '127.0.0.1', () => (restarted = true));
      }, 30);
    });
  });
  const second = http.createServer((req, res) => {
    seenAfterRestart.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
  const { port } = first.address() as AddressInfo;
  const { api, handle } = client(`http://127.0.0.1:${port}`, { retry: { maxRetries: 6, baseDelayMs: 40, maxDelayMs: 200 } });
  const outcomes = new Outcomes(DEADLINE_MS);
  try {
    const r = await outcomes.track(api.get('/again'));
    expect(restarted).toBe(true);
    expect(r).toMatchObject({ ok: true, status: 200 });
    expect(r.attempts).toBeGreaterThanOrEqual(2);
    expect(seenAfterRestart).toEqual(['/again']);
    expect([outcomes.started, outcomes.settled]).toEqual([1, 1]);
  } finally {
    handle.detach();
    second.closeAllConnections();
    await new Promise<void>((resolve) => second.close(() => resolve()));
  }
});

it('truncated 207 multipart: settles once with a typed outcome, never hangs', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(207, { 'content-type': 'multipart/mixed; boundary=b' });
    res.end('--b\r\nContent-Type: application/json\r\n\r\n{"response":[{"status":200}]}\r\n--b\r\nContent-Type: application/json\r\n\r\n{"id":');
  });
  const { api, handle } = client(server.url);
  const outcomes = new Outcomes(DEADLINE_MS);
  const r = await outcomes.track(api.get('/batch'));
  handle.detach();
  expect([outcomes.started, outcomes.settled]).toEqual([1, 1]);
  // A typed rejection that keeps the 207 response and says the body was cut short; not retried.
  expect(r).toMatchObject({ ok: false, status: 207, attempts: 1, code: 'ERR_STATUS_POLICY_MULTI_STATUS' });
  expect(isMultiStatusError(r.error)).toBe(true);
  expect(String(r.error)).toMatch(/multipart TRUNCATED/);
  expect(server.seen).toHaveLength(1);
});
