// The program `npm run example:react-native` runs on the Hermes VM: examples/react-native/session.ts
// exactly as the app uses it, against an API that lives inside the VM (the Hermes CLI has no
// network), on a virtual clock (its timers do not really wait). Prints tab-separated lines:
//   LOG\t<text> | CHECK\tok|fail\t<what> | DONE
import { isAuthError } from 'axios-status-policy';
import { ACCESS, REFRESH, createSession, isMessage, loadInbox } from '../../examples/react-native/session';
import type { AsyncStorageLike } from '../../examples/react-native/session';
import { batchBody } from '../../__tests__/helpers/batch';
import { phoneNetwork } from '../../__tests__/hermes/netinfo-stub';
import { clock, installVirtualClock, memoryAdapter, out, settle } from '../../__tests__/hermes/vm';
import type { Canned, Sent } from '../../__tests__/hermes/vm';

installVirtualClock();

const log = (text: string): void => out(`LOG\t${text}`);
const check = (ok: boolean, what: string): void => out(`CHECK\t${ok ? 'ok' : 'fail'}\t${what}`);

/** AsyncStorage as the app sees it, in memory. */
function memoryStorage(init: Record<string, string>): AsyncStorageLike & { items: Map<string, string> } {
  const items = new Map(Object.entries(init));
  return {
    items,
    getItem: async (key) => items.get(key) ?? null,
    setItem: async (key, value) => void items.set(key, value),
    removeItem: async (key) => void items.delete(key),
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Canned => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * The API: access token a2 is the only valid one (the app starts with the expired a1), refresh
 * token r1 buys a2; the batch endpoint is overloaded once (503, Retry-After: 2).
 */
function inboxApi(): (sent: Sent) => Canned {
  let batchCalls = 0;
  return (sent) => {
    if (sent.url.endsWith('/auth/refresh')) {
      const { refreshToken } = JSON.parse(String(sent.data)) as { refreshToken?: string };
      return refreshToken === 'r1' ? json(200, { access: 'a2', refresh: 'r2' }) : json(401, { error: 'invalid_grant' });
    }
    if (sent.authorization !== 'Bearer a2') return json(401, { errorCode: 'TokenExpired' });
    if (sent.url.endsWith('/messages')) return json(200, { ids: [1, 2, 3] });
    batchCalls += 1;
    if (batchCalls === 1) return json(503, { message: 'busy' }, { 'retry-after': '2' });
    const body = batchBody('Boundary_1', [
      { status: 200, body: { id: 1, subject: 'Welcome' } },
      { status: 404, body: { errorCode: 'NotFound', message: 'message 2 was deleted' } },
      { status: 200, body: { id: 3, subject: 'Your invoice' } },
    ]);
    return { status: 207, headers: { 'content-type': 'multipart/mixed; boundary=Boundary_1' }, body };
  };
}

const describeSent = (sent: Sent[], t0: number): string[] =>
  sent.map((s) => `+${s.at - t0} ms  ${s.method} ${s.url.replace('https://api.example.test', '')} (${s.authorization ?? 'no token'})`);

async function loadWithExpiredToken(): Promise<void> {
  log('open the inbox with an expired access token in AsyncStorage');
  const storage = memoryStorage({ [ACCESS]: 'a1', [REFRESH]: 'r1' });
  const { adapter, sent } = memoryAdapter(inboxApi());
  const api = createSession({ baseURL: 'https://api.example.test', storage, adapter });
  const t0 = clock();
  const { value, error } = await settle(loadInbox(api));
  for (const line of describeSent(sent, t0)) log(`api  ${line}`);
  check(!error, `the inbox loaded${error ? `: ${String(error)}` : ''}`);
  const parts = value?.messages ?? [];
  log(`inbox: ${parts.map((p) => (p.status === 200 && isMessage(p.data) ? `${p.status} "${p.data.subject}"` : `${p.status}`)).join(', ')}`);
  check(JSON.stringify(parts.map((p) => p.status)) === '[200,404,200]', 'three sub-responses: 200, 404, 200');
  check(sent.filter((s) => s.url.endsWith('/auth/refresh')).length === 1, 'one refresh');
  check(storage.items.get(ACCESS) === 'a2' && storage.items.get(REFRESH) === 'r2', 'new tokens saved to AsyncStorage');
  const batches = sent.filter((s) => /\/messages\/[\d,]+$/.test(s.url));
  check(batches.length === 2 && batches[1]!.at - batches[0]!.at >= 2000, 'the batch retried no sooner than Retry-After: 2 asked');
}

async function refreshRejected(): Promise<void> {
  log('the refresh token was revoked: the refresh fails, the app logs out');
  const storage = memoryStorage({ [ACCESS]: 'a1', [REFRESH]: 'revoked' });
  const { adapter, sent } = memoryAdapter(inboxApi());
  let loggedOut = 0;
  const api = createSession({ baseURL: 'https://api.example.test', storage, adapter, onLoggedOut: () => (loggedOut += 1) });
  const t0 = clock();
  const { error } = await settle(loadInbox(api));
  for (const line of describeSent(sent, t0)) log(`api  ${line}`);
  log(`loadInbox rejected: ${isAuthError(error) ? `${error.code}` : String(error)}`);
  check(isAuthError(error) && error.code === 'ERR_STATUS_POLICY_AUTH_REFRESH_FAILED', 'rejects with AuthError REFRESH_FAILED');
  check(loggedOut === 1, 'onLoggedOut called once');
  await settle(Promise.resolve()); // let the storage clean-up finish
  check(!storage.items.has(ACCESS) && !storage.items.has(REFRESH), 'tokens removed from AsyncStorage');
}

async function offlineThenBack(): Promise<void> {
  log('the phone is offline when the inbox opens; the network returns 8 s later (NetInfo says so)');
  const phone = phoneNetwork(false);
  const storage = memoryStorage({ [ACCESS]: 'a2', [REFRESH]: 'r2' });
  const { adapter, sent } = memoryAdapter(inboxApi());
  const api = createSession({ baseURL: 'https://api.example.test', storage, adapter: phone.wrap(adapter), netInfo: phone.netInfo });
  const t0 = clock();
  setTimeout(() => phone.set(true), 8000);
  const list = await settle(api.get<{ ids: number[] }>('/messages'));
  for (const line of describeSent(sent, t0)) log(`api  ${line}`);
  const info = list.value?.statusPolicy;
  log(`GET /messages: ${list.value?.status ?? String(list.error)} after ${clock() - t0} ms; statusPolicy ${JSON.stringify(info)}`);
  check(list.value?.status === 200, 'the list loaded once the network was back');
  check(phone.failedSends === 1 && sent.length === 1 && sent[0]!.at - t0 >= 8000, 'one failed send offline, one send after the network returned');
  check(JSON.stringify(info?.delays) === '[]' && info?.offlineMs === 8000, 'no retry spent: delays [], 8000 ms offline');
  log('offline again: a POST without Idempotency-Key fails at once (it may have been applied)');
  phone.set(false);
  const post = await settle(api.post('/messages', { subject: 'draft' }));
  const reason = (post.error as { statusPolicy?: { reason?: string } } | undefined)?.statusPolicy?.reason;
  log(`POST /messages: ${String(post.error)} (${reason})`);
  check(reason === 'not-idempotent' && phone.failedSends === 2, 'the POST failed at once, sent once');
}

async function main(): Promise<void> {
  for (const scenario of [loadWithExpiredToken, refreshRejected, offlineThenBack]) {
    try {
      await scenario();
    } catch (error) {
      check(false, `${scenario.name} threw: ${String(error)}`);
    }
  }
  out('DONE');
}

main().catch((error: unknown) => out(`CHECK\tfail\tharness: ${String(error)}`));
