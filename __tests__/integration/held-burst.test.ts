import axios from 'axios';
import { attachStatusPolicy } from '../../src';
import type { PolicyEvent } from '../../src';
import { useLiveServer } from '../helpers/live-server';

// Issue 21: after one 429 with Retry-After: 1, the requests held behind it were released about
// one per second (the allowed rate was cut to one per wait), long after the server was ready.
// The release now follows the server's answers: one probe at the deadline, more per round trip
// while they succeed, no more per period than the server took before it last refused.
const live = useLiveServer();

describe('a held burst drains at the server\'s pace, over real HTTP', () => {
  it('100 held behind one Retry-After: 1 all resolve shortly after the deadline, each sent once', async () => {
    let throttled = false;
    live.handler = (_req, res) => {
      if (!throttled) {
        throttled = true;
        res.writeHead(429, { 'Retry-After': '1' });
        return res.end();
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    };
    const events: PolicyEvent[] = [];
    const api = axios.create({ baseURL: live.server.url });
    const policy = attachStatusPolicy(api, { onEvent: (e) => events.push(e) });

    const first = api.get('/first');
    while (!events.some((e) => e.type === 'retry')) await new Promise((r) => setTimeout(r, 5));
    const start = Date.now();
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => api.get(`/item/${i}`)));
    const elapsed = Date.now() - start;
    await first;
    policy.detach();

    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect(events.filter((e) => e.type === 'hold')).toHaveLength(100);
    // Settled, not crawled: one per second would take 100 s. (A bound, not a speed target.)
    expect(elapsed).toBeLessThan(2500);
    expect(live.server.seen.length).toBeLessThanOrEqual(102);
  }, 20_000);

  it('against a server taking 10 requests a second, 30 at once all succeed in its windows, and at most 60 reach it', async () => {
    let window = -1;
    let used = 0;
    live.handler = (_req, res) => {
      const second = Math.floor(Date.now() / 1000);
      if (second !== window) [window, used] = [second, 0];
      if (++used > 10) {
        res.writeHead(429, { 'Retry-After': '1' });
        return res.end();
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    };
    const api = axios.create({ baseURL: live.server.url });
    const policy = attachStatusPolicy(api, { rateLimit: { maxRetries: 10 } });
    // Start early in a second, so the first burst meets one window.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    const start = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => api.get(`/item/${i}`)));
    const elapsed = Date.now() - start;
    policy.detach();

    expect(results.map((r) => r.status)).toEqual(Array(30).fill('fulfilled'));
    expect(live.server.seen.length).toBeLessThanOrEqual(60);
    // 30 at 10 a second take three of the server's windows (about 3 s); the clock-paced release
    // took more than 5. A bound with room for a loaded machine, not a speed target.
    expect(elapsed).toBeLessThan(4500);
  }, 20_000);
});
