// A UTF-8 decoder for hosts without TextDecoder (older Hermes builds). Invalid sequences become
// U+FFFD, one per maximal bad subpart, as TextDecoder does, so both paths give the same text.

interface DecoderLike {
  decode(input: Uint8Array): string;
}
type DecoderCtor = new (label: string) => DecoderLike;

const Native = (globalThis as { TextDecoder?: DecoderCtor }).TextDecoder;
const native: DecoderLike | undefined = Native ? new Native('utf-8') : undefined;

const CHUNK = 8192;

/** Decodes UTF-8 bytes to a string, with the host's TextDecoder when there is one. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (native) return native.decode(bytes);
  return decodeUtf8Portable(bytes);
}

/** The fallback decoder; exported for tests so both paths are checked on every host. */
export function decodeUtf8Portable(bytes: Uint8Array): string {
  let out = '';
  const units: number[] = [];
  const n = bytes.length;
  // TextDecoder drops a leading byte order mark; so does this, so both paths give the same text.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < n) {
    const b = bytes[i]!;
    let cp = 0xfffd;
    let next = i + 1;
    if (b < 0x80) {
      cp = b;
    } else {
      // [need, min second byte, max second byte] per RFC 3629 table 3.
      let need = 0;
      let lo = 0x80;
      let hi = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) lo = 0xa0;
        else if (b === 0xed) hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) lo = 0x90;
        else if (b === 0xf4) hi = 0x8f;
      }
      if (need > 0) {
        let value = b & (0x3f >> need);
        let k = 0;
        for (; k < need; k++) {
          const c = bytes[i + 1 + k];
          const min = k === 0 ? lo : 0x80;
          const max = k === 0 ? hi : 0xbf;
          if (c === undefined || c < min || c > max) break;
          value = (value << 6) | (c & 0x3f);
        }
        next = i + 1 + k;
        if (k === need) cp = value;
      }
    }
    if (cp > 0xffff) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(cp);
    if (units.length >= CHUNK) {
      out += String.fromCharCode.apply(null, units);
      units.length = 0;
    }
    i = next;
  }
  return out + String.fromCharCode.apply(null, units);
}
