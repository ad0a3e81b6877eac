// A phone's network for the Hermes program: a NetInfo-shaped stub (`fetch`, `addEventListener`
// with `isConnected`, as @react-native-community/netinfo has them) and an adapter that fails every
// request with axios's "Network Error" while it is off, as XMLHttpRequest does on a phone offline.
import { AxiosError } from 'axios';
import type { AxiosAdapter } from 'axios';
import type { NetInfoLike, NetInfoStateLike } from '../../examples/react-native/connectivity';

export interface PhoneNetwork {
  netInfo: NetInfoLike;
  /** NetInfo subscriptions not yet removed. */
  subscriptions(): number;
  /** Turns the network on or off; NetInfo tells its subscribers, as it does on a change. */
  set(connected: boolean): void;
  /** `adapter` while connected; a network error (and nothing sent) while not. */
  wrap(adapter: AxiosAdapter): AxiosAdapter;
  /** Sends attempted while offline. */
  failedSends: number;
}

export function phoneNetwork(connected: boolean): PhoneNetwork {
  let state: NetInfoStateLike = { isConnected: connected };
  const listeners = new Set<(state: NetInfoStateLike) => void>();
  const network: PhoneNetwork = {
    netInfo: {
      fetch: async () => state,
      addEventListener(listener) {
        listeners.add(listener);
        // NetInfo calls a new subscriber with the state it knows at once.
        listener(state);
        return () => void listeners.delete(listener);
      },
    },
    subscriptions: () => listeners.size,
    set(value) {
      state = { isConnected: value };
      for (const listener of [...listeners]) listener(state);
    },
    wrap: (adapter) => (config) => {
      if (state.isConnected) return adapter(config);
      network.failedSends += 1;
      return Promise.reject(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, {}));
    },
    failedSends: 0,
  };
  return network;
}
