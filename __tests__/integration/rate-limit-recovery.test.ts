import axios from 'axios';
import { attachStatusPolicy } from '../../src';
import type { PolicyEvent } from '../../src';
import { useLiveServer } from '../helpers/live-server';

// Issue 14: after one 429 the old gate paced every later request from the server's wait, so a
// loop of `await api.get()` crawled for seconds after the deadline. Only what was held is paced:
// once the deadline has passed, a client sending one request at a time is not held at all.
const live = useLiveServer();

/** The server: `/first` answers 429 with `Retry-After: 1` the first time; everything else 200. */
function throttleFirstOnce(): void {
  let throttled = false;
  live.handler = (req, res) => {
    if (req.url === '/first' && !throttled) {
      throttled = true;
      res.writeHead(429, { 'Retry-After': '1' });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  };
}

describe('recovery after one 429, over real HTTP', () => {
  it('ten sequential requests after the deadline are neither held nor delayed', async () => {
    throttleFirstOnce();
    const events: PolicyEvent[] = [];
    const api = axios.create({ baseURL: live.server.url });
    const policy = attachStatusPolicy(api, { onEvent: (e) => events.push(e) });

    const first = await api.get('/first');
    expect(first.statusPolicy).toMatchObject({ attempts: 2, delays: [1000], retryAfterMs: 1000 });
    // The retry waited out the deadline, so it has passed now.
    const sequential = [];
    for (let i = 0; i < 10; i++) sequential.push(await api.get(`/next/${i}`));
    policy.detach();

    expect(live.server.seen.map((r) => r.url)).toEqual([
      '/first',
      '/first',
      ...Array.from({ length: 10 }, (_, i) => `/next/${i}`),
    ]);
    // Nobody was held at the gate, and none of the ten waited for anything.
    expect(events.filter((e) => e.type === 'hold')).toEqual([]);
    for (const response of sequential) expect(response.statusPolicy).toMatchObject({ attempts: 1, delays: [] });
  });

  it('a request held during the wait goes with the retry; the ones after it are not held', async () => {
    throttleFirstOnce();
    const events: PolicyEvent[] = [];
    const api = axios.create({ baseURL: live.server.url });
    const policy = attachStatusPolicy(api, { onEvent: (e) => events.push(e) });

    const first = api.get('/first');
    // Wait until the 429 has been answered and the origin is held.
    while (!events.some((e) => e.type === 'retry')) await new Promise((r) => setTimeout(r, 5));
    await api.get('/during'); // held until the deadline, then paced behind the retry
    await first;
    for (let i = 0; i < 10; i++) await api.get(`/after/${i}`);
    policy.detach();

    const holds = events.filter((e): e is Extract<PolicyEvent, { type: 'hold' }> => e.type === 'hold');
    expect(holds.map((e) => e.config.url)).toEqual(['/during']);
    expect(live.server.seen.map((r) => r.url).slice(0, 3)).toEqual(['/first', '/first', '/during']);
  });
});
