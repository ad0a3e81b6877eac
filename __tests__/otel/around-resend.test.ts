import { StatusPolicyConfigError, attachStatusPolicy } from '../../src';
import type { AroundResend } from '../../src';
import axios from 'axios';
import { rig, settle, useFakeClock } from '../helpers/mock';

/**
 * The core's one seam for tracing (`aroundResend`): every send after the first of one request
 * (a retry, a redirect hop, the repeat after a refresh) is made through it with the count of sends
 * before it, and exactly one send goes out whatever the wrapper does.
 */
useFakeClock();

const recording = (): { calls: Array<[number, string | undefined]>; around: AroundResend } => {
  const calls: Array<[number, string | undefined]> = [];
  return { calls, around: (send, resendCount, config) => (calls.push([resendCount, config.url]), send()) };
};

it('retries are resends 1, 2…: the first send is not wrapped', async () => {
  const { calls, around } = recording();
  const { api, mock } = rig({ aroundResend: around });
  mock.onGet('/flaky').replyOnce(500).onGet('/flaky').replyOnce(502).onGet('/flaky').reply(200, 'ok');
  const { value } = await settle(api.get('/flaky'));
  expect(value?.data).toBe('ok');
  expect(mock.history.get).toHaveLength(3);
  expect(calls).toEqual([
    [1, '/flaky'],
    [2, '/flaky'],
  ]);
});

it('a redirect hop counts as a resend, and a retry after it goes on counting', async () => {
  const { calls, around } = recording();
  const { api, mock } = rig({ aroundResend: around });
  mock.onGet('/old').reply(302, '', { location: '/new' });
  mock.onGet('http://api.test/new').replyOnce(503, '', { 'retry-after': '0' }).onGet('http://api.test/new').reply(200, 'moved');
  const { value } = await settle(api.get('/old'));
  expect(value?.data).toBe('moved');
  expect(calls).toEqual([
    [1, 'http://api.test/new'],
    [2, 'http://api.test/new'],
  ]);
});

it('a request answered at once is never wrapped', async () => {
  const { calls, around } = recording();
  const { api, mock } = rig({ aroundResend: around });
  mock.onGet('/ok').reply(200, 'fine');
  await expect(api.get('/ok')).resolves.toMatchObject({ data: 'fine' });
  expect(calls).toEqual([]);
});

describe('a wrapper that misbehaves changes nothing: one send per attempt, the same result', () => {
  const wrappers: Array<[string, AroundResend]> = [
    ['throws before calling send', () => {
      throw new Error('tracer broke');
    }],
    ['throws after calling send', (send) => {
      send();
      throw new Error('tracer broke');
    }],
    ['never calls send', () => undefined],
    ['calls send twice', (send) => {
      send();
      send();
    }],
    ['calls send later', (send) => void setTimeout(send, 10)],
  ];
  it.each(wrappers)('%s', async (_, around) => {
    const { api, mock } = rig({ aroundResend: around });
    mock.onGet('/flaky').replyOnce(500).onGet('/flaky').replyOnce(500).onGet('/flaky').reply(200, 'ok');
    const { value, error } = await settle(api.get('/flaky'));
    expect(error).toBeUndefined();
    expect(value?.data).toBe('ok');
    expect(value?.statusPolicy?.attempts).toBe(3);
    await jest.advanceTimersByTimeAsync(100);
    expect(mock.history.get).toHaveLength(3);
  });
});

it('a send that throws synchronously inside the wrapper still settles the request once, as the error', async () => {
  const { api, mock } = rig({
    retry: { maxRetries: 1 },
    aroundResend: (send) => send(),
  });
  // A request interceptor registered after ours runs before it, and throws on the retry only.
  let sends = 0;
  api.interceptors.request.use((config) => {
    if ((sends += 1) === 2) throw new Error('interceptor refused the retry');
    return config;
  });
  mock.onGet('/flaky').reply(500);
  const { error } = await settle(api.get('/flaky'));
  expect(String(error)).toMatch(/interceptor refused the retry/);
  expect(mock.history.get).toHaveLength(1);
});

it('aroundResend must be a function: a typed error names it', () => {
  const api = axios.create();
  expect(() => attachStatusPolicy(api, { aroundResend: 5 as unknown as AroundResend })).toThrow(StatusPolicyConfigError);
  expect(() => attachStatusPolicy(api, { aroundResend: 5 as unknown as AroundResend })).toThrow(/option "aroundResend" must be a function, got 5/);
});
