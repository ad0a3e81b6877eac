import { decodeUtf8 } from './utf8';

/**
 * A multipart body held as bytes (see `Body` in multipart-source). Searching is done on the bytes
 * themselves: decoding a whole body to a string first costs more than splitting it (a large string
 * is a large allocation), and only each part's text is ever needed.
 */
export class ByteBody {
  readonly length: number;
  constructor(private readonly bytes: Uint8Array) {
    this.length = bytes.length;
  }
  code(at: number): number {
    return this.bytes[at]!;
  }
  find(needle: string, from: number, end = this.length): number {
    return findBytes(this.bytes, needle, from, end);
  }
  findCode(code: number, from: number): number {
    return this.bytes.indexOf(code, from);
  }
  text(start: number, end: number): string {
    return decodeUtf8(this.bytes.subarray(start, end));
  }
  raw(start: number, end: number): Uint8Array {
    return this.bytes.subarray(start, end);
  }
}

// A delimiter is searched for many times: its skip table is kept (a few needles at most are in use).
const tables = new Map<string, Uint8Array>();

/** For each byte value, how far the window may move when its last byte is that value. */
function skipTable(needle: string): Uint8Array {
  let shift = tables.get(needle);
  if (!shift) {
    if (tables.size > 16) tables.clear();
    const m = needle.length;
    // Needles are delimiters (at most 72 bytes) or short line-break runs, so a shift fits a byte.
    shift = new Uint8Array(256).fill(Math.min(m, 255));
    for (let i = 0; i < m - 1; i++) shift[needle.charCodeAt(i) & 255] = m - 1 - i;
    tables.set(needle, shift);
  }
  return shift;
}

/**
 * Boyer–Moore–Horspool: compares the window's last byte first and, on a mismatch, skips by how far
 * that byte sits from the needle's end (the whole needle length for a byte it lacks). A delimiter
 * of 40 bytes is found reading about one byte in 40; never worse than a byte-by-byte scan
 * times the needle length (at most 72 here).
 */
function findBytes(hay: Uint8Array, needle: string, from: number, end: number): number {
  const shift = skipTable(needle);
  const last = needle.length - 1;
  const tail = needle.charCodeAt(last);
  const limit = Math.min(end, hay.length);
  for (let at = Math.max(from, 0) + last; at < limit; at += shift[hay[at]!]!) {
    if (hay[at] !== tail) continue;
    let i = last - 1;
    while (i >= 0 && hay[at - last + i] === needle.charCodeAt(i)) i--;
    if (i < 0) return at - last;
  }
  return -1;
}
