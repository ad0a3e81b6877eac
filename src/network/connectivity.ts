import { isObject } from '../options/validate';

/**
 * Where the plugin learns whether the device is online (`retry.connectivity`): the browser's
 * `navigator.onLine` by default, React Native's NetInfo passed in (docs/offline.md).
 */
export interface Connectivity {
  /** `false`: offline. `true` or `undefined` (not known): a network error is an ordinary failure. */
  isOnline(): boolean | undefined;
  /** Calls `listener` when the connection comes back; returns what removes the listener. */
  onOnline(listener: () => void): () => void;
}

/** What `retry.connectivity` accepts: an object with both methods (a class instance too). */
export const isConnectivity = (value: unknown): value is Connectivity =>
  isObject(value) && typeof value.isOnline === 'function' && typeof value.onOnline === 'function';

/**
 * The part of a browser (or web worker) global scope read here; src/ compiles without DOM
 * typings. Where there is `addEventListener` there is `removeEventListener`.
 */
interface OnlineScope {
  navigator: { onLine: boolean };
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

const isOnlineScope = (scope: object): scope is OnlineScope =>
  'navigator' in scope &&
  isObject(scope.navigator) &&
  // Node ≥ 21 has a `navigator` too, without `onLine`: no detection there, as intended.
  typeof scope.navigator.onLine === 'boolean' &&
  'addEventListener' in scope &&
  typeof scope.addEventListener === 'function';

/**
 * The browser's own view: `navigator.onLine` and the `online` event of the global scope (a page or
 * a worker). `undefined` where there is none: Node, React Native (pass NetInfo in), Hermes.
 */
export function browserConnectivity(): Connectivity | undefined {
  const scope: object = globalThis;
  if (!isOnlineScope(scope)) return undefined;
  return {
    // Read at each call: the value changes while the page lives.
    isOnline: () => scope.navigator.onLine,
    onOnline: (listener) => {
      scope.addEventListener('online', listener);
      return () => scope.removeEventListener('online', listener);
    },
  };
}

/** `false` only when the source says so; one that throws knows nothing. */
export function saysOffline(connectivity: Connectivity): boolean {
  try {
    return connectivity.isOnline() === false;
  } catch {
    return false;
  }
}

/**
 * The source a `retry.connectivity` setting names: `false` none, `undefined` the browser's own
 * where there is one (`browserConnectivity`).
 */
export const connectivityOf = (setting: Connectivity | false | undefined): Connectivity | undefined =>
  setting === false ? undefined : (setting ?? browserConnectivity());
