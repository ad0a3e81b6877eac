// Content-Type reading for 207 batches. These regexes see header values only (never bodies), and
// each is linear: no nested quantifiers, and every failing path ends at the next `;`.

/** `type/subtype`, lower-case, without parameters; `text/plain` when absent or empty (RFC 2046 default). */
export const mediaType = (contentType: string | undefined): string =>
  (contentType && contentType.split(';', 1)[0]!.trim().toLowerCase()) || 'text/plain';

/**
 * `mediaType` for one parse: batches repeat one Content-Type a thousand times, so the last one
 * read is remembered. Made per parse and dropped with it.
 */
export function mediaTypeReader(): (contentType: string | undefined) => string {
  let lastValue: string | undefined;
  let lastType = '';
  return (contentType) => {
    if (contentType !== lastValue || !lastType) {
      lastValue = contentType;
      lastType = mediaType(contentType);
    }
    return lastType;
  };
}

const PARAM = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"?|([^;]*))/g;

/** A parameter's value (name in any case, anywhere, quoted or not; the first one wins). */
export function mediaParam(contentType: string, name: string): string | undefined {
  PARAM.lastIndex = 0;
  for (let m; (m = PARAM.exec(contentType)); ) {
    if (m[1]!.toLowerCase() === name) return m[3] === undefined ? m[2]!.replace(/\\(.)/g, '$1') : m[3].trim();
  }
  return undefined;
}

/** `application/json`, `text/json`, any `+json`. */
export const isJson = (type: string): boolean => /[/+]json$/.test(type);

/** Bytes that are text: decoded to a string even when the response was read as bytes. No type: text/plain. */
export const isText = (contentType: string | undefined): boolean =>
  !contentType || /^\s*text\/|[/+](json|xml)\s*(;|$)|javascript|urlencoded|^\s*application\/http|;\s*charset=/i.test(contentType);
