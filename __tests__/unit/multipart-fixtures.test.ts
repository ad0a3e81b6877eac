import { MultipartParseError, parseBatchResponse, parseMultipart } from '../../src';
import type { Batch, MultipartPart, SubResponse } from '../../src';
import { fixture } from '../helpers/fixtures';

// Every published body in __tests__/fixtures/multipart parses as its README says, read both as
// a string (axios's default) and as bytes (responseType: 'arraybuffer').
const MODES = ['string', 'bytes'] as const;
type Mode = (typeof MODES)[number];

const input = (nn: string, mode: Mode): string | Uint8Array => (mode === 'string' ? fixture(nn).text : new Uint8Array(fixture(nn).bytes));
const batch = (nn: string, mode: Mode, largeIntegers: 'number' | 'string' = 'number'): Batch => {
  const b = parseBatchResponse(input(nn, mode), fixture(nn).contentType, { largeIntegers });
  if (!b) throw new Error('not a batch');
  return b;
};
const text = (body: string | Uint8Array): string => (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
const statuses = (parts: SubResponse[]): Array<number | undefined> => parts.map((p) => p.status);

describe.each(MODES)('fixtures read as %s', (mode) => {
  it('01 RingCentral batch GET: manifest of 2, ids, href kept, large id exact on request', () => {
    const { parts, manifest } = batch('01', mode);
    expect(parts).toHaveLength(2);
    expect(statuses(parts)).toEqual([200, 200]);
    expect(parts.map((p) => (p.data as { id: number }).id)).toEqual([2447722008, 2416832008]);
    expect(parts[0]).toMatchObject({ responseDescription: 'OK', href: expect.stringContaining('/2447722008') });
    expect(parts[0]?.headers).toEqual({ 'content-type': 'application/json' });
    expect((manifest as { response: unknown[] }).response).toHaveLength(2);
    // JSON.parse rounds it: the trap the option exists for.
    expect((parts[0]?.data as { conversationId: unknown }).conversationId).toBe(5717224681082743000);
    const exact = batch('01', mode, 'string').parts[0]?.data as { conversationId: unknown; id: unknown };
    expect(exact.conversationId).toBe('5717224681082742945');
    expect(exact.id).toBe(2447722008);
  });

  it('02 RingCentral batch PUT', () => {
    const { parts } = batch('02', mode);
    expect(statuses(parts)).toEqual([200, 200]);
    expect(parts.map((p) => (p.data as { id: number }).id)).toEqual([401654758008, 401642088008]);
  });

  it('03 RingCentral SDK fixture with a CRLF manifest head and LF elsewhere', () => {
    const { parts } = batch('03', mode);
    expect(parts.map((p) => [p.status, p.data])).toEqual([
      [200, { foo: 'bar' }],
      [200, { baz: 'qux' }],
    ]);
  });

  it('04 an error sub-response is a 404 part, not a thrown batch', () => {
    const { parts } = batch('04', mode);
    expect(statuses(parts)).toEqual([200, 404, 200]);
    expect(parts[1]?.data).toEqual({ message: 'object not found' });
    expect(parts[2]?.data).toEqual({ baz: 'qux' });
  });

  it('05 a junk manifest fails with a typed error that keeps the parts', () => {
    expect(parseMultipart(input('05', mode), fixture('05').contentType)).toHaveLength(3);
    let error: unknown;
    try {
      batch('05', mode);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MultipartParseError);
    expect(error).toMatchObject({ code: 'MANIFEST_INVALID' });
    expect((error as MultipartParseError).parts).toHaveLength(3);
  });

  it('06 Google batch: application/http parts, a header without colon, a 304 without body', () => {
    const raw = parseMultipart(input('06', mode), fixture('06').contentType);
    expect(raw.map((p) => p.headers['content-id'])).toEqual([
      '<response-item1:12930812@barnyard.example.com>',
      '<response-item2:12930812@barnyard.example.com>',
      '<response-item3:12930812@barnyard.example.com>',
    ]);
    const { parts, manifest } = batch('06', mode);
    expect(manifest).toBeUndefined();
    expect(parts.map((p) => [p.status, p.statusText])).toEqual([
      [200, 'OK'],
      [200, 'OK'],
      [304, 'Not Modified'],
    ]);
    // "Content-Type application/json" has no colon: skipped, so the body stays text.
    expect(parts[0]?.headers).toEqual({ 'content-length': 'response_part_1_content_length', etag: '"etag/pony"' });
    expect(JSON.parse(parts[0]?.data as string)).toMatchObject({ animalName: 'pony' });
    expect(parts[1]?.data).toMatchObject({ animalName: 'sheep', animalAge: 5 });
    expect(parts[2]).toMatchObject({ headers: { etag: '"etag/animals"' }, data: '' });
    // The part's own MIME headers stay reachable: Content-ID matches a response to its request.
    expect(parts.map((p) => p.partHeaders?.['content-id'])).toEqual(raw.map((p) => p.headers['content-id']));
  });

  it('07 quoted boundary, CRLF inner heads, wrong Content-Length, no line break after the close', () => {
    const { parts } = batch('07', mode);
    expect(parts.map((p) => p.status)).toEqual([200, 403]);
    expect(parts[0]?.data).toEqual({ foo: 42 });
    expect(parts[1]?.statusText).toBe('Access Not Configured');
    expect(parts[1]?.data).toMatchObject({ error: { code: 403, message: 'Access Not Configured' } });
  });

  it('08 OData: nested changeset, close delimiter with an extra dash, XML body', () => {
    const raw = parseMultipart(input('08', mode), fixture('08').contentType);
    expect(raw.map((p) => p.type)).toEqual(['application/http', 'multipart/mixed', 'application/http']);
    const { parts } = batch('08', mode);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toMatchObject({ status: 200, data: '<JSON representation of the Customer entity with key ALFKI>' });
    const changeset = parts[1]?.parts ?? [];
    expect(changeset.map((p) => p.status)).toEqual([201, 204]);
    expect(changeset[0]?.headers.location).toBe("http://host/service.svc/Customer('POIUY')");
    expect(raw[1]?.parts?.map((p) => p.headers['content-id'])).toEqual(['1', '2']);
    expect(changeset[1]?.data).toBe('');
    expect(parts[2]).toMatchObject({ status: 404, headers: { 'content-type': 'application/xml' }, data: '<Error message>' });
  });

  it('09 Azure Tables: a failed changeset holds one 404', () => {
    const { parts } = batch('09', mode);
    expect(parts).toHaveLength(1);
    const inner = parts[0]?.parts ?? [];
    expect(inner).toHaveLength(1);
    expect(inner[0]).toMatchObject({ status: 404, data: { 'odata.error': { code: 'TableNotFound' } } });
  });

  it('10 Azure Tables: three 204s with empty bodies, CRLF throughout', () => {
    const { parts } = batch('10', mode);
    const inner = parts[0]?.parts ?? [];
    expect(inner.map((p) => [p.status, p.data])).toEqual([
      [204, ''],
      [204, ''],
      [204, ''],
    ]);
    expect(inner[2]?.headers.location).toContain("RowKey='3'");
  });

  it('11 RFC 2046 example: preamble, epilogue, a part with no headers is text/plain', () => {
    const raw = parseMultipart(input('11', mode), fixture('11').contentType);
    expect(raw).toHaveLength(2);
    expect(raw[0]?.headers).toEqual({});
    expect(raw[0]?.type).toBe('text/plain');
    expect(raw[0]?.body.length).toBe(79);
    expect(text(raw[0]!.body).endsWith('linebreak.')).toBe(true);
    expect(raw[1]?.headers).toEqual({ 'content-type': 'text/plain; charset=us-ascii' });
    expect(raw[1]?.body.length).toBe(76);
    expect(text(raw[1]!.body).endsWith('linebreak.\n')).toBe(true);
  });

  it('12 boundary "-": delimiter ---, close -----, a 4-byte UTF-8 body intact', () => {
    const raw: MultipartPart[] = parseMultipart(input('12', mode), fixture('12').contentType);
    expect(raw).toHaveLength(1);
    expect(raw[0]?.headers).toEqual({});
    expect(Buffer.from(raw[0]!.body).equals(Buffer.from([0xf0, 0x9f, 0xa4, 0x94]))).toBe(true);
    expect(batch('12', mode).parts[0]?.data).toBe('\u{1F914}');
  });
});

it('12 fed as the issue\'s chunks, joined byte-wise, gives the emoji back intact', () => {
  const emoji = Buffer.from('\u{1F914}');
  const chunks = [Buffer.from('\r\n---\r\n\r\n'), emoji.subarray(0, 2), emoji.subarray(2), Buffer.from('\r\n-----\r\n')];
  const joined = new Uint8Array(Buffer.concat(chunks));
  expect(Buffer.from(joined).equals(fixture('12').bytes)).toBe(true);
  expect(text(parseMultipart(joined, 'multipart/mixed; boundary="-"')[0]!.body)).toBe('\u{1F914}');
});
