import { MultipartParseError } from './multipart-error';
import type { MultipartErrorCode } from './multipart-error';
import type { MultipartPart } from './multipart';
import { byteString, decodeUtf8 } from './utf8';

/**
 * A body to split: `s` is the text, or for bytes one char per byte (so offsets match); `b` the
 * bytes. Only ASCII matters to the splitting (delimiters, line breaks, header names), and ASCII
 * reads the same either way, so one string-based splitter serves both.
 */
export interface Body {
  s: string;
  b?: Uint8Array | undefined;
}

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

export function bodyOf(input: unknown): Body {
  if (typeof input === 'string') return { s: input };
  const b = asBytes(input) || fail('BAD_INPUT', `body is ${typeof input}`);
  return { s: byteString(b), b };
}

/** [start, end) of a body: a string slice, or a view of the bytes. */
export const raw = (v: Body, start: number, end: number): string | Uint8Array => (v.b ? v.b.subarray(start, end) : v.s.slice(start, end));

/** [start, end) of a body as text. A short ASCII run (a header block) reads the same in the byte string. */
export function text(v: Body, start: number, end: number): string {
  const s = v.s.slice(start, end);
  return v.b && (end - start > 256 || /[^\0-\x7f]/.test(s)) ? decodeUtf8(v.b.subarray(start, end)) : s;
}
