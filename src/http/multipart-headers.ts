import { raw, text } from './multipart-source';
import type { Body } from './multipart-source';

/** Header names lower-case, values trimmed; a repeated header's values joined with `, `. */
export type HeaderMap = Record<string, string>;

/**
 * The header block and body of [start, end): the head ends at the first blank line (or at once
 * when the part starts with a line break). With no blank line at all, a part whose first line is
 * `Name:` is all head, anything else all body (a writer that forgot the blank line).
 */
export function readPart(v: Body, start: number, end: number): { headers: HeaderMap; body: string | Uint8Array } {
  const part = v.s.slice(start, end);
  const m = /^\r?\n|\n\r?(?:\n|$)/.exec(part);
  const [headEnd, bodyStart] = m
    ? [start + m.index, start + m.index + m[0].length]
    : /^[\w!#$%&'*+.^`|~-]+[ \t]*:/.test(part)
      ? [end, end]
      : [start, start];
  return { headers: parseHeaderLines(text(v, start, headEnd)), body: raw(v, bodyStart, end) };
}

/** `Name:` (an RFC 9110 token, then optional blanks) at a line start; the value up to the line end. */
const LINE = /^([\w!#$%&'*+.^`|~-]+)[ \t]*:([^\r\n]*)/gm;

/**
 * Parses header lines: folded lines (starting with space or tab) continue the previous header,
 * a line without a colon is skipped (Google's batch example has one), names are lower-cased.
 */
export function parseHeaderLines(text: string): HeaderMap {
  // Batches repeat one header block a thousand times: the last one is remembered (and copied out,
  // so no two parts share an object). Spread copies a `__proto__` key as a plain own property.
  if (text === lastText) return { ...lastHeaders };
  lastText = text;
  const headers: HeaderMap = (lastHeaders = {});
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

let lastText: string | undefined;
let lastHeaders: HeaderMap = {};
