import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { attachStatusPolicy, isCircuitOpen } from '../../src';
import type { Coordinator, PolicyEvent } from '../../src';
import { createTabsCoordinator } from '../../src/coordinator/tabs';
import type { ChannelLike, LockManagerLike, TabsEnv } from '../../src/coordinator/tabs-env';

// The circuit shared between tabs: a tab whose circuit opens posts a notice on the channel (Node's
// own BroadcastChannel here, real asynchronous delivery), the other tabs mirror it. Notices are
// anyone's on the origin, so they are checked on receipt like holds.

const ORIGIN = 'https://api.test';
const SETTINGS = { minRequests: 4, failureRatio: 0.5, windowMs: 10_000, openMs: 30_000 };

/** The breaker takes no lock: one that runs each callback at once is enough. */
const locks: LockManagerLike = { request: (_name, callback) => callback() };
const nodeEnv: TabsEnv = { locks, openChannel: (name) => new BroadcastChannel(name) as unknown as ChannelLike };

async function until(done: () => boolean, turns = 500): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

const detachers: Array<() => void> = [];
afterEach(() => detachers.splice(0).forEach((detach) => detach()));

function tab(coordinator: Coordinator) {
  const api = axios.create({ baseURL: ORIGIN });
  const mock = new MockAdapter(api);
  const events: PolicyEvent[] = [];
  const policy = attachStatusPolicy(api, { retry: false, circuitBreaker: SETTINGS, coordinator, onEvent: (e) => events.push(e) });
  detachers.push(() => policy.detach());
  return { api, mock, events };
}

const outcome = (p: Promise<unknown>): Promise<string> => p.then(() => 'ok', (e: unknown) => (isCircuitOpen(e) ? 'open' : 'failed'));

describe('circuitBreaker between tabs', () => {
  it('a circuit one tab opens refuses the other tab’s requests, nothing sent; another origin still goes', async () => {
    const [a, b] = [createTabsCoordinator({ name: 'cb' }, nodeEnv), createTabsCoordinator({ name: 'cb' }, nodeEnv)].map(tab);
    a!.mock.onGet('/x').reply(500);
    b!.mock.onGet(/.*/).reply(200);
    for (let i = 0; i < 4; i++) expect(await outcome(a!.api.get('/x'))).toBe('failed');
    expect(a!.events.filter((e) => e.type === 'circuit')).toMatchObject([{ origin: ORIGIN, state: 'open' }]);

    let seen = 'ok';
    await until(() => {
      void outcome(b!.api.get('/y')).then((r) => (seen = r));
      return seen === 'open';
    }, 50);
    expect(seen).toBe('open');
    const sent = b!.mock.history.get!.length;
    const error = await b!.api.get('/y').catch((e: unknown) => e);
    expect(isCircuitOpen(error) && error.statusPolicy.retryAfterMs).toBeGreaterThan(29_000);
    expect(b!.mock.history.get).toHaveLength(sent);
    expect(await outcome(b!.api.get('https://elsewhere.test/z'))).toBe('ok');
  });

  it('a notice that is not one a tab posts is ignored, and an open one is cut to this tab’s openMs', async () => {
    const coordinator = createTabsCoordinator({ name: 'cb-noise' }, nodeEnv);
    const t = tab(coordinator);
    t.mock.onGet(/.*/).reply(200);
    // The circuit is made on first use: openMs is then known.
    expect(await outcome(t.api.get('/warm'))).toBe('ok');
    const stranger = new BroadcastChannel('cb-noise:axios-status-policy');
    const protocol = 'axios-status-policy/tabs@1';
    for (const data of [
      { protocol, kind: 'circuit', origin: ORIGIN, state: 'open', until: 'never' },
      { protocol, kind: 'circuit', origin: 'not an origin', state: 'open', until: Date.now() + 60_000 },
      { protocol, kind: 'circuit', origin: ORIGIN, state: 'half-open', until: Date.now() + 60_000 },
    ]) {
      stranger.postMessage(data);
    }
    await until(() => false, 30);
    expect(await outcome(t.api.get('/still'))).toBe('ok');

    // An open for a day is held for this tab's openMs (30 s) at most.
    stranger.postMessage({ protocol, kind: 'circuit', origin: ORIGIN, state: 'open', until: Date.now() + 86_400_000 });
    let refused: unknown;
    await until(() => {
      void t.api.get('/probe').catch((e: unknown) => (refused = e));
      return refused !== undefined;
    }, 50);
    stranger.close();
    expect(isCircuitOpen(refused) && refused.statusPolicy.retryAfterMs).toBeLessThanOrEqual(30_000);
  });
});
