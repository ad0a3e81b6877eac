// The browser APIs the tabs coordinator needs, typed here because src/ compiles without DOM
// typings (React Native and Node have neither API, and src/ must not assume them).

/** The part of the Web Locks API used: `navigator.locks.request(name, callback)`. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The part of `BroadcastChannel` used. */
export interface ChannelLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

/** What the coordinator runs on: the lock manager, and a way to open a channel by name. */
export interface TabsEnv {
  locks: LockManagerLike;
  openChannel(name: string): ChannelLike;
}

type BrowserGlobals = {
  navigator?: { locks?: Partial<LockManagerLike> };
  BroadcastChannel?: new (name: string) => ChannelLike;
};

/**
 * The tabs' shared APIs where this code runs, or why they are missing. Web Locks exists only in
 * secure contexts (https, localhost, 127.0.0.1), so a page served over plain http has none.
 */
export function browserTabsEnv(): TabsEnv | string {
  // globalThis carries no DOM typings here; read the two globals as optional.
  const globals = globalThis as BrowserGlobals;
  const locks = globals.navigator?.locks;
  const Channel = globals.BroadcastChannel;
  if (!locks || typeof locks.request !== 'function') return 'no Web Locks API (navigator.locks): not a browser, or not a secure context';
  if (typeof Channel !== 'function') return 'no BroadcastChannel in this environment';
  const request = locks.request.bind(locks) as LockManagerLike['request'];
  return { locks: { request }, openChannel: (name) => new Channel(name) };
}
