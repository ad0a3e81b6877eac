import { mediaParam, mediaType } from './content-type';
import { MultipartParseError } from './multipart-error';
import type { MultipartErrorCode } from './multipart-error';
import { parseHeaderLines, splitHead } from './multipart-headers';
import type { HeaderMap } from './multipart-headers';
import { byteString, decodeUtf8 } from './utf8';

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
  /** Nesting of multiparts inside multiparts. @default 8 */
  maxDepth?: number;
}

/** Bytes a body may arrive as: `Uint8Array` (Node `Buffer` is one), any view, or an `ArrayBuffer`. */
export type MultipartInput = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * A body to split: `s` is the text, or for bytes one char per byte (so offsets match); `b` the bytes.
 * Only ASCII matters to the splitting, and ASCII reads the same either way.
 */
export interface Body {
  s: string;
  b?: Uint8Array | undefined;
}

export const fail = (code: MultipartErrorCode, message: string, parts?: MultipartPart[]): never => {
  throw new MultipartParseError(code, message, parts);
};

/** Bytes of any accepted binary input, without copying; `undefined` for anything else. */
export const asBytes = (input: unknown): Uint8Array | undefined =>
  ArrayBuffer.isView(input)
    ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
    : // toString, not instanceof: an ArrayBuffer from another realm (a worker, a jest sandbox) counts too.
      Object.prototype.toString.call(input) === '[object ArrayBuffer]'
      ? new Uint8Array(input as ArrayBuffer)
      : undefined;

export function bodyOf(input: unknown): Body {
  if (typeof input === 'string') return { s: input };
  const b = asBytes(input) || fail('BAD_INPUT', `body is ${typeof input}`);
  return { s: byteString(b), b };
}

/** [start, end) of a body: a string slice, or a view of the bytes. */
export const raw = (v: Body, start: number, end: number): string | Uint8Array => (v.b ? v.b.subarray(start, end) : v.s.slice(start, end));
/** [start, end) of a body as text. */
export const text = (v: Body, start: number, end: number): string => (v.b ? decodeUtf8(v.b.subarray(start, end)) : v.s.slice(start, end));

/** The boundary of a `multipart/*` Content-Type, checked (1–70 printable ASCII characters). */
export function multipartBoundary(contentType: string): string {
  const boundary = mediaParam(contentType, 'boundary');
  return boundary && /^[ -~]{1,70}$/.test(boundary) ? boundary : fail('BAD_BOUNDARY', `in "${contentType.slice(0, 200)}"`);
}

// What follows `--boundary` on a delimiter line: `--` closes (the rest is epilogue), else transport
// padding then a line break or the end. Sticky: it reads only there.
const AFTER = /--|[ \t]*\r?(?:\n|$)/y;

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
export function parseMultipart(body: MultipartInput, contentType: string, { maxParts = 100_000, maxDepth = 8 }: MultipartOptions = {}): MultipartPart[] {
  let count = 0;
  const level = (v: Body, contentType: string, depth: number): MultipartPart[] => {
    const { s } = v;
    const dash = `--${multipartBoundary(contentType)}`;
    const parts: MultipartPart[] = [];
    let start = -1;
    for (let at = 0; (at = s.indexOf(dash, at)) >= 0; at++) {
      AFTER.lastIndex = at + dash.length;
      // Only at a line start, and not `--bx` (a longer line than this boundary).
      const after = (!at || s.charCodeAt(at - 1) === 10) && AFTER.exec(s);
      if (!after) continue;
      const next = AFTER.lastIndex;
      if (start >= 0) {
        if (++count > maxParts) fail('TOO_MANY_PARTS', `over ${maxParts}`, parts);
        // The line break before a delimiter belongs to it: remove exactly one.
        const end = at > start ? at - (at - 1 > start && s.charCodeAt(at - 2) === 13 ? 2 : 1) : at;
        const [headEnd, bodyStart] = splitHead(s, start, end, true);
        const headers = parseHeaderLines(text(v, start, headEnd));
        const type = headers['content-type'];
        const part: MultipartPart = { headers, type: mediaType(type), body: raw(v, bodyStart, end) };
        if (part.type.startsWith('multipart/') && mediaParam(type!, 'boundary') !== undefined) {
          if (depth >= maxDepth) fail('TOO_DEEP', `over ${maxDepth}`);
          part.parts = level({ s: s.slice(bodyStart, end), b: v.b && v.b.subarray(bodyStart, end) }, type!, depth + 1);
        }
        parts.push(part);
      }
      if (after[0] === '--') return parts;
      start = next;
    }
    return fail(start < 0 ? 'BOUNDARY_NOT_FOUND' : 'TRUNCATED', `${parts.length} parts read`, parts);
  };
  return level(bodyOf(body), contentType, 0);
}
