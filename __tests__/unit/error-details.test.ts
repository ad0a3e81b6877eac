import axios from 'axios';
import { isStatusPolicyError, serverErrorDetails } from '../../src';
import { rig } from '../helpers/mock';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('serverErrorDetails', () => {
  it.each([
    ['{code, message}', { code: 400, message: 'Example' }, '400', 'Example'],
    ['RingCentral {errorCode, message, errors}', { errorCode: 'CMN-102', message: 'Resource not found', errors: [{ errorCode: 'CMN-102' }] }, 'CMN-102', 'Resource not found'],
    ['{error: {code, message}}', { error: { code: 'rateLimitExceeded', message: 'Slow down' } }, 'rateLimitExceeded', 'Slow down'],
    ['OAuth {error, error_description}', { error: 'invalid_grant', error_description: 'Refresh token has expired' }, 'invalid_grant', 'Refresh token has expired'],
    ['OAuth without a description', { error: 'invalid_client' }, 'invalid_client', undefined],
    ['RFC 9457 problem', { type: 'https://example.com/probs/out-of-credit', title: 'You do not have enough credit.', status: 403, detail: 'Your balance is 30, but that costs 50.' }, 'https://example.com/probs/out-of-credit', 'Your balance is 30, but that costs 50.'],
    ['RFC 9457 problem with only a title', { type: 'about:blank', title: 'Not Found', status: 404 }, undefined, 'Not Found'],
    ['JSON text', '{"code":"E1","message":"as text"}', 'E1', 'as text'],
    ['plain text', '  Service temporarily\n  unavailable  ', undefined, 'Service temporarily unavailable'],
    ['an HTML page', '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>', undefined, undefined],
    ['broken JSON', '{"code": "E1", "mess', undefined, undefined],
    ['nothing', undefined, undefined, undefined],
    ['a number', 42, undefined, undefined],
    ['an array', [1, 2], undefined, undefined],
  ])('%s', (_name, body, code, message) => {
    expect(serverErrorDetails(body)).toEqual({ code, message });
  });

  it('reads ArrayBuffer, Uint8Array and Buffer bodies as UTF-8', () => {
    const json = JSON.stringify({ code: 'E_Ü', message: 'grüße 🚀' });
    expect(serverErrorDetails(utf8(json).buffer)).toEqual({ code: 'E_Ü', message: 'grüße 🚀' });
    expect(serverErrorDetails(utf8(json))).toEqual({ code: 'E_Ü', message: 'grüße 🚀' });
    expect(serverErrorDetails(Buffer.from(json))).toEqual({ code: 'E_Ü', message: 'grüße 🚀' });
    const offset = Buffer.from(`xxxx${json}`).subarray(4);
    expect(serverErrorDetails(offset).code).toBe('E_Ü');
    // Not UTF-8: no crash; the bytes that are not UTF-8 read as U+FFFD, as TextDecoder does.
    expect(serverErrorDetails(new Uint8Array([0xff, 0xfe, 0x41]))).toEqual({ message: '\uFFFD\uFFFDA' });
  });

  it('truncates long messages and never parses huge bodies', () => {
    const long = serverErrorDetails({ message: 'm'.repeat(10_000) }).message!;
    expect(long).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
    expect(serverErrorDetails(`{"message":"${'x'.repeat(5_000_000)}"}`)).toEqual({ code: undefined, message: undefined });
    const text = serverErrorDetails('oops '.repeat(1_000_000)).message!;
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.startsWith('oops oops')).toBe(true);
    expect(serverErrorDetails(new Uint8Array(10_000_000).fill(0x61)).message).toHaveLength(300);
  });
});

describe('errors users can act on', () => {
  it('the message names method, URL, status, reason phrase and server message; response intact', async () => {
    const { api, mock } = rig();
    mock.onPost('/token').reply(400, { error: 'invalid_grant', error_description: 'Refresh token has expired' });
    const error: unknown = await api.post('/token', {}).catch((e: unknown) => e);
    expect(axios.isAxiosError(error)).toBe(true);
    expect((error as Error).message).toBe('POST http://api.test/token failed with 400 Bad Request: Refresh token has expired');
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ serverCode: 'invalid_grant', category: 'client', retryable: false });
    expect(isStatusPolicyError(error) && error.response?.data).toEqual({ error: 'invalid_grant', error_description: 'Refresh token has expired' });
  });

  it('names the status by its reason phrase when axios gave no statusText', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(() => [409, { type: 'about:blank', title: 'Version clash' }]);
    const error = (await api.get('/x').catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('GET http://api.test/x failed with 409 Conflict: Version clash');
  });

  it('a huge text error body gives a short message, no crash', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(418, 'I am a teapot. '.repeat(500_000));
    const error = (await api.get('/x').catch((e: unknown) => e)) as Error;
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toMatch(/^GET http:\/\/api\.test\/x failed with 418: I am a teapot\. I am/);
  });

  it('other 4xx reject without retry', async () => {
    const { api, mock } = rig();
    mock.onAny().reply(422, { code: 'INVALID', message: 'bad field' });
    for (const method of ['get', 'put', 'post', 'delete'] as const) {
      await expect(api.request({ method, url: '/x' })).rejects.toMatchObject({ response: { status: 422 } });
    }
    expect(mock.history.get!.length + mock.history.put!.length + mock.history.post!.length + mock.history.delete!.length).toBe(4);
  });

  it('1xx and other 2xx pass through untouched', async () => {
    const { api, mock } = rig();
    const body = { id: 1 };
    mock.onGet('/created').reply(201, body).onGet('/accepted').reply(202, 'queued').onGet('/partial').reply(206, 'abc');
    mock.onGet('/early').reply(103, undefined, { link: '</a.css>; rel=preload' });
    mock.onGet('/empty').reply(204);
    for (const [url, status, data] of [['/created', 201, body], ['/accepted', 202, 'queued'], ['/partial', 206, 'abc'], ['/empty', 204, undefined]] as const) {
      const res = await api.get(url, { validateStatus: () => true });
      expect(res.status).toBe(status);
      expect(res.data).toEqual(data);
      expect(res.statusPolicy).toEqual({ attempts: 1, delays: [], retryAfterMs: undefined });
    }
    const early = await api.get('/early', { validateStatus: () => true });
    expect(early.status).toBe(103);
    expect(mock.history.get).toHaveLength(5);
  });
});
