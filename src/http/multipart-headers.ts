import type { HeaderMap, MultipartPart } from './multipart-part';
import { code, fail, find, raw, text } from './multipart-source';
import type { Body } from './multipart-source';

export type { HeaderMap } from './multipart-part';

/** Bounds on one header block, so a hostile part costs no more than its size allows. */
export interface HeaderLimits {
  /** Lines in one part's header block (folded lines count). @default 100 */
  maxHeaderLines?: number;
  /** Bytes (chars, for a string body) in one part's header block. @default 65536 */
  maxHeaderBytes?: number;
}

const LF = 10;
const CR = 13;

/** After the line feed at `lf`: the end of a blank line (`\r?\n`, or `\r?` then the part's end), else -1. */
function blankLineEnd(v: Body, lf: number, end: number): number {
  const at = lf + 1 + +(lf + 1 < end && code(v, lf + 1) === CR);
  return at === end ? end : code(v, at) === LF ? at + 1 : -1;
}

const HEADER_START = /^[\w!#$%&'*+.^`|~-]+[ \t]*:/;

/**
 * The header block and body of [start, end): the head ends at the first blank line (or at once
 * when the part starts with a line break). With no blank line at all, a part whose first line is
 * `Name:` is all head, anything else all body (a writer that forgot the blank line).
 *
 * Looks for the blank line a line at a time (native searches) and no further than the limits
 * allow: past them, a part whose first line is `Name:` is HEADERS_TOO_LARGE, and any other is
 * all body (so a head is never read beyond the limits, whatever follows).
 *
 * @param before the parts read before this one, for the error
 * @param memo the parse's memory of its last header block
 */
export function readPart(
  v: Body,
  start: number,
  end: number,
  limits: HeaderLimits = {},
  before?: MultipartPart[],
  memo?: HeaderMemo,
): { headers: HeaderMap; body: Body } {
  const { maxHeaderLines = 100, maxHeaderBytes = 65_536 } = limits;
  let headEnd = start;
  let bodyStart = start;
  const crlf = +(code(v, start) === CR && start + 1 < end);
  if (start < end && code(v, start + crlf) === LF) {
    bodyStart = start + crlf + 1;
  } else if (start < end) {
    const window = Math.min(end, start + maxHeaderBytes + 1);
    const firstLf = find(v, '\n', start);
    let lf = firstLf;
    let lines = 1;
    let blankEnd = -1;
    while (lf >= 0 && lf < window && lines <= maxHeaderLines && (blankEnd = blankLineEnd(v, lf, end)) < 0) {
      lines++;
      lf = find(v, '\n', lf + 1);
    }
    if (blankEnd >= 0) {
      headEnd = lf;
      bodyStart = blankEnd;
    } else if (HEADER_START.test(text(v, start, firstLf < 0 || firstLf > window ? window : firstLf))) {
      // No blank line (within the limits): a first line `Name:` makes it all head.
      if (lines > maxHeaderLines || end - start > maxHeaderBytes) fail('HEADERS_TOO_LARGE', `over ${maxHeaderLines} lines or ${maxHeaderBytes} bytes`, before);
      headEnd = bodyStart = end;
    }
  }
  return { headers: headEnd > start ? parseHeaderLines(text(v, start, headEnd), memo) : {}, body: raw(v, bodyStart, end) };
}

/** `Name:` (an RFC 9110 token, then optional blanks) at a line start; the value up to the line end. */
const LINE = /^([\w!#$%&'*+.^`|~-]+)[ \t]*:([^\r\n]*)/gm;

/**
 * Parses header lines: folded lines (starting with space or tab) continue the previous header,
 * a line without a colon is skipped (Google's batch example has one), names are lower-cased.
 */
export function parseHeaderLines(text: string, memo?: HeaderMemo): HeaderMap {
  // Batches repeat one header block a thousand times: the parse remembers the last one (and copies
  // it out, so no two parts share an object). Spread copies a `__proto__` key as a plain own property.
  if (memo && text === memo.text) return { ...memo.headers };
  const headers: HeaderMap = {};
  if (memo) {
    memo.text = text;
    memo.headers = headers;
  }
  if (text.includes('\n')) text = text.replace(/\r?\n[ \t]+/g, ' ');
  LINE.lastIndex = 0;
  for (let m; (m = LINE.exec(text)); ) {
    const name = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    const joined = {}.hasOwnProperty.call(headers, name) ? `${headers[name]}, ${value}` : value;
    // Own properties only: `constructor` is a header name like any other, and so is `__proto__`.
    if (name === '__proto__') Object.defineProperty(headers, name, { value: joined, enumerable: true, writable: true, configurable: true });
    else headers[name] = joined;
  }
  return { ...headers };
}

/** The last header block one parse read, and what it gave: made per parse, never shared between parses. */
export interface HeaderMemo {
  text?: string;
  headers: HeaderMap;
}
