import axios from 'axios';
import { MultiStatusError, attachStatusPolicy } from '../../src';
import type { SubResponse } from '../../src';
import { fixture } from '../helpers/fixtures';
import { startServer } from '../helpers/server';
import type { TestServer } from '../helpers/server';

// The real http and fetch adapters against a real server on 127.0.0.1 answering the published
// fixtures, sent in small chunks so the client really reassembles the body.
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const nn = req.url.slice(1, 3);
    const f = fixture(nn);
    res.writeHead(207, { 'content-type': f.contentType });
    for (let i = 0; i < f.bytes.length; i += 7) res.write(f.bytes.subarray(i, i + 7));
    res.end();
  });
});
afterAll(() => server.close());

const client = () => {
  const api = axios.create({ baseURL: server.url });
  attachStatusPolicy(api);
  return api;
};

describe.each(['http', 'fetch'] as const)('207 over the %s adapter', (adapter) => {
  it.each([undefined, 'arraybuffer', 'text'] as const)('RingCentral batch with a 404 inside, responseType %s', async (responseType) => {
    const res = await client().get<SubResponse[]>('/04', { adapter, ...(responseType ? { responseType } : {}) });
    expect(res.status).toBe(207);
    expect(res.data.map((p) => [p.status, p.data])).toEqual([
      [200, { foo: 'bar' }],
      [404, { message: 'object not found' }],
      [200, { baz: 'qux' }],
    ]);
  });

  it('Azure changeset with CRLF throughout, read as bytes', async () => {
    const res = await client().get<SubResponse[]>('/10', { adapter, responseType: 'arraybuffer' });
    expect(res.data[0]?.parts?.map((p) => p.status)).toEqual([204, 204, 204]);
  });

  it('a junk manifest rejects with MultiStatusError keeping the raw body', async () => {
    const e: unknown = await client()
      .get('/05', { adapter })
      .catch((error: unknown) => error);
    expect(e).toBeInstanceOf(MultiStatusError);
    expect((e as MultiStatusError).response?.data).toBe(fixture('05').text);
  });
});
