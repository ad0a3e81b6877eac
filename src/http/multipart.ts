import { mediaParam, mediaType } from './content-type';
import { readPart } from './multipart-headers';
import type { HeaderMap } from './multipart-headers';
import { bodyOf, fail } from './multipart-source';
import type { Body } from './multipart-source';

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
      if ((at && s.charCodeAt(at - 1) !== 10) || !AFTER.test(s)) continue;
      const next = AFTER.lastIndex;
      if (start >= 0) {
        if (++count > maxParts) fail('TOO_MANY_PARTS', `over ${maxParts}`, parts);
        // The line break before a delimiter belongs to it: remove exactly one.
        const end = at > start ? at - (at - 1 > start && s.charCodeAt(at - 2) === 13 ? 2 : 1) : at;
        const { headers, body } = readPart(v, start, end);
        const contentType = headers['content-type'];
        const type = mediaType(contentType);
        const part: MultipartPart = { headers, type, body };
        if (type.startsWith('multipart/') && mediaParam(contentType!, 'boundary') !== undefined) {
          if (depth >= maxDepth) fail('TOO_DEEP', `over ${maxDepth}`);
          part.parts = level(bodyOf(body), contentType!, depth + 1);
        }
        parts.push(part);
      }
      if (s.startsWith('--', at + dash.length)) return parts;
      start = next;
    }
    return fail(start < 0 ? 'BOUNDARY_NOT_FOUND' : 'TRUNCATED', `${parts.length} parts read`, parts);
  };
  return level(bodyOf(body), contentType, 0);
}
