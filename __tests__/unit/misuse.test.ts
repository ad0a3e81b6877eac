import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { attachStatusPolicy, isAuthError, AuthErrorCodes, StatusPolicyConfigError } from '../../src';
import { attachPolicies, rateLimit, retry } from '../../src/compose';
import { rig, settle, useFakeClock } from '../helpers/mock';

/**
 * The mistakes a new user makes in the first hour, each as it was written. Before, they crashed
 * with a bare TypeError from inside, or did something else silently; each now gets a
 * StatusPolicyConfigError that names the mistake.
 */
useFakeClock();

const configError = (pattern: RegExp) => expect.objectContaining({ name: 'StatusPolicyConfigError', message: expect.stringMatching(pattern) });

describe('attachPolicies', () => {
  it('factories not called, [retry, rateLimit]: says which one and to call it', () => {
    const api = axios.create();
    const attach = () => attachPolicies(api, [retry, rateLimit] as never);
    expect(attach).toThrow(StatusPolicyConfigError);
    expect(attach).toThrow(/policies\[0\] is the retry factory itself; call it: retry\(\)/);
    expect(api.interceptors.request.handlers?.filter(Boolean) ?? []).toHaveLength(0);
  });

  it('a list that is not an array (one policy, nothing, an object)', () => {
    const api = axios.create();
    for (const bad of [retry(), undefined, 'retry']) {
      expect(() => attachPolicies(api, bad as never)).toThrow(configError(/option "policies" must be an array of policies \(e\.g\. attachPolicies\(api, \[retry\(\), rateLimit\(\)\]\)\)/));
    }
  });

  it('something that is not a policy in the list', () => {
    expect(() => attachPolicies(axios.create(), [retry(), { maxRetries: 3 }] as never)).toThrow(configError(/option "policies\[1\]" must be a policy .*, got \{ maxRetries \}/));
  });
});

describe('option errors show the value given', () => {
  it('a string and an empty array are shown as values ("retry", [])', () => {
    expect(() => attachStatusPolicy(axios.create(), 'retry' as never)).toThrow(/option "options" must be an object, got "retry"$/);
    expect(() => attachStatusPolicy(axios.create(), [] as never)).toThrow(/option "options" must be an object, got \[\]$/);
    expect(() => attachStatusPolicy(axios.create(), { retry: '' as never })).toThrow(/option "retry" must be an object or false, got ""$/);
  });
});

describe('retry.baseDelayMs above retry.maxDelayMs', () => {
  it('is refused on attach, naming both', () => {
    expect(() => attachStatusPolicy(axios.create(), { retry: { baseDelayMs: 60_000 } })).toThrow(
      configError(/option "retry\.baseDelayMs" \(60000\) must not be above "retry\.maxDelayMs" \(30000\)/),
    );
    expect(() => attachStatusPolicy(axios.create(), { retry: { baseDelayMs: 1000, maxDelayMs: 1000 } })).not.toThrow();
  });

  it('and per request, where the override makes them contradict', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').reply(200);
    const { error } = await settle(api.get('/x', { statusPolicy: { retry: { maxDelayMs: 100 } } }));
    expect(error).toEqual(configError(/option "statusPolicy\.retry\.baseDelayMs" \(500\) must not be above "statusPolicy\.retry\.maxDelayMs" \(100\)/));
    expect(mock.history.get).toHaveLength(0);
  });
});

describe('retry.shouldRetry returning something that is not true, false or undefined', () => {
  it("'yes' rejects the request with an error naming it, instead of keeping the default silently", async () => {
    const { api, mock } = rig({ retry: { shouldRetry: (() => 'yes') as never } });
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x'));
    expect(error).toEqual(configError(/retry\.shouldRetry must return true, false or undefined \(or a promise of one\), got "yes"/));
    expect(mock.history.get).toHaveLength(1);
  });

  it('the same for a promise of it', async () => {
    const { api, mock } = rig({ retry: { shouldRetry: (async () => 1) as never } });
    mock.onGet('/x').reply(500);
    const { error } = await settle(api.get('/x'));
    expect(error).toEqual(configError(/got 1$/));
  });

  it('undefined still keeps the default decision', async () => {
    const { api, mock } = rig({ retry: { shouldRetry: () => undefined } });
    mock.onGet('/x').replyOnce(500).onGet('/x').reply(200);
    const { value } = await settle(api.get('/x'));
    expect(value?.status).toBe(200);
  });
});

describe("a token that already carries the scheme ('Bearer xyz')", () => {
  it('from getAccessToken: the request is refused before it is sent, never as "Bearer Bearer xyz"', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    mock.onGet('/me').reply(200);
    attachStatusPolicy(api, { auth: { getAccessToken: () => 'Bearer xyz', refresh: () => 'abc' } });
    const { error } = await settle(api.get('/me'));
    expect(error).toEqual(configError(/auth\.getAccessToken returned a token that already starts with "Bearer "; return the bare token/));
    expect(mock.history.get).toHaveLength(0);
  });

  it('from an async getAccessToken, any case', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    mock.onGet('/me').reply(200);
    attachStatusPolicy(api, { auth: { getAccessToken: async () => 'bearer xyz', refresh: () => 'abc' } });
    const { error } = await settle(api.get('/me'));
    expect(error).toEqual(configError(/auth\.getAccessToken returned a token that already starts with "Bearer "/));
    expect(mock.history.get).toHaveLength(0);
  });

  it('from refresh: the refresh fails with it as the cause', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    mock.onGet('/me').reply(401);
    attachStatusPolicy(api, { auth: { refresh: () => 'Bearer fresh' } });
    const { error } = await settle(api.get('/me'));
    expect(isAuthError(error) && error.code).toBe(AuthErrorCodes.REFRESH_FAILED);
    expect(isAuthError(error) && error.cause).toEqual(configError(/auth\.refresh returned a token that already starts with "Bearer "/));
    expect(mock.history.get).toHaveLength(1);
  });

  it('a bare token, and a custom or empty scheme, are sent as before', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    mock.onGet('/me').reply(200);
    const policy = attachStatusPolicy(api, { auth: { getAccessToken: () => 'Bearerish-token', refresh: () => 'abc' } });
    await settle(api.get('/me'));
    policy.detach();
    attachStatusPolicy(api, { auth: { scheme: '', getAccessToken: () => 'Bearer xyz', refresh: () => 'abc' } });
    await settle(api.get('/me'));
    expect(mock.history.get.map((r) => r.headers?.Authorization)).toEqual(['Bearer Bearerish-token', 'Bearer xyz']);
  });
});
