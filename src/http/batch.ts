import { isJson, isText, mediaType, mediaTypeReader } from './content-type';
import { parseHttpMessage } from './http-message';
import { parseJson } from './json';
import { parseMultipart } from './multipart';
import type { MultipartOptions, MultipartPart } from './multipart';
import type { HeaderMap } from './multipart-headers';
import { asBytes, fail } from './multipart-source';
import { decodeUtf8 } from './utf8';

/** One response inside a 207 batch. */
export interface SubResponse {
  /**
   * From the manifest (RingCentral), the part's own status line (`application/http`), or the
   * `status` of a RingCentral JSON batch entry; `undefined` when the batch says nothing.
   */
  status: number | undefined;
  /** Reason phrase of an `application/http` status line. */
  statusText?: string;
  /** Header names lower-case. */
  headers: HeaderMap;
  /**
   * JSON bodies parsed (by Content-Type); text otherwise; a `Uint8Array` for binary parts when
   * the response was read as bytes. A JSON body that does not parse is kept as text.
   */
  data: unknown;
  /** The sub-responses of a nested `multipart/*` part (an OData or Azure changeset). */
  parts?: SubResponse[];
  /**
   * The MIME headers of an `application/http` part itself (`headers` are those of the response
   * inside it): `content-id` there matches a sub-response to its request in Google and OData batches.
   */
  partHeaders?: HeaderMap;
  /** Other fields of the part's manifest entry (`href`, `responseDescription`, `resourceId`). */
  [field: string]: unknown;
}

/** Options of {@link parseBatchResponse}. */
export interface BatchOptions extends MultipartOptions {
  /**
   * `JSON.parse` rounds integers beyond ±2^53 (RingCentral ids are such integers). `'string'`
   * returns them exact, as strings; `'number'` leaves JSON.parse's result as it is.
   * @default 'number'
   */
  largeIntegers?: 'number' | 'string';
}

/** A 207 body read as a batch. */
export interface Batch {
  parts: SubResponse[];
  /** The parsed manifest (first part) of a RingCentral batch; `undefined` when there is none. */
  manifest: unknown;
}

type Entry = Record<string, unknown>;

const isRecord = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStatus = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 99 && v < 600;
const textOf = (body: string | Uint8Array): string => (typeof body === 'string' ? body : decodeUtf8(body));

/**
 * Reads a batch response body: `multipart/*` (RingCentral manifest, `application/http` parts,
 * nested changesets) or RingCentral's JSON batch. `undefined` when the body is neither.
 *
 * @throws {MultipartParseError} for a malformed body or manifest
 */
export function parseBatchResponse(data: unknown, contentType: string | undefined, options: BatchOptions = {}): Batch | undefined {
  const type = mediaType(contentType);
  const { maxParts = 100_000 } = options;
  const json = (text: string): unknown => parseJson(text, options.largeIntegers === 'string');

  const bytes = asBytes(data);
  let manifest: unknown;
  const partType = mediaTypeReader();

  /** JSON parsed when the type says so (kept as text if it does not parse), text, or bytes. */
  const dataOf = (body: string | Uint8Array, contentType: string | undefined): unknown => {
    if (typeof body !== 'string' && !isText(contentType)) return body.slice();
    const text = textOf(body);
    try {
      return text && isJson(partType(contentType)) ? json(text) : text;
    } catch {
      return text;
    }
  };

  const sub = (part: MultipartPart, entry?: Entry): SubResponse => {
    const http = part.type === 'application/http' && parseHttpMessage(part.body, options);
    const { headers, body } = http || part;
    const out: SubResponse = {
      status: http ? http.status : entry && (entry.status as number),
      headers,
      data: part.parts ? undefined : dataOf(body, headers['content-type']),
    };
    if (http) {
      out.statusText = http.statusText;
      out.partHeaders = part.headers;
    }
    if (part.parts) out.parts = part.parts.map((p) => sub(p));
    // The other fields of a manifest entry (href, responseDescription); never over our own
    // (`__proto__` is `in` every object, so it is never copied either).
    for (const key in entry) if (!(key in out)) out[key] = entry[key];
    return out;
  };

  if (type === 'application/vnd.ringcentral.multipart+json') {
    // `[{resourceId, status, body}]`, maybe parsed by axios already.
    let list = data;
    try {
      if (bytes || typeof data === 'string') list = json(bytes ? decodeUtf8(bytes) : (data as string));
    } catch {
      // not JSON: rejected below
    }
    // Counted before any work per entry: a million entries are refused at once.
    if (Array.isArray(list) && list.length > maxParts) fail('TOO_MANY_PARTS', `over ${maxParts}`);
    return Array.isArray(list) && list.every((item) => isRecord(item) && isStatus(item.status))
      ? { parts: list.map(({ body, ...item }: Entry) => ({ ...item, headers: {}, data: body }) as SubResponse), manifest }
      : fail('MANIFEST_INVALID', 'not a list of {status}');
  }
  if (!type.startsWith('multipart/') || (typeof data !== 'string' && !bytes)) return undefined;

  // Bytes are split as bytes, and each text part decoded on its own: decoding the whole body
  // into one large string first costs more than the split itself.
  const all = parseMultipart(data as string | Uint8Array, contentType!, options);
  const [first, ...rest] = all;
  if (first && isJson(first.type)) {
    // RingCentral: a first part shaped like a manifest gives the status of every part after it.
    try {
      manifest = json(textOf(first.body));
    } catch {
      fail('MANIFEST_INVALID', 'the first part is not JSON', all);
    }
    const list = isRecord(manifest) ? manifest.response : Array.isArray(manifest) && manifest.length ? manifest : undefined;
    if (Array.isArray(list) && list.every((e) => isStatus(e) || (isRecord(e) && isStatus(e.status)))) {
      return list.length === rest.length
        ? { parts: rest.map((p, i) => sub(p, isStatus(list[i]) ? { status: list[i] } : (list[i] as Entry))), manifest }
        : fail('MANIFEST_MISMATCH', `${list.length} statuses for ${rest.length} parts`, all);
    }
  }
  return { parts: all.map((p) => sub(p)), manifest: undefined };
}
