import { readPart } from './multipart-headers';
import type { HeaderLimits, HeaderMap } from './multipart-headers';
import { bodyOf } from './multipart-source';

/** An HTTP response carried in an `application/http` part (Google batch, OData, Azure). */
export interface HttpMessage<B extends string | Uint8Array = string | Uint8Array> {
  status: number;
  statusText: string;
  headers: HeaderMap;
  body: B;
}

/**
 * Reads `HTTP/1.1 404 Not Found`, its headers and body from a part's body. `undefined` when the
 * part does not start with a status line. Header quirks as in MIME parts (no colon: skipped);
 * `Content-Length` is ignored, since real batch bodies carry wrong or placeholder values.
 *
 * @throws {MultipartParseError} HEADERS_TOO_LARGE past the limits
 */
export function parseHttpMessage(body: string, limits?: HeaderLimits): HttpMessage<string> | undefined;
export function parseHttpMessage(body: Uint8Array, limits?: HeaderLimits): HttpMessage<Uint8Array> | undefined;
export function parseHttpMessage(body: string | Uint8Array, limits?: HeaderLimits): HttpMessage | undefined;
export function parseHttpMessage(body: string | Uint8Array, limits?: HeaderLimits): HttpMessage | undefined {
  const v = bodyOf(body);
  // The status line is the first line with anything but blanks on it: only that much is read as text.
  let first = 0;
  for (let c = v.code(first); c === 32 || (c >= 9 && c <= 13) || (c > 127 && BLANK.test(String.fromCharCode(c))); c = v.code(++first));
  const lf = v.findCode(10, first);
  const headEnd = lf < 0 ? v.length : lf + 1;
  // The match spans all of [0, headEnd), so headEnd (not the match's length in chars) is where the
  // headers start, in bytes as well.
  const m = STATUS_LINE.exec(v.text(0, headEnd));
  return m ? { status: +m[1]!, statusText: m[2]!.trim(), ...readPart(v, headEnd, v.length, limits) } : undefined;
}

// Anchored, and each piece stops at a different character class: no backtracking to speak of.
const STATUS_LINE = /^\s*HTTP\/\S* +([1-9]\d\d)(?!\S)([^\n]*)\n?/;
const BLANK = /\s/;
