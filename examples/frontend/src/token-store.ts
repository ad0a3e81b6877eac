/** Where the access token lives between page loads. */
export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

/** A token store on `localStorage` (swap for memory or a cookie-backed session as you like). */
export function localStorageTokenStore(key = 'access_token'): TokenStore {
  return {
    get: () => localStorage.getItem(key),
    set: (token) => localStorage.setItem(key, token),
    clear: () => localStorage.removeItem(key),
  };
}
