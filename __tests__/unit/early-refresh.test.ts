// Refresh before the 401 (issue 22): a token whose expiry is known is refreshed ahead of it, in
// one flight with the 401 path; after expiry requests wait for the refresh instead of collecting
// a 401; `policy.refresh()` joins the same flight.
import axios, { AxiosHeaders } from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { AuthErrorCodes, StatusPolicyConfigError, attachStatusPolicy, isAuthError } from '../../src';
import type { AuthOptions, RefreshContext } from '../../src';
import { attachPolicies, retry } from '../../src/compose';
import { settle, useFakeClock } from '../helpers/mock';

useFakeClock();

const authOf = (config: { headers?: unknown }): unknown => (config.headers instanceof AxiosHeaders ? config.headers.get('Authorization') : undefined);

/** A JWT-shaped token (unsigned: the plugin never verifies it) with these claims. */
const jwt = (claims: Record<string, number | string>): string =>
  ['{"alg":"none"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.';

/**
 * A token store and a server that accepts each token until its expiry: `tokens` are issued by the
 * refresh with `lifetimeMs` each; the mock answers 401 to an expired or unknown token.
 */
/** `tellsExpiry: false`: the app does not tell the plugin when its tokens expire (no `auth.expiresAt`). */
function world(auth: Partial<AuthOptions> = {}, lifetimeMs = 60_000, { tellsExpiry = true } = {}) {
  const expiries = new Map<string, number>();
  let issued = 0;
  const issue = (): { accessToken: string; expiresAt: number } => {
    const accessToken = `t${++issued}`;
    const expiresAt = Date.now() + lifetimeMs;
    expiries.set(accessToken, expiresAt);
    return { accessToken, expiresAt };
  };
  const first = issue();
  let current = first.accessToken;
  const reasons: RefreshContext['reason'][] = [];
  const refresh = jest.fn(async (ctx: RefreshContext) => {
    reasons.push(ctx.reason);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the token endpoint's round trip
    const next = issue();
    current = next.accessToken;
    return next;
  });
  const api = axios.create({ baseURL: 'http://api.test' });
  const mock = new MockAdapter(api);
  mock.onGet(/\/data\/.*/).reply((config) => {
    const token = String(authOf(config)).replace('Bearer ', '');
    const expiry = expiries.get(token);
    return expiry !== undefined && Date.now() < expiry ? [200, { token }] : [401];
  });
  const policy = attachStatusPolicy(api, { auth: { refresh, getAccessToken: () => current, ...(tellsExpiry && { expiresAt: () => expiries.get(current) }), ...auth } });
  const unauthorized = () => mock.history.get!.length - mock.history.get!.filter((c) => {
    const expiry = expiries.get(String(authOf(c)).replace('Bearer ', ''));
    return expiry !== undefined;
  }).length;
  return { api, mock, policy, refresh, reasons, tokenNow: () => current, unauthorized };
}

describe('ahead of expiry', () => {
  it('inside refreshAheadMs a request goes out at once with the still-valid token; one refresh runs in the background', async () => {
    const w = world();
    await jest.advanceTimersByTimeAsync(45_000); // 15 s left: inside the default 30 s window
    const results = await Promise.all([1, 2, 3].map((i) => settle(w.api.get(`/data/${i}`))));
    expect(results.map((r) => r.value?.status)).toEqual([200, 200, 200]);
    // None waited for the refresh: all three went out with t1 before it finished.
    expect(w.mock.history.get!.map(authOf)).toEqual(['Bearer t1', 'Bearer t1', 'Bearer t1']);
    expect(w.refresh).toHaveBeenCalledTimes(1);
    expect(w.reasons).toEqual(['expiring']);
    await jest.advanceTimersByTimeAsync(200);
    expect((await w.api.get('/data/after')).config.headers.get('Authorization')).toBe('Bearer t2');
    expect(w.refresh).toHaveBeenCalledTimes(1);
  });

  it('well before the window nothing is refreshed', async () => {
    const w = world();
    await jest.advanceTimersByTimeAsync(10_000);
    await w.api.get('/data/1');
    expect(w.refresh).not.toHaveBeenCalled();
  });

  it('after expiry requests wait for the refresh instead of collecting a 401', async () => {
    const w = world();
    await jest.advanceTimersByTimeAsync(61_000); // t1 has expired
    const calls = [1, 2, 3, 4].map((i) => settle(w.api.get(`/data/${i}`)));
    await jest.advanceTimersByTimeAsync(200);
    const results = await Promise.all(calls);
    expect(results.map((r) => r.value?.status)).toEqual([200, 200, 200, 200]);
    expect(w.mock.history.get!.map(authOf)).toEqual(Array(4).fill('Bearer t2'));
    expect(w.refresh).toHaveBeenCalledTimes(1);
    expect(results[0]!.value?.statusPolicy?.attempts).toBe(1);
  });

  it('a 401 that still happens (a revoked token) joins the refresh already in flight', async () => {
    const w = world();
    await jest.advanceTimersByTimeAsync(45_000);
    // The server revokes t1 early: the first request starts the early refresh and gets a 401.
    w.mock.onGet('/data/revoked').replyOnce(401);
    const results = await Promise.all([settle(w.api.get('/data/revoked')), settle(w.api.get('/data/2'))]);
    expect(results.map((r) => r.value?.status)).toEqual([200, 200]);
    expect(w.refresh).toHaveBeenCalledTimes(1);
  });

  it('refreshAheadMs is at most half the lifetime the refresh returned', async () => {
    // Tokens of 20 s: a 30 s window would refresh on every request; half the lifetime is 10 s.
    const w = world({ refreshAheadMs: 30_000 }, 20_000, { tellsExpiry: false });
    // The first token's lifetime is unknown to the plugin until a refresh returns one.
    await settle(w.policy.refresh());
    expect(w.refresh).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(9_000); // 11 s left: outside half the lifetime
    await settle(w.api.get('/data/1'));
    expect(w.refresh).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2_000); // 9 s left: inside
    await settle(w.api.get('/data/2'));
    expect(w.refresh).toHaveBeenCalledTimes(2);
  });

  it('expiresInMs from the refresh is an expiry from now, and a token whose expiry does not move is not refreshed again for every request', async () => {
    const refresh = jest.fn(async () => ({ accessToken: 'same', expiresInMs: 0 }));
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    mock.onGet(/.*/).reply(200);
    const policy = attachStatusPolicy(api, { auth: { refresh } });
    await policy.refresh();
    for (let i = 0; i < 3; i++) await api.get(`/data/${i}`);
    // Expired from the start: one more refresh (the first request waits for it), then no loop.
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});

describe('a JWT needs no expiresAt', () => {
  it('the exp claim of the token getAccessToken returns is its expiry', async () => {
    let token = jwt({ sub: 'u', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 });
    const refresh = jest.fn(async () => {
      token = jwt({ sub: 'u', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 });
    });
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    mock.onGet(/.*/).reply(200);
    attachStatusPolicy(api, { auth: { refresh, getAccessToken: () => token } });
    await api.get('/data/1');
    expect(refresh).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(61_000);
    const before = token;
    await api.get('/data/2');
    expect(refresh).toHaveBeenCalledTimes(1);
    // It waited: the expired token was never sent.
    expect(mock.history.get!.map(authOf)).toEqual([`Bearer ${before}`, `Bearer ${token}`]);
  });

  it('the same token is decoded once, however many requests carry it', async () => {
    const token = jwt({ sub: 'u', exp: Math.floor(Date.now() / 1000) + 3600 });
    const atob = jest.spyOn(globalThis, 'atob');
    const api = axios.create({ baseURL: 'http://api.test' });
    new MockAdapter(api).onGet(/.*/).reply(200);
    attachStatusPolicy(api, { auth: { refresh: async () => undefined, getAccessToken: () => token } });
    for (let i = 0; i < 5; i++) await api.get(`/data/${i}`);
    expect(atob).toHaveBeenCalledTimes(1);
  });

  it('a token that is not a JWT (or garbage) leaves the expiry unknown: the 401 path only', async () => {
    for (const token of ['opaque', 'a.b.c', 'x.' + Buffer.from('{"exp":"soon"}').toString('base64url') + '.y', 'x.%%%.y']) {
      const refresh = jest.fn(async () => 'new');
      const api = axios.create({ baseURL: 'http://api.test' });
      new MockAdapter(api).onGet(/.*/).reply(200);
      attachStatusPolicy(api, { auth: { refresh, getAccessToken: () => token } });
      await api.get('/data/1');
      expect(refresh).not.toHaveBeenCalled();
    }
  });
});

describe('policy.refresh()', () => {
  it('joins the refresh of a 401 wave: one refresh, and it resolves to the new token', async () => {
    const w = world({ expiresAt: () => undefined }); // expiry unknown: only 401s and explicit calls refresh
    await jest.advanceTimersByTimeAsync(61_000);
    // Plain promises: settle() would run the clock on its own and finish the wave first.
    const wave = [1, 2].map((i) => w.api.get(`/data/${i}`).then((r) => r.status));
    await jest.advanceTimersByTimeAsync(0); // the 401s are in: their refresh is in flight
    expect(w.reasons).toEqual(['unauthorized']);
    const explicit = w.policy.refresh();
    await jest.advanceTimersByTimeAsync(200);
    expect(await explicit).toBe('t2');
    expect(await Promise.all(wave)).toEqual([200, 200]);
    expect(w.refresh).toHaveBeenCalledTimes(1);
    expect(w.reasons).toEqual(['unauthorized']);
  });

  it('starts a refresh of its own when none is in flight (reason "requested")', async () => {
    const w = world();
    const token = w.policy.refresh();
    await jest.advanceTimersByTimeAsync(200);
    expect(await token).toBe('t2');
    expect(w.reasons).toEqual(['requested']);
  });

  it('rejects with an AuthError when the refresh fails, and names the mistakes', async () => {
    const api = axios.create();
    const failing = attachStatusPolicy(api, { auth: { refresh: () => Promise.reject(new Error('invalid_grant')) } });
    const error: unknown = await failing.refresh().catch((e: unknown) => e);
    expect(isAuthError(error) && error.code).toBe(AuthErrorCodes.REFRESH_FAILED);
    failing.detach();
    // A refresh that stores the token itself, with no getAccessToken to read it back.
    const silent = attachStatusPolicy(api, { auth: { refresh: () => undefined } });
    await expect(silent.refresh()).rejects.toThrow(/no auth.getAccessToken/);
    silent.detach();
    // No auth policy at all.
    await expect(attachPolicies(axios.create(), [retry()]).refresh()).rejects.toBeInstanceOf(StatusPolicyConfigError);
  });

  it('a malformed refresh result fails the refresh with a message naming it', async () => {
    for (const [returned, message] of [
      [{ accessToken: '' }, /accessToken/],
      [{ accessToken: 'x', expiresAt: 'tomorrow' }, /expiresAt must be epoch milliseconds/],
      [{ accessToken: 'x', expiresInMs: -5 }, /expiresInMs must be/],
      [42, /got number/],
    ] as const) {
      const policy = attachStatusPolicy(axios.create(), { auth: { refresh: () => returned as never } });
      const error: unknown = await policy.refresh().catch((e: unknown) => e);
      expect(isAuthError(error) && error.cause).toBeInstanceOf(StatusPolicyConfigError);
      expect(String(isAuthError(error) && (error.cause as Error).message)).toMatch(message);
    }
  });
});
