import { parseHeaderLines, readHead } from './multipart-headers';
import type { HeaderMap } from './multipart-headers';
import { ByteSource, StringSource } from './multipart-source';
import type { Source } from './multipart-source';

/** An HTTP response carried in an `application/http` part (Google batch, OData, Azure). */
export interface HttpMessage<B extends string | Uint8Array = string | Uint8Array> {
  status: number;
  statusText: string;
  headers: HeaderMap;
  body: B;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads `HTTP/1.1 404 Not Found`, its headers and body from a part's body. `undefined` when the
 * part does not start with a status line. Header quirks as in MIME parts (no colon: skipped);
 * `Content-Length` is ignored, since real batch bodies carry wrong or placeholder values.
 */
export function parseHttpMessage(body: string, maxHeaderBytes?: number): HttpMessage<string> | undefined;
export function parseHttpMessage(body: Uint8Array, maxHeaderBytes?: number): HttpMessage<Uint8Array> | undefined;
export function parseHttpMessage(body: string | Uint8Array, maxHeaderBytes?: number): HttpMessage | undefined;
export function parseHttpMessage(body: string | Uint8Array, maxHeaderBytes = 16_384): HttpMessage | undefined {
  // The delimiter is never searched for here; any needle will do.
  const src: Source<string | Uint8Array> = typeof body === 'string' ? new StringSource(body, '--') : new ByteSource(body, '---');
  const n = src.length;
  let i = 0;
  while (i < n && (src.code(i) === LF || src.code(i) === CR)) i++;
  let lineEnd = src.findLF(i, Math.min(n, i + maxHeaderBytes));
  if (lineEnd < 0) lineEnd = Math.min(n, i + maxHeaderBytes);
  const line = src.text(i, lineEnd).trim();
  const at = statusAt(line);
  if (at < 0) return undefined;
  const status = Number(line.slice(at, at + 3));
  const statusText = line.slice(at + 3).trim();
  const headStart = Math.min(lineEnd + 1, n);
  const head = readHead(src, headStart, n, maxHeaderBytes, false);
  return { status, statusText, headers: parseHeaderLines(head.text), body: src.slice(head.bodyStart, n) };
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Where the 3-digit code of `HTTP/x.y NNN …` starts, or -1. */
function statusAt(line: string): number {
  if (!line.startsWith('HTTP/')) return -1;
  let i = line.indexOf(' ');
  if (i < 0) return -1;
  while (line.charCodeAt(i) === 0x20) i++;
  const [a, b, c, d] = [0, 1, 2, 3].map((k) => line.charCodeAt(i + k)) as [number, number, number, number];
  const ends = Number.isNaN(d) || d === 0x20 || d === 0x09;
  return a >= 0x31 && a <= 0x39 && isDigit(b) && isDigit(c) && ends ? i : -1;
}
