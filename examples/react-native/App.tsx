// React Native screen using ./session.ts. Illustrative: it needs react, react-native,
// @react-native-async-storage/async-storage and @react-native-community/netinfo, which this
// repository does not install, so it is not compiled here. Everything it calls (session.ts,
// connectivity.ts) is what CI runs on Hermes (__tests__/hermes).
import AsyncStorage from '@react-native-async-storage/async-storage';
import NetInfo from '@react-native-community/netinfo';
import React, { useEffect, useMemo, useState } from 'react';
import { Text, View } from 'react-native';
import { createSession, loadInbox } from './session';

export default function App() {
  const [state, setState] = useState<'loading' | 'ready' | 'logged out' | string>('loading');
  const [count, setCount] = useState(0);
  const api = useMemo(
    () =>
      createSession({
        baseURL: 'https://api.example.com',
        storage: AsyncStorage,
        // Offline, the inbox waits for the network instead of failing.
        netInfo: NetInfo,
        onLoggedOut: () => setState('logged out'),
      }),
    [],
  );
  useEffect(() => {
    loadInbox(api)
      .then(({ ids }) => {
        setCount(ids.length);
        setState('ready');
      })
      .catch((e: Error) => setState(`failed: ${e.message}`));
  }, [api]);
  return (
    <View>
      <Text>{state}</Text>
      <Text>{count} messages</Text>
    </View>
  );
}
