import axios from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { requestUri } from '../../src/http/url';

// requestUri is a cheap stand-in for instance.getUri on a config already merged with the
// defaults (the validator cache keys every GET with it); it must give exactly getUri's string.
const cases: Array<[string | undefined, string | undefined, Record<string, unknown>?]> = [
  ['http://api.test', '/x'],
  ['http://api.test/', '/x'],
  ['http://api.test//', 'x'],
  ['http://api.test/v1', 'items/1?a=1#frag'],
  ['http://api.test/v1/', '///items'],
  ['http://api.test', 'https://other.test/y'],
  ['http://api.test', '//other.test/y'],
  ['http://api.test', ''],
  [undefined, '/relative'],
  [undefined, 'http://abs.test/z?q=1'],
  ['http://api.test', '/x', { params: { a: 1, b: 'two' } }],
  ['http://api.test', 'http://abs.test/z', { allowAbsoluteUrls: false }],
  ['http://api.test', undefined],
];

// Always three arguments: with two, jest would hand the test a `done` callback as the third.
it.each(cases.map(([b, u, e]) => [b, u, e ?? {}] as const))('baseURL %p + url %p (%p) gives what getUri gives', (baseURL, url, extra) => {
  const instance = axios.create(baseURL === undefined ? {} : { baseURL });
  const config = { ...instance.defaults, url, ...extra, headers: {} } as unknown as InternalAxiosRequestConfig;
  expect(requestUri(instance, config)).toBe(instance.getUri(config));
});
