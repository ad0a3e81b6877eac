/**
 * The server's own `{code, message}` from an error body, in the shapes real APIs use:
 * `{code, message}`, RingCentral's `{errorCode, message, errors[]}` and `{error: {code, message}}`.
 * Never throws: an unreadable body just yields nothing.
 */
export interface ServerErrorDetails {
  code: string | undefined;
  message: string | undefined;
}

const MAX_MESSAGE = 300;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Long messages are cut with an ellipsis so an error line stays readable. */
export const truncate = (s: string, max = MAX_MESSAGE): string =>
  s.length > max ? `${s.slice(0, max - 1)}…` : s;

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  const trimmed = data.trimStart();
  // Only bodies that look like JSON objects are parsed, and only small ones: an error page
  // of megabytes is not worth the CPU and never holds a code.
  if (!trimmed.startsWith('{') || trimmed.length > 65_536) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

export function serverErrorDetails(data: unknown): ServerErrorDetails {
  const body = parseBody(data);
  if (typeof body !== 'object' || body === null) return { code: undefined, message: undefined };
  const b = body as Record<string, unknown>;
  const nested = typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : undefined;
  const code = text(b.errorCode) ?? text(b.code) ?? text(nested?.code);
  const message = text(b.message) ?? text(nested?.message);
  return { code, message: message === undefined ? undefined : truncate(message) };
}
