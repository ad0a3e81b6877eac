import { parseMediaType } from './content-type';
import { MultipartParseError } from './multipart-error';
import { parseHeaderLines, readHead } from './multipart-headers';
import type { HeaderMap } from './multipart-headers';
import { ByteSource, StringSource } from './multipart-source';
import type { Source } from './multipart-source';

/** One body part. `B` is `string` when the input was a string, `Uint8Array` when it was bytes. */
export interface MultipartPart<B extends string | Uint8Array = string | Uint8Array> {
  /** Header names lower-case, values trimmed, folded lines unfolded. */
  headers: HeaderMap;
  /** Media type, lower-case, without parameters; `text/plain` for a part without Content-Type. */
  type: string;
  /** The body, without the line break that belongs to the next delimiter. Bytes are a view, not a copy. */
  body: B;
  /** The parts of a nested `multipart/*` part. */
  parts?: MultipartPart<B>[];
}

/** Limits that keep a hostile body cheap. */
export interface MultipartOptions {
  /** Parts in the whole body, nested ones included. @default 100000 */
  maxParts?: number;
  /** Bytes (or chars) in one header block. @default 16384 */
  maxHeaderBytes?: number;
  /** Nesting of multiparts inside multiparts. @default 8 */
  maxDepth?: number;
}

const DEFAULTS: Required<MultipartOptions> = { maxParts: 100_000, maxHeaderBytes: 16_384, maxDepth: 8 };

/** Bytes a body may arrive as: `Uint8Array` (Node `Buffer` is one), any view, or an `ArrayBuffer`. */
export type MultipartInput = string | Uint8Array | ArrayBuffer | ArrayBufferView;

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HT = 0x09;
const DASH = 0x2d;

interface Limits {
  readonly opts: Required<MultipartOptions>;
  count: number;
}

/** The boundary of a `multipart/*` Content-Type, checked (1–70 printable ASCII characters). */
export function multipartBoundary(contentType: string): string {
  const boundary = parseMediaType(contentType).params.boundary;
  if (boundary === undefined || boundary.length < 1 || boundary.length > 70) {
    throw new MultipartParseError('BAD_BOUNDARY', `no usable boundary (1 to 70 characters) in "${contentType.slice(0, 200)}"`);
  }
  for (let i = 0; i < boundary.length; i++) {
    const c = boundary.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw new MultipartParseError('BAD_BOUNDARY', 'the boundary has a character outside printable ASCII');
  }
  return boundary;
}

/** Bytes of any accepted binary input, without copying; `undefined` for anything else. */
export function asBytes(input: unknown): Uint8Array | undefined {
  if (input instanceof Uint8Array) return input;
  if (typeof input !== 'object' || input === null) return undefined;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  // toString, not instanceof: an ArrayBuffer from another realm (a worker, a jest sandbox) counts too.
  if (Object.prototype.toString.call(input) === '[object ArrayBuffer]') return new Uint8Array(input as ArrayBuffer);
  return undefined;
}

/**
 * Splits a multipart body (RFC 2046 §5.1.1) into its parts, with the leniency real servers need:
 * CRLF or bare LF (mixed), transport padding after delimiters, a close delimiter with extra
 * characters or no final line break, preamble and epilogue ignored, nested multiparts parsed.
 * A delimiter counts only at the start of a line; boundary text mid-line is body. Linear time.
 *
 * @param contentType the whole Content-Type value (its `boundary` parameter is used)
 * @throws {MultipartParseError} and nothing else, for any input
 */
export function parseMultipart(body: string, contentType: string, options?: MultipartOptions): MultipartPart<string>[];
export function parseMultipart(body: Uint8Array | ArrayBuffer | ArrayBufferView, contentType: string, options?: MultipartOptions): MultipartPart<Uint8Array>[];
export function parseMultipart(body: MultipartInput, contentType: string, options?: MultipartOptions): MultipartPart[];
export function parseMultipart(body: MultipartInput, contentType: string, options?: MultipartOptions): MultipartPart[] {
  // Key by key, so an explicit `undefined` (from plain JS) keeps the default rather than no limit.
  const opts: Required<MultipartOptions> = {
    maxParts: options?.maxParts ?? DEFAULTS.maxParts,
    maxHeaderBytes: options?.maxHeaderBytes ?? DEFAULTS.maxHeaderBytes,
    maxDepth: options?.maxDepth ?? DEFAULTS.maxDepth,
  };
  const limits: Limits = { opts, count: 0 };
  return parseLevel<string | Uint8Array>(sourceOf(body, multipartBoundary(contentType)), limits, 0);
}

function sourceOf(body: unknown, boundary: string): Source<string | Uint8Array> {
  if (typeof body === 'string') return new StringSource(body, `--${boundary}`);
  const bytes = asBytes(body);
  if (!bytes) throw new MultipartParseError('BAD_INPUT', `expected a string or bytes, got ${body === null ? 'null' : typeof body}`);
  return new ByteSource(bytes, `--${boundary}`);
}

interface Delimiter {
  at: number;
  /** First position after the delimiter line. */
  end: number;
  close: boolean;
}

/** The next delimiter line at or after `from`: at a line start, then `--`, padding or a line break. */
function nextDelimiter<B extends string | Uint8Array>(src: Source<B>, from: number, size: number): Delimiter | undefined {
  const n = src.length;
  for (;;) {
    const at = src.findDelimiter(from);
    if (at < 0) return undefined;
    if (at === 0 || src.code(at - 1) === LF) {
      let q = at + size;
      // `--b--` closes; whatever follows on that line (`--b---`) and after it is epilogue.
      if (q + 1 < n && src.code(q) === DASH && src.code(q + 1) === DASH) return { at, end: n, close: true };
      while (q < n && (src.code(q) === SP || src.code(q) === HT)) q++;
      if (q >= n) return { at, end: n, close: false };
      const c = src.code(q);
      if (c === LF) return { at, end: q + 1, close: false };
      if (c === CR && (q + 1 >= n || src.code(q + 1) === LF)) return { at, end: Math.min(q + 2, n), close: false };
    }
    from = at + 1;
  }
}

function parseLevel<B extends string | Uint8Array>(src: Source<B>, limits: Limits, depth: number): MultipartPart<B>[] {
  const size = src.delimiterLength;
  const parts: MultipartPart<B>[] = [];
  let d: Delimiter | undefined = nextDelimiter(src, 0, size);
  if (!d) throw new MultipartParseError('BOUNDARY_NOT_FOUND', 'the body does not contain the boundary delimiter');
  while (!d.close) {
    const start: number = d.end;
    const next: Delimiter | undefined = nextDelimiter(src, start, size);
    if (!next) {
      throw new MultipartParseError('TRUNCATED', `the body ends before the close delimiter (after ${parts.length} complete parts)`, parts);
    }
    // The line break before a delimiter belongs to the delimiter: remove exactly one.
    let end = next.at;
    if (end > start && src.code(end - 1) === LF) {
      end--;
      if (end > start && src.code(end - 1) === CR) end--;
    }
    if (++limits.count > limits.opts.maxParts) {
      throw new MultipartParseError('TOO_MANY_PARTS', `more than ${limits.opts.maxParts} parts`, parts);
    }
    parts.push(readPart(src, start, end, limits, depth));
    d = next;
  }
  return parts;
}

function readPart<B extends string | Uint8Array>(src: Source<B>, start: number, end: number, limits: Limits, depth: number): MultipartPart<B> {
  const head = readHead(src, start, end, limits.opts.maxHeaderBytes, true);
  const headers = parseHeaderLines(head.text);
  const contentType = headers['content-type'];
  const media = contentType === undefined ? undefined : parseMediaType(contentType);
  const part: MultipartPart<B> = {
    headers,
    type: media?.type || 'text/plain',
    body: src.slice(head.bodyStart, end),
  };
  if (media && media.type.startsWith('multipart/') && media.params.boundary !== undefined) {
    if (depth + 1 > limits.opts.maxDepth) throw new MultipartParseError('TOO_DEEP', `multiparts nested deeper than ${limits.opts.maxDepth}`);
    const inner = sourceOf(part.body, multipartBoundary(contentType ?? '')) as unknown as Source<B>;
    part.parts = parseLevel(inner, limits, depth + 1);
  }
  return part;
}
