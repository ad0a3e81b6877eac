import type { CachedResponse } from '../types';

/**
 * A response body in a form any store can keep and every hit can rebuild afresh (so a caller
 * mutating one hit's data never changes the next): strings as text, plain JSON values as JSON.
 * Bytes, blobs and streams are not cached.
 */
export function storableBody(data: unknown): Pick<CachedResponse, 'json' | 'text'> | undefined {
  if (typeof data === 'string') return { text: data };
  if (typeof data === 'object' && data !== null) {
    const proto: unknown = Object.getPrototypeOf(data);
    if (!Array.isArray(data) && proto !== Object.prototype && proto !== null) return undefined;
  }
  try {
    const json = JSON.stringify(data);
    return json === undefined ? {} : { json };
  } catch {
    return undefined;
  }
}

export const cachedBody = (entry: CachedResponse): unknown =>
  entry.json !== undefined ? (JSON.parse(entry.json) as unknown) : entry.text;

/** Response headers as a plain lower-case record of strings (`set-cookie` is never kept). */
export function plainHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) return out;
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'set-cookie') continue;
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number') out[key] = String(value);
    else if (Array.isArray(value)) out[key] = value.join(', ');
  }
  return out;
}
