import axios from 'axios';
import { attachStatusPolicy, isStatusPolicyError } from '../../src';
import type { RetryContext, StatusPolicyOptions } from '../../src';
import { useLiveServer } from '../helpers/live-server';

// The real http adapter against a real server on 127.0.0.1. Delays are 1 ms (or injected) to keep
// it quick; nothing here asserts a duration.
const live = useLiveServer();

const client = (options: StatusPolicyOptions) => {
  const api = axios.create({ baseURL: live.server.url });
  attachStatusPolicy(api, options);
  return api;
};

const always = (status: number) => {
  live.handler = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end('{"message":"down"}');
  };
};

describe('retry budget under an outage', () => {
  it('200 concurrent GETs to an always-500 origin send at most 1.2 × 200 + 100 requests', async () => {
    always(500);
    const api = client({ retry: { baseDelayMs: 1 } });
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => api.get(`/item/${i}`)));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(live.server.seen.length).toBeGreaterThan(200);
    expect(live.server.seen.length).toBeLessThanOrEqual(1.2 * 200 + 100);
    const reasons = outcomes.map((o) => (o.status === 'rejected' && isStatusPolicyError(o.reason) ? o.reason.statusPolicy.reason : undefined));
    expect(reasons).toContain('retry-budget');
  });

  it('without the budget the same outage sends four times the traffic', async () => {
    always(500);
    const api = client({ retry: { baseDelayMs: 1, budget: false } });
    await Promise.allSettled(Array.from({ length: 200 }, (_, i) => api.get(`/item/${i}`)));
    expect(live.server.seen).toHaveLength(800);
  });

  it('one failing request on a quiet instance still gets its 3 retries', async () => {
    always(500);
    const { error } = await client({ retry: { baseDelayMs: 1 } })
      .get('/one')
      .then(() => ({ error: undefined }), (e: unknown) => ({ error: e }));
    expect(live.server.seen).toHaveLength(4);
    expect(isStatusPolicyError(error) && error.statusPolicy.reason).toBe('max-retries');
  });
});

it('tuning: rateLimit.statuses, retry.statuses, shouldRetry and delay over a real server', async () => {
  const counts = new Map<string, number>();
  live.handler = (req, res) => {
    const n = (counts.get(req.url) ?? 0) + 1;
    counts.set(req.url, n);
    // /search: 503 (no Retry-After), then 502, then 200. /report: 504 always.
    const status = req.url === '/search' ? [503, 502, 200][n - 1] ?? 200 : 504;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ n }));
  };
  const asked: Array<Partial<RetryContext>> = [];
  const api = client({
    // 503 is an ordinary 5xx here, and 504 is not retried at all.
    rateLimit: { statuses: [429] },
    retry: {
      statuses: [502, 503],
      shouldRetry: async ({ attempt, status, method, url }) => {
        asked.push({ attempt, status, method, url });
        // Searching is safe to repeat, even as a POST.
        return method === 'POST' && url.endsWith('/search') ? true : undefined;
      },
      delay: ({ attempt }) => attempt,
    },
  });
  const res = await api.post('/search', { q: 'x' });
  expect(res.data).toEqual({ n: 3 });
  expect(res.statusPolicy).toMatchObject({ attempts: 3, delays: [1, 2] });
  expect(asked).toEqual([
    { attempt: 1, status: 503, method: 'POST', url: `${live.server.url}/search` },
    { attempt: 2, status: 502, method: 'POST', url: `${live.server.url}/search` },
  ]);
  expect(live.server.seen.filter((r) => r.url === '/search').map((r) => r.body)).toEqual(Array(3).fill('{"q":"x"}'));

  await expect(api.get('/report')).rejects.toMatchObject({ response: { status: 504 } });
  expect(live.server.seen.filter((r) => r.url === '/report')).toHaveLength(1);
});
