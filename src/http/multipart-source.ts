import { MultipartParseError } from './multipart-error';
import type { MultipartErrorCode } from './multipart-error';
import type { MultipartPart } from './multipart';
import { ByteBody } from './multipart-bytes';

/**
 * A body to split, as text or as bytes. Only ASCII matters to the splitting (delimiters, line
 * breaks, header names), and ASCII reads the same either way, so one splitter serves both through
 * these few methods; bytes are never turned into one big string (that costs more than the split).
 */
export interface Body {
  readonly length: number;
  /** The char code or byte at `at`; `NaN` or `undefined` past the end (never equal to an ASCII code). */
  code(at: number): number;
  /** Where the ASCII `needle` next occurs in [from, end) (to the body's end without `end`); -1 if nowhere. */
  find(needle: string, from: number, end?: number): number;
  /** Where the ASCII char `code` next occurs at or after `from`; -1 if nowhere. */
  findCode(code: number, from: number): number;
  /** [start, end) as text: a slice, or the bytes decoded as UTF-8. */
  text(start: number, end: number): string;
  /** [start, end) as it is: a string slice, or a view of the bytes (not a copy). */
  raw(start: number, end: number): string | Uint8Array;
}

class StringBody implements Body {
  readonly length: number;
  constructor(private readonly s: string) {
    this.length = s.length;
  }
  code(at: number): number {
    return this.s.charCodeAt(at);
  }
  find(needle: string, from: number, end = this.length): number {
    // A slice of a long string is a view in V8, not a copy.
    return (end < this.length ? this.s.slice(0, end) : this.s).indexOf(needle, from);
  }
  findCode(code: number, from: number): number {
    return this.s.indexOf(code === 10 ? '\n' : String.fromCharCode(code), from);
  }
  text(start: number, end: number): string {
    return this.s.slice(start, end);
  }
  raw(start: number, end: number): string {
    return this.s.slice(start, end);
  }
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
  if (typeof input === 'string') return new StringBody(input);
  return new ByteBody(asBytes(input) || fail('BAD_INPUT', `body is ${typeof input}`));
}
