// `npm run build && node bench/outage.mjs [--n 200]`: traffic under an outage. N concurrent GETs
// against a loopback origin that answers 500 to everything; the figure is how many requests the
// origin received in total. Ours with the retry budget (the default), ours with `budget: false`,
// and axios-retry with `retries: 3`. Every retry waits 1 ms, so the run is quick; the counts do
// not depend on timing. Prints a markdown table; `runOutage()` returns the rows for a report.
import axios from 'axios';
import axiosRetry from 'axios-retry';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { attachStatusPolicy } from '../dist/index.js';

async function alwaysFailing() {
  let received = 0;
  const server = http.createServer((req, res) => {
    received++;
    req.resume();
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"message":"down"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    take: () => {
      const n = received;
      received = 0;
      return n;
    },
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

const VARIANTS = {
  'axios-status-policy (retry budget, default)': (api) => attachStatusPolicy(api, { retry: { baseDelayMs: 1 } }),
  'axios-status-policy, `budget: false`': (api) => attachStatusPolicy(api, { retry: { baseDelayMs: 1, budget: false } }),
  'axios-retry (`retries: 3`)': (api) => axiosRetry(api, { retries: 3, retryDelay: () => 1 }),
};

export async function runOutage({ n = 200 } = {}) {
  const origin = await alwaysFailing();
  const rows = [];
  try {
    for (const [name, attach] of Object.entries(VARIANTS)) {
      // A fresh instance (and so a fresh budget) per variant.
      const api = axios.create({ baseURL: origin.url });
      attach(api);
      const outcomes = await Promise.allSettled(Array.from({ length: n }, (_, i) => api.get(`/item/${i}`)));
      rows.push({ name, requests: origin.take(), failed: outcomes.filter((o) => o.status === 'rejected').length });
    }
  } finally {
    await origin.close();
  }
  return { n, bound: 1.2 * n + 100, rows };
}

export function outageTable({ n, bound, rows }) {
  const lines = [
    `${n} concurrent GETs, origin answers 500 to everything; target for ours: ≤ 1.2 × ${n} + 100 = ${bound}.`,
    '',
    '| client | requests the origin received | × the calls made | calls that failed |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.requests} | ${(r.requests / n).toFixed(2)}× | ${r.failed} |`),
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--n');
  console.log(outageTable(await runOutage({ n: i > 0 ? +process.argv[i + 1] : 200 })));
}
