import { isJsonType, parseMediaType } from './content-type';
import { parseHttpMessage } from './http-message';
import { parseJson } from './json';
import { asBytes, parseMultipart } from './multipart';
import type { MultipartOptions, MultipartPart } from './multipart';
import { MultipartParseError } from './multipart-error';
import { setHeader } from './multipart-headers';
import type { HeaderMap } from './multipart-headers';
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

const RC_JSON = 'application/vnd.ringcentral.multipart+json';

/**
 * Reads a batch response body: `multipart/*` (RingCentral manifest, `application/http` parts,
 * nested changesets) or RingCentral's JSON batch. `undefined` when the body is neither.
 *
 * @throws {MultipartParseError} for a malformed body or manifest
 */
export function parseBatchResponse(data: unknown, contentType: string | undefined, options: BatchOptions = {}): Batch | undefined {
  const media = parseMediaType(contentType ?? '');
  const big = options.largeIntegers === 'string';
  if (media.type === RC_JSON) return jsonBatch(data, big);
  if (!media.type.startsWith('multipart/')) return undefined;
  if (typeof data !== 'string' && !asBytes(data)) return undefined;
  const raw = parseMultipart(data as string | Uint8Array, contentType ?? '', options);
  const first = raw[0];
  if (!first || !isJsonType(first.type)) return { parts: raw.map((p) => toSub(p, big, undefined)), manifest: undefined };

  // RingCentral: a JSON first part is the manifest; entry i is the status of part i+1.
  const rest = raw.slice(1);
  const manifestText = textOf(first.body);
  let manifest: unknown;
  try {
    manifest = parseJson(manifestText, big);
  } catch {
    throw new MultipartParseError('MANIFEST_INVALID', `the first part (the batch manifest) is not JSON: ${JSON.stringify(manifestText.slice(0, 80))}`, raw);
  }
  const entries = manifestEntries(manifest);
  if (!entries) {
    throw new MultipartParseError('MANIFEST_INVALID', 'the batch manifest is not {"response":[…]} nor an array of statuses', raw);
  }
  if (entries.length !== rest.length) {
    throw new MultipartParseError('MANIFEST_MISMATCH', `the batch manifest lists ${entries.length} responses but ${rest.length} parts follow it`, raw);
  }
  return { parts: rest.map((p, i) => toSub(p, big, entries[i])), manifest };
}

interface Entry {
  status: number;
  extra: Record<string, unknown> | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStatus = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** `{"response":[{status,…}]}`, `[{status,…}]` or `[200, 404]`; `undefined` for anything else. */
function manifestEntries(manifest: unknown): Entry[] | undefined {
  const list = isRecord(manifest) ? manifest.response : manifest;
  if (!Array.isArray(list)) return undefined;
  const out: Entry[] = [];
  for (const item of list as unknown[]) {
    if (isStatus(item)) out.push({ status: item, extra: undefined });
    else if (isRecord(item) && isStatus(item.status)) out.push({ status: item.status, extra: item });
    else return undefined;
  }
  return out;
}

/** Fields of the sub-response itself: a manifest entry cannot overwrite them. */
const isReserved = (key: string): boolean =>
  key === 'status' || key === 'statusText' || key === 'headers' || key === 'data' || key === 'parts' || key === 'partHeaders' || key === '__proto__';

function withExtras(sub: SubResponse, extra: Record<string, unknown> | undefined, skip?: string): SubResponse {
  if (extra) for (const key of Object.keys(extra)) if (key !== skip && !isReserved(key)) sub[key] = extra[key];
  return sub;
}

function textOf(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : decodeUtf8(body);
}

/** JSON parsed when the type says so (kept as text if it does not parse), text, or bytes. */
function bodyData(body: string | Uint8Array, contentType: string | undefined, big: boolean): unknown {
  const media = parseMediaType(contentType ?? 'text/plain');
  if (typeof body !== 'string' && !media.text) return body.slice();
  const text = textOf(body);
  if (!media.json || text === '') return text;
  try {
    return parseJson(text, big);
  } catch {
    return text;
  }
}

function toSub(part: MultipartPart, big: boolean, entry: Entry | undefined): SubResponse {
  let sub: SubResponse;
  const http = part.type === 'application/http' ? parseHttpMessage(part.body) : undefined;
  if (http) {
    const data = bodyData(http.body, http.headers['content-type'], big);
    sub = { status: http.status, statusText: http.statusText, headers: http.headers, data, partHeaders: part.headers };
  } else if (part.parts) {
    sub = { status: entry?.status, headers: part.headers, data: undefined, parts: part.parts.map((p) => toSub(p, big, undefined)) };
  } else {
    sub = { status: entry?.status, headers: part.headers, data: bodyData(part.body, part.headers['content-type'], big) };
  }
  return withExtras(sub, entry?.extra);
}

/** `application/vnd.ringcentral.multipart+json`: `[{resourceId, status, body}]`, maybe parsed by axios already. */
function jsonBatch(data: unknown, big: boolean): Batch {
  let list = data;
  if (typeof data === 'string' || asBytes(data)) {
    const text = typeof data === 'string' ? data : decodeUtf8(asBytes(data) ?? new Uint8Array(0));
    try {
      list = parseJson(text, big);
    } catch {
      throw new MultipartParseError('MANIFEST_INVALID', 'the RingCentral JSON batch body is not JSON');
    }
  }
  if (!Array.isArray(list)) throw new MultipartParseError('MANIFEST_INVALID', 'the RingCentral JSON batch body is not an array');
  const parts = (list as unknown[]).map((item, i): SubResponse => {
    if (!isRecord(item) || !isStatus(item.status)) {
      throw new MultipartParseError('MANIFEST_INVALID', `entry ${i} of the RingCentral JSON batch has no numeric status`);
    }
    const headers: HeaderMap = {};
    if (isRecord(item.headers)) for (const [k, v] of Object.entries(item.headers)) if (typeof v === 'string') setHeader(headers, k.toLowerCase(), v);
    return withExtras({ status: item.status, headers, data: item.body }, item, 'body');
  });
  return { parts, manifest: undefined };
}
