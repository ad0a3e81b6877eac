import { asBytes } from './multipart-source';
import { safeText } from './redact';
import { decodeUtf8 } from './utf8';
import { isRecord } from './record';

/**
 * The server's own `{code, message}` from an error body, in the shapes real APIs use:
 * `{code, message}`, RingCentral's `{errorCode, message, errors[]}`, `{error: {code, message}}`,
 * OAuth's `{error, error_description}`, RFC 9457 problem details `{type, title, status, detail}`,
 * and a short plain-text body. Bodies read as bytes (ArrayBuffer, Buffer) are decoded first.
 * Both are made safe to print (`safeText`: no control characters or escape sequences, one line,
 * at most 300 characters): they end up in messages and logs, and the raw body is still on
 * `error.response.data`. Never throws: an unreadable body just yields nothing.
 */
export interface ServerErrorDetails {
  code: string | undefined;
  message: string | undefined;
}

/** Larger bodies are not parsed: an error page of megabytes is not worth the CPU. */
const MAX_PARSE = 65_536;

type Fields = Record<string, unknown>;

/** The first of `values` that is a string or a number, as a string. */
const first = (...values: unknown[]): string | undefined =>
  values.map((v) => (typeof v === 'number' ? `${v}` : v)).find((v): v is string => typeof v === 'string');

export function serverErrorDetails(data: unknown): ServerErrorDetails {
  // Bytes (ArrayBuffer, Buffer, any view) are decoded as UTF-8, at most MAX_PARSE of them.
  const bytes = asBytes(data);
  let body = bytes ? decodeUtf8(bytes.subarray(0, MAX_PARSE)) : data;
  if (typeof body === 'string') {
    const text = body.trimStart();
    if (text[0] !== '{') {
      // Plain text says what went wrong; an HTML error page is markup, not a message.
      const message = text && text[0] !== '<' ? safeText(text) : undefined;
      return { code: undefined, message };
    }
    try {
      const parsed: unknown = text.length > MAX_PARSE ? 0 : JSON.parse(text);
      body = parsed;
    } catch {
      body = 0;
    }
  }
  const b: Fields = isRecord(body) ? body : {};
  const nested: Fields = isRecord(b.error) ? b.error : {};
  // A problem's `type` is its identifier; `about:blank` means "just the status", so no code.
  const type = ('title' in b || 'detail' in b) && first(b.type);
  const message = first(b.message, nested.message, b.error_description, b.detail, b.title);
  const code = first(b.errorCode, b.code, nested.code, b.error, type !== 'about:blank' && type);
  return { code: code === undefined ? undefined : safeText(code), message: message && safeText(message) };
}
