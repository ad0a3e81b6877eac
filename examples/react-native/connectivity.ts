// React Native has no `navigator.onLine`: the app tells the policy about the network through
// `retry.connectivity`, here from @react-native-community/netinfo (docs/offline.md).
import type { Connectivity } from 'axios-status-policy';

/** The part of NetInfo's state used: `null` while NetInfo does not know yet. */
export interface NetInfoStateLike {
  isConnected: boolean | null;
}

/** The part of `@react-native-community/netinfo`'s default export used; pass `NetInfo` itself. */
export interface NetInfoLike {
  fetch(): Promise<NetInfoStateLike>;
  /** Calls `listener` with the current state soon after, then on every change; returns the unsubscribe. */
  addEventListener(listener: (state: NetInfoStateLike) => void): () => void;
}

/**
 * NetInfo as a `retry.connectivity`. `isOnline()` must answer at once, so the last state NetInfo
 * reported is kept (one subscription for the app's life); each wait for the network subscribes
 * on its own, and the policy removes that subscription when the wait ends.
 */
export function netInfoConnectivity(netInfo: NetInfoLike): Connectivity {
  let connected: boolean | null = null;
  netInfo.addEventListener((state) => {
    connected = state.isConnected;
  });
  void netInfo.fetch().then((state) => {
    // An event may have answered first, and is newer.
    if (connected === null) connected = state.isConnected;
  });
  return {
    // `undefined` (not known yet): a network error is then an ordinary retry.
    isOnline: () => connected ?? undefined,
    onOnline: (listener) =>
      netInfo.addEventListener((state) => {
        if (state.isConnected) listener();
      }),
  };
}
