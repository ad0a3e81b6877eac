import { readPart } from './multipart-headers';
import type { HeaderMap } from './multipart-headers';
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
 */
export function parseHttpMessage(body: string): HttpMessage<string> | undefined;
export function parseHttpMessage(body: Uint8Array): HttpMessage<Uint8Array> | undefined;
export function parseHttpMessage(body: string | Uint8Array): HttpMessage | undefined;
export function parseHttpMessage(body: string | Uint8Array): HttpMessage | undefined {
  const v = bodyOf(body);
  const m = STATUS_LINE.exec(v.s);
  return m ? { status: +m[1]!, statusText: m[2]!.trim(), ...readPart(v, m[0].length, v.s.length) } : undefined;
}

// Anchored, and each piece stops at a different character class: no backtracking to speak of.
const STATUS_LINE = /^\s*HTTP\/\S* +([1-9]\d\d)(?!\S)([^\n]*)\n?/;
