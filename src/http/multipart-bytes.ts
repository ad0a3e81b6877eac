/**
 * A search for the ASCII `needle` in bytes: `(hay, from)` gives where it next occurs in `hay` at
 * or after `from`, -1 if nowhere. Made once per needle (a delimiter is searched for once per part)
 * and dropped with the parse, so no table outlives it.
 *
 * Boyer–Moore–Horspool: compares the window's last byte first and, on a mismatch, skips by how far
 * that byte sits from the needle's end (the whole needle length for a byte it lacks). A delimiter
 * of 40 bytes is found reading about one byte in 40; never worse than a byte-by-byte scan times
 * the needle length (at most 72 here). A one-byte needle is the engine's own `indexOf`.
 */
export function bytesFinder(needle: string): (hay: Uint8Array, from: number) => number {
  const last = needle.length - 1;
  if (last === 0) {
    const byte = needle.charCodeAt(0);
    return (hay, from) => hay.indexOf(byte, Math.max(from, 0));
  }
  // Needles are delimiters, at most 72 bytes: a shift fits a byte.
  const shift = new Uint8Array(256).fill(last + 1);
  for (let i = 0; i < last; i++) shift[needle.charCodeAt(i)] = last - i;
  const tail = needle.charCodeAt(last);
  return (hay, from) => {
    for (let at = Math.max(from, 0) + last; at < hay.length; at += shift[hay[at]!]!) {
      if (hay[at] !== tail) continue;
      let i = last - 1;
      while (i >= 0 && hay[at - last + i] === needle.charCodeAt(i)) i--;
      if (i < 0) return at - last;
    }
    return -1;
  };
}

/** Where `needle` next occurs in `hay` at or after `from` (a one-off search: see `bytesFinder`). */
export const findBytes = (hay: Uint8Array, needle: string, from: number): number => bytesFinder(needle)(hay, from);
