import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { build } from 'esbuild';
import path from 'node:path';
import { attachPolicies, auth, deleteNotFound, errorDetails, rateLimit, rateLimitHeaders, retry } from '../../src/compose';
import { StatusPolicyConfigError, attachStatusPolicy, isStatusPolicyError } from '../../src';

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

  describe('errorDetails(): opt-in enrichment of error messages', () => {
    const failing = (policies: Parameters<typeof attachPolicies>[1]) => {
      const api = axios.create({ baseURL: 'http://svc:hunter2@api.test' });
      new MockAdapter(api).onGet(/\/x/).reply(503, { code: 'DOWN', message: 'maintenance' }, { 'retry-after': '0' });
      attachPolicies(api, policies);
      return api.get('/x?access_token=SECRET&page=2').catch((e: unknown) => e);
    };

    it('without it: a redacted AxiosError with statusPolicy, the status alone, no server message', async () => {
      const error = await failing([rateLimit({ maxRetries: 1 })]);
      expect(isStatusPolicyError(error)).toBe(true);
      if (!isStatusPolicyError(error)) return;
      expect(error.message).toBe('GET http://***@api.test/x?access_token=***&page=2 failed with 503 after 2 attempts');
      expect(error.statusPolicy).toMatchObject({ attempts: 2, category: 'server', serverCode: undefined, serverMessage: undefined });
    });

    it('with it: the status phrase and the server code and message, as attachStatusPolicy gives', async () => {
      const error = await failing([rateLimit({ maxRetries: 1 }), errorDetails()]);
      if (!isStatusPolicyError(error)) throw new Error('not enriched');
      expect(error.message).toBe('GET http://***@api.test/x?access_token=***&page=2 failed with 503 Service Unavailable after 2 attempts: maintenance');
      expect(error.statusPolicy).toMatchObject({ serverCode: 'DOWN', serverMessage: 'maintenance' });

      const api = axios.create({ baseURL: 'http://svc:hunter2@api.test' });
      new MockAdapter(api).onGet(/\/x/).reply(503, { code: 'DOWN', message: 'maintenance' }, { 'retry-after': '0' });
      attachStatusPolicy(api, { rateLimit: { maxRetries: 1 } });
      const whole = await api.get('/x?access_token=SECRET&page=2').catch((e: unknown) => e);
      expect(whole).toMatchObject({ message: error.message, statusPolicy: { serverCode: 'DOWN', serverMessage: 'maintenance' } });
    });
  });

  describe('rateLimitHeaders(): opt-in rate-limit header reading', () => {
    const HEADERS = { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' };

    it('without it: rateLimit keeps Retry-After and holds, and reads no rate-limit headers', async () => {
      const api = axios.create({ baseURL: 'http://api.test' });
      const mock = new MockAdapter(api);
      attachPolicies(api, [rateLimit()]);
      mock.onGet('/x').replyOnce(429, '', { 'retry-after': '0' }).onGet('/x').reply(200, 'ok', HEADERS);
      const response = await api.get('/x');
      expect(response.statusPolicy).toMatchObject({ attempts: 2 });
      expect(response.statusPolicy?.rateLimit).toBeUndefined();
    });

    it('with it: statusPolicy.rateLimit is read, as attachStatusPolicy does', async () => {
      for (const attachTo of [
        (api: ReturnType<typeof axios.create>) => attachPolicies(api, [rateLimit(), rateLimitHeaders()]),
        (api: ReturnType<typeof axios.create>) => attachStatusPolicy(api),
      ]) {
        const api = axios.create({ baseURL: 'http://api.test' });
        new MockAdapter(api).onGet('/x').reply(200, 'ok', HEADERS);
        attachTo(api);
        const response = await api.get('/x');
        expect(response.statusPolicy?.rateLimit).toMatchObject({ limit: 10, remaining: 0, source: 'x-ratelimit' });
      }
    });

    it('a 429 without Retry-After waits for the headers\' reset only with it; rateLimit() alone backs off', async () => {
      const run = async (policies: Parameters<typeof attachPolicies>[1]) => {
        const api = axios.create({ baseURL: 'http://api.test' });
        const mock = new MockAdapter(api);
        attachPolicies(api, policies);
        mock.onGet('/x').replyOnce(429, '', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' }).onGet('/x').reply(200, 'ok');
        const outcome = await api.get('/x').catch((e: unknown) => e);
        return { outcome, sent: mock.history.get.length };
      };
      const alone = await run([rateLimit({ baseDelayMs: 0, maxRetryAfterMs: 10 })]);
      expect(alone.sent).toBe(2);
      // The 30 s reset is over maxRetryAfterMs: not retried.
      const withHeaders = await run([rateLimit({ baseDelayMs: 0, maxRetryAfterMs: 10 }), rateLimitHeaders()]);
      expect(withHeaders.sent).toBe(1);
      expect(withHeaders.outcome).toMatchObject({ statusPolicy: { reason: 'retry-after-too-long', retryAfterMs: 30_000 } });
    });

    it('is refused without rateLimit(), whose block configures it', () => {
      expect(() => attachPolicies(axios.create(), [retry(), rateLimitHeaders()])).toThrow(/rateLimitHeaders\(\) works under the rateLimit policy: attach rateLimit\(\) too/);
      expect(() => attachPolicies(axios.create(), [rateLimit(), rateLimitHeaders(), rateLimitHeaders()])).toThrow(/given twice/);
    });
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
    // Nor the opt-in factories' code: the server-message reader, the phrases, the rate-limit headers.
    for (const other of ['auth', 'redirects/rule', 'not-modified/rule', 'delete-not-found', 'multi-status', 'http/batch', 'http/multipart.ts', 'http/multipart-headers', 'http/server-error', 'http/phrases', 'rate-limit-headers', 'headers-rule']) {
      expect(files.filter((f) => f.includes(other))).toEqual([]);
    }
  });
});
