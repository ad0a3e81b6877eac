import { getHeader } from '../../http/headers';

/** Two FNV-1a passes with different offsets: 64 bits, so two users' credentials never share an entry by chance. */
function fnv1a(text: string, offset: number): string {
  let hash = offset;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The request headers that carry credentials. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * Who a request speaks for: a digest of its `Authorization`, `Proxy-Authorization` and `Cookie`
 * headers and axios's `auth`, `''` when it carries none. Validator-cache entries are scoped by it,
 * so one user's cached body is never the answer to another's 304. A digest, not the values: a
 * store (localStorage, Redis) must not hold anyone's token.
 */
export function credentialsOf(headers: unknown, auth: { username?: string; password?: string } | undefined): string {
  // One pass over the names, in whatever case they came.
  let text = '';
  for (const name of Object.keys(Object(headers) as object)) {
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.includes(lower)) {
      const value = getHeader(headers, name);
      if (value !== undefined) text += `\n${lower}:${value}`;
    }
  }
  if (auth) text += `\nauth:${auth.username ?? ''}:${auth.password ?? ''}`;
  return text && fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x050c5d1f);
}
