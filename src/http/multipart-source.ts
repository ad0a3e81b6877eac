import { MultipartParseError } from './multipart-error';
import type { MultipartErrorCode } from './multipart-error';
import type { MultipartPart } from './multipart-part';
import { bytesFinder, findBytes } from './multipart-bytes';
import { decodeUtf8 } from './utf8';

/**
 * A body to split, as text or as bytes. Only ASCII matters to the splitting (delimiters, line
 * breaks, header names), and ASCII reads the same either way, so one splitter serves both through
 * the few functions below. Bytes are never turned into one big string: that costs more than the
 * split, and only each part's text is ever needed.
 */
export type Body = string | Uint8Array;

export const fail = (code: MultipartErrorCode, message: string, parts?: MultipartPart[]): never => {
  throw new MultipartParseError(code, message, parts);
};

/** Bytes of any accepted binary input, without copying; `undefined` for anything else. */
export const asBytes = (input: unknown): Uint8Array | undefined =>
  ArrayBuffer.isView(input)
    ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
    : // toString, not instanceof: an ArrayBuffer from another realm (a worker, a jest sandbox) counts too.
      Object.prototype.toString.call(input) === '[object ArrayBuffer]'
      ? new Uint8Array(input as ArrayBuffer)
      : undefined;

export const bodyOf = (input: unknown): Body => (typeof input === 'string' ? input : asBytes(input) || fail('BAD_INPUT', `body is ${typeof input}`));

/** The char code or byte at `at`; `NaN` or `undefined` past the end (never equal to an ASCII code). */
export const code = (v: Body, at: number): number => (typeof v === 'string' ? v.charCodeAt(at) : v[at]!);

/** Where the ASCII `needle` next occurs at or after `from`; -1 if nowhere. For one-off searches and single characters. */
export const find = (v: Body, needle: string, from: number): number => {
  if (typeof v === 'string') return v.indexOf(needle, from);
  // A line break, searched once per header line: the engine's own byte search, nothing made.
  return needle.length === 1 ? v.indexOf(needle.charCodeAt(0), Math.max(from, 0)) : findBytes(v, needle, from);
};

/** A search for `needle` made once and used many times (a delimiter, once per part). */
export function finder(needle: string): (v: Body, from: number) => number {
  let inBytes: ((hay: Uint8Array, from: number) => number) | undefined;
  return (v, from) => (typeof v === 'string' ? v.indexOf(needle, from) : (inBytes ??= bytesFinder(needle))(v, from));
}

/** [start, end) as text: a slice, or the bytes decoded as UTF-8. */
export const text = (v: Body, start: number, end: number): string =>
  typeof v === 'string' ? v.slice(start, end) : decodeUtf8(v.subarray(start, end));

/** [start, end) as it is: a string slice, or a view of the bytes (not a copy). */
export const raw = (v: Body, start: number, end: number): Body => (typeof v === 'string' ? v.slice(start, end) : v.subarray(start, end));
