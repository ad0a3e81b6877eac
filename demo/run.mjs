// `npm run demo`: a small local API on 127.0.0.1 answers with each status scenario, a client goes
// through the plugin, and a timeline shows what the server saw, what the policy decided, how long it
// waited and how each call ended. Uses the built package (dist/), exactly as users get it; dist/
// is built first (quietly) only when it is missing or older than src/.
//
// A scenario is a module in demo/scenarios/ exporting:
//   export const title = 'one line';
//   export async function run({ axios, lib, startServer, log, track }) { ... }
// - axios: the axios default export; lib: the built axios-status-policy module
// - startServer(handler): starts node:http on 127.0.0.1 with handler(req, res, body); returns
//   { url, close }; every request it answers is logged as a timeline line
// - log(text): prints a timeline line; track(options): adds an onEvent that logs policy decisions
//   to options and returns them (pass the result to attachStatusPolicy)
import axios from 'axios';
import http from 'node:http';
import { readdir } from 'node:fs/promises';
import { buildIfStale } from './build.mjs';
import { createTimeline } from './timeline.mjs';

buildIfStale();
const lib = await import('../dist/index.js');

const ORDER = ['retry', 'rate-limit', 'auth', 'redirects', 'not-modified', 'multipart'];

const here = new URL('./scenarios/', import.meta.url);
const present = new Set((await readdir(here)).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4)));
const names = [...ORDER.filter((n) => present.has(n)), ...[...present].filter((n) => !ORDER.includes(n)).sort()];

const timeline = createTimeline();
const log = timeline.log;

function describe(event) {
  const what = event.status ?? event.code ?? '';
  switch (event.type) {
    case 'retry':
      return `policy  ${event.policy}: ${what} → retry (attempt ${event.attempt}) after ${Math.round(event.delayMs)} ms`;
    case 'hold':
      // waitMs is the time to the Retry-After deadline as known now; the paced release comes after it.
      return `policy  rateLimit: ${event.config.method?.toUpperCase()} ${event.config.url} held, ${Math.round(event.waitMs)} ms to the Retry-After deadline (origin backing off)`;
    case 'resolve':
      return `policy  ${event.policy}: ${event.status} → resolved`;
    case 'refresh':
      return `policy  auth: refresh ${event.phase} (${event.reason})`;
    case 'redirect':
      return `policy  redirects: ${event.status} → ${event.method} ${event.to}`;
    case 'giveUp':
      return `policy  gave up (${event.reason})${what ? ` on ${what}` : ''}`;
    default:
      return `policy  ${event.type}`;
  }
}

const track = (options = {}) => ({
  ...options,
  onEvent: (event) => {
    log(describe(event));
    options.onEvent?.(event);
  },
});

const servers = [];
async function startServer(handler) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const end = res.end.bind(res);
      res.end = (...args) => {
        log(`server  ${req.method} ${req.url} → ${res.statusCode}`);
        return end(...args);
      };
      // A handler that drops the connection sends no status: say so, or the request looks unseen.
      res.on('close', () => {
        if (!res.writableEnded) log(`server  ${req.method} ${req.url} → connection reset, no response`);
      });
      handler(req, res, body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

let failed = 0;
for (const name of names) {
  const scenario = await import(new URL(`${name}.mjs`, here));
  timeline.heading(scenario.title ?? name);
  try {
    await scenario.run({ axios, lib, startServer, log, track });
  } catch (error) {
    failed++;
    timeline.note(`  ✗ scenario failed: ${error?.stack ?? error}`);
  }
  timeline.flush();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
}
timeline.note(failed ? `\n${failed} scenario(s) failed` : `\nall ${names.length} scenarios ran`);
process.exitCode = failed ? 1 : 0;
