import { isRecord } from './record';

/**
 * Reads one header from whatever axios hands us: an `AxiosHeaders` instance (normalised
 * lower-case keys), or a plain object from an adapter or a mock whose keys may be any case.
 */
export function getHeader(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) return undefined;
  const h = headers;
  let value = h[name];
  if (value === undefined) {
    for (const key of Object.keys(h)) {
      if (key.length === name.length && key.toLowerCase() === name) {
        value = h[key];
        break;
      }
    }
  }
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : undefined;
}
