import { mediaParam, mediaTypeReader } from './content-type';
import { readPart } from './multipart-headers';
import type { HeaderLimits, HeaderMemo } from './multipart-headers';
import type { MultipartPart } from './multipart-part';
import { bodyOf, code, fail, finder } from './multipart-source';
import { safeText } from './redact';
import type { Body } from './multipart-source';

export type { MultipartPart } from './multipart-part';

/** Limits that keep a hostile body cheap. */
export interface MultipartOptions extends HeaderLimits {
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
  // The header came from the server: quoted in the message only once made safe to print.
  return boundary && /^[ -~]{1,70}$/.test(boundary) ? boundary : fail('BAD_BOUNDARY', `in "${safeText(contentType, 200)}"`);
}

const LF = 10;
const CR = 13;
const DASH = 45;

/**
 * What follows `--boundary` at `at`: `--` closes (the rest is epilogue: returns -2), else transport
 * padding then a line break or the end (returns where the next line starts); -1 for anything else
 * (a longer line than this boundary).
 */
function afterDelimiter(v: Body, at: number): number {
  if (code(v, at) === DASH && code(v, at + 1) === DASH) return -2;
  while (code(v, at) === 32 || code(v, at) === 9) at++;
  at += +(code(v, at) === CR);
  return at >= v.length ? v.length : code(v, at) === LF ? at + 1 : -1;
}

/**
 * Splits a multipart body (RFC 2046 §5.1.1) into its parts, with the leniency real servers need:
 * CRLF or bare LF (mixed), transport padding after delimiters, a close delimiter with extra
 * characters or no final line break, preamble and epilogue ignored, nested multiparts parsed.
 * A delimiter counts only at the start of a line; boundary text mid-line is body. Linear time;
 * a part's header block is bounded by `maxHeaderLines` and `maxHeaderBytes`.
 *
 * @param contentType the whole Content-Type value (its `boundary` parameter is used)
 * @throws {MultipartParseError} and nothing else, for any input
 */
export function parseMultipart(body: string, contentType: string, options?: MultipartOptions): MultipartPart<string>[];
export function parseMultipart(body: Uint8Array | ArrayBuffer | ArrayBufferView, contentType: string, options?: MultipartOptions): MultipartPart<Uint8Array>[];
export function parseMultipart(body: MultipartInput, contentType: string, options?: MultipartOptions): MultipartPart[];
export function parseMultipart(body: MultipartInput, contentType: string, options: MultipartOptions = {}): MultipartPart[] {
  const { maxParts = 100_000, maxDepth = 8 } = options;
  let count = 0;
  const memo: HeaderMemo = { headers: {} };
  const mediaType = mediaTypeReader();
  const level = (v: Body, contentType: string, depth: number): MultipartPart[] => {
    const dash = `--${multipartBoundary(contentType)}`;
    const findDash = finder(dash);
    const parts: MultipartPart[] = [];
    let start = -1;
    for (let at = 0; (at = findDash(v, at)) >= 0; at++) {
      // Only at a line start, and not `--bx` (a longer line than this boundary).
      if (at && code(v, at - 1) !== LF) continue;
      const next = afterDelimiter(v, at + dash.length);
      if (next === -1) continue;
      if (start >= 0) {
        if (++count > maxParts) fail('TOO_MANY_PARTS', `over ${maxParts}`, parts);
        // The line break before a delimiter belongs to it: remove exactly one.
        const end = at > start ? at - (at - 1 > start && code(v, at - 2) === CR ? 2 : 1) : at;
        const { headers, body } = readPart(v, start, end, options, parts, memo);
        const contentType = headers['content-type'];
        const type = mediaType(contentType);
        const part: MultipartPart = { headers, type, body };
        if (type.startsWith('multipart/') && mediaParam(contentType!, 'boundary') !== undefined) {
          if (depth >= maxDepth) fail('TOO_DEEP', `over ${maxDepth}`);
          part.parts = level(bodyOf(body), contentType!, depth + 1);
        }
        parts.push(part);
      }
      if (next === -2) return parts;
      start = next;
    }
    return fail(start < 0 ? 'BOUNDARY_NOT_FOUND' : 'TRUNCATED', `${parts.length} parts read`, parts);
  };
  return level(bodyOf(body), contentType, 0);
}
