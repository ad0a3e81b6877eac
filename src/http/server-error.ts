/**
 * The server's own `{code, message}` from an error body, in the shapes real APIs use:
 * `{code, message}`, RingCentral's `{errorCode, message, errors[]}`, `{error: {code, message}}`,
 * OAuth's `{error, error_description}`, RFC 9457 problem details `{type, title, status, detail}`,
 * and a short plain-text body. Bodies read as bytes (ArrayBuffer, Buffer) are decoded first.
 * Never throws: an unreadable body just yields nothing.
 */
export interface ServerErrorDetails {
  code: string | undefined;
  message: string | undefined;
}

const MAX_MESSAGE = 300;
/** Larger bodies are not parsed: an error page of megabytes is not worth the CPU. */
const MAX_PARSE = 65_536;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Long messages are cut with an ellipsis so an error line stays readable. */
export const truncate = (s: string, max = MAX_MESSAGE): string =>
  s.length > max ? `${s.slice(0, max - 1)}…` : s;

/** UTF-8 bytes to a string without TextDecoder (absent in React Native); `undefined` if not bytes. */
function decode(data: unknown): string | undefined {
  let bytes: Uint8Array;
  if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else return undefined;
  if (bytes.length > MAX_PARSE) bytes = bytes.subarray(0, 4096);
  let escaped = '';
  for (const b of bytes) escaped += (b < 16 ? '%0' : '%') + b.toString(16);
  try {
    return decodeURIComponent(escaped);
  } catch {
    // Not valid UTF-8 (or cut mid-character): good enough as Latin-1 for a message.
    return String.fromCharCode(...bytes.subarray(0, 4096));
  }
}

function parseBody(data: unknown): unknown {
  const raw = decode(data) ?? data;
  if (typeof raw !== 'string') return raw;
  const trimmed = raw.trimStart();
  if (trimmed.startsWith('{')) {
    if (trimmed.length > MAX_PARSE) return undefined;
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return undefined;
    }
  }
  // Plain text says what went wrong; an HTML error page is markup, not a message.
  if (!trimmed || trimmed.startsWith('<')) return undefined;
  return truncate(trimmed.slice(0, 2 * MAX_MESSAGE).replace(/\s+/g, ' ').trim());
}

const NOTHING: ServerErrorDetails = { code: undefined, message: undefined };

export function serverErrorDetails(data: unknown): ServerErrorDetails {
  const body = parseBody(data);
  if (typeof body === 'string') return { code: undefined, message: body };
  if (typeof body !== 'object' || body === null) return NOTHING;
  const b = body as Record<string, unknown>;
  const nested = typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : undefined;
  // A problem's `type` is its identifier; `about:blank` means "just the status", so no code.
  const problem = 'title' in b || 'detail' in b ? text(b.type) : undefined;
  const code =
    text(b.errorCode) ?? text(b.code) ?? text(nested?.code) ?? text(b.error) ?? (problem === 'about:blank' ? undefined : problem);
  const message = text(b.message) ?? text(nested?.message) ?? text(b.error_description) ?? text(b.detail) ?? text(b.title);
  return { code, message: message === undefined ? undefined : truncate(message) };
}
