import axios, { AxiosError } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { attachStatusPolicy } from '../../src';
import { settle } from '../helpers/mock';

// Regression: a body cut off mid-transfer (reset after the headers) reached the caller as a
// failure "with 200 OK" and was never retried, because axios attaches the half-read response.

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function adapterFailingFirst(error: (config: InternalAxiosRequestConfig, response: AxiosResponse) => AxiosError) {
  let calls = 0;
  const adapter = (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const response: AxiosResponse = { data: '{"ok":true}', status: 200, statusText: 'OK', headers: {}, config, request: {} };
    return ++calls === 1 ? Promise.reject(error(config, response)) : Promise.resolve(response);
  };
  return { adapter, calls: () => calls };
}

it('retries a GET whose body was cut off mid-transfer (the http adapter\'s "stream has been aborted")', async () => {
  const { adapter, calls } = adapterFailingFirst(
    (config, response) => new AxiosError('stream has been aborted', AxiosError.ERR_BAD_RESPONSE, config, {}, response),
  );
  const api = axios.create({ adapter });
  attachStatusPolicy(api);
  const { value } = await settle(api.get('/x'));
  expect(value?.status).toBe(200);
  expect(value?.statusPolicy?.attempts).toBe(2);
  expect(calls()).toBe(2);
});

it('retries a GET whose response stream failed with ECONNRESET after the headers', async () => {
  const { adapter, calls } = adapterFailingFirst((config, response) => new AxiosError('read ECONNRESET', 'ECONNRESET', config, {}, response));
  const api = axios.create({ adapter });
  attachStatusPolicy(api);
  const { value } = await settle(api.get('/x'));
  expect(value?.statusPolicy?.attempts).toBe(2);
  expect(calls()).toBe(2);
});

it('does not retry other bad responses that carry a response (a JSON parse error, say), nor a cut-off POST', async () => {
  const parse = adapterFailingFirst((config, response) => new AxiosError('Unexpected token', AxiosError.ERR_BAD_RESPONSE, config, {}, response));
  const api = axios.create({ adapter: parse.adapter });
  attachStatusPolicy(api);
  const { error } = await settle(api.get('/x'));
  expect(axios.isAxiosError(error)).toBe(true);
  expect(parse.calls()).toBe(1);

  const post = adapterFailingFirst(
    (config, response) => new AxiosError('stream has been aborted', AxiosError.ERR_BAD_RESPONSE, config, {}, response),
  );
  const api2 = axios.create({ adapter: post.adapter });
  attachStatusPolicy(api2);
  const r = await settle(api2.post('/x', {}));
  expect(axios.isAxiosError(r.error) && [r.error.code, r.error.response?.status, r.error.statusPolicy?.reason]).toEqual(['ERR_BAD_RESPONSE', 200, 'not-idempotent']);
  expect(post.calls()).toBe(1);
});
