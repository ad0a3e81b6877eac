import { decodeUtf8 } from './utf8';

/**
 * The body the parser scans: a string or bytes behind one small interface, so the splitting
 * logic is written once. Only ASCII matters to the splitting (delimiters, line breaks, header
 * separators), and ASCII has the same code as a char or a UTF-8 byte, so offsets work alike.
 */
export interface Source<B extends string | Uint8Array> {
  readonly length: number;
  /** Length of the dash-boundary (`--` + boundary). */
  readonly delimiterLength: number;
  /** Char code (string) or byte at `i`. */
  code(i: number): number;
  /** Start of the next occurrence of the dash-boundary at or after `from`, or -1. */
  findDelimiter(from: number): number;
  /** Index of the next LF in [from, to), or -1. */
  findLF(from: number, to: number): number;
  slice(start: number, end: number): B;
  text(start: number, end: number): string;
}

const LF = 0x0a;

export class StringSource implements Source<string> {
  readonly length: number;
  readonly delimiterLength: number;
  constructor(
    private readonly s: string,
    private readonly needle: string,
  ) {
    this.length = s.length;
    this.delimiterLength = needle.length;
  }
  code(i: number): number {
    return this.s.charCodeAt(i);
  }
  findDelimiter(from: number): number {
    return this.s.indexOf(this.needle, from);
  }
  findLF(from: number, to: number): number {
    const i = this.s.indexOf('\n', from);
    return i >= 0 && i < to ? i : -1;
  }
  slice(start: number, end: number): string {
    return this.s.slice(start, end);
  }
  text(start: number, end: number): string {
    return this.s.slice(start, end);
  }
}

export class ByteSource implements Source<Uint8Array> {
  readonly length: number;
  readonly delimiterLength: number;
  private readonly needle: Uint8Array;
  constructor(
    private readonly b: Uint8Array,
    needle: string,
  ) {
    this.length = b.length;
    this.delimiterLength = needle.length;
    // The boundary is checked to be printable ASCII before we get here.
    this.needle = new Uint8Array(needle.length);
    for (let i = 0; i < needle.length; i++) this.needle[i] = needle.charCodeAt(i);
  }
  code(i: number): number {
    return this.b[i] ?? -1;
  }
  findDelimiter(from: number): number {
    const { b, needle } = this;
    const len = needle.length;
    // Anchor on the first boundary byte (after "--"): dashes are common in JSON (dates, UUIDs),
    // the boundary's first character usually is not. Native indexOf does the scanning.
    const anchor = needle[2]!;
    const last = b.length - len;
    let i = from + 2;
    while (i - 2 <= last) {
      i = b.indexOf(anchor, i);
      if (i < 0 || i - 2 > last) return -1;
      const start = i - 2;
      let k = 0;
      while (k < len && b[start + k] === needle[k]) k++;
      if (k === len) return start;
      i++;
    }
    return -1;
  }
  findLF(from: number, to: number): number {
    const i = this.b.indexOf(LF, from);
    return i >= 0 && i < to ? i : -1;
  }
  slice(start: number, end: number): Uint8Array {
    return this.b.subarray(start, end);
  }
  text(start: number, end: number): string {
    const { b } = this;
    // Header lines are short and ASCII: building them directly beats a decoder call per part.
    if (end - start <= 256) {
      let i = start;
      while (i < end && b[i]! < 0x80) i++;
      if (i === end) return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
    }
    return decodeUtf8(b.subarray(start, end));
  }
}
