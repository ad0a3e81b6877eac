import { MultipartParseError } from './multipart-error';
import type { Source } from './multipart-source';

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const HT = 0x09;
const COLON = 0x3a;

/** Header names lower-case, values trimmed; a repeated header's values joined with `, `. */
export type HeaderMap = Record<string, string>;

/** Where a head (header block) ends and the body starts, within [start, end) of a source. */
export interface Head {
  /** The header lines as text (line breaks kept), without the blank line. */
  text: string;
  bodyStart: number;
}

/** RFC 7230 tchar, as a table: a header name made of anything else is not a header line. */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TCHAR[c.charCodeAt(0)] = 1;
const isTokenChar = (c: number): boolean => c < 128 && TCHAR[c] === 1;

/** Position of the colon ending a header name that starts at `i`, or -1 (spaces allowed before it). */
function nameColon(line: string, i: number, end: number): number {
  let k = i;
  while (k < end && isTokenChar(line.charCodeAt(k))) k++;
  if (k === i) return -1;
  while (k < end && (line.charCodeAt(k) === SP || line.charCodeAt(k) === HT)) k++;
  return k < end && line.charCodeAt(k) === COLON ? k : -1;
}

/** `Name:` at the start of `line`. */
const looksLikeHeader = (line: string): boolean => nameColon(line, 0, line.length) >= 0;

/**
 * Finds the blank line that ends a head in [start, end). A head that starts with a line break is
 * empty. With no blank line at all, `requireHeaderLike` decides: a MIME part whose first line is
 * not a header line is all body (a writer that forgot the blank line); otherwise all head.
 * Scans at most `limit` bytes of head before failing, so a hostile part costs nothing extra.
 */
export function readHead<B extends string | Uint8Array>(
  src: Source<B>,
  start: number,
  end: number,
  limit: number,
  requireHeaderLike: boolean,
): Head {
  if (start >= end) return { text: '', bodyStart: end };
  const first = src.code(start);
  if (first === LF) return { text: '', bodyStart: start + 1 };
  if (first === CR && start + 1 < end && src.code(start + 1) === LF) return { text: '', bodyStart: start + 2 };
  let lineStart = start;
  for (;;) {
    const lf = src.findLF(lineStart, end);
    if (lf < 0 || lf - start > limit) {
      // No blank line within reach: a MIME part that starts with body text has no head at all.
      if (requireHeaderLike && !looksLikeHeader(firstLine(src, start, end, limit))) return { text: '', bodyStart: start };
      if (lf >= 0 || end - start > limit) {
        throw new MultipartParseError('HEADER_TOO_LARGE', `a header block is longer than ${limit} bytes`);
      }
      return { text: src.text(start, end), bodyStart: end };
    }
    const next = lf + 1;
    if (next >= end) return { text: src.text(start, lf), bodyStart: end };
    const c = src.code(next);
    if (c === LF) return { text: src.text(start, lf), bodyStart: next + 1 };
    if (c === CR && (next + 1 >= end || src.code(next + 1) === LF)) {
      return { text: src.text(start, lf), bodyStart: Math.min(next + 2, end) };
    }
    lineStart = next;
  }
}

function firstLine<B extends string | Uint8Array>(src: Source<B>, start: number, end: number, limit: number): string {
  const lf = src.findLF(start, Math.min(end, start + limit));
  return src.text(start, lf < 0 ? Math.min(end, start + limit) : lf);
}

/**
 * Parses header lines: folded lines (starting with space or tab) continue the previous header,
 * a line without a colon is skipped (Google's batch example has one), names are lower-cased.
 */
export function parseHeaderLines(text: string): HeaderMap {
  // A plain object (null-prototype ones are several times slower to fill); `__proto__` is set
  // as an own property by setHeader, so a hostile name cannot reach the prototype.
  const headers: HeaderMap = {};
  let name = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = n;
    let lineEnd = j;
    if (lineEnd > i && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
    const c = text.charCodeAt(i);
    if ((c === SP || c === HT) && name) {
      const more = text.slice(i, lineEnd).trim();
      if (more) setHeader(headers, name, headers[name] ? `${headers[name]} ${more}` : more);
    } else {
      const colon = nameColon(text, i, lineEnd);
      if (colon >= 0) {
        name = text.slice(i, colon).trimEnd().toLowerCase();
        const value = text.slice(colon + 1, lineEnd).trim();
        const prev = Object.prototype.hasOwnProperty.call(headers, name) ? headers[name] : undefined;
        setHeader(headers, name, prev === undefined ? value : `${prev}, ${value}`);
      } else name = '';
    }
    i = j + 1;
  }
  return headers;
}

/** Sets an own property, `__proto__` included. */
export function setHeader(headers: HeaderMap, name: string, value: string): void {
  if (name === '__proto__') Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
  else headers[name] = value;
}
