import axios from 'axios';
import { attachStatusPolicy, isStatusPolicyError } from '../../src';
import { useLiveServer } from '../helpers/live-server';
import type { Handler } from '../helpers/server';

const live = useLiveServer();

const api = () => {
  const instance = axios.create({ baseURL: live.server.url });
  attachStatusPolicy(instance, { retry: { baseDelayMs: 1 } });
  return instance;
};

const reply = (status: number, type: string, body: string): Handler => (_req, res) => {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
};

async function failure(h: Handler, config: Parameters<ReturnType<typeof api>['get']>[1] = {}) {
  live.handler = h;
  const error: unknown = await api().get('/x', config).catch((e: unknown) => e);
  expect(axios.isAxiosError(error)).toBe(true);
  if (!isStatusPolicyError(error)) throw new Error('not enriched');
  return error;
}

describe('error bodies over real HTTP', () => {
  it.each([
    ['{code, message}', 400, 'application/json', '{"code":400,"message":"Example"}', '400', 'Example'],
    ['RingCentral', 404, 'application/json', '{"errorCode":"CMN-102","message":"Not found","errors":[{"errorCode":"CMN-102"}]}', 'CMN-102', 'Not found'],
    ['{error:{code,message}}', 403, 'application/json', '{"error":{"code":"forbidden","message":"No access"}}', 'forbidden', 'No access'],
    ['OAuth', 400, 'application/json', '{"error":"invalid_grant","error_description":"Token expired"}', 'invalid_grant', 'Token expired'],
    ['RFC 9457', 403, 'application/problem+json', '{"type":"https://example.com/probs/out-of-credit","title":"Out of credit","status":403,"detail":"Balance 30, cost 50"}', 'https://example.com/probs/out-of-credit', 'Balance 30, cost 50'],
    ['plain text', 409, 'text/plain', 'Version conflict, reload and retry', undefined, 'Version conflict, reload and retry'],
    ['HTML', 404, 'text/html', '<html><body>Not here</body></html>', undefined, undefined],
  ])('%s', async (_name, status, type, body, serverCode, serverMessage) => {
    const error = await failure(reply(status, type, body));
    expect(error.response?.status).toBe(status);
    expect(error.statusPolicy).toMatchObject({ serverCode, serverMessage, category: 'client', retryable: false, attempts: 1 });
    const phrase = error.response?.statusText;
    expect(error.message).toBe(`GET ${live.server.url}/x failed with ${status} ${phrase}${serverMessage ? `: ${serverMessage}` : ''}`);
    expect(live.server.seen).toHaveLength(1); // 4xx: never retried
  });

  it('a body read as bytes (responseType arraybuffer) is decoded', async () => {
    const error = await failure(reply(422, 'application/json', '{"code":"E_Ü","message":"grüße"}'), { responseType: 'arraybuffer' });
    expect(Buffer.isBuffer(error.response?.data)).toBe(true);
    expect(error.statusPolicy).toMatchObject({ serverCode: 'E_Ü', serverMessage: 'grüße' });
  });

  it('a huge JSON body and a huge text body: no crash, short message', async () => {
    const huge = await failure(reply(400, 'application/json', JSON.stringify({ message: 'x'.repeat(2_000_000) })));
    expect(huge.message.length).toBeLessThan(400);
    expect(huge.statusPolicy.serverMessage).toHaveLength(300);
    const text = await failure(reply(400, 'text/plain', 'broken '.repeat(500_000)), { responseType: 'text' });
    expect(text.message.length).toBeLessThan(400);
    expect(text.statusPolicy.serverMessage?.endsWith('…')).toBe(true);
  });

  it('a body that is not JSON although it says so', async () => {
    const error = await failure(reply(400, 'application/json', '{"code": "E1", "message": '));
    expect(error.statusPolicy).toMatchObject({ serverCode: undefined, serverMessage: undefined });
    expect(error.message).toBe(`GET ${live.server.url}/x failed with 400 Bad Request`);
  });

  it('a 5xx body is reported after the retries', async () => {
    const error = await failure(reply(500, 'application/json', '{"code":"E_DB","message":"database down"}'));
    expect(live.server.seen).toHaveLength(4);
    expect(error.statusPolicy).toMatchObject({ serverCode: 'E_DB', category: 'server', attempts: 4, reason: 'max-retries' });
    expect(error.message).toBe(`GET ${live.server.url}/x failed with 500 Internal Server Error after 4 attempts: database down`);
  });

  it('1xx is not seen by the caller and other 2xx pass through untouched', async () => {
    live.handler = (_req, res) => {
      res.writeProcessing();
      res.writeHead(202, { 'Content-Type': 'application/json' });
      res.end('{"queued":true}');
    };
    const res = await api().get('/x');
    expect(res.status).toBe(202);
    expect(res.data).toEqual({ queued: true });
    expect(res.statusPolicy).toEqual({ attempts: 1, delays: [], retryAfterMs: undefined });
  });
});
