/** Header names lower-case, values trimmed; a repeated header's values joined with `, `. */
export type HeaderMap = Record<string, string>;

/** `Name:` (an RFC 9110 token, then optional blanks) at the start of a line. */
const HEADER = /^([\w!#$%&'*+.^`|~-]+)[ \t]*:([^]*)/;

/**
 * The end of the header block of `s` in [start, end) and where the body starts: at the first blank
 * line, or right away when the part starts with a line break. With no blank line at all,
 * `headerLike` decides: a MIME part whose first line is not `Name:` is all body (a writer that
 * forgot the blank line); otherwise it is all head.
 */
export function splitHead(s: string, start: number, end: number, headerLike: boolean): [headEnd: number, bodyStart: number] {
  const part = s.slice(start, end);
  const m = /^\r?\n|\n\r?(?:\n|$)/.exec(part);
  if (m) return [start + m.index, start + m.index + m[0].length];
  return headerLike && !HEADER.test(part) ? [start, start] : [end, end];
}

/**
 * Parses header lines: folded lines (starting with space or tab) continue the previous header,
 * a line without a colon is skipped (Google's batch example has one), names are lower-cased.
 */
export function parseHeaderLines(text: string): HeaderMap {
  // A Map, then fromEntries: every name (`__proto__`, `constructor`) becomes an own property.
  const map = new Map<string, string>();
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split('\n')) {
    const m = HEADER.exec(line);
    if (m) {
      const name = m[1]!.toLowerCase();
      const value = m[2]!.trim();
      map.set(name, map.has(name) ? `${map.get(name)}, ${value}` : value);
    }
  }
  return Object.fromEntries(map) as HeaderMap;
}
