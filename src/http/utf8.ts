// Bytes to text without Buffer: TextDecoder where the host has one, a small fallback otherwise
// (Hermes has no TextDecoder, but has `escape`, whose %XX output decodeURIComponent reads as UTF-8).

interface Decoder {
  decode(input: Uint8Array): string;
}
type DecoderClass = new (label?: string) => Decoder;

const Native = (globalThis as { TextDecoder?: DecoderClass }).TextDecoder;
const utf8 = Native && /* @__PURE__ */ new Native();

/** One char per byte (the fallback decoder's input). */
function binary(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

/** Decodes UTF-8 bytes to a string (a leading byte order mark dropped, as TextDecoder does). */
export const decodeUtf8 = (bytes: Uint8Array): string => (utf8 ? utf8.decode(bytes) : decodeUtf8Portable(bytes));

/**
 * The fallback decoder; exported for tests so both paths are checked on every host. Valid UTF-8
 * decodes exactly; each malformed sequence becomes one U+FFFD (TextDecoder may emit more than one).
 */
export const decodeUtf8Portable = (bytes: Uint8Array): string =>
  binary(bytes)
    .replace(/^\xef\xbb\xbf/, '')
    .replace(/[\xc0-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf7][\x80-\xbf]{3}|[\x80-\xff]/g, (seq) => {
      try {
        return decodeURIComponent(escape(seq));
      } catch {
        return '\ufffd';
      }
    });
