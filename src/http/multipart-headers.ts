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

/** RFC 7230 tchar: a header name that is anything else is not a header line. */
function isTokenChar(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return true; // 0-9
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return true; // a-z A-Z
  // ! # $ % & ' * + - . ^ _ ` | ~
  return '!#$%&\'*+-.^_`|~'.indexOf(String.fromCharCode(c)) >= 0;
}

/** `Name:` at the start of `line` (spaces allowed before the colon). */
function looksLikeHeader(line: string): boolean {
  let i = 0;
  while (i < line.length && isTokenChar(line.charCodeAt(i))) i++;
  if (i === 0) return false;
  while (i < line.length && (line.charCodeAt(i) === SP || line.charCodeAt(i) === HT)) i++;
  return line.charCodeAt(i) === COLON;
}

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
export function parseHeaderLines(text: string, headers: HeaderMap = Object.create(null) as HeaderMap): HeaderMap {
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
      if (more) headers[name] = headers[name] ? `${headers[name]} ${more}` : more;
    } else {
      const colon = text.indexOf(':', i);
      if (colon >= 0 && colon < lineEnd && looksLikeHeader(text.slice(i, colon + 1))) {
        name = text.slice(i, colon).trim().toLowerCase();
        const value = text.slice(colon + 1, lineEnd).trim();
        const prev = headers[name];
        headers[name] = prev === undefined ? value : `${prev}, ${value}`;
      } else name = '';
    }
    i = j + 1;
  }
  return headers;
}
