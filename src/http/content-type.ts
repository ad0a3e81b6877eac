/** A Content-Type value split into its media type and parameters. */
export interface MediaType {
  /** `type/subtype`, lower-case; `''` when the value is empty. */
  type: string;
  /** Parameter names lower-case; quoted values unquoted. The first of a repeated name wins. */
  params: Record<string, string>;
  /** A JSON type: `application/json`, `text/json`, any `+json` suffix. */
  json: boolean;
  /** Text: decoded to a string even when the response was read as bytes. */
  text: boolean;
}

const SEMI = 0x3b;
const EQ = 0x3d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// Batches repeat the same few Content-Type values thousands of times: parse each once.
const cache = new Map<string, MediaType>();
const CACHE_MAX = 64;

/**
 * Parses `type/subtype; name=value; name="quoted \" value"`, cached. The result is frozen and
 * shared: read it, never change it.
 */
export function parseMediaType(value: string): MediaType {
  let media = cache.get(value);
  if (media) return media;
  media = scanMediaType(value);
  media.json = isJsonType(media.type);
  media.text = isTextType(media);
  Object.freeze(media.params);
  Object.freeze(media);
  if (cache.size < CACHE_MAX) cache.set(value, media);
  return media;
}

/**
 * Parses `type/subtype; name=value; name="quoted \" value"` by scanning once: parameters may
 * come in any order and any case, an unquoted value stops at `;`. No regex, so no backtracking
 * on a hostile header.
 */
function scanMediaType(value: string): MediaType {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const n = value.length;
  let i = value.indexOf(';');
  if (i < 0) i = n;
  const type = value.slice(0, i).trim().toLowerCase();
  while (i < n) {
    i++; // past ';'
    let j = i;
    while (j < n && value.charCodeAt(j) !== EQ && value.charCodeAt(j) !== SEMI) j++;
    const name = value.slice(i, j).trim().toLowerCase();
    if (j >= n || value.charCodeAt(j) === SEMI) {
      i = j;
      continue; // a parameter without a value: ignored
    }
    j++; // past '='
    while (j < n && (value.charCodeAt(j) === 0x20 || value.charCodeAt(j) === 0x09)) j++;
    let v: string;
    if (value.charCodeAt(j) === QUOTE) {
      let k = j + 1;
      v = '';
      let start = k;
      while (k < n && value.charCodeAt(k) !== QUOTE) {
        if (value.charCodeAt(k) === BACKSLASH && k + 1 < n) {
          v += value.slice(start, k);
          start = k + 1;
          k += 2;
        } else k++;
      }
      v += value.slice(start, k);
      k++; // past the closing quote (or the end)
      while (k < n && value.charCodeAt(k) !== SEMI) k++;
      i = k;
    } else {
      let k = j;
      while (k < n && value.charCodeAt(k) !== SEMI) k++;
      v = value.slice(j, k).trim();
      i = k;
    }
    if (name && !(name in params)) params[name] = v;
  }
  return { type, params, json: false, text: false };
}

/** `application/json`, `application/problem+json`, `text/json`. */
export function isJsonType(type: string): boolean {
  return type === 'application/json' || type === 'text/json' || type.endsWith('+json');
}

/** Types whose bytes are text: decoded to a string even when the response was read as bytes. */
function isTextType(media: MediaType): boolean {
  const t = media.type;
  return (
    t.startsWith('text/') ||
    isJsonType(t) ||
    t === 'application/xml' ||
    t.endsWith('+xml') ||
    t === 'application/javascript' ||
    t === 'application/x-www-form-urlencoded' ||
    t === 'application/http' ||
    'charset' in media.params
  );
}
