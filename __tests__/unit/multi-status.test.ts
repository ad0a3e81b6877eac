import axios from 'axios';
import {
  ErrorCodes,
  MultiStatusError,
  StatusPolicyConfigError,
  attachStatusPolicy,
  isMultiStatusError,
  isStatusPolicyError,
} from '../../src';
import type { SubResponse } from '../../src';
import { fixture } from '../helpers/fixtures';
import { rig } from '../helpers/mock';

const headersOf = (nn: string): Record<string, string> => ({ 'Content-Type': fixture(nn).contentType });
const arrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
const rejection = async (p: Promise<unknown>): Promise<unknown> => p.then(() => new Error('resolved'), (e: unknown) => e);

describe('207 multipart, RingCentral style', () => {
  it('string body: data becomes the sub-responses, the manifest goes to statusPolicy', async () => {
    const { api, mock, events } = rig();
    mock.onGet('/batch').reply(207, fixture('04').text, headersOf('04'));
    const res = await api.get<SubResponse[]>('/batch');
    expect(res.status).toBe(207);
    expect(res.data.map((p) => [p.status, p.data])).toEqual([
      [200, { foo: 'bar' }],
      [404, { message: 'object not found' }],
      [200, { baz: 'qux' }],
    ]);
    expect(res.data[0]?.headers).toEqual({ 'content-type': 'application/json' });
    expect(res.statusPolicy?.manifest).toEqual({ response: [{ status: 200 }, { status: 404 }, { status: 200 }] });
    expect(mock.history.get).toHaveLength(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'resolve', policy: 'multiStatus', status: 207 }));
  });

  it('arraybuffer body: same parts; large ids exact with largeIntegers: "string" per request', async () => {
    const { api, mock } = rig();
    mock.onGet('/batch').reply(207, arrayBuffer(fixture('01').bytes), headersOf('01'));
    const plain = await api.get<SubResponse[]>('/batch', { responseType: 'arraybuffer' });
    expect(plain.data.map((p) => p.status)).toEqual([200, 200]);
    expect(plain.data[0]).toMatchObject({ href: expect.stringContaining('2447722008'), responseDescription: 'OK' });
    const exact = await api.get<SubResponse[]>('/batch', {
      responseType: 'arraybuffer',
      statusPolicy: { multiStatus: { largeIntegers: 'string' } },
    });
    expect((exact.data[0]?.data as { conversationId: unknown }).conversationId).toBe('5717224681082742945');
  });

  it('a manifest that is not JSON rejects with a typed error keeping the response and raw body', async () => {
    const { api, mock } = rig();
    mock.onGet('/batch').reply(207, fixture('05').text, headersOf('05'));
    const error = await rejection(api.get('/batch'));
    expect(error).toBeInstanceOf(MultiStatusError);
    expect(isMultiStatusError(error)).toBe(true);
    expect(axios.isAxiosError(error)).toBe(true);
    expect(isStatusPolicyError(error)).toBe(true);
    const e = error as MultiStatusError;
    expect(e.code).toBe(ErrorCodes.MULTI_STATUS);
    expect(e.parseError.code).toBe('MANIFEST_INVALID');
    expect(e.parseError.parts).toHaveLength(3);
    expect(e.response?.status).toBe(207);
    expect(e.response?.data).toBe(fixture('05').text);
    expect(e.rawBody).toBe(fixture('05').text);
    expect(e.message).toContain('GET http://api.test/batch');
    expect(mock.history.get).toHaveLength(1);
  });

  it('a manifest whose length does not match the parts rejects', async () => {
    const { api, mock } = rig();
    const body = '--b\nContent-Type: application/json\n\n[200, 404]\n--b\n\nonly one\n--b--\n';
    mock.onGet('/batch').reply(207, body, { 'content-type': 'multipart/mixed; boundary=b' });
    const e = (await rejection(api.get('/batch'))) as MultiStatusError;
    expect(e.parseError.code).toBe('MANIFEST_MISMATCH');
    expect(e.parseError.message).toContain('2 statuses for 1 parts');
  });

  it('accepts a manifest that is an array of numbers or of {status}', async () => {
    const { api, mock } = rig();
    const make = (manifest: string): string =>
      `--b\r\nContent-Type: application/json\r\n\r\n${manifest}\r\n--b\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n--b\r\nContent-Type: application/json\r\n\r\nnot json\r\n--b--`;
    mock.onGet('/n').reply(207, make('[201, 500]'), { 'content-type': 'multipart/mixed; boundary=b' });
    mock.onGet('/o').reply(207, make('[{"status":201,"id":"x"},{"status":500}]'), { 'content-type': 'multipart/mixed; boundary=b' });
    const n = await api.get<SubResponse[]>('/n');
    expect(n.data.map((p) => [p.status, p.data])).toEqual([
      [201, { a: 1 }],
      [500, 'not json'], // a body that fails to parse stays text
    ]);
    const o = await api.get<SubResponse[]>('/o');
    expect(o.data[0]).toMatchObject({ status: 201, id: 'x' });
  });

  it('a plain batch whose first JSON part is not shaped like a manifest keeps every part', async () => {
    const { api, mock } = rig();
    const firsts = ['{"id":1}', '[]', '[1, 2]', '[{"id":2}]', '{"response":"ok"}', '{"response":[{"id":1}]}', '[200, "x"]'];
    for (const [i, first] of firsts.entries()) {
      const body = `--b\r\nContent-Type: application/json\r\n\r\n${first}\r\n--b\r\nContent-Type: application/json\r\n\r\n{"n":2}\r\n--b--`;
      mock.onGet(`/plain${i}`).reply(207, body, { 'content-type': 'multipart/mixed; boundary=b' });
      const res = await api.get<SubResponse[]>(`/plain${i}`);
      expect(res.data.map((p) => [p.status, p.data])).toEqual([
        [undefined, JSON.parse(first)],
        [undefined, { n: 2 }],
      ]);
      expect(res.statusPolicy?.manifest).toBeUndefined();
    }
    // Shaped like a manifest but not matching the parts: still a typed rejection.
    mock.onGet('/rc').reply(207, '--b\nContent-Type: application/json\n\n{"response":[{"status":200}]}\n--b--', { 'content-type': 'multipart/mixed; boundary=b' });
    expect(((await rejection(api.get('/rc'))) as MultiStatusError).parseError.code).toBe('MANIFEST_MISMATCH');
  });

  it('a truncated body rejects and keeps the parts read', async () => {
    const { api, mock } = rig();
    mock.onGet('/batch').reply(207, fixture('04').text.slice(0, 300), headersOf('04'));
    const e = (await rejection(api.get('/batch'))) as MultiStatusError;
    expect(e.parseError.code).toBe('TRUNCATED');
    expect(e.parseError.parts.length).toBeGreaterThan(0);
  });
});

describe('207 with application/http parts and nesting', () => {
  it('Google batch: statuses from each part\'s own status line', async () => {
    const { api, mock } = rig();
    mock.onGet('/batch').reply(207, fixture('06').text, headersOf('06'));
    const res = await api.get<SubResponse[]>('/batch');
    expect(res.data.map((p) => p.status)).toEqual([200, 200, 304]);
    expect(res.statusPolicy?.manifest).toBeUndefined();
  });

  it('OData changeset: a nested multipart exposes parts, read as bytes', async () => {
    const { api, mock } = rig();
    mock.onGet('/batch').reply(207, arrayBuffer(fixture('08').bytes), headersOf('08'));
    const res = await api.get<SubResponse[]>('/batch', { responseType: 'arraybuffer' });
    expect(res.data[1]?.parts?.map((p) => p.status)).toEqual([201, 204]);
  });

  it('keeps binary parts as bytes when the response was read as bytes', async () => {
    const { api, mock } = rig();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff]);
    const body = Buffer.concat([
      Buffer.from('--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n'),
      png,
      Buffer.from('\r\n--b--'),
    ]);
    mock.onGet('/batch').reply(207, arrayBuffer(body), { 'content-type': 'multipart/mixed; boundary=b' });
    const res = await api.get<SubResponse[]>('/batch', { responseType: 'arraybuffer' });
    const data = res.data[0]?.data;
    expect(data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(data as Uint8Array).equals(png)).toBe(true);
  });
});

describe('207 read as bytes', () => {
  const ct = { 'content-type': 'multipart/mixed; boundary=b' };
  // A body without U+FFFD after decoding is split as one decoded string (binary parts re-encoded);
  // one with U+FFFD (invalid UTF-8, or the character itself) goes through the byte splitter.
  it.each([
    ['valid UTF-8', '"x"', 'x'],
    ['a literal U+FFFD', '"\uFFFD"', '\uFFFD'],
  ])('%s: binary parts come back as their exact bytes, text decoded', async (_, json, value) => {
    const { api, mock } = rig();
    const payload = Buffer.from('\uFEFFbytes é 🤔 \r\n', 'utf8'); // a BOM-like sequence inside a binary part
    const body = Buffer.concat([
      Buffer.from('--b\r\nContent-Type: application/octet-stream\r\n\r\n'),
      payload,
      Buffer.from(`\r\n--b\r\nContent-Type: application/json\r\n\r\n{"é":${json}}\r\n--b\r\nContent-Type: text/plain\r\n\r\nplain é\r\n--b--`),
    ]);
    mock.onGet('/batch').reply(207, arrayBuffer(body), ct);
    const res = await api.get<SubResponse[]>('/batch', { responseType: 'arraybuffer' });
    expect(res.data[0]?.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(res.data[0]?.data as Uint8Array).equals(payload)).toBe(true);
    expect(res.data[1]?.data).toEqual({ é: value });
    expect(res.data[2]?.data).toBe('plain é');
    // The same body as a string: binary parts stay text there (there are no bytes to keep).
    mock.onGet('/text').reply(207, body.toString('utf8'), ct);
    const asText = await api.get<SubResponse[]>('/text');
    expect(asText.data.map((p) => p.data)).toEqual([payload.toString('utf8'), { é: value }, 'plain é']);
  });
});

describe('RingCentral JSON batch', () => {
  const body = [
    { resourceId: '1', status: 200, body: { id: 1 } },
    { resourceId: '2', status: 404, body: { errorCode: 'CMN-102', message: 'Resource not found' } },
  ];
  const headers = { 'content-type': 'application/vnd.ringcentral.multipart+json' };
  it('parsed by axios already or as text: the same part shape', async () => {
    const { api, mock } = rig();
    mock.onGet('/batch').reply(207, body, headers);
    mock.onGet('/text').reply(207, JSON.stringify(body), headers);
    for (const url of ['/batch', '/text']) {
      const res = await api.get<SubResponse[]>(url, url === '/text' ? { responseType: 'text' } : {});
      expect(res.data).toEqual([
        { status: 200, headers: {}, data: { id: 1 }, resourceId: '1' },
        { status: 404, headers: {}, data: { errorCode: 'CMN-102', message: 'Resource not found' }, resourceId: '2' },
      ]);
    }
  });
  it('a body that is not a list of statuses rejects', async () => {
    const { api, mock } = rig();
    mock.onGet('/batch').reply(207, { not: 'a list' }, headers);
    const e = (await rejection(api.get('/batch'))) as MultiStatusError;
    expect(e.parseError.code).toBe('MANIFEST_INVALID');
  });
});

describe('left alone', () => {
  it('a 207 that is not multipart (WebDAV XML), and a multipart that is not 207', async () => {
    const { api, mock } = rig();
    mock.onGet('/dav').reply(207, '<multistatus/>', { 'content-type': 'application/xml' });
    mock.onGet('/200').reply(200, fixture('04').text, headersOf('04'));
    expect((await api.get('/dav')).data).toBe('<multistatus/>');
    expect((await api.get('/200')).data).toBe(fixture('04').text);
  });
  it('multiStatus: false on the instance or on the request', async () => {
    const off = rig({ multiStatus: false });
    off.mock.onGet('/batch').reply(207, fixture('04').text, headersOf('04'));
    expect(typeof (await off.api.get('/batch')).data).toBe('string');
    const on = rig();
    on.mock.onGet('/batch').reply(207, fixture('04').text, headersOf('04'));
    expect(typeof (await on.api.get('/batch', { statusPolicy: { multiStatus: false } })).data).toBe('string');
    expect(Array.isArray((await off.api.get('/batch', { statusPolicy: { multiStatus: true } })).data)).toBe(true);
  });
  it('a 207 the caller\'s validateStatus rejects', async () => {
    const { api, mock } = rig({ retry: false });
    mock.onGet('/batch').reply(207, fixture('04').text, headersOf('04'));
    const e = await rejection(api.get('/batch', { validateStatus: (s) => s === 200 }));
    expect(axios.isAxiosError(e) && e.response?.data).toBe(fixture('04').text);
  });
});

describe('options', () => {
  it('rejects a malformed multiStatus block', () => {
    expect(() => attachStatusPolicy(axios.create(), { multiStatus: { largeIntegers: 'bigint' as 'string' } })).toThrow(StatusPolicyConfigError);
    expect(() => attachStatusPolicy(axios.create(), { multiStatus: { maxPart: 1 } as never })).toThrow(/unknown option "multiStatus.maxPart"/);
  });
  it('maxParts applies to the batch', async () => {
    const { api, mock } = rig({ multiStatus: { maxParts: 2 } });
    mock.onGet('/batch').reply(207, fixture('04').text, headersOf('04'));
    const e = (await rejection(api.get('/batch'))) as MultiStatusError;
    expect(e.parseError.code).toBe('TOO_MANY_PARTS');
  });
});
