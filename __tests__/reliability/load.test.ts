import axios from 'axios';
import http from 'node:http';
import { attachStatusPolicy } from '../../src';
import type { PolicyEvent } from '../../src';
import { Outcomes } from '../helpers/outcome';
import type { Settled } from '../helpers/outcome';
import { startServer } from '../helpers/server';
import { LOAD } from './settings';
import type { TestServer } from '../helpers/server';

// Load: many concurrent requests through one instance against a real server on 127.0.0.1 that
// answers a mix of statuses and drops connections. RELIABILITY_LOAD scales the request count
// (settings.ts: 200 in npm test, 1000 in test:reliability, 10 000 in the soak).
const TOTAL = LOAD;
// Each request ends within seconds even at soak size; one not settled by then is a hang.
const DEADLINE_MS = 45_000;

/** What each kind of path answers, and what the client must end with. */
const KINDS = {
  ok: { expect: { ok: true, status: 200, attempts: 1 } },
  e500once: { expect: { ok: true, status: 200, attempts: 2 } },
  u503once: { expect: { ok: true, status: 200, attempts: 2 } },
  rl429once: { expect: { ok: true, status: 200, attempts: 2 } },
  dropOnce: { expect: { ok: true, status: 200, attempts: 2 } },
  fail500: { expect: { ok: false, status: 500, attempts: 4, reason: 'max-retries' } },
  missing404: { expect: { ok: false, status: 404, attempts: 1 } },
  post500: { expect: { ok: false, status: 500, attempts: 1, reason: 'not-idempotent' } },
  token401once: { expect: { ok: true, status: 200, attempts: 2 } },
} as const;
type Kind = keyof typeof KINDS;

// Mostly successes, as in life: every 429/503 paces the origin for a moment, so a mix of only
// failures would measure the pacing, not the plumbing.
const kindsInPlay = [
  ...(Object.keys(KINDS) as Kind[]),
  ...Array<Kind>(8).fill('ok'),
];

let server: TestServer;
// Per-test state, reset before each test so neither depends on the other having run.
const hits = new Map<string, number>();
let token: string;
let refreshes: number;
beforeEach(() => {
  hits.clear();
  token = 'Bearer t1';
  refreshes = 0;
});

beforeAll(async () => {
  server = await startServer((req, res, raw) => {
    const n = (hits.get(req.url) ?? 0) + 1;
    hits.set(req.url, n);
    const kind = req.url.split('/')[1] as Kind | 'trigger';
    const send = (status: number, headers: http.OutgoingHttpHeaders = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify({ status }));
    };
    switch (kind) {
      case 'trigger':
        return send(n === 1 ? 429 : 200, { 'retry-after': '1' });
      case 'ok':
        return send(200);
      case 'e500once':
        return send(n === 1 ? 500 : 200);
      case 'u503once':
        return send(n === 1 ? 503 : 200);
      case 'rl429once':
        return send(n === 1 ? 429 : 200, { 'retry-after': '0' });
      case 'dropOnce':
        if (n === 1) return raw.socket.destroy();
        return send(200);
      case 'fail500':
      case 'post500':
        return send(500);
      case 'token401once':
        return send(req.headers.authorization === token ? 200 : 401);
      default:
        return send(404);
    }
  });
});

afterAll(() => server.close());

it(`${TOTAL} concurrent requests through one instance: each settles once, as expected; the hold keeps the server quiet`, async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const api = axios.create({ baseURL: server.url, httpAgent: agent, headers: { Authorization: 'Bearer t0' } });
  const events: PolicyEvent[] = [];
  const handle = attachStatusPolicy(api, {
    // Over half of this mix fails on purpose, far past what the retry budget allows (20 % of the
    // traffic plus 100): the budget would rightly refuse retries here. This campaign checks that
    // every request settles once as scripted; the budget has its own tests (retry-budget.test.ts).
    retry: { baseDelayMs: 5, maxDelayMs: 20, budget: false },
    rateLimit: { baseDelayMs: 5 },
    auth: {
      refresh: () => {
        refreshes++;
        return (token = 'Bearer t2').slice('Bearer '.length);
      },
    },
    onEvent: (e) => events.push(e),
  });

  // One 429 with Retry-After: 1 first: from the moment it is answered, the origin is held.
  let answered429At = 0;
  const trigger = api.get('/trigger/0');
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      const retry = events.find((e) => e.type === 'retry' && e.status === 429);
      if (retry) {
        answered429At = server.seen.find((r) => r.url === '/trigger/0')!.at;
        clearInterval(poll);
        resolve();
      }
    }, 1);
  });
  const seenBefore = server.seen.length;

  const outcomes = new Outcomes(DEADLINE_MS);
  const calls: Array<{ kind: Kind; settled: Promise<Settled> }> = [];
  for (let i = 0; i < TOTAL; i++) {
    const kind = kindsInPlay[i % kindsInPlay.length]!;
    const url = `/${kind}/${i}`;
    const p = kind === 'post500' ? api.post(url, { i }) : api.get(url);
    calls.push({ kind, settled: outcomes.track(p) });
  }
  const results = await Promise.all(calls.map((c) => c.settled));
  await trigger;
  handle.detach();
  agent.destroy();

  if (process.env.RELIABILITY_DEBUG) {
    const buckets = new Map<number, number>();
    for (const r of server.seen) buckets.set(Math.floor((r.at - answered429At) / 500), (buckets.get(Math.floor((r.at - answered429At) / 500)) ?? 0) + 1);
    console.log([...buckets].map(([b, n]) => `${b * 0.5}s:${n}`).join(' '));
  }
  expect([outcomes.started, outcomes.settled]).toEqual([TOTAL, TOTAL]);
  const wrong: string[] = [];
  results.forEach((r, i) => {
    const { kind } = calls[i]!;
    const want: { ok: boolean; status: number; attempts: number; reason?: string } = KINDS[kind].expect;
    const got = { ok: r.ok, status: r.status, attempts: r.attempts, ...(want.reason ? { reason: r.reason } : {}) };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${kind}/${i}: got ${JSON.stringify(got)} (${String(r.error)})`);
    // The server saw exactly the attempts the client reports.
    const seen = hits.get(`/${kind}/${i}`) ?? 0;
    if (seen !== want.attempts) wrong.push(`${kind}/${i}: server saw ${seen} attempts, want ${want.attempts}`);
  });
  expect(wrong.slice(0, 10)).toEqual([]);

  // No request of the burst reached the server inside the Retry-After window (1 s from the 429;
  // 20 ms of slack for timer granularity).
  const burst = server.seen.slice(seenBefore).filter((r) => !r.url.startsWith('/trigger'));
  const early = burst.filter((r) => r.at < answered429At + 1000 - 20);
  expect(early.map((r) => r.url)).toEqual([]);
  expect(refreshes).toBe(1);
}, 60_000 + TOTAL * 50);

it('401 token rotation under load: one refresh for a concurrent burst of expired-token requests', async () => {
  const burst = Math.max(20, Math.round(TOTAL / 10));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const api = axios.create({ baseURL: server.url, httpAgent: agent, headers: { Authorization: 'Bearer t0' } });
  const handle = attachStatusPolicy(api, {
    auth: {
      refresh: () => {
        refreshes++;
        return (token = 'Bearer t2').slice('Bearer '.length);
      },
    },
  });
  const outcomes = new Outcomes(DEADLINE_MS);
  const results = await Promise.all(Array.from({ length: burst }, (_, i) => outcomes.track(api.get(`/token401once/rotation-${i}`))));
  handle.detach();
  agent.destroy();

  expect(refreshes).toBe(1);
  expect([outcomes.started, outcomes.settled]).toEqual([burst, burst]);
  expect(results.filter((r) => !(r.ok && r.status === 200 && r.attempts === 2))).toEqual([]);
  // Each request was sent once with the expired token and once with the new one.
  expect([...hits.values()].filter((n) => n !== 2)).toEqual([]);
  expect(hits.size).toBe(burst);
});
