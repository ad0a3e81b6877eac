import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { build } from 'esbuild';
import path from 'node:path';
import { attachPolicies, auth, deleteNotFound, rateLimit, retry } from '../../src/compose';
import { StatusPolicyConfigError } from '../../src';

const ROOT = path.resolve(__dirname, '../..');

describe('attachPolicies: pay for what you use', () => {
  it('runs only the rules it was given', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    attachPolicies(api, [retry({ baseDelayMs: 0 }), rateLimit()]);
    mock.onGet('/flaky').replyOnce(500).onGet('/flaky').replyOnce(200, 'ok');
    expect((await api.get('/flaky')).data).toBe('ok');
    mock.onDelete('/gone').reply(404);
    await expect(api.delete('/gone')).rejects.toMatchObject({ response: { status: 404 } });
    mock.onGet('/batch').reply(207, '--b\r\n\r\n{}\r\n--b--', { 'content-type': 'multipart/mixed; boundary=b' });
    expect(typeof (await api.get('/batch', { validateStatus: () => true })).data).toBe('string');
    expect(mock.history.get).toHaveLength(3);
  });

  it('per-request overrides work as with attachStatusPolicy', async () => {
    const api = axios.create({ baseURL: 'http://api.test' });
    const mock = new MockAdapter(api);
    attachPolicies(api, [retry({ baseDelayMs: 0 }), deleteNotFound()]);
    mock.onGet('/x').reply(500);
    await expect(api.get('/x', { statusPolicy: { retry: false } })).rejects.toMatchObject({ response: { status: 500 } });
    expect(mock.history.get).toHaveLength(1);
    await expect(api.get('/x', { statusPolicy: { retry: { maxRetries: 1, baseDelayMs: 0 } } })).rejects.toBeDefined();
    expect(mock.history.get).toHaveLength(3);
  });

  it('refuses a policy given twice and options that belong to the factories', () => {
    expect(() => attachPolicies(axios.create(), [retry(), retry()])).toThrow(StatusPolicyConfigError);
    expect(() => attachPolicies(axios.create(), [retry()], { retry: {} } as never)).toThrow(/unknown option "retry"/);
    expect(() => attachPolicies(axios.create(), [auth({ refresh: 'x' as never })])).toThrow(/"auth.refresh" must be a function/);
  });

  it('a bundle of attachPolicies + retry + rateLimit contains no code of the other rules', async () => {
    const out = await build({
      stdin: {
        contents: "import { attachPolicies, retry, rateLimit } from './src/compose'; export const use = (a) => attachPolicies(a, [retry(), rateLimit()]);",
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      external: ['axios'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    // What is left after tree-shaking: the inputs that contribute bytes to the output.
    const output = Object.values(out.metafile.outputs)[0]!;
    const files = Object.entries(output.inputs)
      .filter(([, used]) => used.bytesInOutput > 0)
      .map(([file]) => file);
    expect(files.some((f) => f.includes('src/rules/retry/'))).toBe(true);
    for (const other of ['auth', 'redirects/rule', 'not-modified/rule', 'delete-not-found', 'multi-status', 'http/batch', 'http/multipart.ts', 'http/multipart-headers']) {
      expect(files.filter((f) => f.includes(other))).toEqual([]);
    }
  });
});
