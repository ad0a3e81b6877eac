import axios, { AxiosHeaders } from 'axios';
import type { AxiosRequestConfig } from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { AuthErrorCodes, StatusPolicyConfigError, attachStatusPolicy, isAuthError } from '../../src';
import type { Coordinator, PolicyEvent, StatusPolicyHandle, StatusPolicyOptions } from '../../src';
import { createTabsCoordinator } from '../../src/coordinator/tabs';
import type { ChannelLike, LockManagerLike, TabsEnv } from '../../src/coordinator/tabs-env';
import { tabsCoordinator } from '../../src/tabs';

// The tabs coordinator in Node. Node has no Web Locks, so `tabsCoordinator` falls back to the
// in-memory coordinator (the fallback tests). The cross-tab logic itself runs here on Node's own
// BroadcastChannel (real, asynchronous delivery) and an exclusive FIFO lock manager standing in
// for navigator.locks; two "tabs" are two instances with two coordinators. The browser suite
// (__tests__/browser/tabs.test.ts) proves the same in real Chromium tabs.

const ORIGIN = 'https://api.test';

const authOf = (config: AxiosRequestConfig): unknown => (config.headers instanceof AxiosHeaders ? config.headers.get('Authorization') : undefined);

interface Tab {
  api: ReturnType<typeof axios.create>;
  mock: MockAdapter;
  policy: StatusPolicyHandle;
  events: PolicyEvent[];
}

function tab(coordinator: Coordinator, options: StatusPolicyOptions = {}): Tab {
  const api = axios.create({ baseURL: ORIGIN });
  const mock = new MockAdapter(api);
  const events: PolicyEvent[] = [];
  const policy = attachStatusPolicy(api, { ...options, coordinator, onEvent: (e) => events.push(e) });
  return { api, mock, policy, events };
}

/** 200 to `Bearer <valid>`, 401 to anything else. */
const guard = (mock: MockAdapter, valid: string): void => {
  mock.onGet(/\/data\//).reply((config) => (authOf(config) === `Bearer ${valid}` ? [200, { ok: true }] : [401, {}]));
};

/** Lets queued I/O (channel messages) and timers of 0 ms run, until `done()` or a bounded number of turns. */
async function until(done: () => boolean, turns = 500): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

/** One lock for every tab, granted first come first served; `closeHolder` drops it as a closing tab would. */
function fakeLocks() {
  let tail: Promise<void> = Promise.resolve();
  let release: (() => void) | undefined;
  let grants = 0;
  const locks: LockManagerLike = {
    request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        tail = tail.then(
          () =>
            new Promise<void>((released) => {
              grants++;
              release = released;
              callback().then(resolve, reject).finally(released);
            }),
        );
      });
    },
  };
  return { locks, closeHolder: () => release?.(), grants: () => grants };
}

const nodeEnv = (locks: LockManagerLike): TabsEnv => ({ locks, openChannel: (name) => new BroadcastChannel(name) as unknown as ChannelLike });

describe('tabsCoordinator options', () => {
  it('rejects a missing or empty name and unknown keys with a typed error', () => {
    expect(() => tabsCoordinator({} as never)).toThrow(StatusPolicyConfigError);
    expect(() => tabsCoordinator({ name: '' })).toThrow('"tabsCoordinator.name" must be a non-empty string');
    expect(() => tabsCoordinator({ name: 'a', lockTimeout: 5 } as never)).toThrow('unknown option "tabsCoordinator.lockTimeout"');
    expect(() => tabsCoordinator(undefined as never)).toThrow(StatusPolicyConfigError);
  });

  it('rejects a name that is only spaces: a name left out by mistake must not be shared with every other such app', () => {
    for (const name of [' ', '\t\n ']) expect(() => tabsCoordinator({ name })).toThrow('"tabsCoordinator.name" must be a non-empty string (not only spaces)');
  });

  it('takes a Web Lock named after the package, never the bare "<name>:refresh" other code of the origin may use', async () => {
    const names: string[] = [];
    const { locks } = fakeLocks();
    const recording: LockManagerLike = { request: (name, callback) => (names.push(name), locks.request(name, callback)) };
    const t = tab(createTabsCoordinator({ name: '-session' }, nodeEnv(recording)), { auth: { refresh: async () => 'new' } });
    guard(t.mock, 'new');
    expect((await t.api.get('/data/1')).status).toBe(200);
    expect(names).toEqual(['axios-status-policy:-session:refresh']);
    t.policy.detach();
  });
});

describe('without Web Locks (Node, React Native, old browsers): the in-memory coordinator', () => {
  const instances: Tab[] = [];
  afterEach(() => instances.splice(0).forEach((t) => t.policy.detach()));

  it('emits one degraded event per attach, and none per request', async () => {
    const coordinator = tabsCoordinator({ name: 'app' });
    const first = tab(coordinator);
    const second = tab(coordinator);
    instances.push(first, second);
    first.mock.onGet('/x').reply(200);
    await first.api.get('/x');
    await first.api.get('/x');
    for (const t of [first, second]) {
      expect(t.events.filter((e) => e.type === 'coordinator')).toEqual([
        { type: 'coordinator', state: 'degraded', reason: expect.stringContaining('navigator.locks') },
      ]);
    }
  });

  it('still refreshes once for a burst of 401s, shared by every attach given the coordinator', async () => {
    const coordinator = tabsCoordinator({ name: 'app' });
    let refreshes = 0;
    const refresh = async (): Promise<string> => {
      refreshes++;
      return 'new';
    };
    const first = tab(coordinator, { auth: { refresh } });
    const second = tab(coordinator, { auth: { refresh } });
    instances.push(first, second);
    guard(first.mock, 'new');
    guard(second.mock, 'new');
    const all = [first, second].flatMap((t) => Array.from({ length: 20 }, (_, i) => t.api.get(`/data/${i}`)));
    const results = await Promise.all(all);
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(refreshes).toBe(1);
  });

  it('still holds the origin for the other requests of this tab after a 429', async () => {
    const coordinator = tabsCoordinator({ name: 'app' });
    const t = tab(coordinator);
    instances.push(t);
    t.mock.onGet('/limited').replyOnce(429, {}, { 'retry-after': '30' });
    t.mock.onGet('/other').reply(200);
    void t.api.get('/limited').catch(() => undefined);
    await until(() => coordinator.holding);
    void t.api.get('/other').catch(() => undefined);
    await until(() => false, 20);
    expect(t.mock.history.get!.map((c) => c.url)).toEqual(['/limited']);
  });
});

describe('across tabs (Node BroadcastChannel, an exclusive lock manager)', () => {
  const instances: Tab[] = [];
  afterEach(() => instances.splice(0).forEach((t) => t.policy.detach()));

  it('a burst of 401s in two tabs at once: one refresh, every request repeated with the published token', async () => {
    const { locks, grants } = fakeLocks();
    let refreshes = 0;
    const refresh = async (): Promise<string> => {
      refreshes++;
      await until(() => false, 5); // the token endpoint takes a few turns: both tabs are then waiting
      return 'new';
    };
    const published: unknown[] = [];
    const tabs = [1, 2].map((n) =>
      tab(createTabsCoordinator({ name: 'burst', onToken: (p) => published.push([n, p.token]) }, nodeEnv(locks)), { auth: { refresh } }),
    );
    instances.push(...tabs);
    for (const t of tabs) guard(t.mock, 'new');
    const results = await Promise.all(tabs.flatMap((t) => Array.from({ length: 20 }, (_, i) => t.api.get(`/data/${i}`))));
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(refreshes).toBe(1);
    // Both tabs went for the lock; the second found the token already published.
    expect(grants()).toBe(2);
    expect(published).toHaveLength(1);
    expect(published[0]).toEqual([expect.any(Number), 'new']);
    // Every request was sent twice at most: once with no token, once with the new one.
    for (const t of tabs) expect(t.mock.history.get!.filter((c) => authOf(c) === 'Bearer new')).toHaveLength(20);
  });

  it('a token another tab published answers this tab\'s late 401 without a refresh, and reaches onToken with the expiry', async () => {
    const { locks } = fakeLocks();
    const refreshes: number[] = [];
    const seen: unknown[] = [];
    // An hour ahead: an expiry already past would (rightly) start a refresh in the second tab.
    const expiry = Date.now() + 3_600_000;
    const first = tab(createTabsCoordinator({ name: 'late', expiresAt: () => expiry }, nodeEnv(locks)), {
      auth: { refresh: async () => (refreshes.push(1), 'new') },
    });
    const second = tab(createTabsCoordinator({ name: 'late', onToken: (p) => seen.push(p) }, nodeEnv(locks)), {
      auth: { refresh: async () => (refreshes.push(2), 'other') },
    });
    instances.push(first, second);
    guard(first.mock, 'new');
    // Sent before the first tab refreshed; its 401 comes back only after the token was published.
    second.mock.onGet('/data/slow').replyOnce(async () => (await until(() => seen.length > 0), [401, {}]));
    guard(second.mock, 'new');
    const slow = second.api.get('/data/slow');
    await first.api.get('/data/a');
    expect((await slow).status).toBe(200);
    expect(seen).toEqual([{ generation: expect.any(Number), token: 'new', expiresAt: expiry }]);
    expect(refreshes).toEqual([1]);
    expect(second.mock.history.get!.map(authOf)).toEqual([undefined, 'Bearer new']);
    // And the next request of the second tab goes with it at once.
    await second.api.get('/data/b');
    expect(second.mock.history.get!.map(authOf)).toEqual([undefined, 'Bearer new', 'Bearer new']);
  });

  it('a 429 in one tab holds that origin in the other, without a message per request', async () => {
    const { locks } = fakeLocks();
    const coordinators = [1, 2].map(() => createTabsCoordinator({ name: 'hold' }, nodeEnv(locks)));
    const [first, second] = coordinators.map((c) => tab(c));
    instances.push(first!, second!);
    first!.mock.onGet('/limited').reply(429, {}, { 'retry-after': '30' });
    second!.mock.onGet(/.*/).reply(200);
    void first!.api.get('/limited').catch(() => undefined);
    await until(() => coordinators[1]!.holding);
    const gate = coordinators[1]!.busyGate(ORIGIN);
    expect(gate?.remaining()).toBeGreaterThan(29_000);
    expect(gate?.remaining()).toBeLessThanOrEqual(30_000);
    void second!.api.get('/anything').catch(() => undefined);
    await until(() => false, 20);
    expect(second!.mock.history.get).toHaveLength(0);
    // Another origin is not held.
    await second!.api.get('https://elsewhere.test/x');
    expect(second!.mock.history.get).toHaveLength(1);
  });

  it('ignores foreign or malformed messages on its channel', async () => {
    const { locks } = fakeLocks();
    const seen: unknown[] = [];
    const coordinator = createTabsCoordinator({ name: 'noise', onToken: (p) => seen.push(p) }, nodeEnv(locks));
    const t = tab(coordinator);
    instances.push(t);
    const stranger = new BroadcastChannel('noise:axios-status-policy');
    const protocol = 'axios-status-policy/tabs@1';
    for (const data of [null, 'hello', { kind: 'token', token: 'x' }, { protocol, kind: 'token', generation: 'soon', token: 'x' }, { protocol, kind: 'hold', origin: ORIGIN, until: 'never', paced: true }]) {
      stranger.postMessage(data);
    }
    stranger.postMessage({ protocol, kind: 'token', generation: 1, token: 'good', expiresAt: undefined });
    await until(() => seen.length > 0);
    stranger.close();
    expect(seen).toEqual([{ generation: 1, token: 'good', expiresAt: undefined }]);
    expect(coordinator.holding).toBe(false);
  });

  it('refuses token fields no tab of this package posts: they reach neither onToken nor a request', async () => {
    const { locks } = fakeLocks();
    const seen: unknown[] = [];
    const coordinator = createTabsCoordinator({ name: 'garbage', onToken: (p) => seen.push(p) }, nodeEnv(locks));
    const t = tab(coordinator, { auth: { refresh: async () => 'mine' } });
    instances.push(t);
    guard(t.mock, 'good');
    const stranger = new BroadcastChannel('garbage:axios-status-policy');
    const protocol = 'axios-status-policy/tabs@1';
    const at = Date.now();
    const garbage = [
      { generation: Number.MAX_VALUE },
      { generation: Infinity },
      { generation: 2 ** 53 },
      { generation: -1 },
      { generation: 0 },
      { generation: at + 0.5 },
      { token: 42 },
      { token: null },
      { token: 'x'.repeat(16_385) },
      { token: 'stolen\r\nX-Evil: 1' },
      { token: '\u001b[2J' },
      { token: 'caf\u00e9' },
      { token: ' padded' },
      { expiresAt: Infinity },
      { expiresAt: '2030-01-01' },
    ];
    for (const fields of garbage) stranger.postMessage({ protocol, kind: 'token', generation: at, token: 'forged', expiresAt: undefined, ...fields });
    // Still one of ours: a long JWT-sized token of visible ASCII, and the edge of the length limit.
    stranger.postMessage({ protocol, kind: 'token', generation: at + 1, token: 'x'.repeat(16_384), expiresAt: undefined });
    stranger.postMessage({ protocol, kind: 'token', generation: at + 2, token: 'good', expiresAt: at + 60_000 });
    await until(() => seen.length >= 2);
    stranger.close();
    expect(seen).toEqual([
      { generation: at + 1, token: 'x'.repeat(16_384), expiresAt: undefined },
      { generation: at + 2, token: 'good', expiresAt: at + 60_000 },
    ]);
    await t.api.get('/data/1');
    expect(t.mock.history.get!.map(authOf)).toEqual(['Bearer good']);
  });

  describe('a received generation ahead of this tab\'s clock', () => {
    const protocol = 'axios-status-policy/tabs@1';
    /** A coordinator on a fixed clock, and a stranger posting on its channel. */
    function listening(name: string, now: number) {
      const { locks } = fakeLocks();
      const seen: Array<string | undefined> = [];
      const coordinator = createTabsCoordinator({ name, onToken: (p) => seen.push(p.token) }, nodeEnv(locks), () => now);
      const t = tab(coordinator);
      instances.push(t);
      const stranger = new BroadcastChannel(`${name}:axios-status-policy`);
      // A second receiver, to know when every message has been delivered.
      const witness = new BroadcastChannel(`${name}:axios-status-policy`);
      let posted = 0;
      let delivered = 0;
      witness.onmessage = () => void delivered++;
      const post = (generation: number, token: string): void => {
        posted++;
        stranger.postMessage({ protocol, kind: 'token', generation, token, expiresAt: undefined });
      };
      const settle = async (): Promise<void> => {
        await until(() => delivered === posted);
        await until(() => false, 10);
        stranger.close();
        witness.close();
      };
      return { seen, post, settle };
    }

    it('is refused beyond 1 s (Number.MAX_VALUE, an hour): the real publications after it still win', async () => {
      const now = 1_800_000_000_000;
      const { seen, post, settle } = listening('ahead', now);
      post(Number.MAX_VALUE, 'forged-max');
      post(now + 3_600_000, 'forged-hour');
      post(now + 1_001, 'forged-just-over');
      post(now - 5, 'real-1');
      post(now, 'real-2');
      await settle();
      expect(seen).toEqual(['real-1', 'real-2']);
    });

    it('is accepted up to 1 s (a clock stepped back a little), and real ordering holds: older or equal generations are ignored', async () => {
      const now = 1_800_000_000_000;
      const { seen, post, settle } = listening('order', now);
      post(now - 10, 'first');
      post(now - 20, 'older');
      post(now - 10, 'same');
      post(now + 1_000, 'ahead');
      post(now + 1_000, 'ahead-again');
      post(now + 1_001, 'too-far');
      post(now - 1, 'after');
      post(now + 999, 'not-newer');
      await settle();
      expect(seen).toEqual(['first', 'ahead']);
    });
  });

  it('a tab that closes mid-refresh releases the lock: the next tab refreshes itself and its requests succeed', async () => {
    const { locks, closeHolder } = fakeLocks();
    const calls: number[] = [];
    const first = tab(createTabsCoordinator({ name: 'closing' }, nodeEnv(locks)), {
      // Never settles: the tab is closed before its token arrives (no time limit, so no timer is left).
      auth: { refresh: () => (calls.push(1), new Promise<string>(() => undefined)), refreshTimeoutMs: 0 },
    });
    const second = tab(createTabsCoordinator({ name: 'closing' }, nodeEnv(locks)), { auth: { refresh: async () => (calls.push(2), 'new') } });
    instances.push(first, second);
    guard(first.mock, 'new');
    guard(second.mock, 'new');
    void first.api.get('/data/1').catch(() => undefined);
    await until(() => calls.length === 1);
    const pending = Promise.all([1, 2, 3].map((i) => second.api.get(`/data/${i}`)));
    await until(() => second.mock.history.get!.length === 3);
    expect(calls).toEqual([1]); // the second tab waits for the lock
    closeHolder();
    const results = await pending;
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(calls).toEqual([1, 2]);
  });
});

describe('waiting for the lock is bounded', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('a lock held too long by another tab fails this refresh with REFRESH_TIMEOUT as the cause', async () => {
    const never: LockManagerLike = { request: () => new Promise(() => undefined) };
    const silent: ChannelLike = { onmessage: null, postMessage: () => undefined, close: () => undefined };
    const refresh = jest.fn(async () => 'new');
    const t = tab(createTabsCoordinator({ name: 'stuck' }, { locks: never, openChannel: () => silent }), { auth: { refresh } });
    t.mock.onGet('/data/1').reply(401);
    let outcome: unknown;
    void t.api.get('/data/1').catch((e: unknown) => (outcome = e));
    await jest.advanceTimersByTimeAsync(59_999);
    expect(outcome).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(isAuthError(outcome) && outcome.code).toBe(AuthErrorCodes.REFRESH_FAILED);
    expect((outcome as { cause?: { code?: string } }).cause?.code).toBe(AuthErrorCodes.REFRESH_TIMEOUT);
    expect(refresh).not.toHaveBeenCalled();
    t.policy.detach();
  });

  it('a lock manager that fails lets this tab refresh alone, and says so once', async () => {
    const broken: LockManagerLike = { request: () => Promise.reject(new Error('SecurityError')) };
    const silent: ChannelLike = { onmessage: null, postMessage: () => undefined, close: () => undefined };
    const refresh = jest.fn(async () => 'new');
    const t = tab(createTabsCoordinator({ name: 'broken' }, { locks: broken, openChannel: () => silent }), { auth: { refresh } });
    guard(t.mock, 'new');
    const results = await Promise.all([1, 2].map((i) => t.api.get(`/data/${i}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(t.events.filter((e) => e.type === 'coordinator')).toEqual([
      { type: 'coordinator', state: 'degraded', reason: expect.stringContaining('SecurityError') },
    ]);
    t.policy.detach();
  });
});
