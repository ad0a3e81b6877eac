import type { MultipartPart } from './multipart';
import { fail } from './multipart-source';
import type { Body } from './multipart-source';

/** Header names lower-case, values trimmed; a repeated header's values joined with `, `. */
export type HeaderMap = Record<string, string>;

/** Bounds on one header block, so a hostile part costs no more than its size allows. */
export interface HeaderLimits {
  /** Lines in one part's header block (folded lines count). @default 100 */
  maxHeaderLines?: number;
  /** Bytes (chars, for a string body) in one part's header block. @default 65536 */
  maxHeaderBytes?: number;
}

const LF = 10;
const CR = 13;
const SP = 32;
const TAB = 9;
const COLON = 58;

/** RFC 9110 token characters (a header name), by char code. */
const TOKEN = /* @__PURE__ */ ((): Uint8Array => {
  const table = new Uint8Array(128);
  for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") table[c.charCodeAt(0)] = 1;
  return table;
})();

/** Where a `Name:` line starting at `at` has its colon; -1 when the line is no header (or runs past `limit`). */
function colonOf(v: Body, at: number, limit: number): number {
  let i = at;
  while (i < limit && TOKEN[v.code(i)] === 1) i++;
  if (i === at) return -1;
  while (i < limit && (v.code(i) === SP || v.code(i) === TAB)) i++;
  return i < limit && v.code(i) === COLON ? i : -1;
}

/** After the `\n` at `lf`: the end of a blank line (`\r?\n`, or `\r?` then the part's end), else -1. */
function blankLineEnd(v: Body, lf: number, end: number): number {
  let at = lf + 1;
  if (at < end && v.code(at) === CR) at++;
  if (at === end) return end;
  return v.code(at) === LF ? at + 1 : -1;
}

/**
 * The header block and body of [start, end): the head ends at the first blank line (or at once
 * when the part starts with a line break). With no blank line at all, a part whose first line is
 * `Name:` is all head, anything else all body (a writer that forgot the blank line).
 *
 * Reads at most `maxHeaderBytes` (and `maxHeaderLines` lines) looking for the blank line, a line at
 * a time with native searches; a head longer than that is HEADERS_TOO_LARGE, whatever follows.
 *
 * @param before the parts read before this one, for the error
 */
export function readPart(
  v: Body,
  start: number,
  end: number,
  limits: HeaderLimits = {},
  before?: MultipartPart[],
): { headers: HeaderMap; body: string | Uint8Array } {
  const { maxHeaderLines = 100, maxHeaderBytes = 65_536 } = limits;
  let headEnd = start;
  let bodyStart = start;
  const first = start < end ? v.code(start) : -1;
  if (first === LF || (first === CR && start + 1 < end && v.code(start + 1) === LF)) {
    bodyStart = start + (first === LF ? 1 : 2);
  } else if (start < end) {
    // A line at a time, as far as the limits allow: the blank line must end a head within them.
    const window = Math.min(end, start + maxHeaderBytes + 1);
    let lines = 1;
    let lf = v.findCode(LF, start);
    let blankEnd = -1;
    while (lf >= 0 && lf < window && lines <= maxHeaderLines && (blankEnd = blankLineEnd(v, lf, end)) < 0) {
      lines++;
      lf = v.findCode(LF, lf + 1);
    }
    if (blankEnd >= 0) {
      headEnd = lf;
      bodyStart = blankEnd;
    } else if (lines <= maxHeaderLines && end - start <= maxHeaderBytes) {
      // No blank line in the part (the scan reached its end).
      if (colonOf(v, start, end) >= 0) headEnd = bodyStart = end;
    } else if (colonOf(v, start, window) >= 0 || hasBlankLine(v, lf < 0 || lf > end ? end : lf, end)) {
      // Past the limits with no blank line yet: the head is too large, unless there is no blank
      // line at all and the first line is no header (then all of the part is body).
      fail('HEADERS_TOO_LARGE', `a header block over ${maxHeaderLines} lines or ${maxHeaderBytes} bytes`, before);
    }
  }
  return { headers: headEnd > start ? parseHeaderLines(v.text(start, headEnd)) : {}, body: v.raw(bodyStart, end) };
}

/** Whether [from, end) holds a blank line; native searches, bounded by the part. */
function hasBlankLine(v: Body, from: number, end: number): boolean {
  if (v.find('\n\n', from, end) >= 0 || v.find('\n\r\n', from, end) >= 0) return true;
  // Or a line break (then maybe a CR) ending the part.
  const last = v.code(end - 1) === CR ? end - 2 : end - 1;
  return last >= from && v.code(last) === LF;
}

/**
 * Parses header lines: folded lines (starting with space or tab) continue the previous header,
 * a line without a colon is skipped (Google's batch example has one), names are lower-cased.
 * One pass, a char at a time, one slice per name and per value: cost in proportion to the block.
 */
export function parseHeaderLines(text: string): HeaderMap {
  // Batches repeat one header block a thousand times: the last one is remembered (and copied out,
  // so no two parts share an object). Spread copies a `__proto__` key as a plain own property.
  if (text === lastText) return { ...lastHeaders };
  const headers: HeaderMap = {};
  let name: string | undefined;
  let value = '';
  let folded = false;
  const n = text.length;
  for (let at = 0; at < n; ) {
    // A line ends at LF, CR LF or a bare CR.
    let eol = at;
    for (let c = text.charCodeAt(eol); eol < n && c !== LF && c !== CR; c = text.charCodeAt(++eol));
    const first = text.charCodeAt(at);
    if (first === SP || first === TAB) {
      // A folded line: its text, leading blanks dropped, joins the header being read with one space.
      if (name !== undefined) {
        value += ` ${text.slice(skipBlanks(text, at, eol), eol)}`;
        folded = true;
      }
    } else {
      if (name !== undefined) add(headers, name, folded ? value.trim() : value);
      name = undefined;
      folded = false;
      let colon = at;
      let upper = false;
      for (let c = text.charCodeAt(colon); colon < eol && TOKEN[c] === 1; c = text.charCodeAt(++colon)) upper ||= c >= 65 && c <= 90;
      const nameEnd = colon;
      colon = skipBlanks(text, colon, eol);
      if (nameEnd > at && colon < eol && text.charCodeAt(colon) === COLON) {
        name = text.slice(at, nameEnd);
        if (upper) name = name.toLowerCase();
        value = trimmed(text, colon + 1, eol);
      }
    }
    at = eol + (text.charCodeAt(eol) === CR && text.charCodeAt(eol + 1) === LF ? 2 : 1);
  }
  if (name !== undefined) add(headers, name, folded ? value.trim() : value);
  lastText = text;
  lastHeaders = headers;
  return { ...headers };
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Sets a header, joining a repeat with `, `; own properties only (`__proto__` is a name like any other). */
function add(headers: HeaderMap, name: string, value: string): void {
  const joined = hasOwn.call(headers, name) ? `${headers[name]}, ${value}` : value;
  if (name === '__proto__') Object.defineProperty(headers, name, { value: joined, enumerable: true, writable: true, configurable: true });
  else headers[name] = joined;
}

/** The first index in [at, end) that is not a space or tab (`end` if none). */
function skipBlanks(text: string, at: number, end: number): number {
  while (at < end && (text.charCodeAt(at) === SP || text.charCodeAt(at) === TAB)) at++;
  return at;
}

/** [start, end) trimmed as `String.prototype.trim` does, with one slice for the usual ASCII case. */
function trimmed(text: string, start: number, end: number): string {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const value = text.slice(start, end);
  // Control characters and non-ASCII spaces at either end: let trim() judge them.
  return start < end && (text.charCodeAt(start) > 126 || text.charCodeAt(end - 1) > 126) ? value.trim() : value;
}

/** The ASCII whitespace `trim()` removes: tab, LF, VT, FF, CR, space. */
const isSpace = (c: number): boolean => c === SP || (c >= TAB && c <= CR);

let lastText: string | undefined;
let lastHeaders: HeaderMap = {};
