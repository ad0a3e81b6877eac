import { readPart } from './multipart-headers';
import type { HeaderLimits, HeaderMap } from './multipart-headers';
import { bodyOf, find, text } from './multipart-source';

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
  // A status line can only start at the first `HTTP/`, and ends at the line feed after it: only
  // that much is read as text, and where it ends (in chars or bytes) is where the headers start.
  const at = find(v, 'HTTP/', 0);
  const lf = at < 0 ? -1 : find(v, '\n', at);
  const headEnd = lf < 0 ? v.length : lf + 1;
  const m = at < 0 ? null : STATUS_LINE.exec(text(v, 0, headEnd));
  return m ? { status: +m[1]!, statusText: m[2]!.trim(), ...readPart(v, headEnd, v.length, limits) } : undefined;
}

// Anchored, and each piece stops at a different character class: no backtracking to speak of.
const STATUS_LINE = /^\s*HTTP\/\S* +([1-9]\d\d)(?!\S)([^\n]*)\n?/;
