import axios from 'axios';
import { attachStatusPolicy, isStatusPolicyError } from '../../src';
import type { PolicyEvent, RateLimitInfo } from '../../src';
import { useLiveServer } from '../helpers/live-server';

const live = useLiveServer();

describe('rate-limit headers over real HTTP', () => {
  it.each<[string, Record<string, string>, Partial<RateLimitInfo>]>([
    ['RingCentral', { 'X-Rate-Limit-Group': 'medium', 'X-Rate-Limit-Limit': '40', 'X-Rate-Limit-Remaining': '39', 'X-Rate-Limit-Window': '60' }, { source: 'x-rate-limit', policy: 'medium', limit: 40, remaining: 39, windowMs: 60_000 }],
    ['X-RateLimit', { 'X-RateLimit-Limit': '5000', 'X-RateLimit-Remaining': '4999', 'X-RateLimit-Reset': '30' }, { source: 'x-ratelimit', limit: 5000, remaining: 4999, resetMs: 30_000 }],
    ['IETF structured', { RateLimit: '"default";r=50;t=30', 'RateLimit-Policy': '"default";q=100;w=60' }, { source: 'ietf', policy: 'default', limit: 100, remaining: 50, resetMs: 30_000, windowMs: 60_000 }],
    ['IETF older', { RateLimit: 'limit=100, remaining=50, reset=30' }, { source: 'ietf', limit: 100, remaining: 50, resetMs: 30_000 }],
  ])('%s on a response and on an error', async (_name, headers, expected) => {
    let status = 200;
    live.handler = (_req, res) => {
      res.writeHead(status, headers);
      res.end();
    };
    const api = axios.create({ baseURL: live.server.url });
    attachStatusPolicy(api);
    const ok = await api.get('/x');
    expect(ok.statusPolicy?.rateLimit).toMatchObject(expected);
    status = 403;
    const error = await api.get('/x').catch((e: unknown) => e);
    expect(isStatusPolicyError(error) && error.statusPolicy.rateLimit).toMatchObject(expected);
  });

  it('proactive: the request after remaining=0 is held for the reset, then sent', async () => {
    let left = 1;
    live.handler = (_req, res) => {
      left = Math.max(0, left - 1);
      res.writeHead(200, { RateLimit: `"default";r=${left};t=1` });
      res.end();
    };
    const events: PolicyEvent[] = [];
    const api = axios.create({ baseURL: live.server.url });
    attachStatusPolicy(api, { rateLimit: { proactive: true }, onEvent: (e) => events.push(e) });
    const first = await api.get('/a');
    expect(first.statusPolicy?.rateLimit?.remaining).toBe(0);
    await api.get('/b');
    expect(live.server.seen.map((r) => r.url)).toEqual(['/a', '/b']);
    const holds = events.filter((e): e is Extract<PolicyEvent, { type: 'hold' }> => e.type === 'hold');
    expect(holds).toHaveLength(1);
    expect(holds[0]!.origin).toBe(live.server.url);
    expect(holds[0]!.waitMs).toBeGreaterThan(0);
    expect(holds[0]!.waitMs).toBeLessThanOrEqual(1000);
  });
});
