import axios from 'axios';
import type { ResponseType } from 'axios';
import { MultiStatusError, attachStatusPolicy } from '../../src';
import type { SubResponse } from '../../src';
import { useLiveServer } from '../helpers/live-server';

// Hostile 207 bodies from a real server on 127.0.0.1 to a real axios instance: each is refused
// with a typed error (the limits name the cost; speed itself is measured in bench/, not here).
const live = useLiveServer();
const BOUNDARY = 'hostile_b0undary';

/** One part whose header block is a million lines (about 13 MB), then a normal close. */
const millionHeaderLines = Buffer.from(
  `--${BOUNDARY}\r\n${'X-Pad: aaaa\r\n'.repeat(1_000_000)}\r\n{"ok":true}\r\n--${BOUNDARY}--\r\n`,
);
/** RingCentral's JSON batch with one entry more than the default maxParts (100000). */
const tooManyEntries = Buffer.from(JSON.stringify(Array.from({ length: 100_001 }, (_, i) => ({ resourceId: String(i), status: 200, body: {} }))));

beforeEach(() => {
  live.handler = (req, res) => {
    const [body, type] =
      req.url === '/headers'
        ? [millionHeaderLines, `multipart/mixed; boundary=${BOUNDARY}`]
        : req.url === '/entries'
          ? [tooManyEntries, 'application/vnd.ringcentral.multipart+json']
          : [Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n{"ok":true}\r\n--${BOUNDARY}--\r\n`), `multipart/mixed; boundary=${BOUNDARY}`];
    res.writeHead(207, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  };
});

const client = () => {
  const api = axios.create({ baseURL: live.server.url, maxContentLength: 100_000_000 });
  attachStatusPolicy(api);
  return api;
};
const failure = async (url: string, responseType?: ResponseType): Promise<MultiStatusError> => {
  const e: unknown = await client()
    .get(url, responseType ? { responseType } : {})
    .then(() => new Error('resolved'), (error: unknown) => error);
  expect(e).toBeInstanceOf(MultiStatusError);
  return e as MultiStatusError;
};

describe.each([undefined, 'arraybuffer', 'text'] as const)('responseType %s', (responseType) => {
  it('a part with a million header lines (13 MB) rejects with HEADERS_TOO_LARGE', async () => {
    expect(millionHeaderLines.length).toBeGreaterThan(13_000_000);
    const e = await failure('/headers', responseType);
    expect(e.parseError.code).toBe('HEADERS_TOO_LARGE');
    expect(e.response?.status).toBe(207);
  });

  it('a RingCentral JSON batch of more entries than maxParts rejects with TOO_MANY_PARTS', async () => {
    const e = await failure('/entries', responseType);
    expect(e.parseError.code).toBe('TOO_MANY_PARTS');
  });

  it('a small batch from the same server still parses', async () => {
    const res = await client().get<SubResponse[]>('/small', responseType ? { responseType } : {});
    expect(res.data.map((p) => p.data)).toEqual([{ ok: true }]);
  });
});
